// SPDX-License-Identifier: GPL-2.0-only
/*
 * Host GICv2 with the virtualization extensions (gic_hw.h), as on a
 * GIC-400: the distributor routes by CPU-interface masks (ITARGETSR),
 * the CPU interface is the GICC frame, SGIs go through GICD_SGIR. The
 * node's reg is GICD, GICC, GICH, GICV (the arm,gic-400 binding); the
 * virtual GICv2 uses the last two (vgic_v2.c, vgic_lr_v2.c).
 *
 * Everything stays in group 0 as reset leaves it: without the Security
 * Extensions group 0 is what GICC_IAR acknowledges; behind secure
 * firmware the Non-secure view sees only group 1, the same bits.
 */
#include "gic.h"
#include "gic_hw.h"

#include "arch.h"
#include "arch/guest.h"	/* GUEST_GICC_SIZE: what each guest maps of GICV */
#include "lib/fdt.h"
#include "lib/spinlock.h"
#include "pgtable.h"
#include "printk.h"
#include "sysreg.h"

#define GICD_ITARGETSR		0x0800
#define GICD_SGIR		0x0f00
#define GICD_CTLR_ENABLE	(1u << 0)

#define GICC_CTLR		0x0000
#define GICC_PMR		0x0004
#define GICC_IAR		0x000c
#define GICC_EOIR		0x0010
#define GICC_DIR		0x1000	/* the second 4 KiB page */
#define GICC_CTLR_ENABLE	(1u << 0)
#define GICC_CTLR_EOIMODE	(1u << 9)	/* EOImodeNS in the Non-secure view */
#define GICC_IAR_ID		0x3ff

#define GIC_PPI_BASE		16	/* PPI n is INTID 16 + n */

static uintptr_t gicc, gich;
static uint64_t gicv;
/*
 * Each pCPU's CPU-interface mask, known only once that CPU has read it
 * (v2_cpu_init), and the SPIs routed to a CPU before then (main.c
 * routes a guest's lines when it builds the domain, and starts the CPU
 * afterwards): route_to[intid] is the pCPU id + 1, or 0. Both under
 * targets_lock, which also orders the ITARGETSR writes.
 */
#define GIC_NR_INTIDS		1020
static spinlock_t targets_lock = SPINLOCK_INIT;
static uint8_t cpu_if[MAX_PCPUS];
static uint8_t route_to[GIC_NR_INTIDS];
/* The last GICC_IAR each CPU read, whole: an SGI's EOI and deactivation
 * must name its source CPU too. Only its own CPU touches an entry, with
 * interrupts masked at EL2. */
static uint32_t last_iar[MAX_PCPUS];
static unsigned int maint_intid = GIC_PPI_MAINT;

/* The maintenance PPI from the node's interrupts (<1 n flags>); a PPI
 * number past the 16 there are keeps the architecture's default. */
static void read_maint(const struct fdt *fdt, int node)
{
	int len;
	const uint8_t *p = fdt_getprop(fdt, node, "interrupts", &len);
	uint64_t ppi;

	if (!p || len < 12 || fdt_cells_to_u64(p, 1) != 1)
		return;
	ppi = fdt_cells_to_u64(p + 4, 1);
	if (ppi < 16)
		maint_intid = GIC_PPI_BASE + (unsigned int)ppi;
	else
		printk("tessera: gic: maintenance PPI %llu is no PPI; using %u\n",
		       (unsigned long long)ppi, maint_intid - GIC_PPI_BASE);
}

/*
 * Frames too small or unaligned for what is done with them: GICC_DIR at
 * +0x1000, the list registers up to +0x200, and GICV mapped whole pages
 * into every guest, where a short or unaligned frame would hand out the
 * host page after it. NULL, or which frame.
 */
static const char *frames_error(uint64_t gicc_size, uint64_t gich_size, uint64_t gicv_base,
				uint64_t gicv_size)
{
	if (gicc_size < 0x2000)
		return "its GICC frame is under 8 KiB";
	if (gich_size < 0x200)
		return "its GICH frame is under 512 bytes";
	if (gicv_base % PAGE_SIZE || gicv_size < GUEST_GICC_SIZE)
		return "its GICV frame is not 8 KiB on a page boundary";
	return NULL;
}

