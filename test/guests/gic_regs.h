/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * GICv3 distributor, redistributor and ITS register offsets the test
 * guests use (Arm IHI 0069). Register frames, not the hypervisor's
 * private headers: the guests program the GIC as any OS would.
 */
#ifndef TESSERA_TEST_GIC_REGS_H
#define TESSERA_TEST_GIC_REGS_H

#define GICD_CTLR		0x0000
#define GICD_TYPER		0x0004
#define GICD_IROUTER		0x6000

#define GICR_CTLR		0x0000
#define GICR_TYPER		0x0008
#define GICR_WAKER		0x0014
#define GICR_PROPBASER		0x0070
#define GICR_PENDBASER		0x0078
#define GICR_SGI		0x10000	/* the SGI/PPI frame */

#define GITS_CTLR		0x0000
#define GITS_TYPER		0x0008
#define GITS_CBASER		0x0080
#define GITS_CWRITER		0x0088
#define GITS_CREADR		0x0090
#define GITS_BASER		0x0100
#define GITS_TRANSLATER		0x10040

#endif
