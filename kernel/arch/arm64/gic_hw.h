/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Inside the host GIC driver (gic.c, gic_v3.c, gic_v2.c): what differs
 * between a GICv3 and a GICv2 is behind one ops table, chosen once by
 * irq_init() from the tree's compatible. The distributor registers both
 * versions lay out alike (enables, active, priority, configuration) are
 * gic.c's. Private to the three files.
 */
#ifndef TESSERA_ARM64_GIC_HW_H
#define TESSERA_ARM64_GIC_HW_H

#include <stdint.h>

struct fdt;
struct pcpu;

#define GICD_CTLR		0x0000
#define GICD_IGROUPR		0x0080
#define GICD_ISENABLER		0x0100
#define GICD_ICENABLER		0x0180
#define GICD_ICACTIVER		0x0380
#define GICD_IPRIORITYR		0x0400
#define GICD_ICFGR		0x0c00

#define GIC_PPI_VTIMER		27
#define GIC_PRIO_PRIVATE	0x80	/* kick, maintenance, virtual timer */
#define GIC_PRIO_SPI		0xa0

struct gic_ops {
	const char *name;
	/* The node's frames; the distributor is at gicd already. */
	int (*init)(const struct fdt *fdt, int node);
	int (*cpu_init)(struct pcpu *p);
	/* Send SPI intid to target only (the caller checked it is an SPI). */
	void (*route)(unsigned int intid, const struct pcpu *target);
	void (*send_sgi)(const struct pcpu *target, unsigned int intid);
	uint32_t (*ack)(void);
	void (*eoi)(uint32_t intid);
	void (*deactivate)(uint32_t intid);
};

extern const struct gic_ops gic_v3_ops, gic_v2_ops;
extern uintptr_t gicd;		/* the distributor, set before ops->init */

static inline uint32_t gic_rd32(uintptr_t a)
{
	return *(volatile uint32_t *)a;
}

static inline void gic_wr32(uintptr_t a, uint32_t v)
{
	*(volatile uint32_t *)a = v;
}

static inline void gic_wr8(uintptr_t a, uint8_t v)
{
	*(volatile uint8_t *)a = v;
}

#endif
