/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ARMv8 translation tables, 4 KiB granule, built in software. One
 * builder serves the hypervisor's own stage-1 tables and each guest's
 * stage-2 tables: the caller passes the attribute bits of the regime.
 * Host-compilable, so the unit tests exercise exactly this code.
 *
 * Locking: a struct pgtable has no lock of its own. Whoever owns it
 * serialises map/unmap (the domain's p2m lock for stage-2, boot-time
 * single CPU for the hypervisor's tables). Walkers in hardware may run
 * concurrently; entries are written with single 64-bit stores.
 */
#ifndef TESSERA_PGTABLE_H
#define TESSERA_PGTABLE_H

#include <stdint.h>

#define PAGE_SHIFT	12
#define PAGE_SIZE	(1ull << PAGE_SHIFT)
#define SZ_2M		(1ull << 21)
#define SZ_1G		(1ull << 30)

/* Descriptor bits common to both regimes. */
#define PTE_VALID	(1ull << 0)
#define PTE_TABLE	(1ull << 1)	/* table (levels 0-2) or page (level 3) */
#define PTE_AF		(1ull << 10)
#define PTE_SH_INNER	(3ull << 8)
#define PTE_ADDR_MASK	0x0000fffffffff000ull
#define PTE_ATTR_MASK	(~PTE_ADDR_MASK & ~(PTE_VALID | PTE_TABLE))

/* Stage-1 (EL2 regime): MAIR_EL2 index, access, execute-never. */
#define S1_ATTR_IDX(i)	((uint64_t)(i) << 2)
#define S1_XN		(1ull << 54)
/* Stage-2: MemAttr, S2AP, XN. */
#define S2_MEMATTR_DEVICE	(0x1ull << 2)	/* Device-nGnRE */
#define S2_MEMATTR_NORMAL	(0xfull << 2)	/* Normal WB inner/outer */
#define S2_AP_RO	(1ull << 6)
#define S2_AP_RW	(3ull << 6)
#define S2_XN		(2ull << 53)

struct pgtable_ops {
	/* A zeroed, page-aligned page, or NULL. */
	void *(*alloc_table)(void *ctx);
	void (*free_table)(void *ctx, void *table);
	uint64_t (*virt_to_phys)(void *ctx, void *va);
	void *(*phys_to_virt)(void *ctx, uint64_t pa);
};

struct pgtable {
	uint64_t *root;
	int start_level;		/* 0 (48-bit) or 1 (39-bit) */
	const struct pgtable_ops *ops;
	void *ctx;
	unsigned long nr_tables;	/* table pages in use, root included */
};

#define PGT_ENOMEM	1
#define PGT_EINVAL	2	/* misaligned, or outside the address space */
#define PGT_EEXIST	3	/* part of the range is already mapped */

int pgtable_init(struct pgtable *pt, int start_level,
		 const struct pgtable_ops *ops, void *ctx);
uint64_t pgtable_root_phys(const struct pgtable *pt);
uint64_t pgtable_va_limit(const struct pgtable *pt);

/*
 * Map [va, va+size) to [pa, pa+size) with attrs (PTE_ATTR_MASK bits),
 * using 1 GiB and 2 MiB blocks wherever va, pa and size allow. Fails
 * with -PGT_EEXIST rather than replace a mapping. On any failure the
 * part already mapped by this call is removed again.
 */
int pgtable_map(struct pgtable *pt, uint64_t va, uint64_t pa, uint64_t size,
		uint64_t attrs);
/* Remove every mapping in [va, va+size), splitting blocks that straddle
 * the edges (which may need a table page: -PGT_ENOMEM, nothing changed). */
int pgtable_unmap(struct pgtable *pt, uint64_t va, uint64_t size);
/* Translate va: 0 and *pa, *attrs, *level (of the leaf), or -1. */
int pgtable_lookup(const struct pgtable *pt, uint64_t va, uint64_t *pa,
		   uint64_t *attrs, int *level);
/* Free every table page (leaves the pgtable unusable). */
void pgtable_destroy(struct pgtable *pt);

#endif
