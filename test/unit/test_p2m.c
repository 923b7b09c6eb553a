// SPDX-License-Identifier: GPL-2.0-only
/*
 * kernel/p2m.c on the fake architecture: mapping types reach the
 * architecture's attributes, unmapping flushes the TLBs under the lock
 * (BAR-2), and once on its reserve the p2m takes no page from the pool
 * while mapping (VPCI-8). The DMA mirror (for an SMMU with stage 1 only)
 * holds exactly the CPU's map, in the mirror's attributes, from the
 * moment it is enabled: what was mapped before, later maps, unmaps that
 * split blocks, and maps that fail; its pages come from the reserve too.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "fake_arch.h"
#include "mm.h"
#include "p2m.h"

#define POOL_SIZE	(4ull << 20)

static struct mm_pool pool;
static void *ram;

static int setup(void **state)
{
	ram = aligned_alloc(PAGE_SIZE, POOL_SIZE);
	mm_init(&pool);
	memset(&fake_arch, 0, sizeof(fake_arch));
	return !ram || mm_add(&pool, (uintptr_t)ram, (uintptr_t)ram + POOL_SIZE);
}

static int teardown(void **state)
{
	free(ram);
	return 0;
}

static uint64_t attrs_at(struct p2m *p, uint64_t gpa)
{
	uint64_t pa, attrs;
	int level;

	assert_int_equal(pgtable_lookup(&p->pt, gpa, &pa, &attrs, &level), 0);
	return attrs;
}

static void test_types_reach_the_architecture(void **state)
{
	struct p2m p;
	uint64_t hpa;

	assert_int_equal(p2m_init(&p, &pool, 3), 0);
	assert_int_equal(p2m_map(&p, 0x40000000, 0x80000000, SZ_2M, P2M_RAM), 0);
	assert_int_equal(p2m_map(&p, 0x40200000, 0x80200000, PAGE_SIZE, P2M_RAM_RO), 0);
	assert_int_equal(p2m_map(&p, 0x23000000, 0x10000000, PAGE_SIZE, P2M_DEVICE), 0);
	assert_int_equal(attrs_at(&p, 0x40000000) & ~PTE_AF, FAKE_P2M_ATTRS(P2M_RAM));
	assert_int_equal(attrs_at(&p, 0x40200000) & ~PTE_AF, FAKE_P2M_ATTRS(P2M_RAM_RO));
	assert_int_equal(attrs_at(&p, 0x23000000) & ~PTE_AF, FAKE_P2M_ATTRS(P2M_DEVICE));
	assert_int_equal(p2m_lookup(&p, 0x23000010, &hpa), 0);
	assert_int_equal(hpa, 0x10000010);
	/* A second mapping over the first is refused, not replaced. */
	assert_int_equal(p2m_map(&p, 0x23000000, 0x20000000, PAGE_SIZE, P2M_DEVICE), -PGT_EEXIST);
	assert_int_equal(fake_arch.flushes, 0);
	pgtable_destroy(&p.pt);
}

/* BAR-2: the translation is gone and the TLBs were flushed when
 * p2m_unmap() returns, with the p2m's lock held for the flush. */
static void test_unmap_flushes(void **state)
{
	struct p2m p;
	uint64_t hpa;

	assert_int_equal(p2m_init(&p, &pool, 4), 0);
	assert_int_equal(p2m_map(&p, 0x23000000, 0x10000000, 4 * PAGE_SIZE, P2M_DEVICE), 0);
	assert_int_equal(p2m_unmap(&p, 0x23001000, PAGE_SIZE), 0);
	assert_int_equal(fake_arch.flushes, 1);
	assert_ptr_equal(fake_arch.last_flushed, &p);
	assert_int_equal(p2m_lookup(&p, 0x23001000, &hpa), -1);
	assert_int_equal(p2m_lookup(&p, 0x23002000, &hpa), 0);
	assert_false(spin_is_locked(&p.lock));
	pgtable_destroy(&p.pt);
}

/* VPCI-8: on its reserve the p2m maps without touching the pool, and
 * refills only when asked, outside any lock. */
