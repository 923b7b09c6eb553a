/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hypervisor's own identity map (EL2 stage 1) and guests' stage-2
 * translation (guest physical -> host physical).
 */
#ifndef TESSERA_ARM64_MMU_H
#define TESSERA_ARM64_MMU_H

#include <stdint.h>

#include "arch/guest.h"
#include "p2m.h"

struct bootinfo;
struct mm_pool;

/* Values every CPU loads to turn its MMU on (see arch_mmu_enable). */
struct mmu_regs {
	uint64_t mair, tcr, ttbr, sctlr;
};
extern struct mmu_regs hyp_mmu_regs;
void arch_mmu_enable(const struct mmu_regs *r);

/* Stage 2: guests see a GUEST_PA_BITS IPA space (start level 1). */
uint64_t stage2_vtcr(void);
uint64_t stage2_vttbr(const struct p2m *p);
void stage2_load(uint64_t vtcr, uint64_t vttbr);
/* Invalidate all stage-1 and stage-2 TLB entries of the loaded VMID. */
void stage2_flush_tlb(void);

#endif
