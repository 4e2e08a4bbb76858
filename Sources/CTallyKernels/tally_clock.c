// The clock parts of instants (hour, minute, second of microseconds since 1970): a division
// by a constant and a remainder per row. Swift's loop divided with a 64-bit multiply-high,
// which no x86 vector unit has; it was a third of `GROUP BY extract(hour FROM ts)` (a09 of
// Tools/queries/adhoc, per_step 10M) where rows change hour too often for the loop that
// reuses the last row's hour. AVX-512 divides eight values at once through doubles: exact for
// integers below 2^52 (every instant from 1970 to the year 2112), the quotient then
// corrected by one either way from its exact remainder.
#include "tally_clock.h"
#include "cpu_features.h"

static inline int64_t floor_div(int64_t x, int64_t d) {
    int64_t q = x / d;
    return (x % d != 0 && ((x < 0) != (d < 0))) ? q - 1 : q;
}

static inline int64_t part_of(int64_t x, int64_t d, int64_t m) {
    int64_t r = floor_div(x, d) % m;
    return r < 0 ? r + m : r;
}

void tally_clock_parts_portable(const int64_t *x, size_t n, int64_t d, int64_t m, int64_t *out) {
    for (size_t i = 0; i < n; i++) out[i] = part_of(x[i], d, m);
}

#if defined(__x86_64__)
#include <immintrin.h>

#define AVX512 __attribute__((target("avx512f,avx512vl,avx512bw,avx512dq")))

/// floor(x / d) for lanes 0 <= x < 2^52 as exact int64s: x times the double nearest 1/d
/// (two roundings, a relative error below 2^-52, less than one part in x) truncates to the
/// true quotient, which a remainder of 0 would otherwise be the only one to miss; the
/// remainder's check corrects by one either way all the same, so the result never rests on
/// that bound alone. A multiplication, not a division: vdivpd takes several times as long.
AVX512 static inline __m512i quotients(__m512i x, __m512i d, __m512d reciprocal) {
    __m512i q = _mm512_cvttpd_epi64(_mm512_mul_pd(_mm512_cvtepi64_pd(x), reciprocal));
    __m512i r = _mm512_sub_epi64(x, _mm512_mullo_epi64(q, d));
    __mmask8 low = _mm512_cmplt_epi64_mask(r, _mm512_setzero_si512());
    __mmask8 high = _mm512_cmpge_epi64_mask(r, d);
    q = _mm512_mask_sub_epi64(q, low, q, _mm512_set1_epi64(1));
    return _mm512_mask_add_epi64(q, high, q, _mm512_set1_epi64(1));
}

AVX512 static void clock_parts_512(const int64_t *x, size_t n, int64_t d, int64_t m, int64_t *out) {
    const __m512i vd = _mm512_set1_epi64(d), vm = _mm512_set1_epi64(m);
    const __m512d dd = _mm512_set1_pd(1.0 / (double)d), dm = _mm512_set1_pd(1.0 / (double)m);
    const __m512i limit = _mm512_set1_epi64((int64_t)1 << 52);
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        __m512i v = _mm512_loadu_si512((const void *)(x + i));
        // Lanes outside 0 ..< 2^52 (before 1970, after 2112): the block goes the portable way.
        if (_mm512_cmpge_epu64_mask(v, limit) != 0) {
            tally_clock_parts_portable(x + i, 8, d, m, out + i);
            continue;
        }
        __m512i q = quotients(v, vd, dd);
        // q < 2^52 too, so the same step takes it modulo m.
        __m512i w = quotients(q, vm, dm);
        _mm512_storeu_si512((void *)(out + i), _mm512_sub_epi64(q, _mm512_mullo_epi64(w, vm)));
    }
    tally_clock_parts_portable(x + i, n - i, d, m, out + i);
}
#endif

void tally_clock_parts(const int64_t *x, size_t n, int64_t d, int64_t m, int64_t *out) {
#if defined(__x86_64__)
    // d and m exact as doubles, and quotients below 2^52, for the correction to be within one.
    if (tally_cpu_has_avx512() && d > 0 && d < ((int64_t)1 << 52) && m > 0 && m < ((int64_t)1 << 52)) {
        clock_parts_512(x, n, d, m, out);
        return;
    }
#endif
    tally_clock_parts_portable(x, n, d, m, out);
}

int tally_clock_parts_has_vector_path(void) { return tally_cpu_has_avx512(); }
