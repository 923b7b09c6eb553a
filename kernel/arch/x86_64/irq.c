// SPDX-License-Identifier: GPL-2.0-only
/*
 * x86_64 host interrupts (kernel/irq.h): each CPU's local APIC in
 * x2APIC mode, used for kicks between CPUs. Device interrupts are not
 * routed yet (no IOAPIC driver): the console is polled, and there is no
 * host MSI controller. Guests' virtual interrupts go to the vLAPIC.
 */
#include "irq.h"

#include "arch.h"
#include "traps.h"
#include "x86.h"

#define SVR_ENABLE	(1u << 8)

int irq_init(const struct fdt *fdt)
{
	(void)fdt;
	if (!(cpuid(1, 0).ecx & (1u << 21)))
		return -1;	/* no x2APIC */
	return 0;
}

int irq_cpu_init(struct pcpu *p)
{
	(void)p;
	wrmsr(MSR_APIC_BASE, rdmsr(MSR_APIC_BASE) | APIC_BASE_EN);
	wrmsr(MSR_APIC_BASE, rdmsr(MSR_APIC_BASE) | APIC_BASE_EN | APIC_BASE_EXTD);
	wrmsr(MSR_X2APIC_SVR, SVR_ENABLE | SPURIOUS_VECTOR);
	return 0;
}

int irq_route(int irq, const struct pcpu *target)
{
	(void)irq;
	(void)target;
	return -1;
}

int irq_route_edge(int irq, const struct pcpu *target)
{
	return irq_route(irq, target);
}

/* Nothing is ever routed (irq_route says no), so nothing to mask. */
void irq_mask(unsigned int irq)
{
	(void)irq;
}

void irq_unmask(unsigned int irq)
{
	(void)irq;
}

void irq_clear_active(unsigned int irq)
{
	(void)irq;
}

void irq_msi_init(const struct fdt *fdt, struct mm_pool *pool)
{
	(void)fdt;
	(void)pool;
}

bool irq_msi_present(void)
{
	return false;
}

int irq_msi_doorbell(uint64_t *base, uint64_t *size)
{
	(void)base;
	(void)size;
	return -1;
}

int irq_msi_setup(uint32_t devid, unsigned int nvec, const struct pcpu *target, void *cookie,
		  struct irq_msi_msg *msg)
{
	(void)devid;
	(void)nvec;
	(void)target;
	(void)cookie;
	(void)msg;
	return -1;
}

void irq_msi_retarget(uint32_t devid, const struct pcpu *target)
{
	(void)devid;
	(void)target;
}
