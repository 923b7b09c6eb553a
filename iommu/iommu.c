// SPDX-License-Identifier: GPL-2.0-only
#include "iommu.h"

#include <stddef.h>

#include "printk.h"

/* The drivers this build has, tried in order. */
extern const struct iommu_driver smmuv3_driver;
static const struct iommu_driver *const drivers[] = { &smmuv3_driver, NULL };

/* Set once at boot, before any guest runs; read-only afterwards. */
static const struct iommu_driver *active;

int iommu_init(const struct fdt *fdt, struct mm_pool *pool)
{
	unsigned int i;

	for (i = 0; drivers[i]; i++)
		if (!drivers[i]->probe(fdt, pool)) {
			active = drivers[i];
			printk("tessera: iommu: %s (%s)\n", active->name, active->mode());
			return 0;
		}
	printk("tessera: iommu: none; DMA is not translated, so guests with PCI devices must be direct-mapped\n");
	return 0;
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

bool iommu_irq(unsigned int irq)
{
	return active && active->irq(irq);
}
