#ifndef TALLY_SEQUENCE_STATS_H
#define TALLY_SEQUENCE_STATS_H

#include <stddef.h>
#include <stdint.h>

/// The minimum and maximum of values[0..<count] (count >= 1), and the number of runs of
/// equal consecutive values (1 + the number of positions where a value differs from the
/// one before). With AVX2 when the CPU has it, four values per step; the portable loop
/// otherwise. Both give the same answer.
size_t tally_int64_range_and_runs(const int64_t *values, size_t count, int64_t *min, int64_t *max);

/// The portable loop alone (the reference the tests compare the vector path with).
size_t tally_int64_range_and_runs_portable(const int64_t *values, size_t count, int64_t *min, int64_t *max);

#endif
