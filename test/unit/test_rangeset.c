// SPDX-License-Identifier: GPL-2.0-only
/* Range sets (kernel/lib/rangeset.c): merging, splitting, queries. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
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

static void test_add_swallows_many(void **state)
{
	struct range st[8];
	struct rangeset rs;

	rangeset_init(&rs, st, 8);
	assert_int_equal(rangeset_add(&rs, 10, 20), 0);
	assert_int_equal(rangeset_add(&rs, 30, 40), 0);
	assert_int_equal(rangeset_add(&rs, 50, 60), 0);
	assert_int_equal(rangeset_add(&rs, 70, 80), 0);
	/* Touches the first's end and the third's start, covers the second. */
	assert_int_equal(rangeset_add(&rs, 20, 50), 0);
	expect_ranges(&rs, 10, 60, 70, 80);
	/* Strictly covers everything. */
	assert_int_equal(rangeset_add(&rs, 0, 100), 0);
	expect_ranges(&rs, 0, 100);
	/* Top of the address space: end is exclusive, so UINT64_MAX is the
	 * largest end there is. */
	assert_int_equal(rangeset_add(&rs, UINT64_MAX - 1, UINT64_MAX), 0);
	expect_ranges(&rs, 0, 100, UINT64_MAX - 1, UINT64_MAX);
	assert_int_equal(rangeset_add(&rs, 5, 3), -RANGESET_EINVAL);
	assert_int_equal(rangeset_remove(&rs, 5, 5), -RANGESET_EINVAL);
	expect_ranges(&rs, 0, 100, UINT64_MAX - 1, UINT64_MAX);
}

static void test_remove_edges(void **state)
{
	struct range st[4];
	struct rangeset rs;

	rangeset_init(&rs, st, 4);
	assert_int_equal(rangeset_remove(&rs, 0, 10), 0);	/* empty set */
	assert_int_equal(rs.nr, 0);
	assert_int_equal(rangeset_add(&rs, 10, 20), 0);
	assert_int_equal(rangeset_add(&rs, 30, 40), 0);
	assert_int_equal(rangeset_remove(&rs, 20, 30), 0);	/* exactly the hole */
	expect_ranges(&rs, 10, 20, 30, 40);
	assert_int_equal(rangeset_remove(&rs, 0, 10), 0);	/* touching below */
	expect_ranges(&rs, 10, 20, 30, 40);
	assert_int_equal(rangeset_remove(&rs, 10, 11), 0);	/* head byte */
	assert_int_equal(rangeset_remove(&rs, 39, 40), 0);	/* tail byte */
	expect_ranges(&rs, 11, 20, 30, 39);
	assert_int_equal(rangeset_remove(&rs, 30, 39), 0);	/* a whole range */
	expect_ranges(&rs, 11, 20);
	assert_int_equal(rangeset_total(&rs), 9);
}

static void test_contains_overlaps_edges(void **state)
{
	struct range st[4];
	struct rangeset rs;

	rangeset_init(&rs, st, 4);
	assert_false(rangeset_overlaps(&rs, 0, UINT64_MAX));	/* empty set */
	assert_false(rangeset_contains(&rs, 0, 1));
	assert_int_equal(rangeset_add(&rs, 100, 200), 0);
	assert_true(rangeset_contains(&rs, 100, 101));
	assert_true(rangeset_contains(&rs, 199, 200));
	assert_false(rangeset_contains(&rs, 99, 101));
	assert_false(rangeset_contains(&rs, 200, 201));
	assert_false(rangeset_overlaps(&rs, 0, 100));		/* ends where it starts */
	assert_false(rangeset_overlaps(&rs, 200, 300));	/* starts where it ends */
	assert_true(rangeset_overlaps(&rs, 0, 101));
	assert_true(rangeset_overlaps(&rs, 199, 300));
	assert_true(rangeset_overlaps(&rs, 0, UINT64_MAX));
	/* Empty queries: nothing overlaps them, and we say nothing is
	 * contained either. */
	assert_false(rangeset_overlaps(&rs, 150, 150));
	assert_false(rangeset_contains(&rs, 150, 150));
	assert_null(rangeset_find_overlap(&rs, 150, 150));
}

