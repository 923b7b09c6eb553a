/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The guest's virtual GICv3 ITS (vits.c), for guests that own PCI
 * functions: its registers at GUEST_GITS_BASE, its command queue in the
 * guest's RAM, and the translation of its functions' messages
 * (virq_msi(), kernel/irq.h) into vLPIs the vGIC delivers. Physical LPIs
 * only (no GICv4), collections held in hardware (GITS_TYPER.HCC = the
 * number of vCPUs), no tables in guest memory (every GITS_BASER<n> reads
 * as no table). Like vgic.c it touches no system register, so it builds
 * on the host (fuzz-vits).
 *
 * Locking: all of it is under the domain's vgic lock (struct vits in
 * arch/domain.h). pci_msi_vectors(), which takes vPCI locks, is only
 * called by virq_msi_init(), before any of that.
 */
#ifndef TESSERA_ARM64_VITS_H
#define TESSERA_ARM64_VITS_H

#include <stdint.h>

struct domain;

/* GICR_PROPBASER and GICR_PENDBASER bits a guest may set: address,
 * cacheability, shareability, IDbits (PROPBASER), PTZ (PENDBASER). */
#define VGIC_PROPBASER_MASK	0x070fffffffffff9full
#define VGIC_PENDBASER_MASK	0x470fffffffff0f80ull

/* Forget every mapping, register and vLPI state of d's vITS (its
 * functions stay known). Vgic lock held. */
void vits_reset(struct domain *d);

#endif
