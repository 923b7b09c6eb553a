// SPDX-License-Identifier: GPL-2.0-only
/*
 * The test guests on a GICv2 (Arm IHI 0048B), as the guest's own tree
 * gives it (arm,gic-400 or arm,cortex-a15-gic: GICD, then GICC): the
 * distributor and CPU interface by MMIO, SGIs by GICD_SGIR. What main.c
 * does with ICC_* system registers and redistributors on a GICv3.
 * Everything in group 0, which the CPU interface signals as IRQ.
 */
#include "guest.h"

#define GICD_CTLR		0x000
#define GICD_TYPER		0x004
#define GICD_IGROUPR		0x080
#define GICD_ISENABLER		0x100
#define GICD_ISPENDR		0x200
#define GICD_ISACTIVER		0x300
#define GICD_IPRIORITYR		0x400
#define GICD_ITARGETSR		0x800
#define GICD_ICFGR		0xc00
#define GICD_SGIR		0xf00
#define GICD_SPENDSGIR		0xf20

#define GICC_CTLR		0x000
#define GICC_PMR		0x004
#define GICC_IAR		0x00c
#define GICC_EOIR		0x010

uintptr_t gicc;

void gicv2_setup(void)
{
	int i;

	mmio_write32(gicd + GICD_CTLR, 1);	/* group 0 */
	for (i = 0; i < 8; i++)
		mmio_write32(gicd + GICD_IPRIORITYR + 4 * i, 0x80808080);
	mmio_write32(gicd + GICD_ISENABLER, 0xffff);
	mmio_write32(gicc + GICC_PMR, 0xff);
	mmio_write32(gicc + GICC_CTLR, 1);
	asm volatile("msr daifclr, #2" ::: "memory");
}

/* The whole GICC_IAR: its CPUID bits go back in the EOI. */
uint32_t gicv2_ack(void)
{
	return mmio_read32(gicc + GICC_IAR);
}

void gicv2_eoi(uint32_t iar)
{
	mmio_write32(gicc + GICC_EOIR, iar);
}

void gicv2_sgi(unsigned int filter, unsigned int list, unsigned int sgi)
{
	asm volatile("dsb ish" ::: "memory");
	mmio_write32(gicd + GICD_SGIR, filter << 24 | list << 16 | sgi);
}

static void write_bank(uintptr_t base, unsigned int bytes, uint32_t v)
{
	unsigned int off;

	for (off = 0; off < bytes; off += 4)
		mmio_write32(base + off, v);
}

/* gic-attack on a GICv2: SGIs with every target list and filter (3 is
 * reserved), the pending-SGI registers, every SPI and private register
 * set, every target byte naming every CPU interface. */
void gicv2_attack(void)
{
	unsigned int sgi, f;

	for (sgi = 0; sgi < 16; sgi++)
		for (f = 0; f < 4; f++)
			gicv2_sgi(f, 0xff, sgi);
	write_bank(gicd + GICD_SPENDSGIR, 0x10, ~0u);
	mmio_write32(gicd + GICD_CTLR, 3);
	write_bank(gicd + GICD_IGROUPR, 0x80, ~0u);
	write_bank(gicd + GICD_ISENABLER, 0x80, ~0u);
	write_bank(gicd + GICD_ISPENDR, 0x80, ~0u);
	write_bank(gicd + GICD_ISACTIVER, 0x80, ~0u);
	write_bank(gicd + GICD_IPRIORITYR, 0x400, 0);
	write_bank(gicd + GICD_ITARGETSR, 0x400, ~0u);
	write_bank(gicd + GICD_ICFGR, 0x100, ~0u);
	print("gicv2: TYPER 0x%x\n", mmio_read32(gicd + GICD_TYPER));
}
