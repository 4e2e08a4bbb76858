// CRC-32C with the x86-64 crc32 instruction (SSE 4.2). Swift cannot name this
// instruction, so this file is the one piece of C in Tally; the portable table-driven
// version stays in Swift (CRC32C.swift) and is the reference the tests compare with.
#include "tally_crc32c.h"

#include <string.h>

#if defined(__x86_64__)
#include <nmmintrin.h>

int tally_crc32c_hardware_available(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("sse4.2");
}

__attribute__((target("sse4.2")))
uint32_t tally_crc32c_hardware_update(uint32_t crc, const void *bytes, size_t count) {
    const unsigned char *p = (const unsigned char *)bytes;
    uint64_t c = crc;
    while (count >= 8) {
        uint64_t word;
        memcpy(&word, p, 8);
        c = _mm_crc32_u64(c, word);
        p += 8;
        count -= 8;
    }
    uint32_t c32 = (uint32_t)c;
    while (count > 0) {
        c32 = _mm_crc32_u8(c32, *p);
        p += 1;
        count -= 1;
    }
    return c32;
}

#else

int tally_crc32c_hardware_available(void) { return 0; }

uint32_t tally_crc32c_hardware_update(uint32_t crc, const void *bytes, size_t count) {
    (void)bytes;
    (void)count;
    return crc;
}

#endif
