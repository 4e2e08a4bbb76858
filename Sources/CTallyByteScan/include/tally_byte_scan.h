// Finds the bytes that end an unquoted CSV field (comma, LF, CR) 64 at a time, as a bit
// mask. Swift cannot name SSE2's byte compare and move-mask instructions; the function is
// `static inline` so that the Swift compiler inlines it into the CSV reader's loop.
#ifndef TALLY_BYTE_SCAN_H
#define TALLY_BYTE_SCAN_H

#include <stdint.h>

#if defined(__x86_64__) || defined(_M_X64)
#include <emmintrin.h>

/// Bit k is set when p[k] is ',', '\n' or '\r', for k in 0..<64. Reads exactly 64 bytes.
static inline uint64_t tally_csv_field_end_mask(const uint8_t *p) {
    const __m128i comma = _mm_set1_epi8(','), lf = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r');
    uint64_t mask = 0;
    for (int k = 0; k < 4; k++) {
        __m128i v = _mm_loadu_si128((const __m128i *)(p + 16 * k));
        __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, comma), _mm_cmpeq_epi8(v, lf)), _mm_cmpeq_epi8(v, cr));
        mask |= (uint64_t)(uint16_t)_mm_movemask_epi8(hit) << (16 * k);
    }
    return mask;
}
#else
/// Bit k is set when p[k] is ',', '\n' or '\r', for k in 0..<64. Reads exactly 64 bytes.
static inline uint64_t tally_csv_field_end_mask(const uint8_t *p) {
    uint64_t mask = 0;
    for (int k = 0; k < 64; k++) {
        uint8_t c = p[k];
        mask |= (uint64_t)(c == ',' || c == '\n' || c == '\r') << k;
    }
    return mask;
}
#endif

#endif
