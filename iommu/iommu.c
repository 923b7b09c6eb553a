// SPDX-License-Identifier: GPL-2.0-only
#include "iommu.h"

#include <stddef.h>

#include "arch/guest.h"
#include "domain.h"
#include "irq.h"
#include "lib/printf.h"
#include "pci_dt.h"
#include "pci_host.h"
#include "pci_plan.h"
#include "printk.h"


/* Set once at boot, before any guest runs; read-only afterwards. */
static const struct iommu_driver *active;

/* The tree's quarantine mode for the driver that probed; -1 if the tree
 * names none we know or the driver cannot do it. */
static int quarantine_mode(const struct fdt *fdt)
{
	enum pci_quarantine mode;
	const char *bad;

	if (pci_quarantine_mode(fdt, &mode, &bad)) {
		printk("tessera: error: iommu: /chosen/tessera,iommu-quarantine is \"%s\"; it must be \"abort\" or \"scratch-page\"\n",
		       bad);
		return -1;
	}
	if (mode != PCI_QUARANTINE_SCRATCH)
		return 0;
	if (!active) {
		printk("tessera: iommu: no IOMMU, so tessera,iommu-quarantine has nothing to quarantine\n");
		return 0;
	}
	if (!active->use_scratch || active->use_scratch()) {
		printk("tessera: error: iommu: %s cannot give quarantined devices scratch pages\n",
		       active->name);
		return -1;
	}
	return 0;
}

int iommu_init(const struct fdt *board, const struct fdt *fdt, struct mm_pool *pool)
{
	unsigned int i;

	for (i = 0; platform_iommu_drivers[i] && !active; i++)
		if (!platform_iommu_drivers[i]->probe(board, pool))
			active = platform_iommu_drivers[i];
	if (active)
		printk("tessera: iommu: %s (%s)\n", active->name, active->mode());
	else
		printk("tessera: iommu: none; DMA is not translated, so guests with PCI devices must be direct-mapped\n");
	return quarantine_mode(fdt);
}

void iommu_boot_done(void)
{
	if (active && active->boot_done)
		active->boot_done();
}

bool iommu_isolates_dma(void)
{
	return active != NULL;
}

int iommu_domain_init(struct domain *d)
{
	return active ? active->domain_init(d) : 0;
}

void iommu_domain_teardown(struct domain *d)
{
	if (active)
		active->domain_teardown(d);
}

int iommu_attach(struct domain *d, uint32_t sid)
{
	return active ? active->attach(d, sid) : 0;
}

int iommu_quarantine(uint32_t sid)
{
	return active ? active->quarantine(sid) : 0;
}

void iommu_detach(uint32_t sid)
{
	if (active)
		active->detach(sid);
}

void iommu_flush(struct p2m *p)
{
	if (active)
		active->flush(p);
}

int iommu_ioapic_remap(uint8_t vector, uint32_t dest)
{
	if (!active || !active->ioapic_remap)
		return 1;
	return active->ioapic_remap(vector, dest);
}

int iommu_msi_remap(uint32_t sid, unsigned int index, uint8_t vector, uint32_t dest,
		    struct irq_msi_msg *msg)
{
	if (!active || !active->msi_remap)
		return 1;
	return active->msi_remap(sid, index, vector, dest, msg);
}

bool iommu_irq(unsigned int irq)
{
	return active && active->irq(irq);
}

/*
 * The doorbell at its own address, in the devices' view only: guest
 * addresses below GUEST_DIRECT_MAP_MIN hold nothing but what the
 * hypervisor emulates, so it collides with nothing else.
 */
int iommu_map_msi_doorbell(struct domain *d)
{
	uint64_t base, size;

	if (!active || irq_msi_doorbell(&base, &size))
		return 0;
	if (base + size > GUEST_DIRECT_MAP_MIN || domain_find_mmio(d, base, size)) {
		printk("tessera: error: iommu: %s: the MSI doorbell at 0x%llx collides with its address space\n",
		       d->name, (unsigned long long)base);
		return -1;
	}
	if (p2m_map_dma_only(&d->p2m, base, base, size)) {
		printk("tessera: error: iommu: %s: %s cannot map the MSI doorbell for its devices alone\n",
		       d->name, active->name);
		return -1;
	}
	return 0;
}

/* ---- faults, for the drivers ---- */

_Static_assert(MAX_DOMAINS <= 32, "iommu_fault_stops.domains has a bit per domain");

/* The function behind sid, an endpoint before a bridge (behind a
 * bridge's alias both carry the stream id); NULL if none. */
static const struct pci_dev *stream_func(uint32_t sid)
{
	const struct pci_dev *bridge = NULL;
	unsigned int i;

	for (i = 0; i < pci_host_nr_devs; i++) {
		const struct pci_dev *p = &pci_host_devs[i];

		if (!p->dma.has_sid || p->dma.sid != sid)
			continue;
		if (p->f.header == 0)
			return p;
		bridge = bridge ? bridge : p;
	}
	return bridge;
}

/* The function behind sid and its owner, for the log. */
void iommu_name_stream(uint32_t sid, char sbdf[16], const char **owner)
{
	const struct pci_dev *p = stream_func(sid);

	pci_sbdf_str(p ? p->f.sbdf : sid, sbdf);
	*owner = p ? pci_owner_name(p->owner) : "no function";
}

void iommu_fault_policy(uint32_t sid, struct iommu_fault_stops *stops)
{
	const struct pci_dev *p = stream_func(sid);
	unsigned int i;

	if (!p || p->owner == 0 || p->owner > nr_domains)
		return;
	i = p->owner - 1;
	if (domains[i].dma_fault_stops && !(stops->domains & (1u << i))) {
		stops->domains |= 1u << i;
		stops->sid[i] = sid;
	}
}

void iommu_fault_stops_apply(const struct iommu_fault_stops *stops)
{
	const struct pci_dev *p;
	char why[96], sbdf[16];
	unsigned int i;

	for (i = 0; i < nr_domains; i++) {
		if (!(stops->domains & (1u << i)))
			continue;
		p = stream_func(stops->sid[i]);
		pci_sbdf_str(p ? p->f.sbdf : stops->sid[i], sbdf);
		fmt_snprintf(why, sizeof(why),
			     "%s made a blocked DMA (tessera,dma-fault = \"stop\")", sbdf);
		domain_stop_async(&domains[i], why);
	}
}
