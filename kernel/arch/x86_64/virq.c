// SPDX-License-Identifier: GPL-2.0-only
/*
 * Guests' virtual interrupts (kernel/irq.h) on x86_64: device lines (the
 * vUART's IRQ 4) go through the domain's virtual IOAPIC to the vLAPICs,
 * and its PCI functions' MSIs straight to them (virq_msi). There is no
 * PCI INTx on x86 (kernel/pci_plan.c).
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

/*
 * A guest's MSI message (the address and data it wrote into its
 * function's MSI or MSI-X registers), delivered as the PC's local APICs
 * read it (SDM vol. 3, 11.11): address 0xfeeXXXXX with the destination
 * in bits 19:12 and physical or logical in bit 2, data with the vector
 * in bits 7:0 and fixed or lowest-priority delivery in bits 10:8. It
 * reaches only the domain's own vCPUs, with a vector 16-255; anything
 * else is dropped and said once. The host interrupt behind it is the
 * hypervisor's own (irq_msi_setup), so the guest picks nothing on the
 * host.
 */
bool virq_msi(struct domain *d, uint32_t vdevid, uint64_t addr, uint32_t data)
{
	uint8_t dest = (uint8_t)(addr >> 12), vector = (uint8_t)data;
	unsigned int mode = (data >> 8) & 7, i;
	bool logical = addr & (1u << 2), taken = false;

	(void)vdevid;
	if ((addr >> 20) != 0xfee || vector < 16 || (mode != 0 && mode != 1)) {
		domain_note_once(d, NOTE_MSI,
				 "MSI address 0x%llx data 0x%x is not a fixed or lowest-priority interrupt to a local APIC: dropped",
				 (unsigned long long)addr, data);
		return false;
	}
	for (i = 0; i < d->nr_vcpus && !(taken && (mode == 1 || (!logical && dest != 0xff))); i++)
		if (vlapic_accepts_ioapic(&d->vcpus[i], dest, logical)) {
			vlapic_post(&d->vcpus[i], vector, false);
			taken = true;
		}
	if (!taken)
		domain_note_once(d, NOTE_MSI, "MSI to APIC ID 0x%x, which none of its vCPUs has: dropped",
				 dest);
	return taken;
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
