// SPDX-License-Identifier: GPL-2.0-only
/*
 * Host GICv3 (gic_hw.h): affinity routing, one redistributor per CPU,
 * the CPU interface by ICC_* system registers, everything in group 1.
 */
#include "gic.h"
#include "gic_hw.h"
#include "gic_its.h"

#include "arch.h"
#include "lib/fdt.h"
#include "sysreg.h"

#define GICD_CTLR_RWP		(1u << 31)
#define GICD_CTLR_ARE		(1u << 4)
#define GICD_CTLR_GRP1		(1u << 1)
#define GICD_IROUTER		0x6000

#define GICR_FRAME_SIZE		0x20000	/* RD_base + SGI_base (GICv3) */
#define GICR_TYPER		0x0008
#define GICR_TYPER_LAST		(1u << 4)
#define GICR_WAKER		0x0014
#define GICR_WAKER_SLEEP	(1u << 1)
#define GICR_WAKER_ASLEEP	(1u << 2)
#define GICR_SGI		0x10000
#define GICR_IGROUPR0		(GICR_SGI + 0x080)
#define GICR_ISENABLER0		(GICR_SGI + 0x100)
#define GICR_IPRIORITYR		(GICR_SGI + 0x400)
#define ICC_CTLR_EOIMODE	(1u << 1)

static uintptr_t gicr;
static uint64_t gicr_size;

static inline uint64_t rd64(uintptr_t a)
{
	return *(volatile uint64_t *)a;
}

static int v3_init(const struct fdt *fdt, int node)
{
	uint64_t base;

	if (fdt_reg(fdt, node, 1, &base, &gicr_size))
		return -1;
	gicr = base;
	/* Affinity routing and group 1; firmware has usually done it. */
	gic_wr32(gicd + GICD_CTLR, gic_rd32(gicd + GICD_CTLR) | GICD_CTLR_ARE | GICD_CTLR_GRP1);
	while (gic_rd32(gicd + GICD_CTLR) & GICD_CTLR_RWP)
		;
	return 0;
}

static uint32_t mpidr_to_aff(uint64_t mpidr)
{
	return (mpidr & 0xffffff) | ((mpidr >> 8) & 0xff000000);
}

uintptr_t gic_redist(uint64_t mpidr)
{
	uintptr_t rd;

	for (rd = gicr; rd < gicr + gicr_size; rd += GICR_FRAME_SIZE) {
		uint64_t typer = rd64(rd + GICR_TYPER);

		if ((typer >> 32) == mpidr_to_aff(mpidr))
			return rd;
		if (typer & GICR_TYPER_LAST)
			break;
	}
	return 0;
}

static int v3_cpu_init(struct pcpu *p)
{
	uintptr_t rd = gic_redist(p->hwid);

	if (!rd)
		return -1;
	gic_wr32(rd + GICR_WAKER, gic_rd32(rd + GICR_WAKER) & ~GICR_WAKER_SLEEP);
	while (gic_rd32(rd + GICR_WAKER) & GICR_WAKER_ASLEEP)
		;
	gic_wr32(rd + GICR_IGROUPR0, ~0u);		/* all SGIs/PPIs group 1 */
	gic_wr8(rd + GICR_IPRIORITYR + GIC_SGI_KICK, GIC_PRIO_PRIVATE);
	gic_wr8(rd + GICR_IPRIORITYR + GIC_PPI_MAINT, GIC_PRIO_PRIVATE);
	gic_wr8(rd + GICR_IPRIORITYR + GIC_PPI_VTIMER, GIC_PRIO_PRIVATE);
	gic_wr32(rd + GICR_ISENABLER0, 1u << GIC_SGI_KICK | 1u << GIC_PPI_MAINT |
				       1u << GIC_PPI_VTIMER);
	its_cpu_init(p, rd);

	write_sysreg(ICC_SRE_EL2, read_sysreg(ICC_SRE_EL2) | 1 | (1 << 3));
	isb();
	write_sysreg(ICC_PMR_EL1, 0xff);
	write_sysreg(ICC_CTLR_EL1, read_sysreg(ICC_CTLR_EL1) | ICC_CTLR_EOIMODE);
	write_sysreg(ICC_IGRPEN1_EL1, 1);
	isb();
	return 0;
}

static void v3_route(unsigned int intid, const struct pcpu *target)
{
	uint64_t m = target->hwid;
	uintptr_t group = gicd + GICD_IGROUPR + 4 * (intid / 32);

	*(volatile uint64_t *)(gicd + GICD_IROUTER + 8 * intid) =
		(m & 0xffffff) | ((m >> 32 & 0xff) << 32);
	gic_wr32(group, gic_rd32(group) | 1u << (intid % 32));
}

static void v3_send_sgi(const struct pcpu *target, unsigned int intid)
{
	uint64_t m = target->hwid;
	uint64_t v = (1ull << (m & 0xf)) | (((m >> 8) & 0xff) << 16) |
		     ((uint64_t)(intid & 0xf) << 24) | (((m >> 16) & 0xff) << 32) |
		     (((m >> 32) & 0xff) << 48);

	dsb(ish);
	write_sysreg(ICC_SGI1R_EL1, v);
	isb();
}

static uint32_t v3_ack(void)
{
	uint32_t id = read_sysreg(ICC_IAR1_EL1) & 0xffffff;

	dsb(sy);
	return id;
}

static void v3_eoi(uint32_t intid)
{
	write_sysreg(ICC_EOIR1_EL1, intid);
	isb();
}

static void v3_deactivate(uint32_t intid)
{
	write_sysreg(ICC_DIR_EL1, intid);
	isb();
}

const struct gic_ops gic_v3_ops = {
	.name = "GICv3",
	.init = v3_init,
	.cpu_init = v3_cpu_init,
	.route = v3_route,
	.send_sgi = v3_send_sgi,
	.ack = v3_ack,
	.eoi = v3_eoi,
	.deactivate = v3_deactivate,
};
