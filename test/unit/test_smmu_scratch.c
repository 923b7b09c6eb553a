// SPDX-License-Identifier: GPL-2.0-only
/*
 * Scratch quarantine contexts (iommu/smmuv3_hw.c, IOMMU-2): each
 * function gets its own tables, tag and page; every input address a
 * device can emit reaches that page and nothing else; the page is zeroed
 * on each entry to quarantine; and the contexts are built once: after
 * the set is sealed nothing is allocated and no table byte changes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "host_pgtable.h"
#include "smmuv3_hw.h"

#define LEVELS		3	/* a 39-bit walk from level 1 */
#define ATTRS		(S2_MEMATTR_NORMAL | S2_AP_RW | PTE_SH_INNER)
#define MAX_PAGES	64

struct pages {
	unsigned int nr, fail_at;	/* fail the fail_at-th allocation (1-based) */
	void *page[MAX_PAGES];
};

static void *alloc_page(void *ctx)
{
	struct pages *p = ctx;

	if (p->nr == MAX_PAGES || (p->fail_at && p->nr + 1 == p->fail_at))
		return NULL;
	p->page[p->nr] = host_pt_alloc(NULL);
	return p->page[p->nr++];
}

static int setup(void **state)
{
	struct pages *p = calloc(1, sizeof(*p));
	struct smmu_scratch_set *set = calloc(1, sizeof(*set));

	*set = (struct smmu_scratch_set){
		.levels = LEVELS, .leaf_attrs = ATTRS, .tag_base = 0x80,
		.alloc_page = alloc_page, .ctx = p,
	};
	*state = set;
	return 0;
}

static int teardown(void **state)
{
	struct smmu_scratch_set *set = *state;
	struct pages *p = set->ctx;
	unsigned int i;

	for (i = 0; i < p->nr; i++)
		free(p->page[i]);
	free(p);
	free(set);
	return 0;
}

/* Where a device's access to ia lands through c's tables. */
static uint64_t walk(const struct smmu_scratch *c, uint64_t ia, uint64_t *attrs)
{
	struct pgtable pt = { .root = (uint64_t *)(uintptr_t)c->root, .start_level = 4 - LEVELS,
			      .ops = &host_pt_ops };
	uint64_t pa;
	int level;

	assert_int_equal(pgtable_lookup(&pt, ia, &pa, attrs, &level), 0);
	assert_int_equal(level, 3);
	return pa;
}

static void test_every_address_reaches_the_page(void **state)
{
	static const uint64_t ia[] = { 0, 0x1000, 0x40000000, 0x40001238, 0x7fffffffff,
				       0x123456789, 0x4000000000ull - 8 };
	struct smmu_scratch *c = smmu_scratch_get(*state, 0x28);
	uint64_t attrs;
	unsigned int i;

	assert_non_null(c);
	for (i = 0; i < sizeof(ia) / sizeof(ia[0]); i++) {
		assert_int_equal(walk(c, ia[i], &attrs), (uintptr_t)c->page + (ia[i] & 0xfff));
		assert_int_equal(attrs & (S2_AP_RW | S2_MEMATTR_NORMAL),
				 S2_AP_RW | S2_MEMATTR_NORMAL);
	}
}

static void test_each_function_its_own(void **state)
{
	struct smmu_scratch_set *set = *state;
	struct smmu_scratch *a = smmu_scratch_get(set, 0x28), *b = smmu_scratch_get(set, 0x30);
	uint64_t attrs;

	assert_non_null(a);
	assert_non_null(b);
	assert_ptr_not_equal(a->page, b->page);
	assert_int_not_equal(a->root, b->root);
	assert_int_equal(a->tag, 0x80);
	assert_int_equal(b->tag, 0x81);
	assert_int_equal(walk(b, 0x5000, &attrs), (uintptr_t)b->page);
	/* Asked again: the same context, nothing new allocated. */
	assert_ptr_equal(smmu_scratch_get(set, 0x28), a);
	assert_int_equal(((struct pages *)set->ctx)->nr, 2 * (LEVELS + 1));
}

static void test_page_zeroed_on_entry(void **state)
{
	struct smmu_scratch *c = smmu_scratch_get(*state, 0x28);
	unsigned int i;

	memset(c->page, 0xa5, PAGE_SIZE);	/* what a device left there */
	smmu_scratch_enter(c);
	for (i = 0; i < PAGE_SIZE / 8; i++)
		assert_int_equal(c->page[i], 0);
}

/* The tables' bytes, level by level from the root. */
static void snapshot(const struct smmu_scratch *c, uint64_t out[LEVELS][512])
{
	const uint64_t *t = (const uint64_t *)(uintptr_t)c->root;
	unsigned int l;

	for (l = 0; l < LEVELS; l++) {
		memcpy(out[l], t, PAGE_SIZE);
		t = (const uint64_t *)(uintptr_t)pte_addr(t[0]);
	}
}

static void test_built_once(void **state)
{
	static uint64_t before[LEVELS][512], after[LEVELS][512];
	struct smmu_scratch_set *set = *state;
	struct smmu_scratch *c = smmu_scratch_get(set, 0x28);
	unsigned int n, allocated;

	snapshot(c, before);
	set->sealed = true;	/* boot over */
	allocated = ((struct pages *)set->ctx)->nr;
	assert_null(smmu_scratch_get(set, 0x30));
	for (n = 0; n < 100; n++) {
		assert_ptr_equal(smmu_scratch_get(set, 0x28), c);
		memset(c->page, n, PAGE_SIZE);
		smmu_scratch_enter(c);
	}
	snapshot(c, after);
	assert_memory_equal(before, after, sizeof(before));
	assert_int_equal(((struct pages *)set->ctx)->nr, allocated);
}

static void test_out_of_pages_or_tags(void **state)
{
	struct smmu_scratch_set *set = *state;
	struct pages *p = set->ctx;
	unsigned int i;

	p->fail_at = 3;		/* the second table page */
	assert_null(smmu_scratch_get(set, 0x28));
	assert_int_equal(set->nr, 0);
	p->fail_at = 0;
	set->levels = 0;	/* a walk this code cannot build */
	assert_null(smmu_scratch_get(set, 0x28));
	set->levels = LEVELS;
	set->alloc_page = NULL;
	set->nr = SMMU_SCRATCH_MAX;	/* every tag given out */
	for (i = 0; i < SMMU_SCRATCH_MAX; i++)
		set->ctx_of[i].sid = 0x1000 + i;
	assert_null(smmu_scratch_get(set, 0x28));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_every_address_reaches_the_page, setup, teardown),
		cmocka_unit_test_setup_teardown(test_each_function_its_own, setup, teardown),
		cmocka_unit_test_setup_teardown(test_page_zeroed_on_entry, setup, teardown),
		cmocka_unit_test_setup_teardown(test_built_once, setup, teardown),
		cmocka_unit_test_setup_teardown(test_out_of_pages_or_tags, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
