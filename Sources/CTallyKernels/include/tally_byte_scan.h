// Finds the bytes that matter to a CSV reader 64 at a time, as bit masks. Swift cannot
// name SSE2's byte compare and move-mask instructions; the functions are `static inline`
// so that the Swift compiler inlines them into the CSV reader's loops.
#ifndef TALLY_BYTE_SCAN_H
#define TALLY_BYTE_SCAN_H

#include <stdint.h>

/// The CSV bytes among 64: bit k of each mask describes byte k.
typedef struct {
    /// Commas.
    uint64_t commas;
    /// Line feeds.
    uint64_t line_feeds;
    /// Quotes.
    uint64_t quotes;
    /// Carriage returns: a record holding one is left to the general reader.
    uint64_t carriage_returns;
} tally_csv_block_masks;

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

/// The masks of p[0..<64]. Reads exactly 64 bytes.
static inline tally_csv_block_masks tally_csv_masks(const uint8_t *p) {
    const __m128i comma = _mm_set1_epi8(','), lf = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r'), quote = _mm_set1_epi8('"');
    tally_csv_block_masks m = {0, 0, 0, 0};
    for (int k = 0; k < 4; k++) {
        __m128i v = _mm_loadu_si128((const __m128i *)(p + 16 * k));
        m.commas |= (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v, comma)) << (16 * k);
        m.line_feeds |= (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v, lf)) << (16 * k);
        m.quotes |= (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v, quote)) << (16 * k);
        m.carriage_returns |= (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v, cr)) << (16 * k);
    }
    return m;
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

/// The masks of p[0..<64]. Reads exactly 64 bytes.
static inline tally_csv_block_masks tally_csv_masks(const uint8_t *p) {
    tally_csv_block_masks m = {0, 0, 0, 0};
    for (int k = 0; k < 64; k++) {
        uint8_t c = p[k];
        m.commas |= (uint64_t)(c == ',') << k;
        m.line_feeds |= (uint64_t)(c == '\n') << k;
        m.quotes |= (uint64_t)(c == '"') << k;
        m.carriage_returns |= (uint64_t)(c == '\r') << k;
    }
    return m;
}
#endif

#endif
