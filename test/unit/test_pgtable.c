// SPDX-License-Identifier: GPL-2.0-only
/* The translation-table builder, walked back with pgtable_lookup and by
 * hand, on the host. Table pages come from aligned_alloc. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "pgtable.h"

struct alloc_ctx {
	int allowed;	/* table pages left before allocation fails; -1: no limit */
	int live;	/* pages currently allocated */
};

static void *host_alloc(void *ctx)
{
	struct alloc_ctx *c = ctx;
	void *p;

	if (c->allowed == 0)
		return NULL;
	if (c->allowed > 0)
		c->allowed--;
	p = aligned_alloc(PAGE_SIZE, PAGE_SIZE);
	memset(p, 0, PAGE_SIZE);
	c->live++;
	return p;
}

static void host_free(void *ctx, void *t)
{
	((struct alloc_ctx *)ctx)->live--;
	free(t);
}

static uint64_t host_v2p(void *ctx, void *va)
{
	return (uint64_t)(uintptr_t)va;
}

static void *host_p2v(void *ctx, uint64_t pa)
{
	return (void *)(uintptr_t)pa;
}

static const struct pgtable_ops ops = {
	host_alloc, host_free, host_v2p, host_p2v,
};

#define ATTR	(S2_MEMATTR_NORMAL | S2_AP_RW)

static void expect_map(struct pgtable *pt, uint64_t va, uint64_t pa, int level)
{
	uint64_t got, attrs;
	int l;

	assert_int_equal(pgtable_lookup(pt, va, &got, &attrs, &l), 0);
	assert_int_equal(got, pa);
	assert_int_equal(l, level);
	assert_int_equal(attrs & ~PTE_AF, ATTR);
}

static void expect_unmapped(struct pgtable *pt, uint64_t va)
{
	uint64_t pa, attrs;
	int l;

	assert_int_equal(pgtable_lookup(pt, va, &pa, &attrs, &l), -1);
}

static void test_blocks_used_when_aligned(void **state)
{
	struct alloc_ctx c = { -1, 0 };
	struct pgtable pt;

	assert_int_equal(pgtable_init(&pt, 1, &ops, &c), 0);
	/* 1 GiB + 2 MiB + 4 KiB, all aligned: one block of each size. */
	assert_int_equal(pgtable_map(&pt, 0x40000000, 0x80000000,
				     SZ_1G + SZ_2M + PAGE_SIZE, ATTR), 0);
	expect_map(&pt, 0x40000000, 0x80000000, 1);
	expect_map(&pt, 0x40000000 + SZ_1G - 8, 0x80000000 + SZ_1G - 8, 1);
	expect_map(&pt, 0x80000000, 0xc0000000, 2);
	expect_map(&pt, 0x80200000, 0xc0200000, 3);
	expect_unmapped(&pt, 0x80201000);
	expect_unmapped(&pt, 0x3ffff000);
	/* root, one L2 table, one L3 table */
	assert_int_equal(pt.nr_tables, 3);
	pgtable_destroy(&pt);
	assert_int_equal(c.live, 0);
}

static void test_misaligned_pa_uses_pages(void **state)
{
	struct alloc_ctx c = { -1, 0 };
	struct pgtable pt;

	assert_int_equal(pgtable_init(&pt, 1, &ops, &c), 0);
	/* va 2 MiB aligned but pa only 4 KiB aligned: no block possible. */
	assert_int_equal(pgtable_map(&pt, 0x200000, 0x1001000, SZ_2M, ATTR), 0);
	expect_map(&pt, 0x200000, 0x1001000, 3);
	expect_map(&pt, 0x3ff000, 0x1200000, 3);
	pgtable_destroy(&pt);
	assert_int_equal(c.live, 0);
}

