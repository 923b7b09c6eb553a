// SPDX-License-Identifier: GPL-2.0-only
#include "arch_vcpu.h"

#include "arch_mmu.h"
#include "domain.h"
#include "gic.h"
#include "lib/string.h"

void arch_vcpu_start(struct vcpu *v)
{
	struct pcpu *p = v->pcpu;
	struct domain *d = v->dom;

	memset(&v->regs, 0, sizeof(v->regs));
	v->regs.x[0] = v->context;
	v->regs.elr = v->entry;
	v->regs.spsr = SPSR_EL1H_MASKED;

	/* A fresh EL1 for this (re)start: MMU and caches off, no stale
	 * translations of a previous run. */
	write_sysreg(sctlr_el1, SCTLR_EL1_RESET);
	write_sysreg(vmpidr_el2, (1ull << 31) | vcpu_mpidr(v));
	stage2_load(d->vtcr, d->vttbr);
	vgic_vcpu_reset(v);
	stage2_flush_tlb();
	asm volatile("ic iallu" ::: "memory");
	dsb(ish);
	isb();
	p->regs = &v->regs;
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
