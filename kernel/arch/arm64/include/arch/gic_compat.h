/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The GIC nodes Tessera drives, by compatible: one list for the host
 * driver (gic.c), the board check (platform caps) and the guest-tree
 * builder, which gives a guest the board's GIC version.
 */
#ifndef TESSERA_ARCH_GIC_COMPAT_H
#define TESSERA_ARCH_GIC_COMPAT_H

#define GIC_COMPAT_V3		"arm,gic-v3"
/* A GICv2 (a GIC-400, or the Cortex-A15's that QEMU's virt board has):
 * usable only with the virtualization extensions, its reg then GICD,
 * GICC, GICH, GICV. */
#define GIC_COMPAT_V2		"arm,gic-400"
#define GIC_COMPAT_V2_A15	"arm,cortex-a15-gic"
#define GIC_V2_NR_REGS		4

#endif
