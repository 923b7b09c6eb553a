// SPDX-License-Identifier: GPL-2.0-only
/* arm64 vCPUs: entering a guest in its boot state, kicking, power. */
#include "arch.h"

#include "domain.h"
#include "gic.h"
#include "lib/string.h"
#include "mmu.h"
#include "psci.h"
#include "sysreg.h"
#include "vgic.h"

void arch_guest_enter(struct pcpu *p) __attribute__((noreturn));

/* The guest-visible MPIDR: Aff0 is the vCPU id (vpsci.c reads it back). */
static uint64_t vcpu_mpidr(const struct vcpu *v)
{
	return v->id;
}

void arch_vcpu_start(struct vcpu *v)
{
	struct pcpu *p = v->pcpu;
	struct domain *d = v->dom;

	memset(&v->arch.regs, 0, sizeof(v->arch.regs));
	v->arch.regs.x[0] = v->context;
	v->arch.regs.elr = v->entry;
	v->arch.regs.spsr = SPSR_EL1H_MASKED;

	/* A fresh EL1 for this (re)start: MMU and caches off, no stale
	 * translations of a previous run. */
	write_sysreg(sctlr_el1, SCTLR_EL1_RESET);
	write_sysreg(vmpidr_el2, (1ull << 31) | vcpu_mpidr(v));
	stage2_load(d->arch.vtcr, d->arch.vttbr);
	vgic_vcpu_reset(v);
	stage2_flush_tlb();
	asm volatile("ic iallu" ::: "memory");
	dsb(ish);
	isb();
	p->regs = &v->arch.regs;
	arch_guest_enter(p);
}

void arch_kick(struct pcpu *p)
{
	if (p && p != this_pcpu())
		gic_send_sgi(p, GIC_SGI_KICK);
}

void arch_power_off(void)
{
	psci_system_off();
}
