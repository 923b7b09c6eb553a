// SPDX-License-Identifier: GPL-2.0-only
#include "gic.h"
#include "gic_its.h"

#include "arch.h"
#include "lib/caps.h"
#include "lib/fdt.h"
#include "sysreg.h"

#define GICD_CTLR		0x0000
#define GICD_CTLR_RWP		(1u << 31)
#define GICD_CTLR_ARE		(1u << 4)
#define GICD_CTLR_GRP1		(1u << 1)

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
#define GIC_PPI_VTIMER		27
#define ICC_CTLR_EOIMODE	(1u << 1)

static uintptr_t gicd, gicr;
static uint64_t gicr_size;

static inline uint32_t rd32(uintptr_t a)
{
	return *(volatile uint32_t *)a;
}

static inline void wr32(uintptr_t a, uint32_t v)
{
	*(volatile uint32_t *)a = v;
}

static inline uint64_t rd64(uintptr_t a)
{
	return *(volatile uint64_t *)a;
}

int irq_init(const struct fdt *fdt)
{
	int node = fdt_next_compatible(fdt, -1, platform_caps.irqchip);
	uint64_t base, size;

	if (node < 0 || fdt_reg(fdt, node, 0, &base, &size))
		return -1;
	gicd = base;
	if (fdt_reg(fdt, node, 1, &base, &gicr_size))
		return -1;
	gicr = base;
	/* Affinity routing and group 1; firmware has usually done it. */
	wr32(gicd + GICD_CTLR, rd32(gicd + GICD_CTLR) | GICD_CTLR_ARE | GICD_CTLR_GRP1);
	while (rd32(gicd + GICD_CTLR) & GICD_CTLR_RWP)
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

int irq_cpu_init(struct pcpu *p)
{
	uintptr_t rd = gic_redist(p->hwid);

	if (!rd)
		return -1;
	wr32(rd + GICR_WAKER, rd32(rd + GICR_WAKER) & ~GICR_WAKER_SLEEP);
	while (rd32(rd + GICR_WAKER) & GICR_WAKER_ASLEEP)
		;
	wr32(rd + GICR_IGROUPR0, ~0u);		/* all SGIs/PPIs group 1 */
	*(volatile uint8_t *)(rd + GICR_IPRIORITYR + GIC_SGI_KICK) = 0x80;
	*(volatile uint8_t *)(rd + GICR_IPRIORITYR + GIC_PPI_MAINT) = 0x80;
	*(volatile uint8_t *)(rd + GICR_IPRIORITYR + GIC_PPI_VTIMER) = 0x80;
	wr32(rd + GICR_ISENABLER0, 1u << GIC_SGI_KICK | 1u << GIC_PPI_MAINT |
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

#define GICD_IGROUPR		0x0080
#define GICD_ISENABLER		0x0100
#define GICD_IPRIORITYR		0x0400
#define GICD_IROUTER		0x6000

/* Only SPIs can be routed; SGIs and PPIs belong to one CPU. */
#define GIC_FIRST_SPI		32
#define GIC_LAST_SPI		1019

int irq_route(int intid, const struct pcpu *target)
{
	uint64_t m = target->hwid;

	if (intid < GIC_FIRST_SPI || intid > GIC_LAST_SPI)
		return -1;

	*(volatile uint64_t *)(gicd + GICD_IROUTER + 8 * intid) =
		(m & 0xffffff) | ((m >> 32 & 0xff) << 32);
	wr32(gicd + GICD_IGROUPR + 4 * (intid / 32),
	     rd32(gicd + GICD_IGROUPR + 4 * (intid / 32)) | 1u << (intid % 32));
	*(volatile uint8_t *)(gicd + GICD_IPRIORITYR + intid) = 0xa0;
	wr32(gicd + GICD_ISENABLER + 4 * (intid / 32), 1u << (intid % 32));
	return 0;
}

#define GICD_ICFGR		0x0c00

int irq_route_edge(int intid, const struct pcpu *target)
{
	uintptr_t cfg = gicd + GICD_ICFGR + 4 * (intid / 16);

	if (intid < GIC_FIRST_SPI || intid > GIC_LAST_SPI)
		return -1;
	wr32(cfg, rd32(cfg) | 2u << (2 * (intid % 16)));
	return irq_route(intid, target);
}

#define GICD_ICENABLER		0x0180
#define GICD_ICACTIVER		0x0380

void irq_mask(unsigned int intid)
{
	wr32(gicd + GICD_ICENABLER + 4 * (intid / 32), 1u << (intid % 32));
}

void irq_unmask(unsigned int intid)
{
	wr32(gicd + GICD_ISENABLER + 4 * (intid / 32), 1u << (intid % 32));
}

void irq_clear_active(unsigned int intid)
{
	wr32(gicd + GICD_ICACTIVER + 4 * (intid / 32), 1u << (intid % 32));
}

void gic_send_sgi(const struct pcpu *target, unsigned int intid)
{
	uint64_t m = target->hwid;
	uint64_t v = (1ull << (m & 0xf)) | (((m >> 8) & 0xff) << 16) |
		     ((uint64_t)(intid & 0xf) << 24) | (((m >> 16) & 0xff) << 32) |
		     (((m >> 32) & 0xff) << 48);

	dsb(ish);
	write_sysreg(ICC_SGI1R_EL1, v);
	isb();
}

uint32_t gic_ack(void)
{
	uint32_t id = read_sysreg(ICC_IAR1_EL1) & 0xffffff;

	dsb(sy);
	return id;
}

void gic_eoi(uint32_t intid)
{
	write_sysreg(ICC_EOIR1_EL1, intid);
	isb();
}

void gic_deactivate(uint32_t intid)
{
	write_sysreg(ICC_DIR_EL1, intid);
	isb();
}
