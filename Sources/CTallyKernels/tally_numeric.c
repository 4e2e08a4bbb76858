// Per-row numeric conversions the engine's Swift loops could not vectorise:
// - a DOUBLE cast to an integer type: rounding half to even, a range check and a
//   conversion per row (0.95x DuckDB for `quantity::BIGINT % 7 = 0`, many_small 10M);
// - integer division and remainder by a constant: a hardware division per row, ten to
//   forty cycles, the other half of that query.
// AVX-512 does eight rows at once; chosen at run time, so the binary runs on any x86-64.
#include "tally_numeric.h"
#include "cpu_features.h"
#include <math.h>

int tally_double_to_int64_portable(const double *x, size_t n, int64_t low, int64_t high, const uint8_t *valid,
                                   int64_t *out) {
    int bad = 0;
    for (size_t i = 0; i < n; i++) {
        double r = nearbyint(x[i]);
        // Converted only inside [-2^63, 2^63); NaN fails both tests.
        int converts = r >= -9.223372036854775808e18 && r < 9.223372036854775808e18;
        int64_t v = converts ? (int64_t)r : 0;
        out[i] = v;
        int inside = converts && v >= low && v <= high;
        bad |= !inside && (valid == 0 || valid[i]);
    }
    return bad;
}

void tally_div_mod_int64_portable(const int64_t *x, size_t n, int64_t d, int is_mod, int64_t *out) {
    if (is_mod) {
        for (size_t i = 0; i < n; i++) out[i] = x[i] % d;
    } else {
        for (size_t i = 0; i < n; i++) out[i] = x[i] / d;
    }
}

#if defined(__x86_64__)
#include <immintrin.h>

#define AVX512 __attribute__((target("avx512f,avx512vl,avx512bw,avx512dq")))

AVX512 static int double_to_int64_512(const double *x, size_t n, int64_t low, int64_t high, const uint8_t *valid,
                                      int64_t *out) {
    const __m512d min = _mm512_set1_pd(-9.223372036854775808e18), max = _mm512_set1_pd(9.223372036854775808e18);
    const __m512i vlow = _mm512_set1_epi64(low), vhigh = _mm512_set1_epi64(high);
    __mmask8 bad = 0;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        // Ties to even: the rounding mode's default.
        __m512d r = _mm512_roundscale_pd(_mm512_loadu_pd(x + i), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
        __mmask8 converts = _mm512_cmp_pd_mask(r, min, _CMP_GE_OQ) & _mm512_cmp_pd_mask(r, max, _CMP_LT_OQ);
        __m512i v = _mm512_maskz_cvtpd_epi64(converts, r);
        _mm512_storeu_si512((void *)(out + i), v);
        __mmask8 inside = converts & _mm512_cmpge_epi64_mask(v, vlow) & _mm512_cmple_epi64_mask(v, vhigh);
        __mmask8 counted = 0xFF;
        if (valid) {
            uint64_t bytes;
            __builtin_memcpy(&bytes, valid + i, 8);
            counted = (__mmask8)_mm_cmpneq_epi8_mask(_mm_cvtsi64_si128((long long)bytes), _mm_setzero_si128());
        }
        bad |= (__mmask8)(~inside & counted);
    }
    return (bad != 0) | tally_double_to_int64_portable(x + i, n - i, low, high, valid ? valid + i : 0, out + i);
}

AVX512 static void div_mod_int64_512(const int64_t *x, size_t n, int64_t d, int is_mod, int64_t *out) {
    const __m512i vd = _mm512_set1_epi64(d), zero = _mm512_setzero_si512(), one = _mm512_set1_epi64(1);
    const __m512i limit = _mm512_set1_epi64((int64_t)1 << 52);
    const __m512d reciprocal = _mm512_set1_pd(1.0 / (double)d);
    // |d| as the bound on a remainder's magnitude.
    const __m512i magnitude = _mm512_abs_epi64(vd);
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        __m512i v = _mm512_loadu_si512((const void *)(x + i));
        if (_mm512_cmpge_epu64_mask(_mm512_abs_epi64(v), limit) != 0) {
            tally_div_mod_int64_portable(x + i, 8, d, is_mod, out + i);
            continue;
        }
        // x times the double nearest 1/d truncates to the true quotient below 2^52 (the
        // product's error is less than one part in x, and a whole quotient rounds back to
        // itself), so the corrections below do not fire on the tests' values; they are kept
        // so that the result never rests on that bound alone: the remainder's sign and size
        // say which way a quotient off by one would move.
        __m512i q = _mm512_cvttpd_epi64(_mm512_mul_pd(_mm512_cvtepi64_pd(v), reciprocal));
        __m512i r = _mm512_sub_epi64(v, _mm512_mullo_epi64(q, vd));
        // |r| >= |d| with r of the dividend's sign: one more towards it; r of the other sign
        // (and not 0): one back.
        __mmask8 negative = _mm512_cmplt_epi64_mask(v, zero);
        __mmask8 rNegative = _mm512_cmplt_epi64_mask(r, zero), rPositive = _mm512_cmpgt_epi64_mask(r, zero);
        __mmask8 over = _mm512_cmpge_epi64_mask(_mm512_abs_epi64(r), magnitude) & ~(negative ^ rNegative) & (rNegative | rPositive);
        __mmask8 under = (negative & rPositive) | (~negative & rNegative);
        // A step of the quotient towards the dividend's sign over the divisor's: sign(v) * sign(d).
        __mmask8 positiveStep = ~(negative ^ (__mmask8)(d < 0 ? 0xFF : 0));
        __m512i step = _mm512_mask_blend_epi64(positiveStep, _mm512_sub_epi64(zero, one), one);
        q = _mm512_mask_add_epi64(q, over, q, step);
        q = _mm512_mask_sub_epi64(q, under, q, step);
        if (is_mod) {
            _mm512_storeu_si512((void *)(out + i), _mm512_sub_epi64(v, _mm512_mullo_epi64(q, vd)));
        } else {
            _mm512_storeu_si512((void *)(out + i), q);
        }
    }
    tally_div_mod_int64_portable(x + i, n - i, d, is_mod, out + i);
}
#endif

int tally_double_to_int64(const double *x, size_t n, int64_t low, int64_t high, const uint8_t *valid, int64_t *out) {
#if defined(__x86_64__)
    if (tally_cpu_has_avx512()) return double_to_int64_512(x, n, low, high, valid, out);
#endif
    return tally_double_to_int64_portable(x, n, low, high, valid, out);
}

void tally_div_mod_int64(const int64_t *x, size_t n, int64_t d, int is_mod, int64_t *out) {
#if defined(__x86_64__)
    // |d| below 2^52 keeps 1/d and every product q * d exact enough for one correction.
    if (tally_cpu_has_avx512() && d != 0 && d != -1 && d > -((int64_t)1 << 52) && d < ((int64_t)1 << 52)) {
        div_mod_int64_512(x, n, d, is_mod, out);
        return;
    }
#endif
    tally_div_mod_int64_portable(x, n, d, is_mod, out);
}
