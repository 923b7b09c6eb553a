/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host GIC, as much as the hypervisor needs: the host-line half of
 * kernel/irq.h, per-CPU interface set-up, and one SGI to kick another
 * CPU out of its guest (a domain being stopped or reset). A GICv3
 * (gic_v3.c: system-register CPU interface, redistributors) or a GICv2
 * with the virtualization extensions (gic_v2.c: GICC, GICH and GICV
 * frames), whichever the tree's GIC node is (gic.c picks once).
 */
#ifndef TESSERA_ARM64_GIC_H
#define TESSERA_ARM64_GIC_H

#include <stdbool.h>
#include <stdint.h>

#include "irq.h"

#define GIC_SGI_KICK	0
#define GIC_PPI_MAINT	25	/* virtualisation maintenance (GICv3; GICv2's default) */

struct fdt;
struct pcpu;

/* The GICv3 redistributor (RD_base) of the CPU with affinity mpidr, or 0. */
uintptr_t gic_redist(uint64_t mpidr);
void gic_send_sgi(const struct pcpu *target, unsigned int intid);
/* Acknowledge the highest pending interrupt: its id, or 1023 if none. */
uint32_t gic_ack(void);
/* EOImode is 1: gic_eoi() only drops priority; gic_deactivate() ends it.
 * An interrupt handed to a guest as a hardware interrupt (the virtual
 * timer) is deactivated by the guest instead. */
void gic_eoi(uint32_t intid);
void gic_deactivate(uint32_t intid);

/* True if the host GIC is a GICv2: guests then get a virtual GICv2. */
bool gic_is_v2(void);
/* A GICv2's virtualization frames: the list registers' GICH (banked per
 * CPU at one address) and the virtual CPU interface GICV that guests
 * reach as their GICC. Only when gic_is_v2(). */
uintptr_t gic_v2_gich(void);
uint64_t gic_v2_gicv(void);

#endif