static void test_reserve_only_after_switch(void **state)
{
	struct p2m p;
	uint64_t before;
	unsigned int ready;

	assert_int_equal(p2m_init(&p, &pool, 5), 0);
	p2m_use_reserve(&p);
	assert_true(p.nr_reserve >= P2M_RESERVE_LOW);
	ready = p.nr_reserve;
	before = mm_free_bytes(&pool);
	/* Needs a level-2 and a level-3 table: both from the reserve. */
	assert_int_equal(p2m_map(&p, 0x900000000ull, 0x8000000000ull, PAGE_SIZE, P2M_DEVICE), 0);
	assert_int_equal(mm_free_bytes(&pool), before);
	assert_int_equal(p.nr_reserve, ready - 2);
	p2m_refill(&p);
	assert_true(p.nr_reserve >= P2M_RESERVE_LOW && p.nr_reserve <= P2M_RESERVE_MAX);
	/* An empty reserve fails the map cleanly instead of allocating. */
	p.nr_reserve = 0;
	before = mm_free_bytes(&pool);
	assert_int_equal(p2m_map(&p, 0x40000000, 0x80000000, PAGE_SIZE, P2M_RAM), -PGT_ENOMEM);
	assert_int_equal(mm_free_bytes(&pool), before);
}

/* ---- the DMA mirror ---- */

#define MAX_LEAVES	2048

struct leaves {
	unsigned int n;
	uint64_t va[MAX_LEAVES], pa[MAX_LEAVES], size[MAX_LEAVES], attrs[MAX_LEAVES];
};

static int note_leaf(void *ctx, uint64_t va, uint64_t pa, uint64_t size, uint64_t attrs)
{
	struct leaves *l = ctx;

	if (l->n == MAX_LEAVES)
		return -1;
	l->va[l->n] = va;
	l->pa[l->n] = pa;
	l->size[l->n] = size;
	l->attrs[l->n++] = attrs & ~PTE_AF;
	return 0;
}

static struct leaves cpu, dma;

/* Leaf for leaf, the mirror is the CPU's map in the mirror's attributes;
 * returns how many leaves there are. */
static unsigned int assert_mirror_agrees(struct p2m *p)
{
	unsigned int i;

	cpu.n = dma.n = 0;
	assert_true(p->mirrored);
	assert_int_equal(pgtable_for_each_leaf(&p->pt, note_leaf, &cpu), 0);
	assert_int_equal(pgtable_for_each_leaf(&p->dma, note_leaf, &dma), 0);
	assert_int_equal(dma.n, cpu.n);
	for (i = 0; i < cpu.n; i++) {
		assert_int_equal(dma.va[i], cpu.va[i]);
		assert_int_equal(dma.pa[i], cpu.pa[i]);
		assert_int_equal(dma.size[i], cpu.size[i]);
		assert_int_equal(dma.attrs[i], FAKE_MIRROR_ATTRS(cpu.attrs[i]));
	}
	return cpu.n;
}

static bool dma_maps(struct p2m *p, uint64_t gpa)
{
	uint64_t pa, attrs;
	int level;

	return !pgtable_lookup(&p->dma, gpa, &pa, &attrs, &level);
}

/* As the boot does it: RAM mapped at domain build, then the reserve,
 * then the IOMMU's context (the mirror), then BARs and their changes. */
