/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The list registers as vgic_lr.c drives them, for either GIC: values
 * in ICH_LR<n>_EL2's layout (GICv3, IHI 0069), the form vgic_lr.c
 * builds and reads. The GICv3 backend (vgic_lr_v3.c) writes them as
 * they are; the GICv2 one (vgic_lr_v2.c) converts each to and from
 * GICH_LR<n> (IHI 0048B). The control bits used (En, UIE, NPIE) have the
 * same place in ICH_HCR_EL2 and GICH_HCR. Private to vgic_lr*.c.
 */
#ifndef TESSERA_ARM64_VGIC_LR_HW_H
#define TESSERA_ARM64_VGIC_LR_HW_H

#include <stdint.h>

#define LR_STATE_SHIFT	62
#define LR_STATE_MASK	(3ull << LR_STATE_SHIFT)
#define LR_PENDING	(1ull << LR_STATE_SHIFT)
#define LR_ACTIVE	(2ull << LR_STATE_SHIFT)
#define LR_HW		(1ull << 61)
#define LR_GROUP1	(1ull << 60)
#define LR_PRIO_SHIFT	48
#define LR_PINTID_SHIFT	32
#define LR_EOI		(1ull << 41)	/* maintenance IRQ on deactivation (HW=0) */

#define LR_HCR_EN	(1u << 0)
#define LR_HCR_UIE	(1u << 1)
#define LR_HCR_NPIE	(1u << 3)	/* maintenance IRQ when none is pending */

/* The calling CPU's list registers, on the CPU that owns them. */
struct vgic_lr_hw {
	/* Empty list registers and active priorities, a virtual CPU
	 * interface at reset, HCR = En: how many list registers. */
	unsigned int (*reset)(void);
	uint64_t (*read)(unsigned int n);
	void (*write)(unsigned int n, uint64_t lr);
	void (*hcr)(uint32_t hcr);
};

extern const struct vgic_lr_hw vgic_lr_v3, vgic_lr_v2;

#endif
