/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The CPU primitives of arch/cpu.h for host builds of core files (the
 * unit tests' fake architecture, test/unit/fake_arch.c, says which CPU a
 * thread is). Included by each architecture's arch/cpu.h outside the
 * hypervisor build.
 */
#ifndef TESSERA_LIB_HOST_CPU_H
#define TESSERA_LIB_HOST_CPU_H

struct pcpu;

struct pcpu *this_pcpu(void);

static inline void arch_cpus_wake(void)
{
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
}

static inline void arch_cpu_wait(void)
{
}

static inline void arch_dma_barrier(void)
{
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
}

#endif