static void test_level0_start_and_limit(void **state)
{
	struct alloc_ctx c = { -1, 0 };
	struct pgtable pt;

	assert_int_equal(pgtable_init(&pt, 0, &ops, &c), 0);
	assert_int_equal(pgtable_va_limit(&pt), 1ull << 48);
	assert_int_equal(pgtable_map(&pt, 0x8000000000ull, 0x8000000000ull, SZ_1G, ATTR), 0);
	expect_map(&pt, 0x8000000000ull + 5, 0x8000000000ull + 5, 1);
	pgtable_destroy(&pt);

	assert_int_equal(pgtable_init(&pt, 1, &ops, &c), 0);
	assert_int_equal(pgtable_va_limit(&pt), 1ull << 39);
	assert_int_equal(pgtable_map(&pt, (1ull << 39) - PAGE_SIZE, 0, 2 * PAGE_SIZE, ATTR),
			 -PGT_EINVAL);
	pgtable_destroy(&pt);
	assert_int_equal(c.live, 0);
}

static void test_rejects_bad_arguments(void **state)
{
	struct alloc_ctx c = { -1, 0 };
	struct pgtable pt;

	assert_int_equal(pgtable_init(&pt, 1, &ops, &c), 0);
	assert_int_equal(pgtable_map(&pt, 0x1000, 0x2000, 0, ATTR), -PGT_EINVAL);
	assert_int_equal(pgtable_map(&pt, 0x1800, 0x2000, 0x1000, ATTR), -PGT_EINVAL);
	assert_int_equal(pgtable_map(&pt, 0x1000, 0x2800, 0x1000, ATTR), -PGT_EINVAL);
	assert_int_equal(pgtable_map(&pt, 0x1000, 0x2000, 0x800, ATTR), -PGT_EINVAL);
	assert_int_equal(pgtable_map(&pt, ~0ull & ~0xfffull, 0, 0x2000, ATTR), -PGT_EINVAL);
	assert_int_equal(pt.nr_tables, 1);
	pgtable_destroy(&pt);
}

static void test_overlap_refused_and_undone(void **state)
{
	struct alloc_ctx c = { -1, 0 };
	struct pgtable pt;

	assert_int_equal(pgtable_init(&pt, 1, &ops, &c), 0);
	assert_int_equal(pgtable_map(&pt, 0x300000, 0x300000, PAGE_SIZE, ATTR), 0);
	/* [0x200000, 0x400000) collides in its middle: nothing of it stays. */
	assert_int_equal(pgtable_map(&pt, 0x200000, 0x900000, SZ_2M, ATTR), -PGT_EEXIST);
	expect_unmapped(&pt, 0x200000);
	expect_unmapped(&pt, 0x2ff000);
	expect_map(&pt, 0x300000, 0x300000, 3);
	/* A block on top of a table, and a table under a block. */
	assert_int_equal(pgtable_map(&pt, 0x40000000, 0x40000000, SZ_1G, ATTR), 0);
	assert_int_equal(pgtable_map(&pt, 0x40001000, 0x1000, PAGE_SIZE, ATTR), -PGT_EEXIST);
	pgtable_destroy(&pt);
	assert_int_equal(c.live, 0);
}

static void test_enomem_leaves_nothing(void **state)
{
	struct alloc_ctx c = { 2, 0 };	/* root + one more */
	struct pgtable pt;

	assert_int_equal(pgtable_init(&pt, 1, &ops, &c), 0);
	/* Needs an L2 and two L3 tables (4 KiB at both ends of a 2 MiB
	 * boundary): the third allocation fails. */
	assert_int_equal(pgtable_map(&pt, 0x1ff000, 0x1ff000, 2 * PAGE_SIZE, ATTR),
			 -PGT_ENOMEM);
	expect_unmapped(&pt, 0x1ff000);
	expect_unmapped(&pt, 0x200000);
	pgtable_destroy(&pt);
	assert_int_equal(c.live, 0);
}

