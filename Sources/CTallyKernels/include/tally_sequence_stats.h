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

/// The minimum and maximum of values[0..<count] (count >= 1): the engine's checks of a
/// chunk's range (a dense group table's span, whether Int64 sums can overflow). With AVX2
/// when the CPU has it; the portable loop otherwise. Both give the same answer.
void tally_int64_range(const int64_t *values, size_t count, int64_t *min, int64_t *max);

/// The portable loop alone (the reference the tests compare the vector path with).
void tally_int64_range_portable(const int64_t *values, size_t count, int64_t *min, int64_t *max);

/// The minimum and maximum of values[0..<count] (count >= 1), and the number of positions
/// i >= 1 where values[i] differs from values[i - 1]: the shape of a chunk's group numbers
/// (rows of no group, few groups, long runs) the engine's grouped loops are chosen by.
/// With AVX2 when the CPU has it, eight values per step; the portable loop otherwise.
size_t tally_int32_range_and_changes(const int32_t *values, size_t count, int32_t *min, int32_t *max);

/// The portable loop alone.
size_t tally_int32_range_and_changes_portable(const int32_t *values, size_t count, int32_t *min, int32_t *max);

/// The first position at or after `start` (start < count) whose value differs from
/// values[start], or `count`: the end of a run of one group in the engine's runs loops.
/// With AVX2 when the CPU has it, eight values per step; the portable loop otherwise.
size_t tally_int32_run_end(const int32_t *values, size_t start, size_t count);

/// The portable loop alone.
size_t tally_int32_run_end_portable(const int32_t *values, size_t start, size_t count);

#endif
