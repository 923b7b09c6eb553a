// SPDX-License-Identifier: GPL-2.0-only
/*
 * Guests' virtual interrupts (kernel/irq.h) on x86_64. Device lines
 * (the vUART's IRQ 4, PCI INTx) would go through a virtual IOAPIC, which
 * does not exist yet: their levels are dropped (docs/x86.md). MSIs come
 * with x86 PCI assignment.
 */
#include "irq.h"

#include "domain.h"

void virq_set_level(struct domain *d, unsigned int virq, bool level)
{
	(void)d;
	(void)virq;
	(void)level;
}

void virq_inject(struct vcpu *target, unsigned int virq)
{
	(void)target;
	(void)virq;
}

void virq_bind_host(struct domain *d, unsigned int virq, unsigned int irq)
{
	(void)d;
	(void)virq;
	(void)irq;
}

void virq_host_fired(struct domain *d, unsigned int virq)
{
	(void)d;
	(void)virq;
}

bool virq_msi(struct domain *d, uint32_t vdevid, uint64_t addr, uint32_t data)
{
	(void)d;
	(void)vdevid;
	(void)addr;
	(void)data;
	return false;
}

int virq_msi_init(struct domain *d)
{
	(void)d;
	return 0;
}

void virq_reset_lines(struct domain *d)
{
	(void)d;
}
