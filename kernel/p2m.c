// SPDX-License-Identifier: GPL-2.0-only
#include "p2m.h"

#include "iommu.h"
#include "lib/lockorder.h"
#include "lib/string.h"
#include "mm.h"

/* Table pages once the guest may run: the reserve only (p->lock held). */
static void *reserve_alloc(void *ctx)
{
	struct p2m *p = ctx;

	lock_assert(spin_is_locked(&p->lock));
	return p->nr_reserve ? (void *)(uintptr_t)p->reserve[--p->nr_reserve] : NULL;
}

static void reserve_free(void *ctx, void *table)
{
	struct p2m *p = ctx;

	lock_assert(spin_is_locked(&p->lock));
	memset(table, 0, PAGE_SIZE);
	if (p->nr_reserve < P2M_RESERVE_MAX)
		p->reserve[p->nr_reserve++] = (uintptr_t)table;
	else
		mm_free(p->pool, (uintptr_t)table, PAGE_SIZE);
}

static const struct pgtable_ops reserve_ops = {
	.alloc_table = reserve_alloc,
	.free_table = reserve_free,
	.virt_to_phys = mm_virt_to_phys,
	.phys_to_virt = mm_phys_to_virt,
};

int p2m_init(struct p2m *p, struct mm_pool *pool, unsigned int vmid)
{
	spin_lock_init(&p->lock);
	p->pool = pool;
	p->vmid = vmid;
	p->from_reserve = false;
	p->nr_reserve = 0;
	p->mirrored = false;
	p->mirror_cpu_format = false;
	return pgtable_init(&p->pt, arch_p2m_start_level(), &mm_pgtable_ops, pool);
}

/* The mirror's attributes for a leaf the CPU's tables map with attrs. */
static uint64_t mirror_attrs(const struct p2m *p, uint64_t attrs)
{
	return p->mirror_cpu_format ? attrs : arch_p2m_mirror_attrs(attrs);
}

int p2m_map(struct p2m *p, uint64_t gpa, uint64_t hpa, uint64_t size, enum p2m_type type)
{
	uint64_t attrs = arch_p2m_attrs(type);
	int ret;

	lock_order_take(LOCK_P2M);
	spin_lock(&p->lock);
	ret = pgtable_map(&p->pt, gpa, hpa, size, attrs);
	if (!ret && p->mirrored) {
		ret = pgtable_map(&p->dma, gpa, hpa, size, mirror_attrs(p, attrs));
		/* Nothing stays mapped where the mirror could not follow:
		 * the range was mapped whole, so this needs no page. */
		if (ret) {
			pgtable_unmap(&p->pt, gpa, size);
			arch_p2m_flush(p);
		}
	}
	spin_unlock(&p->lock);
	lock_order_drop(LOCK_P2M);
	return ret;
}

int p2m_unmap(struct p2m *p, uint64_t gpa, uint64_t size)
{
	int ret;

	lock_order_take(LOCK_P2M);
	spin_lock(&p->lock);
	/* The mirror first: if it cannot split a block, nothing changed;
	 * if the CPU's tables then cannot, devices lost more than CPUs. */
	ret = p->mirrored ? pgtable_unmap(&p->dma, gpa, size) : 0;
	if (!ret)
		ret = pgtable_unmap(&p->pt, gpa, size);
	arch_p2m_flush(p);
	iommu_flush(p);
	spin_unlock(&p->lock);
	lock_order_drop(LOCK_P2M);
	return ret;
}

int p2m_lookup(struct p2m *p, uint64_t gpa, uint64_t *hpa)
{
	uint64_t attrs;
	int level, ret;

	lock_order_take(LOCK_P2M);
	spin_lock(&p->lock);
	ret = pgtable_lookup(&p->pt, gpa, hpa, &attrs, &level);
	spin_unlock(&p->lock);
	lock_order_drop(LOCK_P2M);
	return ret;
}

void p2m_use_reserve(struct p2m *p)
{
	spin_lock(&p->lock);
	p->pt.ops = &reserve_ops;
	p->pt.ctx = p;
	p->dma.ops = &reserve_ops;
	p->dma.ctx = p;
	p->from_reserve = true;
	spin_unlock(&p->lock);
	p2m_refill(p);
}

void p2m_refill(struct p2m *p)
{
	for (;;) {
		uint64_t pa;
		bool full;

		spin_lock(&p->lock);
		full = !p->from_reserve || p->nr_reserve >= P2M_RESERVE_LOW;
		spin_unlock(&p->lock);
		if (full || mm_alloc(p->pool, PAGE_SIZE, PAGE_SIZE, &pa))
			return;
		memset(mm_phys_to_virt(NULL, pa), 0, PAGE_SIZE);
		spin_lock(&p->lock);
		full = p->nr_reserve >= P2M_RESERVE_MAX;
		if (!full)
			p->reserve[p->nr_reserve++] = pa;
		spin_unlock(&p->lock);
		if (full) {
			mm_free(p->pool, pa, PAGE_SIZE);
			return;
		}
	}
}

uint64_t p2m_root(const struct p2m *p)
{
	return pgtable_root_phys(&p->pt);
}

static int mirror_leaf(void *ctx, uint64_t gpa, uint64_t hpa, uint64_t size, uint64_t attrs)
{
	struct p2m *p = ctx;

	return pgtable_map(&p->dma, gpa, hpa, size, mirror_attrs(p, attrs));
}

/* Copy the CPU's tables into a new mirror; p->lock held. */
static int mirror_build(struct p2m *p)
{
	int ret;

	lock_assert(spin_is_locked(&p->lock));
	ret = pgtable_init(&p->dma, p->pt.start_level, p->pt.ops, p->pt.ctx);
	if (ret)
		return ret;
	ret = pgtable_for_each_leaf(&p->pt, mirror_leaf, p);
	if (ret)
		pgtable_destroy(&p->dma);
	return ret;
}

int p2m_mirror_enable(struct p2m *p, bool cpu_format)
{
	int ret = 0;

	lock_order_take(LOCK_P2M);
	spin_lock(&p->lock);
	if (!p->mirrored) {
		p->mirror_cpu_format = cpu_format;
		ret = mirror_build(p);
		p->mirrored = !ret;
	}
	spin_unlock(&p->lock);
	lock_order_drop(LOCK_P2M);
	p2m_refill(p);
	return ret;
}

uint64_t p2m_mirror_root(const struct p2m *p)
{
	return pgtable_root_phys(&p->dma);
}

int p2m_map_dma_only(struct p2m *p, uint64_t gpa, uint64_t hpa, uint64_t size)
{
	int ret = -PGT_EINVAL;

	lock_order_take(LOCK_P2M);
	spin_lock(&p->lock);
	if (p->mirrored)
		ret = pgtable_map(&p->dma, gpa, hpa, size,
				  mirror_attrs(p, arch_p2m_attrs(P2M_DEVICE)));
	spin_unlock(&p->lock);
	lock_order_drop(LOCK_P2M);
	return ret;
}
