#include "cpu_features.h"

int tally_cpu_has_avx2(void) {
#if defined(__x86_64__)
    static int known = -1;
    if (known < 0) {
        __builtin_cpu_init();
        known = __builtin_cpu_supports("avx2") ? 1 : 0;
    }
    return known;
#else
    return 0;
#endif
}

int tally_cpu_has_avx512(void) {
#if defined(__x86_64__)
    static int known = -1;
    if (known < 0) {
        __builtin_cpu_init();
        known = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl") &&
                __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512dq") ? 1 : 0;
    }
    return known;
#else
    return 0;
#endif
}