static int v2_init(const struct fdt *fdt, int node)
{
	uint64_t base, gicc_size, gich_size, gicv_size;
	const char *why;

	if (fdt_reg(fdt, node, 1, &base, &gicc_size))
		return -1;
	gicc = base;
	if (fdt_reg(fdt, node, 2, &base, &gich_size) || fdt_reg(fdt, node, 3, &gicv, &gicv_size)) {
		printk("tessera: error: the GIC has no virtualization extensions (no GICH and GICV in its reg)\n");
		return -1;
	}
	why = frames_error(gicc_size, gich_size, gicv, gicv_size);
	if (why) {
		printk("tessera: error: the GIC cannot be used: %s\n", why);
		return -1;
	}
	gich = base;
	read_maint(fdt, node);
	gic_wr32(gicd + GICD_CTLR, gic_rd32(gicd + GICD_CTLR) | GICD_CTLR_ENABLE);
	return 0;
}

uintptr_t gic_v2_gich(void)
{
	return gich;
}

uint64_t gic_v2_gicv(void)
{
	return gicv;
}

static int v2_cpu_init(struct pcpu *p)
{
	/* SGI 0's target byte is banked: it reads this CPU's own mask
	 * (0 on a uniprocessor GIC, which has only interface 0). */
	uint8_t self = *(volatile uint8_t *)(gicd + GICD_ITARGETSR);
	unsigned int intid;

	spin_lock(&targets_lock);
	cpu_if[p->id] = self ? self : 1;
	for (intid = 32; intid < GIC_NR_INTIDS; intid++)
		if (route_to[intid] == p->id + 1)
			gic_wr8(gicd + GICD_ITARGETSR + intid, cpu_if[p->id]);
	spin_unlock(&targets_lock);
	gic_wr8(gicd + GICD_IPRIORITYR + GIC_SGI_KICK, GIC_PRIO_PRIVATE);
	gic_wr8(gicd + GICD_IPRIORITYR + maint_intid, GIC_PRIO_PRIVATE);
	gic_wr8(gicd + GICD_IPRIORITYR + GIC_PPI_VTIMER, GIC_PRIO_PRIVATE);
	gic_wr32(gicd + GICD_ISENABLER, 1u << GIC_SGI_KICK | 1u << maint_intid |
					1u << GIC_PPI_VTIMER);
	gic_wr32(gicc + GICC_PMR, 0xff);
	gic_wr32(gicc + GICC_CTLR, GICC_CTLR_ENABLE | GICC_CTLR_EOIMODE);
	isb();
	return 0;
}

/* The SPI reaches no CPU until its target's interface is known: the
 * line is enabled right after this, and a mask of 0 forwards nothing. */
static void v2_route(unsigned int intid, const struct pcpu *target)
{
	if (intid < 32 || intid >= GIC_NR_INTIDS)
		return;
	spin_lock(&targets_lock);
	route_to[intid] = target->id + 1;
	gic_wr8(gicd + GICD_ITARGETSR + intid, cpu_if[target->id]);
	spin_unlock(&targets_lock);
}

/* Only to a CPU that is up (arch_kick's targets run vCPUs). */
static void v2_send_sgi(const struct pcpu *target, unsigned int intid)
{
	dsb(ish);
	/* TargetListFilter 0: exactly the CPUs in the list. */
	gic_wr32(gicd + GICD_SGIR, (uint32_t)cpu_if[target->id] << 16 | (intid & 0xf));
}

static uint32_t v2_ack(void)
{
	uint32_t iar = gic_rd32(gicc + GICC_IAR);

	dsb(sy);
	last_iar[this_pcpu()->id] = iar;
	return iar & GICC_IAR_ID;
}

/* intid with the source CPU of its acknowledgement, if it was the last. */
static uint32_t as_acked(uint32_t intid)
{
	uint32_t iar = last_iar[this_pcpu()->id];

	return (iar & GICC_IAR_ID) == intid ? iar : intid;
}

static void v2_eoi(uint32_t intid)
{
	gic_wr32(gicc + GICC_EOIR, as_acked(intid));
}

static void v2_deactivate(uint32_t intid)
{
	gic_wr32(gicc + GICC_DIR, as_acked(intid));
}

const struct gic_ops gic_v2_ops = {
	.name = "GICv2",
	.init = v2_init,
	.cpu_init = v2_cpu_init,
	.route = v2_route,
	.send_sgi = v2_send_sgi,
	.ack = v2_ack,
	.eoi = v2_eoi,
	.deactivate = v2_deactivate,
};
