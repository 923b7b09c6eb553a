/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Physical memory pools: free RAM as a range set, allocated in whole
 * pages with any power-of-two alignment. The hypervisor has one pool,
 * fed from the boot memory map; guest RAM and page-table pages come
 * from it. Host-compilable for the unit tests.
 */
#ifndef TESSERA_MM_H
#define TESSERA_MM_H

#include <stdint.h>

#include "lib/rangeset.h"
#include "lib/spinlock.h"

#define MM_MAX_RANGES	256

struct mm_pool {
	spinlock_t lock;	/* protects free */
	struct rangeset free;
	struct range slots[MM_MAX_RANGES];
};

#define MM_ENOMEM	1	/* no free range large enough */
#define MM_EINVAL	2	/* not page aligned, zero size, overflow */
#define MM_EBUSY	3	/* mm_claim(): part of the range is not free */
#define MM_ENOSPC	4	/* too many fragments to track */

void mm_init(struct mm_pool *p);
/* Give [start, end) to the pool; partial pages at the edges are dropped. */
int mm_add(struct mm_pool *p, uint64_t start, uint64_t end);
/* Keep [start, end) out of the pool for good, whole pages around it;
 * parts that are not in the pool are ignored. */
int mm_reserve(struct mm_pool *p, uint64_t start, uint64_t end);
/* Take [pa, pa+size) out of the pool; every page must be free. */
int mm_claim(struct mm_pool *p, uint64_t pa, uint64_t size);
/* Lowest free [a, a+size) with a % align == 0. */
int mm_alloc(struct mm_pool *p, uint64_t size, uint64_t align, uint64_t *pa);
int mm_free(struct mm_pool *p, uint64_t pa, uint64_t size);
uint64_t mm_free_bytes(struct mm_pool *p);

/* The hypervisor maps RAM one to one, so a pool page's physical address
 * is its address. Page-table callbacks on a pool (ctx: the pool). */
void *mm_phys_to_virt(void *ctx, uint64_t pa);
uint64_t mm_virt_to_phys(void *ctx, void *va);
struct pgtable_ops;
extern const struct pgtable_ops mm_pgtable_ops;

#endif
