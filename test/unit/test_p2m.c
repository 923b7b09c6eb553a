// SPDX-License-Identifier: GPL-2.0-only
/*
 * kernel/p2m.c on the fake architecture: mapping types reach the
 * architecture's attributes, unmapping flushes the TLBs under the lock
 * (BAR-2), and once on its reserve the p2m takes no page from the pool
 * while mapping (VPCI-8).
 */
#include <setjmp.h>
#include <stdarg.h>
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_types_reach_the_architecture, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unmap_flushes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reserve_only_after_switch, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
