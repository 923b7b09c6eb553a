/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * arm64: physical CPUs and the guest register frame, as the core sees
 * them (kernel/arch.h). The frame layout is fixed by vectors.S.
 */
#ifndef TESSERA_ARCH_CPU_H
#define TESSERA_ARCH_CPU_H

#include <stdbool.h>
#include <stdint.h>

#define MAX_PCPUS	16
#define PCPU_STACK_SIZE	16384
/* How the boot line says where the hypervisor runs. */
#define ARCH_HOST_MODE	"at EL2"

/* Saved at every guest exit; offsets fixed by vectors.S. */
struct cpu_regs {
	uint64_t x[31];
	uint64_t elr;
	uint64_t spsr;
};

struct vcpu;

struct pcpu {
	struct cpu_regs *regs;	/* offset 0: frame of the running vCPU */
	uint64_t stack_top;	/* offset 8: hypervisor stack for traps */
	unsigned int id;	/* index in /cpus order */
	uint64_t hwid;		/* MPIDR affinity, as in the cpu node's reg */
	struct vcpu *vcpu;	/* the one vCPU pinned here, or NULL */
	bool online;
	uint32_t lock_order;	/* lock levels held (lib/lockorder.h) */
};

#ifdef __aarch64__
/* TPIDR_EL2 holds this CPU's struct pcpu (NULL until it has one). */
static inline struct pcpu *this_pcpu(void)
{
	uint64_t p;

	asm volatile("mrs %0, tpidr_el2" : "=r"(p));
	return (struct pcpu *)p;
}

/* Make stores visible to other CPUs, then wake those waiting in
 * arch_cpu_wait(). */
static inline void arch_cpus_wake(void)
{
	asm volatile("dsb ish\n\tsev" ::: "memory");
}

/* Sleep until arch_cpus_wake() or an interrupt; may return at once. */
static inline void arch_cpu_wait(void)
{
	asm volatile("wfe" ::: "memory");
}

/* Memory written so far is visible to devices (an IOMMU reading its
 * queues and tables) before any later store, MMIO included. */
static inline void arch_dma_barrier(void)
{
	asm volatile("dsb sy" ::: "memory");
}
#else
#include "lib/host_cpu.h"
#endif

#endif
