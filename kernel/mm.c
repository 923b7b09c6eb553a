// SPDX-License-Identifier: GPL-2.0-only
#include "mm.h"

#include "lib/string.h"
#include "pgtable.h"

void mm_init(struct mm_pool *p)
{
	spin_lock_init(&p->lock);
	rangeset_init(&p->free, p->slots, MM_MAX_RANGES);
}

static int mm_error(int rangeset_err)
{
	return rangeset_err == -RANGESET_ENOSPC ? -MM_ENOSPC : -MM_EINVAL;
}

static int page_range_ok(uint64_t pa, uint64_t size)
{
	return size && !((pa | size) & (PAGE_SIZE - 1)) && pa + size > pa;
}

int mm_add(struct mm_pool *p, uint64_t start, uint64_t end)
{
	int ret;

	start = (start + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
	end &= ~(PAGE_SIZE - 1);
	if (start >= end)
		return 0;	/* less than a page: nothing to add */
	spin_lock(&p->lock);
	ret = rangeset_add(&p->free, start, end);
	spin_unlock(&p->lock);
	return ret ? mm_error(ret) : 0;
}

int mm_reserve(struct mm_pool *p, uint64_t start, uint64_t end)
{
	int ret;

	start &= ~(PAGE_SIZE - 1);
	end = (end + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
	if (start >= end)
		return -MM_EINVAL;
	spin_lock(&p->lock);
	ret = rangeset_remove(&p->free, start, end);
	spin_unlock(&p->lock);
	return ret ? mm_error(ret) : 0;
}

int mm_claim(struct mm_pool *p, uint64_t pa, uint64_t size)
{
	int ret;

	if (!page_range_ok(pa, size))
		return -MM_EINVAL;
	spin_lock(&p->lock);
	if (!rangeset_contains(&p->free, pa, pa + size))
		ret = -MM_EBUSY;
	else
		ret = rangeset_remove(&p->free, pa, pa + size);
	spin_unlock(&p->lock);
	return ret == -MM_EBUSY || !ret ? ret : mm_error(ret);
}

int mm_alloc(struct mm_pool *p, uint64_t size, uint64_t align, uint64_t *pa)
{
	uint64_t a;
	int ret;

	if (align < PAGE_SIZE)
		align = PAGE_SIZE;
	if (!page_range_ok(0, size) || (align & (align - 1)))
		return -MM_EINVAL;
	spin_lock(&p->lock);
	ret = rangeset_find_free(&p->free, size, align, 0, &a);
	if (ret)
		ret = -MM_ENOMEM;
	else if ((ret = rangeset_remove(&p->free, a, a + size)))
		ret = mm_error(ret);
	spin_unlock(&p->lock);
	if (!ret)
		*pa = a;
	return ret;
}

int mm_free(struct mm_pool *p, uint64_t pa, uint64_t size)
{
	int ret;

	if (!page_range_ok(pa, size))
		return -MM_EINVAL;
	spin_lock(&p->lock);
	ret = rangeset_overlaps(&p->free, pa, pa + size) ? -MM_EINVAL :
		rangeset_add(&p->free, pa, pa + size);
	spin_unlock(&p->lock);
	return ret == -MM_EINVAL || !ret ? ret : mm_error(ret);
}

uint64_t mm_free_bytes(struct mm_pool *p)
{
	uint64_t n;

	spin_lock(&p->lock);
	n = rangeset_total(&p->free);
	spin_unlock(&p->lock);
	return n;
}

void *mm_phys_to_virt(void *ctx, uint64_t pa)
{
	return (void *)(uintptr_t)pa;
}

uint64_t mm_virt_to_phys(void *ctx, void *va)
{
	return (uintptr_t)va;
}

static void *pool_alloc_table(void *ctx)
{
	uint64_t pa;

	if (mm_alloc(ctx, PAGE_SIZE, PAGE_SIZE, &pa))
		return NULL;
	memset(mm_phys_to_virt(ctx, pa), 0, PAGE_SIZE);
	return mm_phys_to_virt(ctx, pa);
}

static void pool_free_table(void *ctx, void *table)
{
	mm_free(ctx, mm_virt_to_phys(ctx, table), PAGE_SIZE);
}

const struct pgtable_ops mm_pgtable_ops = {
	.alloc_table = pool_alloc_table,
	.free_table = pool_free_table,
	.virt_to_phys = mm_virt_to_phys,
	.phys_to_virt = mm_phys_to_virt,
};
