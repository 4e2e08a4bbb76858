// Widening the engine's narrow resident columns (one- or two-byte offsets from a base)
// back to 64-bit integers for the operators. Swift's loop stayed scalar (it could not
// tell that the source and the destination do not overlap), a tenth of a full-store
// group-by over three code columns; here `restrict` says so, and AVX2 widens four
// values per instruction. Chosen at run time, so the binary still runs on any x86-64.
#include "tally_widen.h"
#include "cpu_features.h"

// One loop, compiled twice: for baseline x86-64 (SSE2) and for AVX2.
#define WIDEN(NAME, T, ATTRIBUTES)                                                         \
    ATTRIBUTES static void NAME(const T *restrict p, size_t n, int64_t base, int64_t scale, \
                                int64_t *restrict out) {                                   \
        if (scale == 1) {                                                                  \
            for (size_t i = 0; i < n; i++) out[i] = (int64_t)((uint64_t)base + p[i]);      \
        } else {                                                                           \
            for (size_t i = 0; i < n; i++)                                                 \
                out[i] = (int64_t)((uint64_t)base + (uint64_t)p[i] * (uint64_t)scale);     \
        }                                                                                  \
    }
WIDEN(widen_u8_portable, uint8_t, )
WIDEN(widen_u16_portable, uint16_t, )
#if defined(__x86_64__)
WIDEN(widen_u8_avx2, uint8_t, __attribute__((target("avx2"))))
WIDEN(widen_u16_avx2, uint16_t, __attribute__((target("avx2"))))
#endif

void tally_widen_u8(const uint8_t *p, size_t n, int64_t base, int64_t scale, int64_t *out) {
#if defined(__x86_64__)
    if (tally_cpu_has_avx2()) { widen_u8_avx2(p, n, base, scale, out); return; }
#endif
    widen_u8_portable(p, n, base, scale, out);
}

void tally_widen_u16(const uint16_t *p, size_t n, int64_t base, int64_t scale, int64_t *out) {
#if defined(__x86_64__)
    if (tally_cpu_has_avx2()) { widen_u16_avx2(p, n, base, scale, out); return; }
#endif
    widen_u16_portable(p, n, base, scale, out);
}
