// SPDX-License-Identifier: GPL-2.0-only
/*
 * Guests' virtual interrupts (kernel/irq.h) on x86_64: device lines (the
 * vUART's IRQ 4) go through the domain's virtual IOAPIC to the vLAPICs.
 * PCI INTx and MSIs come with x86 PCI assignment.
 */
#include "irq.h"

#include "domain.h"
#include "vioapic.h"
#include "vlapic.h"

/* virq numbers are the vIOAPIC's pins (GSIs). */
void virq_set_level(struct domain *d, unsigned int virq, bool level)
{
	vioapic_set_level(d, virq, level);
}

/* An edge on a pin, for one vCPU: the pin's vector, as the guest set it. */
void virq_inject(struct vcpu *target, unsigned int virq)
{
	vioapic_set_level(target->dom, virq, true);
	vioapic_set_level(target->dom, virq, false);
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
