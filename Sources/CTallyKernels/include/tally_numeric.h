#ifndef TALLY_NUMERIC_H
#define TALLY_NUMERIC_H

#include <stddef.h>
#include <stdint.h>

/// out[i] = values[i] rounded to the nearest integer, ties to even (DuckDB's cast of a
/// DOUBLE to an integer type). Returns 1 when a row whose `valid` byte is not 0 (`valid`
/// NULL: every row) is NaN or rounds outside low...high; its out[i] is then unspecified,
/// and the caller redoes the chunk row by row to name it. With AVX-512 when the CPU has it.
int tally_double_to_int64(const double *values, size_t count, int64_t low, int64_t high, const uint8_t *valid,
                          int64_t *out);

/// The portable loop alone.
int tally_double_to_int64_portable(const double *values, size_t count, int64_t low, int64_t high, const uint8_t *valid,
                                   int64_t *out);

/// out[i] = values[i] / divisor truncated towards zero (`is_mod` 0) or its remainder, of the
/// dividend's sign (`is_mod` 1), as C and DuckDB divide integers. divisor is neither 0 nor
/// -1. With AVX-512 when the CPU has it: eight quotients at once through doubles, for
/// dividends of magnitude below 2^52 (a hardware division per row otherwise).
void tally_div_mod_int64(const int64_t *values, size_t count, int64_t divisor, int is_mod, int64_t *out);

/// The portable loop alone.
void tally_div_mod_int64_portable(const int64_t *values, size_t count, int64_t divisor, int is_mod, int64_t *out);

#endif
