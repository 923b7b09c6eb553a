// SPDX-License-Identifier: GPL-2.0-only
/*
 * The host GIC driver's common half: which GIC the tree has (one ops
 * table from then on, gic_hw.h), and the distributor registers GICv3 and
 * GICv2 lay out alike.
 */
#include "gic.h"
#include "gic_hw.h"

#include "arch.h"
#include "arch/gic_compat.h"
#include "lib/fdt.h"
#include "printk.h"

/* In the order of the board check's table (platform caps.c). */
static const struct {
	const char *compatible;
	const struct gic_ops *ops;
} gics[] = {
	{ GIC_COMPAT_V3, &gic_v3_ops },
	{ GIC_COMPAT_V2, &gic_v2_ops },
	{ GIC_COMPAT_V2_A15, &gic_v2_ops },
};

uintptr_t gicd;
/* Set once by irq_init() on the boot CPU, before any other CPU starts. */
static const struct gic_ops *ops;

int irq_init(const struct fdt *fdt)
{
	uint64_t base, size;
	unsigned int i;
	int node;

	for (i = 0; i < sizeof(gics) / sizeof(gics[0]); i++) {
		node = fdt_next_compatible(fdt, -1, gics[i].compatible);
		if (node >= 0)
			break;
	}
	if (i == sizeof(gics) / sizeof(gics[0]) || fdt_reg(fdt, node, 0, &base, &size))
		return -1;
	gicd = base;
	ops = gics[i].ops;
	printk("tessera: interrupt controller %s (%s)\n", ops->name, gics[i].compatible);
	return ops->init(fdt, node);
}

bool gic_is_v2(void)
{
	return ops == &gic_v2_ops;
}

int irq_cpu_init(struct pcpu *p)
{
	return ops->cpu_init(p);
}

/* Only SPIs can be routed; SGIs and PPIs belong to one CPU. */
#define GIC_FIRST_SPI		32
#define GIC_LAST_SPI		1019

int irq_route(int intid, const struct pcpu *target)
{
	if (intid < GIC_FIRST_SPI || intid > GIC_LAST_SPI)
		return -1;
	ops->route(intid, target);
	gic_wr8(gicd + GICD_IPRIORITYR + intid, GIC_PRIO_SPI);
	gic_wr32(gicd + GICD_ISENABLER + 4 * (intid / 32), 1u << (intid % 32));
	return 0;
}

int irq_route_edge(int intid, const struct pcpu *target)
{
	uintptr_t cfg = gicd + GICD_ICFGR + 4 * (intid / 16);

	if (intid < GIC_FIRST_SPI || intid > GIC_LAST_SPI)
		return -1;
	gic_wr32(cfg, gic_rd32(cfg) | 2u << (2 * (intid % 16)));
	return irq_route(intid, target);
}

void irq_mask(unsigned int intid)
{
	gic_wr32(gicd + GICD_ICENABLER + 4 * (intid / 32), 1u << (intid % 32));
}

void irq_unmask(unsigned int intid)
{
	gic_wr32(gicd + GICD_ISENABLER + 4 * (intid / 32), 1u << (intid % 32));
}

void irq_clear_active(unsigned int intid)
{
	gic_wr32(gicd + GICD_ICACTIVER + 4 * (intid / 32), 1u << (intid % 32));
}

void gic_send_sgi(const struct pcpu *target, unsigned int intid)
{
	ops->send_sgi(target, intid);
}

uint32_t gic_ack(void)
{
	return ops->ack();
}

void gic_eoi(uint32_t intid)
{
	ops->eoi(intid);
}

void gic_deactivate(uint32_t intid)
{
	ops->deactivate(intid);
}
