// Statistics an integer encoder needs before it can choose an encoding: the range and
// the number of runs. This pass touches every value of every integer chunk a part
// writes (two dozen per row), and on baseline x86-64 (SSE2, which has no 64-bit
// compare) Swift's loop takes about eleven instructions a value; AVX2 compares four
// values at once. Chosen at run time, so the binary still runs on any x86-64.
#include "tally_sequence_stats.h"
#include "cpu_features.h"

size_t tally_int64_range_and_runs_portable(const int64_t *p, size_t n, int64_t *min, int64_t *max) {
    int64_t lo = p[0], hi = p[0];
    size_t equal = 0;
    for (size_t i = 1; i < n; i++) {
        int64_t v = p[i];
        lo = v < lo ? v : lo;
        hi = v > hi ? v : hi;
        equal += v == p[i - 1];
    }
    *min = lo;
    *max = hi;
    return n - equal;
}

#if defined(__x86_64__)
#include <immintrin.h>

__attribute__((target("avx2")))
static size_t range_and_runs_avx2(const int64_t *p, size_t n, int64_t *min, int64_t *max) {
    __m256i lo = _mm256_set1_epi64x(p[0]), hi = lo, equal = _mm256_setzero_si256();
    size_t i = 1;
    for (; i + 4 <= n; i += 4) {
        __m256i v = _mm256_loadu_si256((const __m256i *)(p + i));
        __m256i previous = _mm256_loadu_si256((const __m256i *)(p + i - 1));
        lo = _mm256_blendv_epi8(lo, v, _mm256_cmpgt_epi64(lo, v));
        hi = _mm256_blendv_epi8(hi, v, _mm256_cmpgt_epi64(v, hi));
        // Equal lanes are all ones (-1): subtracting counts them.
        equal = _mm256_sub_epi64(equal, _mm256_cmpeq_epi64(v, previous));
    }
    int64_t l[4], h[4], e[4];
    _mm256_storeu_si256((__m256i *)l, lo);
    _mm256_storeu_si256((__m256i *)h, hi);
    _mm256_storeu_si256((__m256i *)e, equal);
    int64_t a = l[0], b = h[0];
    size_t same = (size_t)(e[0] + e[1] + e[2] + e[3]);
    for (int k = 1; k < 4; k++) {
        a = l[k] < a ? l[k] : a;
        b = h[k] > b ? h[k] : b;
    }
    for (; i < n; i++) {
        int64_t v = p[i];
        a = v < a ? v : a;
        b = v > b ? v : b;
        same += v == p[i - 1];
    }
    *min = a;
    *max = b;
    return n - same;
}

#endif

size_t tally_int64_range_and_runs(const int64_t *p, size_t n, int64_t *min, int64_t *max) {
#if defined(__x86_64__)
    if (n >= 16 && tally_cpu_has_avx2()) return range_and_runs_avx2(p, n, min, max);
#endif
    return tally_int64_range_and_runs_portable(p, n, min, max);
}
