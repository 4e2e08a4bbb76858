// What the CPU offers beyond baseline x86-64, asked once per process: the kernels with a
// vector path choose it at run time, so the binary still runs on any x86-64.
#ifndef TALLY_CPU_FEATURES_H
#define TALLY_CPU_FEATURES_H

/// 1 when the CPU has AVX2 (0 on other architectures).
int tally_cpu_has_avx2(void);

/// 1 when the CPU has AVX-512 F, VL, BW and DQ (0 on other architectures).
int tally_cpu_has_avx512(void);

#endif
