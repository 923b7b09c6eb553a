/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hypervisor's own identity map (EL2 stage 1) and guests' stage-2
 * translation (guest physical -> host physical).
 */
#ifndef TESSERA_ARM64_MMU_H
#define TESSERA_ARM64_MMU_H

#include <stdint.h>

#include "pgtable.h"

struct bootinfo;
struct mm_pool;

/* Values every CPU loads to turn its MMU on (see arch_mmu_enable). */
struct mmu_regs {
	uint64_t mair, tcr, ttbr, sctlr;
};
extern struct mmu_regs hyp_mmu_regs;
void arch_mmu_enable(const struct mmu_regs *r);

/* Build the identity map from the boot memory map (RAM normal memory,
 * the rest of the physical address space device memory) and turn the
 * MMU on for the boot CPU. */
int mmu_init(const struct bootinfo *bi, struct mm_pool *pool);
unsigned int mmu_pa_bits(void);

/* Page-table callbacks backed by a memory pool (identity mapped). */
extern const struct pgtable_ops pool_pgtable_ops;

/* Stage 2: guests see a 39-bit IPA space (start level 1). */
#define S2_IPA_BITS	39
uint64_t stage2_vtcr(void);
uint64_t stage2_vttbr(const struct pgtable *pt, unsigned int vmid);
void stage2_load(uint64_t vtcr, uint64_t vttbr);
/* Invalidate all stage-1 and stage-2 TLB entries of the loaded VMID. */
void stage2_flush_tlb(void);
/* The same for the VMID in vttbr, from whatever this CPU runs. */
void stage2_flush_tlb_of(uint64_t vttbr);

/* Clean data cache to the point of coherency (others may read it with
 * caches off, or devices by DMA). */
void dcache_clean_range(const void *start, uint64_t size);

#endif
