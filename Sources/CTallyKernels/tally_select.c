// Selection vectors for the filter operator: the rows where a column compares with
// constants as asked. Swift's branch-free loop wrote one row number per row and moved on by
// the test's outcome, about two cycles a row; it was a third of a range filter's statement
// (a03-a05, a11 of Tools/queries/adhoc, per_step 10M). AVX-512 tests sixteen rows at once
// and compresses their row numbers into one store. Chosen at run time, so the binary still
// runs on any x86-64; the portable loops are the reference the tests compare with.
// Among earlier rows (a second conjunct) the loop stays scalar: AVX-512's gathers made a11
// (per_step 10M) 1.65x slower on Zen 4, where a gather of eight values costs more than
// eight loads.
#include "tally_select.h"
#include "cpu_features.h"

static inline int double_holds(tally_double_test t, double x, double k) {
    switch (t) {
    case TALLY_TEST_EQUAL: return x == k;
    case TALLY_TEST_NOT_EQUAL: return !(x == k);
    case TALLY_TEST_LESS: return x < k;
    case TALLY_TEST_LESS_OR_EQUAL: return x <= k;
    // NaN is above every number: `>` is "not <=", `>=` is "not <".
    case TALLY_TEST_GREATER: return !(x <= k);
    case TALLY_TEST_GREATER_OR_EQUAL: return !(x < k);
    default: return 1;
    }
}

size_t tally_select_int64_portable(const int64_t *x, size_t n, int64_t low, uint64_t span, int negate, int32_t *out) {
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        out[k] = (int32_t)i;
        k += (((uint64_t)x[i] - (uint64_t)low <= span) ^ negate) & 1;
    }
    return k;
}

size_t tally_select_int64_within_portable(const int64_t *x, const int32_t *rows, size_t n, int64_t low, uint64_t span,
                                          int negate, int32_t *out) {
    size_t k = 0;
    for (size_t j = 0; j < n; j++) {
        int32_t i = rows[j];
        out[k] = i;
        k += (((uint64_t)x[i] - (uint64_t)low <= span) ^ negate) & 1;
    }
    return k;
}

size_t tally_select_double_portable(const double *x, size_t n, tally_double_test a, double ka, tally_double_test b,
                                    double kb, int32_t *out) {
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        out[k] = (int32_t)i;
        k += double_holds(a, x[i], ka) & double_holds(b, x[i], kb);
    }
    return k;
}

size_t tally_select_double_within_portable(const double *x, const int32_t *rows, size_t n, tally_double_test a,
                                           double ka, tally_double_test b, double kb, int32_t *out) {
    size_t k = 0;
    for (size_t j = 0; j < n; j++) {
        int32_t i = rows[j];
        out[k] = i;
        k += double_holds(a, x[i], ka) & double_holds(b, x[i], kb);
    }
    return k;
}

size_t tally_select_bytes_portable(const uint8_t *t, size_t n, int one_only, int32_t *out) {
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        out[k] = (int32_t)i;
        k += one_only ? t[i] == 1 : t[i] != 0;
    }
    return k;
}

#if defined(__x86_64__)
#include <immintrin.h>

#define AVX512 __attribute__((target("avx512f,avx512vl,avx512bw,popcnt")))

/// The sixteen row numbers `first ..< first + 16`.
AVX512 static inline __m512i sixteen_rows(int32_t first) {
    return _mm512_add_epi32(_mm512_set1_epi32(first),
                            _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15));
}

/// Appends the row numbers of `rows` whose bit of `keep` is set at out[k]; the new count.
/// The compress stays in a register and the whole vector is stored: a compressing store to
/// memory is microcoded and slow on AMD's Zen 4.
AVX512 static inline size_t append_kept(int32_t *out, size_t k, __m512i rows, __mmask16 keep) {
    _mm512_storeu_si512((void *)(out + k), _mm512_maskz_compress_epi32(keep, rows));
    return k + (size_t)__builtin_popcount(keep);
}

AVX512 static inline __mmask8 int64_mask(__m512i v, __m512i low, __m512i span) {
    return _mm512_cmple_epu64_mask(_mm512_sub_epi64(v, low), span);
}

AVX512 static size_t select_int64_512(const int64_t *x, size_t n, int64_t low, uint64_t span, int negate, int32_t *out) {
    const __m512i vlow = _mm512_set1_epi64(low), vspan = _mm512_set1_epi64((int64_t)span);
    const __mmask16 flip = negate ? 0xFFFF : 0;
    size_t k = 0, i = 0;
    for (; i + 16 <= n; i += 16) {
        __mmask16 m = (__mmask16)(int64_mask(_mm512_loadu_si512((const void *)(x + i)), vlow, vspan) |
                                  ((unsigned)int64_mask(_mm512_loadu_si512((const void *)(x + i + 8)), vlow, vspan) << 8));
        k = append_kept(out, k, sixteen_rows((int32_t)i), m ^ flip);
    }
    for (; i < n; i++) {
        out[k] = (int32_t)i;
        k += (((uint64_t)x[i] - (uint64_t)low <= span) ^ negate) & 1;
    }
    return k;
}


