#ifndef TALLY_SELECT_H
#define TALLY_SELECT_H

#include <stddef.h>
#include <stdint.h>

// Selection vectors: the ascending row numbers where a test of a column against constants
// holds, the filter operator's output. `out` must have room for the input's row count plus
// TALLY_SELECT_SLACK: the vector path stores sixteen row numbers at a time and counts only
// the kept ones. Every function returns the number of rows kept. With AVX-512 when the CPU
// has it; the portable loop otherwise; both give the same rows.

/// Extra room `out` needs beyond the input's row count.
#define TALLY_SELECT_SLACK 16

/// Rows i of 0..<count where (uint64)(values[i] - low) <= span, or where it does not when
/// `negate` is 1: every comparison of an integer with constants (`=`, `<>`, `<`, `<=`,
/// `>`, `>=`, BETWEEN) as one unsigned test.
size_t tally_select_int64(const int64_t *values, size_t count, int64_t low, uint64_t span, int negate, int32_t *out);

/// The same test among `rows[0..<count]` (ascending row numbers); a scalar loop.
size_t tally_select_int64_within(const int64_t *values, const int32_t *rows, size_t count, int64_t low, uint64_t span,
                                 int negate, int32_t *out);

/// A comparison of a double with a constant, in DuckDB's order (NaN above every number,
/// the constant never NaN).
typedef enum {
    TALLY_TEST_ALWAYS = 0,
    TALLY_TEST_EQUAL = 1,
    TALLY_TEST_NOT_EQUAL = 2,
    TALLY_TEST_LESS = 3,
    TALLY_TEST_LESS_OR_EQUAL = 4,
    TALLY_TEST_GREATER = 5,
    TALLY_TEST_GREATER_OR_EQUAL = 6,
} tally_double_test;

/// Rows i of 0..<count where `values[i] first k1` and `values[i] second k2` both hold.
size_t tally_select_double(const double *values, size_t count, tally_double_test first, double k1,
                           tally_double_test second, double k2, int32_t *out);

/// The same tests among `rows[0..<count]` (ascending row numbers); a scalar loop.
size_t tally_select_double_within(const double *values, const int32_t *rows, size_t count, tally_double_test first,
                                  double k1, tally_double_test second, double k2, int32_t *out);

/// Rows i of 0..<count where bytes[i] is not 0 (a BOOLEAN vector's values, a truth vector's
/// TRUE when `one_only` is 1: then only bytes equal to 1 count).
size_t tally_select_bytes(const uint8_t *bytes, size_t count, int one_only, int32_t *out);

/// The portable loops alone (the reference the tests compare the vector paths with).
size_t tally_select_int64_portable(const int64_t *values, size_t count, int64_t low, uint64_t span, int negate,
                                   int32_t *out);
size_t tally_select_int64_within_portable(const int64_t *values, const int32_t *rows, size_t count, int64_t low,
                                          uint64_t span, int negate, int32_t *out);
size_t tally_select_double_portable(const double *values, size_t count, tally_double_test first, double k1,
                                    tally_double_test second, double k2, int32_t *out);
size_t tally_select_double_within_portable(const double *values, const int32_t *rows, size_t count,
                                           tally_double_test first, double k1, tally_double_test second, double k2,
                                           int32_t *out);
size_t tally_select_bytes_portable(const uint8_t *bytes, size_t count, int one_only, int32_t *out);

/// 1 when the vector paths above run on this CPU (AVX-512 F, VL, BW and DQ).
int tally_select_has_vector_path(void);

#endif
