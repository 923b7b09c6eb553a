/* SPDX-License-Identifier: GPL-2.0-only */
/* Physical CPUs and the guest register frame (layout used by vectors.S). */
#ifndef TESSERA_ARM64_CPU_H
#define TESSERA_ARM64_CPU_H

#include <stdbool.h>
#include <stdint.h>

#include "sysreg.h"

#define MAX_PCPUS	16
#define PCPU_STACK_SIZE	16384

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
	uint64_t mpidr;		/* affinity, as in the cpu node's reg */
	struct vcpu *vcpu;	/* the one vCPU pinned here, or NULL */
	bool online;
	uint32_t lock_order;	/* lock levels held (lib/lockorder.h) */
};

extern struct pcpu pcpus[MAX_PCPUS];
extern unsigned int nr_pcpus;

static inline struct pcpu *this_pcpu(void)
{
	return (struct pcpu *)read_sysreg(tpidr_el2);
}

struct fdt;
/* Read /cpus; the boot CPU becomes the one whose MPIDR matches. */
int smp_discover(const struct fdt *fdt);
/* Start p through PSCI; it runs secondary_main(p). */
int smp_start_cpu(struct pcpu *p);
/* Set up the calling CPU for running guests (HCR, timers, GIC). */
void cpu_init_el2(struct pcpu *p);

/* Enter the guest frame in p->regs on a fresh stack; does not return. */
void arch_guest_enter(struct pcpu *p) __attribute__((noreturn));

#endif
