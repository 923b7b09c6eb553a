/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * x86_64: physical CPUs and the guest register frame, as the core sees
 * them (kernel/arch.h). The frame layout is fixed by svm_entry.S.
 */
#ifndef TESSERA_ARCH_CPU_H
#define TESSERA_ARCH_CPU_H

#include <stdbool.h>
#include <stdint.h>

#define MAX_PCPUS	16
#define PCPU_STACK_SIZE	16384
/* How the boot line says where the hypervisor runs. */
#define ARCH_HOST_MODE	"in SVM host mode"

/*
 * The guest's general registers in the encoding's order (0 rax, 1 rcx,
 * 2 rdx, 3 rbx, 4 rsp, 5 rbp, 6 rsi, 7 rdi, 8-15 r8-r15), so that a
 * decoded ModRM register number indexes them. rax and rsp also live in
 * the VMCB, which VMRUN loads them from; svm_entry.S keeps the two in
 * step (gpr[0] and gpr[4] are copied around VMRUN, see svm.c).
 */
struct cpu_regs {
	uint64_t gpr[16];
};

struct vcpu;

struct pcpu {
	struct pcpu *self;	/* offset 0: what %gs:0 reads (this_pcpu) */
	uint64_t stack_top;	/* offset 8: hypervisor stack */
	struct cpu_regs *regs;	/* frame of the running vCPU */
	unsigned int id;	/* index in MADT order, boot CPU first */
	uint64_t hwid;		/* x2APIC ID */
	struct vcpu *vcpu;	/* the one vCPU pinned here, or NULL */
	bool online;
	uint32_t lock_order;	/* lock levels held (lib/lockorder.h) */
	uint64_t hsave_pa;	/* VM_HSAVE_PA page: host state across VMRUN */
	uint64_t host_save_pa;	/* VMSAVE of the host's FS, GS, TR... (svm.c) */
};

#if __STDC_HOSTED__ == 0
/* GS base holds this CPU's struct pcpu; until it has one GS points at
 * a zero word, so this reads NULL. */
static inline struct pcpu *this_pcpu(void)
{
	struct pcpu *p;

	asm volatile("mov %%gs:0, %0" : "=r"(p));
	return p;
}

/* Waiters poll (arch_cpu_wait); stores are ordered for them by x86's
 * memory model, the fence only stops the compiler and store buffer. */
static inline void arch_cpus_wake(void)
{
	asm volatile("mfence" ::: "memory");
}

static inline void arch_cpu_wait(void)
{
	asm volatile("pause" ::: "memory");
}

/* DMA is cache-coherent on x86; order the stores before MMIO. */
static inline void arch_dma_barrier(void)
{
	asm volatile("mfence" ::: "memory");
}
#else
#include "lib/host_cpu.h"
#endif

#endif