static void test_unmap_splits_blocks(void **state)
{
	struct alloc_ctx c = { -1, 0 };
	struct pgtable pt;

	assert_int_equal(pgtable_init(&pt, 1, &ops, &c), 0);
	assert_int_equal(pgtable_map(&pt, 0x40000000, 0x40000000, SZ_1G, ATTR), 0);
	/* Punch one page out of the middle of the 1 GiB block. */
	assert_int_equal(pgtable_unmap(&pt, 0x40201000, PAGE_SIZE), 0);
	expect_unmapped(&pt, 0x40201000);
	expect_map(&pt, 0x40200000, 0x40200000, 3);
	expect_map(&pt, 0x40202000, 0x40202000, 3);
	expect_map(&pt, 0x40000000, 0x40000000, 2);
	expect_map(&pt, 0x7fe00000, 0x7fe00000, 2);
	/* Unmap everything: tables under the range are freed. */
	assert_int_equal(pgtable_unmap(&pt, 0x40000000, SZ_1G), 0);
	expect_unmapped(&pt, 0x40000000);
	expect_unmapped(&pt, 0x40200000);
	assert_int_equal(pt.nr_tables, 1);
	assert_int_equal(c.live, 1);
	pgtable_destroy(&pt);
	assert_int_equal(c.live, 0);
}

static void test_unmap_split_enomem_changes_nothing(void **state)
{
	struct alloc_ctx c = { -1, 0 };
	struct pgtable pt;

	assert_int_equal(pgtable_init(&pt, 1, &ops, &c), 0);
	assert_int_equal(pgtable_map(&pt, 0, 0, SZ_1G, ATTR), 0);
	c.allowed = 1;	/* the L2 split works, the L3 split does not */
	assert_int_equal(pgtable_unmap(&pt, 0x1000, PAGE_SIZE), -PGT_ENOMEM);
	expect_map(&pt, 0x1000, 0x1000, 2);
	expect_map(&pt, 0x0, 0x0, 2);
	pgtable_destroy(&pt);
	assert_int_equal(c.live, 0);
}

static void test_large_bar_is_cheap(void **state)
{
	struct alloc_ctx c = { -1, 0 };
	struct pgtable pt;

	/* A 64 GiB BAR at a 1 GiB aligned address: 64 level-1 blocks, no
	 * table pages beyond the root (BAR-6). */
	assert_int_equal(pgtable_init(&pt, 1, &ops, &c), 0);
	assert_int_equal(pgtable_map(&pt, 64 * SZ_1G, 0x8000000000ull, 64 * SZ_1G,
				     S2_MEMATTR_DEVICE | S2_AP_RW), 0);
	assert_int_equal(pt.nr_tables, 1);
	pgtable_destroy(&pt);
}

/* Leaves are visited in address order, a block as one call. */
struct seen {
	unsigned int n;
	uint64_t va[8], pa[8], size[8], attrs[8];
};

static int note_leaf(void *ctx, uint64_t va, uint64_t pa, uint64_t size, uint64_t attrs)
{
	struct seen *s = ctx;

	if (s->n == 8)
		return 7;
	s->va[s->n] = va;
	s->pa[s->n] = pa;
	s->size[s->n] = size;
	s->attrs[s->n++] = attrs;
	return 0;
}

