#ifndef TALLY_WIDEN_H
#define TALLY_WIDEN_H

#include <stddef.h>
#include <stdint.h>

/// out[i] = base + offsets[i] * scale for i in 0..<count (wrapping), for one- and
/// two-byte offsets: the widening of the engine's narrow resident columns. With AVX2
/// when the CPU has it; the portable loop (which the compiler vectorises for SSE2)
/// otherwise. Both give the same answer.
void tally_widen_u8(const uint8_t *offsets, size_t count, int64_t base, int64_t scale, int64_t *out);
void tally_widen_u16(const uint16_t *offsets, size_t count, int64_t base, int64_t scale, int64_t *out);

#endif
