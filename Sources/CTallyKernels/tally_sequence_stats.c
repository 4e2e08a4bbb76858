// Statistics of integer sequences, each pass over every value of a chunk:
// - an integer encoder's range and number of runs, before it chooses an encoding (every
//   integer chunk a part writes, two dozen per row);
// - the engine's range of a chunk (is a dense group table small enough, can Int64 sums
//   overflow) and the ends of runs of one group in its runs loops.
// On baseline x86-64 (SSE2 has no 64-bit compare) Swift's loops stayed scalar, about
// eleven instructions a value for the encoder's, two fifths of the exact sums by hour of
// day (many_small 10M) for the engine's; AVX2 compares four 64-bit or eight 32-bit values
// at once. Chosen at run time, so the binary still runs on any x86-64.
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

void tally_int64_range_portable(const int64_t *p, size_t n, int64_t *min, int64_t *max) {
    // Without AVX2 the runs cost one more comparison per value; the same loop serves.
    (void)tally_int64_range_and_runs_portable(p, n, min, max);
}

size_t tally_int32_range_and_changes_portable(const int32_t *p, size_t n, int32_t *min, int32_t *max) {
    int32_t lo = p[0], hi = p[0];
    size_t changes = 0;
    for (size_t i = 1; i < n; i++) {
        int32_t v = p[i];
        lo = v < lo ? v : lo;
        hi = v > hi ? v : hi;
        changes += v != p[i - 1];
    }
    *min = lo;
    *max = hi;
    return changes;
}

size_t tally_int32_run_end_portable(const int32_t *p, size_t start, size_t n) {
    int32_t owner = p[start];
    size_t i = start + 1;
    while (i < n && p[i] == owner) i++;
    return i;
}

#if defined(__x86_64__)
#include <immintrin.h>

/// The least and greatest of the four lanes of `lo` and `hi`.
__attribute__((target("avx2")))
static inline void reduce_range_avx2(__m256i lo, __m256i hi, int64_t *min, int64_t *max) {
    int64_t l[4], h[4];
    _mm256_storeu_si256((__m256i *)l, lo);
    _mm256_storeu_si256((__m256i *)h, hi);
    int64_t a = l[0], b = h[0];
    for (int k = 1; k < 4; k++) {
        a = l[k] < a ? l[k] : a;
        b = h[k] > b ? h[k] : b;
    }
    *min = a;
    *max = b;
}

__attribute__((target("avx2")))
static void range_avx2(const int64_t *p, size_t n, int64_t *min, int64_t *max) {
    // Two pairs of accumulators, so that each blend does not wait on the last.
    __m256i lo0 = _mm256_set1_epi64x(p[0]), hi0 = lo0, lo1 = lo0, hi1 = lo0;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        __m256i v = _mm256_loadu_si256((const __m256i *)(p + i));
        __m256i w = _mm256_loadu_si256((const __m256i *)(p + i + 4));
        lo0 = _mm256_blendv_epi8(lo0, v, _mm256_cmpgt_epi64(lo0, v));
        hi0 = _mm256_blendv_epi8(hi0, v, _mm256_cmpgt_epi64(v, hi0));
        lo1 = _mm256_blendv_epi8(lo1, w, _mm256_cmpgt_epi64(lo1, w));
        hi1 = _mm256_blendv_epi8(hi1, w, _mm256_cmpgt_epi64(w, hi1));
    }
    lo0 = _mm256_blendv_epi8(lo0, lo1, _mm256_cmpgt_epi64(lo0, lo1));
    hi0 = _mm256_blendv_epi8(hi0, hi1, _mm256_cmpgt_epi64(hi1, hi0));
    int64_t a, b;
    reduce_range_avx2(lo0, hi0, &a, &b);
    for (; i < n; i++) {
        int64_t v = p[i];
        a = v < a ? v : a;
        b = v > b ? v : b;
    }
    *min = a;
    *max = b;
}

__attribute__((target("avx2")))
static size_t range_and_changes_avx2(const int32_t *p, size_t n, int32_t *min, int32_t *max) {
    __m256i lo = _mm256_set1_epi32(p[0]), hi = lo, equal = _mm256_setzero_si256();
    size_t i = 1;
    for (; i + 8 <= n; i += 8) {
        __m256i v = _mm256_loadu_si256((const __m256i *)(p + i));
        __m256i previous = _mm256_loadu_si256((const __m256i *)(p + i - 1));
        lo = _mm256_min_epi32(lo, v);
        hi = _mm256_max_epi32(hi, v);
        // Equal lanes are all ones (-1): subtracting counts them (at most n / 8 per lane).
        equal = _mm256_sub_epi32(equal, _mm256_cmpeq_epi32(v, previous));
    }
    int32_t l[8], h[8], e[8];
    _mm256_storeu_si256((__m256i *)l, lo);
    _mm256_storeu_si256((__m256i *)h, hi);
    _mm256_storeu_si256((__m256i *)e, equal);
    int32_t a = l[0], b = h[0];
    size_t same = 0;
    for (int k = 0; k < 8; k++) {
        a = l[k] < a ? l[k] : a;
        b = h[k] > b ? h[k] : b;
        same += (size_t)(uint32_t)e[k];
    }
    for (; i < n; i++) {
        int32_t v = p[i];
        a = v < a ? v : a;
        b = v > b ? v : b;
        same += v == p[i - 1];
    }
    *min = a;
    *max = b;
    return (n - 1) - same;
}

__attribute__((target("avx2")))
static size_t run_end_avx2(const int32_t *p, size_t start, size_t n) {
    const __m256i owner = _mm256_set1_epi32(p[start]);
    size_t i = start + 1;
    for (; i + 8 <= n; i += 8) {
        __m256i v = _mm256_loadu_si256((const __m256i *)(p + i));
        unsigned equal = (unsigned)_mm256_movemask_ps(_mm256_castsi256_ps(_mm256_cmpeq_epi32(v, owner)));
        if (equal != 0xFF) return i + (size_t)__builtin_ctz(~equal);
    }
    while (i < n && p[i] == p[start]) i++;
    return i;
}

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
    int64_t e[4];
    _mm256_storeu_si256((__m256i *)e, equal);
    size_t same = (size_t)(e[0] + e[1] + e[2] + e[3]);
    int64_t a, b;
    reduce_range_avx2(lo, hi, &a, &b);
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

void tally_int64_range(const int64_t *p, size_t n, int64_t *min, int64_t *max) {
#if defined(__x86_64__)
    if (n >= 16 && tally_cpu_has_avx2()) { range_avx2(p, n, min, max); return; }
#endif
    tally_int64_range_portable(p, n, min, max);
}

size_t tally_int32_range_and_changes(const int32_t *p, size_t n, int32_t *min, int32_t *max) {
#if defined(__x86_64__)
    if (n >= 16 && tally_cpu_has_avx2()) return range_and_changes_avx2(p, n, min, max);
#endif
    return tally_int32_range_and_changes_portable(p, n, min, max);
}

size_t tally_int32_run_end(const int32_t *p, size_t start, size_t n) {
#if defined(__x86_64__)
    if (tally_cpu_has_avx2()) return run_end_avx2(p, start, n);
#endif
    return tally_int32_run_end_portable(p, start, n);
}

size_t tally_int64_range_and_runs(const int64_t *p, size_t n, int64_t *min, int64_t *max) {
#if defined(__x86_64__)
    if (n >= 16 && tally_cpu_has_avx2()) return range_and_runs_avx2(p, n, min, max);
#endif
    return tally_int64_range_and_runs_portable(p, n, min, max);
}
