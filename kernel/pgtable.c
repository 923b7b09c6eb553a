// SPDX-License-Identifier: GPL-2.0-only
#include "pgtable.h"

#include <stdbool.h>
#include <stddef.h>

#define ENTRIES		512

static int level_shift(int level)
{
	return PAGE_SHIFT + 9 * (3 - level);
}

static uint64_t level_size(int level)
{
	return 1ull << level_shift(level);
}

static int index_of(uint64_t va, int level)
{
	return (va >> level_shift(level)) & (ENTRIES - 1);
}

static bool is_table(uint64_t d, int level)
{
	return pte_is_table(d, level);
}

static uint64_t *table_of(const struct pgtable *pt, uint64_t d)
{
	return pt->ops->phys_to_virt(pt->ctx, pte_addr(d));
}

int pgtable_init(struct pgtable *pt, int start_level,
		 const struct pgtable_ops *ops, void *ctx)
{
	if (start_level < 0 || start_level > 1)
		return -PGT_EINVAL;
	pt->start_level = start_level;
	pt->ops = ops;
	pt->ctx = ctx;
	pt->root = ops->alloc_table(ctx);
	pt->nr_tables = pt->root ? 1 : 0;
	return pt->root ? 0 : -PGT_ENOMEM;
}

uint64_t pgtable_root_phys(const struct pgtable *pt)
{
	return pt->ops->virt_to_phys(pt->ctx, pt->root);
}

uint64_t pgtable_va_limit(const struct pgtable *pt)
{
	return level_size(pt->start_level) * ENTRIES;
}

static uint64_t *new_table(struct pgtable *pt, uint64_t *entry, int level)
{
	uint64_t *t = pt->ops->alloc_table(pt->ctx);

	if (!t)
		return NULL;
	pt->nr_tables++;
	*entry = pte_table(pt->ops->virt_to_phys(pt->ctx, t), level);
	return t;
}

static int map_level(struct pgtable *pt, uint64_t *table, int level,
		     uint64_t va, uint64_t pa, uint64_t size, uint64_t attrs,
		     uint64_t *done)
{
	while (size) {
		uint64_t bsize = level_size(level);
		uint64_t *e = &table[index_of(va, level)];
		uint64_t chunk = bsize - (va & (bsize - 1));
		int ret;

		if (chunk > size)
			chunk = size;
		/* A whole aligned block: map it here if blocks are allowed. */
		if (pte_block_allowed(level) && chunk == bsize && !(pa & (bsize - 1))) {
			if (pte_valid(*e))
				return -PGT_EEXIST;
			*e = pte_leaf(pa, attrs, level);
		} else {
			uint64_t *next;

			if (level == 3)
				return -PGT_EINVAL;	/* not page aligned */
			if (is_table(*e, level))
				next = table_of(pt, *e);
			else if (pte_valid(*e))
				return -PGT_EEXIST;
			else if (!(next = new_table(pt, e, level)))
				return -PGT_ENOMEM;
			ret = map_level(pt, next, level + 1, va, pa, chunk,
					attrs, done);
			if (ret)
				return ret;
			va += chunk;
			pa += chunk;
			size -= chunk;
			continue;
		}
		*done += chunk;
		va += chunk;
		pa += chunk;
		size -= chunk;
	}
	return 0;
}

int pgtable_map(struct pgtable *pt, uint64_t va, uint64_t pa, uint64_t size,
		uint64_t attrs)
{
	uint64_t done = 0, mask = PAGE_SIZE - 1;
	int ret;

	if ((va | pa | size) & mask || !size || va + size < va ||
	    va + size > pgtable_va_limit(pt))
		return -PGT_EINVAL;
	ret = map_level(pt, pt->root, pt->start_level, va, pa, size, attrs,
			&done);
	/* Leaves are mapped in address order, so undo exactly [va, va+done).
	 * Tables created on the way stay: empty tables are harmless. */
	if (ret && done)
		pgtable_unmap(pt, va, done);
	return ret;
}

static void destroy_table(struct pgtable *pt, uint64_t *table, int level)
{
	int i;

	for (i = 0; level < 3 && i < ENTRIES; i++)
		if (is_table(table[i], level))
			destroy_table(pt, table_of(pt, table[i]), level + 1);
	pt->ops->free_table(pt->ctx, table);
	pt->nr_tables--;
}