static void test_mirror_follows_the_map(void **state)
{
	struct p2m p;

	assert_int_equal(p2m_init(&p, &pool, 6), 0);
	assert_int_equal(p2m_map(&p, 0x40000000, 0x50200000, 16 * SZ_2M, P2M_RAM), 0);
	assert_int_equal(p2m_map(&p, 0x48000000, 0x60000000, PAGE_SIZE, P2M_RAM_RO), 0);
	p2m_use_reserve(&p);
	assert_int_equal(p2m_mirror_enable(&p, false), 0);
	/* What was mapped before is there: 16 blocks and the page. */
	assert_int_equal(assert_mirror_agrees(&p), 17);
	assert_true(dma_maps(&p, 0x40000000 + 16 * SZ_2M - PAGE_SIZE));
	assert_false(dma_maps(&p, 0x40000000 + 16 * SZ_2M));
	/* Enabling twice changes nothing. */
	assert_int_equal(p2m_mirror_enable(&p, false), 0);
	assert_int_equal(assert_mirror_agrees(&p), 17);
	/* A BAR mapped later, and moved away again. */
	assert_int_equal(p2m_map(&p, 0x10000000, 0x8000000000ull, 4 * PAGE_SIZE, P2M_DEVICE), 0);
	assert_int_equal(assert_mirror_agrees(&p), 21);
	assert_int_equal(p2m_unmap(&p, 0x10000000, 4 * PAGE_SIZE), 0);
	assert_false(dma_maps(&p, 0x10000000));
	assert_int_equal(assert_mirror_agrees(&p), 17);
	/* A page out of a RAM block: both split it alike. */
	assert_int_equal(p2m_unmap(&p, 0x40201000, PAGE_SIZE), 0);
	assert_false(dma_maps(&p, 0x40201000));
	assert_true(dma_maps(&p, 0x40200000));
	assert_true(dma_maps(&p, 0x40202000));
	assert_int_equal(assert_mirror_agrees(&p), 16 + 511);
}

/* A map the mirror cannot follow is undone in the CPU's tables too. */
static void test_mirror_failed_map_undone(void **state)
{
	uint64_t hpa;
	struct p2m p;

	assert_int_equal(p2m_init(&p, &pool, 7), 0);
	p2m_use_reserve(&p);
	assert_int_equal(p2m_mirror_enable(&p, false), 0);
	/* A page in an empty 1 GiB region: two tables in each; the mirror
	 * gets one of its two. */
	p.nr_reserve = 3;
	assert_int_equal(p2m_map(&p, 0x80000000, 0x90000000, PAGE_SIZE, P2M_RAM), -PGT_ENOMEM);
	assert_int_equal(p2m_lookup(&p, 0x80000000, &hpa), -1);
	assert_false(dma_maps(&p, 0x80000000));
	assert_int_equal(fake_arch.flushes, 1);	/* the CPU may have seen it */
	assert_int_equal(assert_mirror_agrees(&p), 0);
	p2m_refill(&p);
	assert_int_equal(p2m_map(&p, 0x80000000, 0x90000000, PAGE_SIZE, P2M_RAM), 0);
	assert_int_equal(assert_mirror_agrees(&p), 1);
}

/* VPCI-8 holds for the mirror: its pages come from the reserve, when it
 * is built and when it grows. */
static void test_mirror_pages_from_reserve(void **state)
{
	uint64_t before;
	unsigned int ready;
	struct p2m p;

	assert_int_equal(p2m_init(&p, &pool, 8), 0);
	assert_int_equal(p2m_map(&p, 0x40000000, 0x50200000, SZ_2M, P2M_RAM), 0);
	p2m_use_reserve(&p);
	/* An empty reserve: no mirror, and no table page from the pool
	 * (the pool only gave what refilled the reserve afterwards). */
	p.nr_reserve = 0;
	before = mm_free_bytes(&pool);
	assert_int_equal(p2m_mirror_enable(&p, false), -PGT_ENOMEM);
	assert_false(p.mirrored);
	assert_int_equal(mm_free_bytes(&pool), before - p.nr_reserve * PAGE_SIZE);
	assert_int_equal(p2m_mirror_enable(&p, false), 0);
	/* Growing: two tables for the CPU, two for the mirror, all four
	 * from the reserve. */
	ready = p.nr_reserve;
	before = mm_free_bytes(&pool);
	assert_int_equal(p2m_map(&p, 0x900000000ull, 0x8000000000ull, PAGE_SIZE, P2M_DEVICE), 0);
	assert_int_equal(mm_free_bytes(&pool), before);
	assert_int_equal(p.nr_reserve, ready - 4);
	assert_int_equal(assert_mirror_agrees(&p), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_types_reach_the_architecture, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unmap_flushes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reserve_only_after_switch, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mirror_follows_the_map, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mirror_failed_map_undone, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mirror_pages_from_reserve, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
