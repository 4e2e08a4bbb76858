#ifndef TALLY_VARINT_H
#define TALLY_VARINT_H

#include <stddef.h>
#include <stdint.h>

/// Writes values[0..<count] as LEB128 varints of the zigzag of each value's difference
/// from the one before (the first from 0; differences wrap), or with `delta` 0 of each
/// value itself. `out` must have room for 10 * count bytes. Returns the number of bytes
/// written.
size_t tally_varint_deltas_encode(const int64_t *values, size_t count, uint8_t *out, int delta);

/// Reads `count` values written by `tally_varint_deltas_encode` (with the same `delta`)
/// from src[0..<length]. Returns the number of bytes read, or -1 if the bytes end early
/// or a varint is longer than 10 bytes.
ptrdiff_t tally_varint_deltas_decode(const uint8_t *src, size_t length, int64_t *out, size_t count, int delta);

#endif