/// The lanes of `v` where `v t k` holds (the predicates of `double_holds`).
AVX512 static inline __mmask8 double_mask(tally_double_test t, __m512d v, __m512d k) {
    switch (t) {
    case TALLY_TEST_EQUAL: return _mm512_cmp_pd_mask(v, k, _CMP_EQ_OQ);
    case TALLY_TEST_NOT_EQUAL: return _mm512_cmp_pd_mask(v, k, _CMP_NEQ_UQ);
    case TALLY_TEST_LESS: return _mm512_cmp_pd_mask(v, k, _CMP_LT_OQ);
    case TALLY_TEST_LESS_OR_EQUAL: return _mm512_cmp_pd_mask(v, k, _CMP_LE_OQ);
    case TALLY_TEST_GREATER: return _mm512_cmp_pd_mask(v, k, _CMP_NLE_UQ);
    case TALLY_TEST_GREATER_OR_EQUAL: return _mm512_cmp_pd_mask(v, k, _CMP_NLT_UQ);
    default: return 0xFF;
    }
}

AVX512 static inline __mmask16 double_mask16(tally_double_test a, __m512d ka, tally_double_test b, __m512d kb, __m512d lo,
                                             __m512d hi) {
    __mmask8 l = double_mask(a, lo, ka) & double_mask(b, lo, kb);
    __mmask8 h = double_mask(a, hi, ka) & double_mask(b, hi, kb);
    return (__mmask16)(l | ((unsigned)h << 8));
}

AVX512 static size_t select_double_512(const double *x, size_t n, tally_double_test a, double ka, tally_double_test b,
                                       double kb, int32_t *out) {
    const __m512d va = _mm512_set1_pd(ka), vb = _mm512_set1_pd(kb);
    size_t k = 0, i = 0;
    for (; i + 16 <= n; i += 16) {
        __mmask16 m = double_mask16(a, va, b, vb, _mm512_loadu_pd(x + i), _mm512_loadu_pd(x + i + 8));
        k = append_kept(out, k, sixteen_rows((int32_t)i), m);
    }
    for (; i < n; i++) {
        out[k] = (int32_t)i;
        k += double_holds(a, x[i], ka) & double_holds(b, x[i], kb);
    }
    return k;
}


AVX512 static size_t select_bytes_512(const uint8_t *t, size_t n, int one_only, int32_t *out) {
    const __m512i ones = _mm512_set1_epi8(1);
    size_t k = 0, i = 0;
    for (; i + 64 <= n; i += 64) {
        __m512i v = _mm512_loadu_si512((const void *)(t + i));
        uint64_t m = one_only ? _mm512_cmpeq_epi8_mask(v, ones) : _mm512_test_epi8_mask(v, v);
        for (int q = 0; q < 4; q++) {
            k = append_kept(out, k, sixteen_rows((int32_t)(i + 16 * q)), (__mmask16)(m >> (16 * q)));
        }
    }
    for (; i < n; i++) {
        out[k] = (int32_t)i;
        k += one_only ? t[i] == 1 : t[i] != 0;
    }
    return k;
}
#endif

int tally_select_has_vector_path(void) { return tally_cpu_has_avx512(); }

size_t tally_select_int64(const int64_t *x, size_t n, int64_t low, uint64_t span, int negate, int32_t *out) {
#if defined(__x86_64__)
    if (tally_cpu_has_avx512()) return select_int64_512(x, n, low, span, negate & 1, out);
#endif
    return tally_select_int64_portable(x, n, low, span, negate & 1, out);
}

size_t tally_select_int64_within(const int64_t *x, const int32_t *rows, size_t n, int64_t low, uint64_t span, int negate,
                                 int32_t *out) {
    return tally_select_int64_within_portable(x, rows, n, low, span, negate & 1, out);
}

size_t tally_select_double(const double *x, size_t n, tally_double_test a, double ka, tally_double_test b, double kb,
                           int32_t *out) {
#if defined(__x86_64__)
    if (tally_cpu_has_avx512()) return select_double_512(x, n, a, ka, b, kb, out);
#endif
    return tally_select_double_portable(x, n, a, ka, b, kb, out);
}

size_t tally_select_double_within(const double *x, const int32_t *rows, size_t n, tally_double_test a, double ka,
                                  tally_double_test b, double kb, int32_t *out) {
    return tally_select_double_within_portable(x, rows, n, a, ka, b, kb, out);
}

size_t tally_select_bytes(const uint8_t *t, size_t n, int one_only, int32_t *out) {
#if defined(__x86_64__)
    if (tally_cpu_has_avx512()) return select_bytes_512(t, n, one_only, out);
#endif
    return tally_select_bytes_portable(t, n, one_only, out);
}
