#include "tally_varint.h"
#include <string.h>

size_t tally_varint_deltas_encode(const int64_t *values, size_t count, uint8_t *out, int delta) {
    uint8_t *o = out;
    uint64_t prev = 0;
    for (size_t i = 0; i < count; i++) {
        uint64_t v = (uint64_t)values[i];
        uint64_t d = v - prev;
        prev = delta ? v : 0;
        uint64_t z = (d << 1) ^ (uint64_t)((int64_t)d >> 63);
        while (z >= 0x80) {
            *o++ = (uint8_t)(z | 0x80);
            z >>= 7;
        }
        *o++ = (uint8_t)z;
    }
    return (size_t)(o - out);
}

ptrdiff_t tally_varint_deltas_decode(const uint8_t *src, size_t length, int64_t *out, size_t count, int delta) {
    size_t p = 0;
    uint64_t acc = 0;
    for (size_t i = 0; i < count; i++) {
        uint64_t z;
        // One-byte deltas (the common case) take the short path.
        if (p < length && src[p] < 0x80) {
            z = src[p++];
        } else {
            z = 0;
            unsigned shift = 0;
            for (;;) {
                if (p >= length || shift >= 64) return -1;
                uint8_t b = src[p++];
                z |= (uint64_t)(b & 0x7f) << shift;
                if (b < 0x80) break;
                shift += 7;
            }
        }
        uint64_t v = (z >> 1) ^ (0 - (z & 1));
        acc = delta ? acc + v : v;
        out[i] = (int64_t)acc;
    }
    return (ptrdiff_t)p;
}
