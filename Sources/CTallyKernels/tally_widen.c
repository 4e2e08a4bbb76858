// Widening the engine's narrow resident columns (one- or two-byte offsets from a base)
// back to 64-bit integers for the operators. Swift's loop stayed scalar (it could not
// tell that the source and the destination do not overlap), a tenth of a full-store
// group-by over three code columns; here `restrict` says so, and AVX2 widens four
// values per instruction. Chosen at run time, so the binary still runs on any x86-64.
#include "tally_widen.h"

#define PORTABLE(NAME, T)                                                                  \
    static void NAME##_portable(const T *restrict p, size_t n, int64_t base, int64_t scale, \
                                int64_t *restrict out) {                                   \
        if (scale == 1) {                                                                  \
            for (size_t i = 0; i < n; i++) out[i] = (int64_t)((uint64_t)base + p[i]);      \
        } else {                                                                           \
            for (size_t i = 0; i < n; i++)                                                 \
                out[i] = (int64_t)((uint64_t)base + (uint64_t)p[i] * (uint64_t)scale);     \
        }                                                                                  \
    }
PORTABLE(widen_u8, uint8_t)
PORTABLE(widen_u16, uint16_t)

#if defined(__x86_64__)
#define AVX2_VERSION(NAME, T)                                                              \
    __attribute__((target("avx2"))) static void NAME##_avx2(const T *restrict p, size_t n, \
            int64_t base, int64_t scale, int64_t *restrict out) {                          \
        if (scale == 1) {                                                                  \
            for (size_t i = 0; i < n; i++) out[i] = (int64_t)((uint64_t)base + p[i]);      \
        } else {                                                                           \
            for (size_t i = 0; i < n; i++)                                                 \
                out[i] = (int64_t)((uint64_t)base + (uint64_t)p[i] * (uint64_t)scale);     \
        }                                                                                  \
    }
AVX2_VERSION(widen_u8, uint8_t)
AVX2_VERSION(widen_u16, uint16_t)

static int avx2_available(void) {
    static int known = -1;
    if (known < 0) {
        __builtin_cpu_init();
        known = __builtin_cpu_supports("avx2") ? 1 : 0;
    }
    return known;
}
#endif

void tally_widen_u8(const uint8_t *p, size_t n, int64_t base, int64_t scale, int64_t *out) {
#if defined(__x86_64__)
    if (avx2_available()) { widen_u8_avx2(p, n, base, scale, out); return; }
#endif
    widen_u8_portable(p, n, base, scale, out);
}

void tally_widen_u16(const uint16_t *p, size_t n, int64_t base, int64_t scale, int64_t *out) {
#if defined(__x86_64__)
    if (avx2_available()) { widen_u16_avx2(p, n, base, scale, out); return; }
#endif
    widen_u16_portable(p, n, base, scale, out);
}
