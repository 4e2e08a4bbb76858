#ifndef TALLY_CLOCK_H
#define TALLY_CLOCK_H

#include <stddef.h>
#include <stdint.h>

/// out[i] = floor(values[i] / divisor) mod modulus, the remainder taken in 0..<modulus:
/// the hour, minute or second of microseconds since 1970 (divisor 3,600,000,000 and
/// modulus 24, and so on). divisor >= 1, modulus >= 1. With AVX-512 (F, VL, BW, DQ) when
/// the CPU has it: eight values per step through doubles, exact (each quotient corrected
/// by its remainder) for values in 0 ..< 2^52, the portable loop for the rest; both give
/// the same answer.
void tally_clock_parts(const int64_t *values, size_t count, int64_t divisor, int64_t modulus, int64_t *out);

/// The portable loop alone (the reference the tests compare the vector path with).
void tally_clock_parts_portable(const int64_t *values, size_t count, int64_t divisor, int64_t modulus, int64_t *out);

/// 1 when `tally_clock_parts` has its vector path on this CPU.
int tally_clock_parts_has_vector_path(void);

#endif
