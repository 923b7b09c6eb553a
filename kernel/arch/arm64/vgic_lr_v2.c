// SPDX-License-Identifier: GPL-2.0-only
/*
 * GICv2 list registers (vgic_lr_hw.h): the GICH frame, which every CPU
 * sees at one address as its own interface's. Each value is converted
 * between ICH_LR<n>_EL2's layout and GICH_LR<n>'s (IHI 0048B, 5.3.11):
 *
 *   field        ICH_LR (vgic_lr.c)   GICH_LR
 *   vINTID       31:0                 9:0
 *   pINTID       44:32 (HW=1)         19:10 (HW=1)
 *   EOI          41 (HW=0)            19 (HW=0)
 *   priority     55:48                27:23 (its top 5 bits)
 *   state        63:62                29:28
 *   group 1      60                   30
 *   HW           61                   31
 *
 * An SGI's source CPU (GICH_LR 12:10 when HW=0) is left 0: a guest's
 * SGIs are not told apart by sender (vgic_v2.c).
 */
#include "vgic_lr_hw.h"

#include "gic.h"

#define GICH_HCR	0x000
#define GICH_VTR	0x004
#define GICH_VMCR	0x008
#define GICH_APR	0x0f0
#define GICH_LR(n)	(0x100 + 4 * (n))
#define GICH_VTR_LRS	0x3f	/* ListRegs: their number less one */

#define V2_VID		0x3ffu
#define V2_PID_SHIFT	10
#define V2_EOI		(1u << 19)
#define V2_PRIO_SHIFT	23
#define V2_STATE_SHIFT	28
#define V2_GROUP1	(1u << 30)
#define V2_HW		(1u << 31)

static inline uint32_t gich_rd(unsigned int off)
{
	return *(volatile uint32_t *)(gic_v2_gich() + off);
}

static inline void gich_wr(unsigned int off, uint32_t v)
{
	*(volatile uint32_t *)(gic_v2_gich() + off) = v;
}

static uint32_t to_v2(uint64_t lr)
{
	uint32_t v = (lr & V2_VID) |
		     (uint32_t)((lr >> LR_PRIO_SHIFT) & 0xff) >> 3 << V2_PRIO_SHIFT |
		     (uint32_t)(lr >> LR_STATE_SHIFT) << V2_STATE_SHIFT;

	if (lr & LR_GROUP1)
		v |= V2_GROUP1;
	if (lr & LR_HW)
		v |= V2_HW | ((uint32_t)(lr >> LR_PINTID_SHIFT) & V2_VID) << V2_PID_SHIFT;
	else if (lr & LR_EOI)
		v |= V2_EOI;
	return v;
}

static uint64_t from_v2(uint32_t v)
{
	uint64_t lr = (v & V2_VID) | (uint64_t)((v >> V2_PRIO_SHIFT) & 0x1f) << 3 << LR_PRIO_SHIFT |
		      (uint64_t)((v >> V2_STATE_SHIFT) & 3) << LR_STATE_SHIFT;

	if (v & V2_GROUP1)
		lr |= LR_GROUP1;
	if (v & V2_HW)
		lr |= LR_HW | (uint64_t)((v >> V2_PID_SHIFT) & V2_VID) << LR_PINTID_SHIFT;
	else if (v & V2_EOI)
		lr |= LR_EOI;
	return lr;
}

static unsigned int v2_reset(void)
{
	unsigned int i, n = (gich_rd(GICH_VTR) & GICH_VTR_LRS) + 1;

	for (i = 0; i < n; i++)
		gich_wr(GICH_LR(i), 0);
	gich_wr(GICH_APR, 0);
	gich_wr(GICH_VMCR, 0);
	gich_wr(GICH_HCR, LR_HCR_EN);
	return n;
}

static uint64_t v2_read(unsigned int n)
{
	return from_v2(gich_rd(GICH_LR(n)));
}

static void v2_write(unsigned int n, uint64_t lr)
{
	gich_wr(GICH_LR(n), to_v2(lr));
}

static void v2_hcr(uint32_t hcr)
{
	gich_wr(GICH_HCR, hcr);
}

const struct vgic_lr_hw vgic_lr_v2 = {
	.reset = v2_reset,
	.read = v2_read,
	.write = v2_write,
	.hcr = v2_hcr,
};
