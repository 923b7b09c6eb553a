/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * arm64: the VMSAv8-64 descriptor format (4 KiB granule) for the core's
 * page-table builder (kernel/pgtable.h), and the attribute bits of the
 * regimes it builds: the hypervisor's EL2 stage 1, guests' stage 2, and
 * the stage-1 mirror of a guest's stage 2 that an SMMU without stage 2
 * walks for the guest's devices (kernel/p2m.h). Host-compilable: the
 * unit tests check these very bits.
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
#define S2_MEMATTR_MASK	(0xfull << 2)
#define S2_AP_W		(1ull << 7)	/* S2AP[1]: writes allowed */

/*
 * The DMA mirror: stage-1 descriptors in the EL1&0 regime, walked by
 * an SMMU for PCIe requests without a PASID, which arrive unprivileged.
 * AP[1] gives unprivileged (EL0) access, AP[2] makes it read-only; nG
 * tags the entry with the context's ASID, so that an invalidation by
 * ASID removes it. The attribute indices refer to DMA_S1_MAIR.
 */
#define S1_AP_EL0	(1ull << 6)
#define S1_AP_RO	(1ull << 7)
#define S1_NG		(1ull << 11)
#define S1_PXN		(1ull << 53)
#define DMA_S1_IDX_DEVICE	0	/* Device-nGnRE */
#define DMA_S1_IDX_NORMAL	1	/* Normal, write-back, read/write-allocate */
#define DMA_S1_MAIR	((0x04ull << (8 * DMA_S1_IDX_DEVICE)) | \
			 (0xffull << (8 * DMA_S1_IDX_NORMAL)))

/* The mirror's attribute bits for a stage-2 leaf with these: the same
 * memory type, shareability and write permission. */
static inline uint64_t pte_dma_s1_attrs(uint64_t s2_attrs)
{
	uint64_t a = S1_AP_EL0 | S1_NG;

	if (!(s2_attrs & S2_AP_W))
		a |= S1_AP_RO;
	if ((s2_attrs & S2_MEMATTR_MASK) == S2_MEMATTR_NORMAL)
		return a | S1_ATTR_IDX(DMA_S1_IDX_NORMAL) | PTE_SH_INNER;
	return a | S1_ATTR_IDX(DMA_S1_IDX_DEVICE) | S1_XN | S1_PXN;
}

/* Leaf at this level: a block (levels 1-2) or a page (level 3). */
static inline uint64_t pte_leaf(uint64_t pa, uint64_t attrs, int level)
{
	uint64_t d = (pa & PTE_ADDR_MASK) | (attrs & PTE_ATTR_MASK) | PTE_AF | PTE_VALID;

	return level == 3 ? d | PTE_TABLE : d;
}

/* A table entry at level (0-2) for the table at pa. */
static inline uint64_t pte_table(uint64_t pa, int level)
{
	(void)level;
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