/* Replace the block at *e by a table of next-level leaves, same mapping. */
static int split_block(struct pgtable *pt, uint64_t *e, int level)
{
	uint64_t d = *e, pa = pte_addr(d), attrs = pte_attrs(d);
	uint64_t sub = level_size(level + 1), *t;
	int i;

	t = pt->ops->alloc_table(pt->ctx);
	if (!t)
		return -PGT_ENOMEM;
	pt->nr_tables++;
	for (i = 0; i < ENTRIES; i++)
		t[i] = pte_leaf(pa + i * sub, attrs, level + 1);
	*e = pte_table(pt->ops->virt_to_phys(pt->ctx, t), level);
	return 0;
}

/* Make addr fall on a leaf boundary by splitting the blocks around it.
 * The translation is the same before and after. */
static int split_at(struct pgtable *pt, uint64_t addr)
{
	uint64_t *table = pt->root;
	int level;

	for (level = pt->start_level; level < 3; level++) {
		uint64_t *e = &table[index_of(addr, level)];
		int ret;

		if (!(addr & (level_size(level) - 1)) || !(pte_valid(*e)))
			return 0;
		if (!is_table(*e, level)) {
			ret = split_block(pt, e, level);
			if (ret)
				return ret;
		}
		table = table_of(pt, *e);
	}
	return 0;
}

static void unmap_level(struct pgtable *pt, uint64_t *table, int level,
			uint64_t va, uint64_t size)
{
	while (size) {
		uint64_t bsize = level_size(level);
		uint64_t *e = &table[index_of(va, level)];
		uint64_t chunk = bsize - (va & (bsize - 1));

		if (chunk > size)
			chunk = size;
		if (!(pte_valid(*e))) {
			/* nothing mapped here */
		} else if (chunk == bsize) {
			if (is_table(*e, level))
				destroy_table(pt, table_of(pt, *e), level + 1);
			*e = 0;
		} else {
			/* split_at() made every straddled block a table */
			unmap_level(pt, table_of(pt, *e), level + 1, va, chunk);
		}
		va += chunk;
		size -= chunk;
	}
}

int pgtable_unmap(struct pgtable *pt, uint64_t va, uint64_t size)
{
	int ret;

	if ((va | size) & (PAGE_SIZE - 1) || va + size < va ||
	    va + size > pgtable_va_limit(pt))
		return -PGT_EINVAL;
	ret = split_at(pt, va);
	if (!ret)
		ret = split_at(pt, va + size);
	if (ret)
		return ret;
	unmap_level(pt, pt->root, pt->start_level, va, size);
	return 0;
}

int pgtable_lookup(const struct pgtable *pt, uint64_t va, uint64_t *pa,
		   uint64_t *attrs, int *level)
{
	const uint64_t *table = pt->root;
	int l;

	if (va >= pgtable_va_limit(pt))
		return -1;
	for (l = pt->start_level; l <= 3; l++) {
		uint64_t d = table[index_of(va, l)];

		if (!pte_valid(d))
			return -1;
		if (is_table(d, l)) {
			table = table_of(pt, d);
			continue;
		}
		if (!pte_block_allowed(l) && l < 3)
			return -1;
		*pa = pte_addr(d) + (va & (level_size(l) - 1));
		*attrs = pte_attrs(d);
		*level = l;
		return 0;
	}
	return -1;
}

static int leaves_of(const struct pgtable *pt, const uint64_t *table, int level,
		     uint64_t base, pgtable_leaf_fn fn, void *ctx)
{
	int i, ret;

	for (i = 0; i < ENTRIES; i++) {
		uint64_t d = table[i], va = base + i * level_size(level);

		if (!pte_valid(d))
			continue;
		if (is_table(d, level))
			ret = leaves_of(pt, table_of(pt, d), level + 1, va, fn, ctx);
		else
			ret = fn(ctx, va, pte_addr(d), level_size(level), pte_attrs(d));
		if (ret)
			return ret;
	}
	return 0;
}

int pgtable_for_each_leaf(const struct pgtable *pt, pgtable_leaf_fn fn, void *ctx)
{
	return leaves_of(pt, pt->root, pt->start_level, 0, fn, ctx);
}

void pgtable_destroy(struct pgtable *pt)
{
	if (pt->root)
		destroy_table(pt, pt->root, pt->start_level);
	pt->root = NULL;
}
