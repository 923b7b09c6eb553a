/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Radix translation tables of 512 entries per 4 KiB page, 1 GiB and
 * 2 MiB blocks where alignment allows, built in software. The walk is
 * the core's; the descriptor format is the architecture's (arch/pte.h).
 * One builder serves the hypervisor's own tables and each guest's p2m
 * (kernel/p2m.h): the caller passes the attribute bits of the regime.
 * Host-compilable, so the unit tests exercise exactly this code.
 *
 * Locking: a struct pgtable has no lock of its own. Whoever owns it
 * serialises map/unmap (the domain's p2m lock for guests, boot-time
 * single CPU for the hypervisor's tables). Walkers in hardware may run
 * concurrently; entries are written with single 64-bit stores.
 */
#ifndef TESSERA_PGTABLE_H
#define TESSERA_PGTABLE_H

#include <stdint.h>

#include "arch/pte.h"

#define PAGE_SHIFT	12
#define PAGE_SIZE	(1ull << PAGE_SHIFT)
#define SZ_2M		(1ull << 21)
#define SZ_1G		(1ull << 30)

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
 * Map [va, va+size) to [pa, pa+size) with attrs (the format's attribute bits),
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
/* Call fn for each leaf in address order (a block as one call, size its
 * size); stops at, and returns, the first non-zero return of fn. */
typedef int (*pgtable_leaf_fn)(void *ctx, uint64_t va, uint64_t pa, uint64_t size,
			       uint64_t attrs);
int pgtable_for_each_leaf(const struct pgtable *pt, pgtable_leaf_fn fn, void *ctx);
/* Free every table page (leaves the pgtable unusable). */
void pgtable_destroy(struct pgtable *pt);

#endif
