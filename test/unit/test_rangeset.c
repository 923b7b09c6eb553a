// SPDX-License-Identifier: GPL-2.0-only
/* Range sets (kernel/lib/rangeset.c): merging, splitting, queries. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "lib/rangeset.h"

#define expect_ranges(rs, ...) do {					\
	const uint64_t want[] = { __VA_ARGS__ };			\
	size_t i;							\
	assert_int_equal((rs)->nr, sizeof(want) / sizeof(want[0]) / 2);	\
	for (i = 0; i < (rs)->nr; i++) {				\
		assert_int_equal((rs)->r[i].start, want[2 * i]);	\
		assert_int_equal((rs)->r[i].end, want[2 * i + 1]);	\
	}								\
} while (0)

static void test_add_merges(void **state)
{
	struct range st[8];
	struct rangeset rs;

	rangeset_init(&rs, st, 8);
	assert_int_equal(rangeset_add(&rs, 100, 200), 0);
	assert_int_equal(rangeset_add(&rs, 300, 400), 0);
	assert_int_equal(rangeset_add(&rs, 0, 10), 0);
	expect_ranges(&rs, 0, 10, 100, 200, 300, 400);
	assert_int_equal(rangeset_add(&rs, 200, 300), 0);	/* adjacent both sides */
	expect_ranges(&rs, 0, 10, 100, 400);
	assert_int_equal(rangeset_add(&rs, 5, 150), 0);		/* overlap */
	expect_ranges(&rs, 0, 400);
	assert_int_equal(rangeset_add(&rs, 50, 60), 0);		/* inside */
	expect_ranges(&rs, 0, 400);
	assert_int_equal(rangeset_add(&rs, 10, 10), -RANGESET_EINVAL);
	assert_int_equal(rangeset_total(&rs), 400);
}

static void test_remove_splits(void **state)
{
	struct range st[3];
	struct rangeset rs;

	rangeset_init(&rs, st, 3);
	assert_int_equal(rangeset_add(&rs, 0, 100), 0);
	assert_int_equal(rangeset_remove(&rs, 40, 60), 0);
	expect_ranges(&rs, 0, 40, 60, 100);
	assert_int_equal(rangeset_remove(&rs, 30, 70), 0);	/* tail of one, head of next */
	expect_ranges(&rs, 0, 30, 70, 100);
	assert_int_equal(rangeset_remove(&rs, 100, 200), 0);	/* only touching */
	expect_ranges(&rs, 0, 30, 70, 100);
	assert_int_equal(rangeset_remove(&rs, 0, 1000), 0);	/* everything */
	assert_int_equal(rs.nr, 0);
}

static void test_full_set_unchanged_on_error(void **state)
{
	struct range st[2];
	struct rangeset rs;

	rangeset_init(&rs, st, 2);
	assert_int_equal(rangeset_add(&rs, 0, 10), 0);
	assert_int_equal(rangeset_add(&rs, 20, 30), 0);
	assert_int_equal(rangeset_add(&rs, 40, 50), -RANGESET_ENOSPC);
	assert_int_equal(rangeset_remove(&rs, 3, 5), -RANGESET_ENOSPC);
	expect_ranges(&rs, 0, 10, 20, 30);
	/* Merging needs no slot even when full. */
	assert_int_equal(rangeset_add(&rs, 10, 20), 0);
	expect_ranges(&rs, 0, 30);
}

static void test_queries_end_exclusive(void **state)
{
	struct range st[4];
	struct rangeset rs;

	rangeset_init(&rs, st, 4);
	assert_int_equal(rangeset_add(&rs, 0x1000, 0x2000), 0);
	assert_int_equal(rangeset_add(&rs, 0x3000, 0x4000), 0);
	assert_true(rangeset_contains(&rs, 0x1000, 0x2000));
	assert_false(rangeset_contains(&rs, 0x1000, 0x2001));
	assert_false(rangeset_contains(&rs, 0x1800, 0x3800));	/* spans the hole */
	assert_false(rangeset_overlaps(&rs, 0x2000, 0x3000));	/* exactly the hole */
	assert_true(rangeset_overlaps(&rs, 0x1fff, 0x2000));
	assert_true(rangeset_overlaps(&rs, 0x2fff, 0x3001));
	assert_ptr_equal(rangeset_find_overlap(&rs, 0x2800, 0x5000), &rs.r[1]);
	assert_null(rangeset_find_overlap(&rs, 0x4000, 0x5000));
}

static void test_find_free(void **state)
{
	struct range st[4];
	struct rangeset rs;
	uint64_t a;

	rangeset_init(&rs, st, 4);
	assert_int_equal(rangeset_add(&rs, 0x1000, 0x3000), 0);
	assert_int_equal(rangeset_add(&rs, 0x100000, 0x500000), 0);
	assert_int_equal(rangeset_find_free(&rs, 0x1000, 0x1000, 0, &a), 0);
	assert_int_equal(a, 0x1000);
	assert_int_equal(rangeset_find_free(&rs, 0x1000, 0x1000, 0x2000, &a), 0);
	assert_int_equal(a, 0x2000);
	/* 2 MiB aligned: the first range is too small, the second starts
	 * unaligned; 0x200000 is the first fit. */
	assert_int_equal(rangeset_find_free(&rs, 0x200000, 0x200000, 0, &a), 0);
	assert_int_equal(a, 0x200000);
	assert_int_equal(rangeset_find_free(&rs, 0x400000, 0x1000, 0, &a), 0);
	assert_int_equal(a, 0x100000);
	assert_int_equal(rangeset_find_free(&rs, 0x400001, 1, 0, &a), -1);
	assert_int_equal(rangeset_find_free(&rs, 0x1000, 3, 0, &a), -1);	/* not 2^n */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_add_merges),
		cmocka_unit_test(test_remove_splits),
		cmocka_unit_test(test_full_set_unchanged_on_error),
		cmocka_unit_test(test_queries_end_exclusive),
		cmocka_unit_test(test_find_free),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
