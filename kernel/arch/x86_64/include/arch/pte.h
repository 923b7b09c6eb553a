/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * x86_64 4-level page-table entries, for the hypervisor's own tables and
 * for each guest's nested page table (NPT walks the same format; every
 * NPT access counts as a user access, hence PTE_US everywhere), which
 * AMD-Vi walks too.
 */
#ifndef TESSERA_ARCH_PTE_H
#define TESSERA_ARCH_PTE_H

#include <stdbool.h>
#include <stdint.h>

#define PTE_P		(1ull << 0)
#define PTE_RW		(1ull << 1)
#define PTE_US		(1ull << 2)
#define PTE_PWT		(1ull << 3)
#define PTE_PCD		(1ull << 4)
#define PTE_A		(1ull << 5)
#define PTE_D		(1ull << 6)
#define PTE_PS		(1ull << 7)	/* a 2 MiB or 1 GiB page */
#define PTE_G		(1ull << 8)
#define PTE_NX		(1ull << 63)
#define PTE_ADDR_MASK	0x000ffffffffff000ull
#define PTE_ATTR_MASK	(~PTE_ADDR_MASK & ~(PTE_P | PTE_PS | PTE_A | PTE_D))

/* Uncached: PCD and PWT pick PAT entry 3 (UC) with the reset PAT. */
#define PTE_UC		(PTE_PCD | PTE_PWT)

/*
 * AMD-Vi walks a guest's NPT itself (iommu/amd_vi.c), so entries carry
 * its fields too, in bits the CPU ignores: a table entry's NextLevel
 * (bits 11:9, the level of the table it points to, counted as AMD-Vi
 * does from 4 at the root down to 1; 0 in a leaf) and the DMA read and
 * write permissions (bits 61 and 62), which AMD-Vi checks at every level.
 */
#define PTE_IOMMU_NEXT(l)	((uint64_t)(l) << 9)
#define PTE_IOMMU_IR		(1ull << 61)
#define PTE_IOMMU_IW		(1ull << 62)

static inline uint64_t pte_leaf(uint64_t pa, uint64_t attrs, int level)
{
	uint64_t d = (pa & PTE_ADDR_MASK) | (attrs & PTE_ATTR_MASK) | PTE_A | PTE_D | PTE_P;

	return level == 3 ? d : d | PTE_PS;
}

/* A table entry at level (0: PML4 to 2: page directory). */
static inline uint64_t pte_table(uint64_t pa, int level)
{
	return (pa & PTE_ADDR_MASK) | PTE_P | PTE_RW | PTE_US | PTE_A |
	       PTE_IOMMU_NEXT(3 - level) | PTE_IOMMU_IR | PTE_IOMMU_IW;
}

static inline bool pte_valid(uint64_t d)
{
	return d & PTE_P;
}

static inline bool pte_is_table(uint64_t d, int level)
{
	return level < 3 && (d & PTE_P) && !(d & PTE_PS);
}

static inline uint64_t pte_addr(uint64_t d)
{
	return d & PTE_ADDR_MASK;
}

static inline uint64_t pte_attrs(uint64_t d)
{
	return d & PTE_ATTR_MASK;
}

/* PML4 entries are tables only; 1 GiB and 2 MiB pages below. */
static inline bool pte_block_allowed(int level)
{
	return level >= 1;
}

#endif