static void test_find_free_edges(void **state)
{
	struct range st[4];
	struct rangeset rs;
	uint64_t a = 0x1234;

	rangeset_init(&rs, st, 4);
	assert_int_equal(rangeset_find_free(&rs, 1, 1, 0, &a), -1);	/* empty set */
	assert_int_equal(rangeset_add(&rs, 0x1000, 0x2000), 0);
	assert_int_equal(rangeset_add(&rs, 0x5000, 0x9000), 0);
	/* Exactly filling a range. */
	assert_int_equal(rangeset_find_free(&rs, 0x1000, 0x1000, 0, &a), 0);
	assert_int_equal(a, 0x1000);
	/* min inside a range, unaligned: rounds up, stays in that range. */
	assert_int_equal(rangeset_find_free(&rs, 0x100, 0x100, 0x1001, &a), 0);
	assert_int_equal(a, 0x1100);
	/* min leaves too little of the first range: the next one. */
	assert_int_equal(rangeset_find_free(&rs, 0x200, 1, 0x1f00, &a), 0);
	assert_int_equal(a, 0x5000);
	/* min beyond everything. */
	assert_int_equal(rangeset_find_free(&rs, 1, 1, 0x9000, &a), -1);
	assert_int_equal(rangeset_find_free(&rs, 0, 1, 0, &a), -1);	/* size 0 */
	assert_int_equal(rangeset_find_free(&rs, 1, 0, 0, &a), -1);	/* align 0 */

	/* Rounding min up must not wrap around to a low address. */
	rangeset_init(&rs, st, 4);
	assert_int_equal(rangeset_add(&rs, 0, UINT64_MAX), 0);
	assert_int_equal(rangeset_find_free(&rs, 0x10, 0x1000, UINT64_MAX - 0x10, &a), -1);
	assert_int_equal(rangeset_find_free(&rs, 0x10, 0x1000, 0x1001, &a), 0);
	assert_int_equal(a, 0x2000);
	assert_int_equal(rangeset_find_free(&rs, UINT64_MAX, 1, 0, &a), 0);
	assert_int_equal(a, 0);
	assert_int_equal(rangeset_find_free(&rs, UINT64_MAX, 2, 0, &a), 0);
	assert_int_equal(rangeset_find_free(&rs, UINT64_MAX, 1, 1, &a), -1);
}

/*
 * Random operations on a small universe, checked against a bitmap model:
 * the set stays sorted, merged and disjoint, equals the model, and an
 * operation that fails leaves it exactly as it was.
 */
#define UNIVERSE	96
#define MODEL_CAP	5

static void check_against_model(const struct rangeset *rs, const bool *bits)
{
	bool seen[UNIVERSE] = { false };
	uint64_t total = 0;
	size_t i, k;

	for (i = 0; i < rs->nr; i++) {
		assert_true(rs->r[i].start < rs->r[i].end);
		assert_true(rs->r[i].end <= UNIVERSE);
		/* Strictly apart: touching ranges should have been merged. */
		if (i)
			assert_true(rs->r[i - 1].end < rs->r[i].start);
		for (k = rs->r[i].start; k < rs->r[i].end; k++)
			seen[k] = true;
		total += rs->r[i].end - rs->r[i].start;
	}
	for (k = 0; k < UNIVERSE; k++)
		assert_int_equal(seen[k], bits[k]);
	assert_int_equal(rangeset_total(rs), total);
}

static void test_random_against_model(void **state)
{
	struct range st[MODEL_CAP], saved[MODEL_CAP];
	bool bits[UNIVERSE] = { false }, want[UNIVERSE];
	struct rangeset rs;
	int iter;

	srand(12345);
	rangeset_init(&rs, st, MODEL_CAP);
	for (iter = 0; iter < 20000; iter++) {
		uint64_t s = rand() % UNIVERSE, e = s + 1 + rand() % 12, k;
		bool add = rand() % 2, any = false, all = true;
		size_t saved_nr = rs.nr, runs = 0;
		int ret;

		if (e > UNIVERSE)
			e = UNIVERSE;
		/* Queries first, against the model. */
		for (k = s; k < e; k++) {
			any |= bits[k];
			all &= bits[k];
		}
		assert_int_equal(rangeset_overlaps(&rs, s, e), any);
		assert_int_equal(rangeset_contains(&rs, s, e), all);

		memcpy(want, bits, sizeof(bits));
		for (k = s; k < e; k++)
			want[k] = add;
		for (k = 0; k < UNIVERSE; k++)
			runs += want[k] && (k == 0 || !want[k - 1]);
		memcpy(saved, st, sizeof(st));
		ret = add ? rangeset_add(&rs, s, e) : rangeset_remove(&rs, s, e);
		if (runs > MODEL_CAP) {
			assert_int_equal(ret, -RANGESET_ENOSPC);
			assert_int_equal(rs.nr, saved_nr);
			assert_memory_equal(st, saved, saved_nr * sizeof(st[0]));
		} else {
			assert_int_equal(ret, 0);
			memcpy(bits, want, sizeof(bits));
		}
		check_against_model(&rs, bits);

		/* find_free against a brute-force search. */
		{
			uint64_t size = 1 + rand() % 8, align = 1u << (rand() % 4);
			uint64_t min = rand() % UNIVERSE, a, got, best = UINT64_MAX;

			for (a = min; a + size <= UNIVERSE && best == UINT64_MAX; a++) {
				bool fits = a % align == 0;

				for (k = a; fits && k < a + size; k++)
					fits = bits[k];
				if (fits)
					best = a;
			}
			ret = rangeset_find_free(&rs, size, align, min, &got);
			if (best == UINT64_MAX) {
				assert_int_equal(ret, -1);
			} else {
				assert_int_equal(ret, 0);
				assert_int_equal(got, best);
			}
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_add_merges),
		cmocka_unit_test(test_remove_splits),
		cmocka_unit_test(test_full_set_unchanged_on_error),
		cmocka_unit_test(test_queries_end_exclusive),
		cmocka_unit_test(test_find_free),
		cmocka_unit_test(test_add_swallows_many),
		cmocka_unit_test(test_remove_edges),
		cmocka_unit_test(test_contains_overlaps_edges),
		cmocka_unit_test(test_find_free_edges),
		cmocka_unit_test(test_random_against_model),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
