/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * arm64: the VMSAv8-64 descriptor format (4 KiB granule) for the core's
 * page-table builder (kernel/pgtable.h), and the attribute bits of the
 * two regimes it builds: the hypervisor's EL2 stage 1 and guests'
 * stage 2. Host-compilable: the unit tests check these very bits.
 */
#ifndef TESSERA_ARCH_PTE_H
#define TESSERA_ARCH_PTE_H

#include <stdbool.h>
#include <stdint.h>

#define PTE_VALID	(1ull << 0)
#define PTE_TABLE	(1ull << 1)	/* table (levels 0-2) or page (level 3) */
#define PTE_AF		(1ull << 10)
#define PTE_SH_INNER	(3ull << 8)
#define PTE_ADDR_MASK	0x0000fffffffff000ull
#define PTE_ATTR_MASK	(~PTE_ADDR_MASK & ~(PTE_VALID | PTE_TABLE))

/* Stage-1 (EL2 regime): MAIR_EL2 index, execute-never. */
#define S1_ATTR_IDX(i)	((uint64_t)(i) << 2)
#define S1_XN		(1ull << 54)
/* Stage-2: MemAttr, S2AP, XN. */
#define S2_MEMATTR_DEVICE	(0x1ull << 2)	/* Device-nGnRE */
#define S2_MEMATTR_NORMAL	(0xfull << 2)	/* Normal WB inner/outer */
#define S2_AP_RO	(1ull << 6)
#define S2_AP_RW	(3ull << 6)
#define S2_XN		(2ull << 53)

/* Leaf at this level: a block (levels 1-2) or a page (level 3). */
static inline uint64_t pte_leaf(uint64_t pa, uint64_t attrs, int level)
{
	uint64_t d = (pa & PTE_ADDR_MASK) | (attrs & PTE_ATTR_MASK) | PTE_AF | PTE_VALID;

	return level == 3 ? d | PTE_TABLE : d;
}

static inline uint64_t pte_table(uint64_t pa)
{
	return (pa & PTE_ADDR_MASK) | PTE_TABLE | PTE_VALID;
}

static inline bool pte_valid(uint64_t d)
{
	return d & PTE_VALID;
}

static inline bool pte_is_table(uint64_t d, int level)
{
	return level < 3 && (d & (PTE_VALID | PTE_TABLE)) == (PTE_VALID | PTE_TABLE);
}

static inline uint64_t pte_addr(uint64_t d)
{
	return d & PTE_ADDR_MASK;
}

static inline uint64_t pte_attrs(uint64_t d)
{
	return d & PTE_ATTR_MASK;
}

/* Level 0 holds tables only; 1 GiB and 2 MiB blocks at levels 1 and 2. */
static inline bool pte_block_allowed(int level)
{
	return level >= 1;
}

#endif