static void test_for_each_leaf(void **state)
{
	struct alloc_ctx c = { -1, 0 };
	struct seen s = { 0 };
	struct pgtable pt;

	assert_int_equal(pgtable_init(&pt, 1, &ops, &c), 0);
	assert_int_equal(pgtable_map(&pt, 0x80000000, 0x1c0000000, SZ_1G, ATTR), 0);
	assert_int_equal(pgtable_map(&pt, 0x40200000, 0x50200000, SZ_2M + PAGE_SIZE,
				     S2_MEMATTR_DEVICE | S2_AP_RO), 0);
	assert_int_equal(pgtable_for_each_leaf(&pt, note_leaf, &s), 0);
	assert_int_equal(s.n, 3);
	assert_int_equal(s.va[0], 0x40200000);
	assert_int_equal(s.pa[0], 0x50200000);
	assert_int_equal(s.size[0], SZ_2M);
	assert_int_equal(s.attrs[0] & ~PTE_AF, S2_MEMATTR_DEVICE | S2_AP_RO);
	assert_int_equal(s.va[1], 0x40400000);
	assert_int_equal(s.size[1], PAGE_SIZE);
	assert_int_equal(s.va[2], 0x80000000);
	assert_int_equal(s.pa[2], 0x1c0000000);
	assert_int_equal(s.size[2], SZ_1G);
	assert_int_equal(s.attrs[2] & ~PTE_AF, ATTR);
	/* The callback's error stops the walk and is returned. */
	s.n = 8;
	assert_int_equal(pgtable_for_each_leaf(&pt, note_leaf, &s), 7);
	pgtable_destroy(&pt);
}

/* The DMA mirror's descriptors (an SMMU's stage 1 for unprivileged
 * PCIe requests): the stage-2 leaf's type and write permission, EL0
 * access, nG, AF. */
static void test_dma_mirror_attrs(void **state)
{
	uint64_t ram = pte_dma_s1_attrs(S2_MEMATTR_NORMAL | S2_AP_RW | PTE_SH_INNER);
	uint64_t ro = pte_dma_s1_attrs(S2_MEMATTR_NORMAL | S2_AP_RO | PTE_SH_INNER);
	uint64_t dev = pte_dma_s1_attrs(S2_MEMATTR_DEVICE | S2_AP_RW | S2_XN);
	uint64_t d = pte_leaf(0x50200000, ram, 2);

	assert_int_equal((ram >> 2) & 7, DMA_S1_IDX_NORMAL);	/* AttrIndx */
	assert_int_equal((DMA_S1_MAIR >> (8 * DMA_S1_IDX_NORMAL)) & 0xff, 0xff);
	assert_int_equal((ram >> 6) & 3, 1);	/* AP: read/write, EL0 too */
	assert_int_equal((ram >> 8) & 3, 3);	/* SH: inner shareable */
	assert_int_equal((ram >> 11) & 1, 1);	/* nG: ASID-tagged */
	assert_int_equal(ram >> 53, 0);		/* executable (no meaning for DMA) */
	assert_int_equal((ro >> 6) & 3, 3);	/* AP: read-only, EL0 too */
	assert_int_equal(ro & ~(3ull << 6), ram & ~(3ull << 6));
	assert_int_equal((dev >> 2) & 7, DMA_S1_IDX_DEVICE);
	assert_int_equal((DMA_S1_MAIR >> (8 * DMA_S1_IDX_DEVICE)) & 0xff, 0x04);
	assert_int_equal((dev >> 6) & 3, 1);
	assert_int_equal((dev >> 11) & 1, 1);
	assert_int_equal((dev >> 53) & 3, 3);	/* PXN, UXN */
	/* A level-2 block: valid, not a table, AF set, the address kept. */
	assert_int_equal(d & 3, 1);
	assert_int_equal((d >> 10) & 1, 1);
	assert_int_equal(pte_addr(d), 0x50200000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_blocks_used_when_aligned),
		cmocka_unit_test(test_misaligned_pa_uses_pages),
		cmocka_unit_test(test_level0_start_and_limit),
		cmocka_unit_test(test_rejects_bad_arguments),
		cmocka_unit_test(test_overlap_refused_and_undone),
		cmocka_unit_test(test_enomem_leaves_nothing),
		cmocka_unit_test(test_unmap_splits_blocks),
		cmocka_unit_test(test_unmap_split_enomem_changes_nothing),
		cmocka_unit_test(test_large_bar_is_cheap),
		cmocka_unit_test(test_for_each_leaf),
		cmocka_unit_test(test_dma_mirror_attrs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
