#ifndef TALLY_CRC32C_H
#define TALLY_CRC32C_H

#include <stddef.h>
#include <stdint.h>

/// Whether this CPU computes CRC-32C in hardware (x86-64 SSE 4.2).
int tally_crc32c_hardware_available(void);

/// Continues a CRC-32C over `count` bytes with the CPU's crc32 instruction. `crc` is the
/// raw register (not inverted). Call only when tally_crc32c_hardware_available().
uint32_t tally_crc32c_hardware_update(uint32_t crc, const void *bytes, size_t count);

#endif
