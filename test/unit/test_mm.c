// SPDX-License-Identifier: GPL-2.0-only
/* The physical page allocator (a range set of free RAM). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "mm.h"

#define MiB	(1ull << 20)

static void test_alloc_respects_alignment(void **state)
{
	struct mm_pool p;
	uint64_t a, b;

	mm_init(&p);
	assert_int_equal(mm_add(&p, 0x40001000, 0x40000000 + 64 * MiB), 0);
	assert_int_equal(mm_alloc(&p, 4096, 4096, &a), 0);
	assert_int_equal(a, 0x40001000);
	assert_int_equal(mm_alloc(&p, 2 * MiB, 2 * MiB, &b), 0);
	assert_int_equal(b, 0x40200000);
	assert_int_equal(mm_free_bytes(&p), 64 * MiB - 0x2000 - 2 * MiB);
	/* Freed memory can be allocated again, at the same place. */
	assert_int_equal(mm_free(&p, b, 2 * MiB), 0);
	assert_int_equal(mm_alloc(&p, 2 * MiB, 2 * MiB, &a), 0);
	assert_int_equal(a, b);
}

static void test_add_drops_partial_pages(void **state)
{
	struct mm_pool p;

	mm_init(&p);
	assert_int_equal(mm_add(&p, 0x1001, 0x3fff), 0);
	assert_int_equal(mm_free_bytes(&p), 0x1000);
	assert_int_equal(mm_add(&p, 0x5001, 0x5fff), 0);	/* under a page */
	assert_int_equal(mm_free_bytes(&p), 0x1000);
}

static void test_exhaustion(void **state)
{
	struct mm_pool p;
	uint64_t a;

	mm_init(&p);
	assert_int_equal(mm_add(&p, 0, 8 * MiB), 0);
	assert_int_equal(mm_alloc(&p, 16 * MiB, 4096, &a), -MM_ENOMEM);
	assert_int_equal(mm_alloc(&p, 8 * MiB, 4096, &a), 0);
	assert_int_equal(mm_alloc(&p, 4096, 4096, &a), -MM_ENOMEM);
	assert_int_equal(mm_free_bytes(&p), 0);
}

static void test_claim_exact_range(void **state)
{
	struct mm_pool p;
	uint64_t a;

	mm_init(&p);
	assert_int_equal(mm_add(&p, 0x40000000, 0x48000000), 0);
	/* xen,static-mem style: a fixed host range must be entirely free. */
	assert_int_equal(mm_claim(&p, 0x44000000, 16 * MiB), 0);
	assert_int_equal(mm_claim(&p, 0x44000000, 4096), -MM_EBUSY);
	assert_int_equal(mm_claim(&p, 0x47f00000, 2 * MiB), -MM_EBUSY);
	assert_int_equal(mm_claim(&p, 0x44000800, 4096), -MM_EINVAL);
	/* Allocation skips the claimed hole. */
	assert_int_equal(mm_alloc(&p, 64 * MiB, 4096, &a), 0);
	assert_int_equal(a, 0x40000000);
	/* 48 MiB remain above the hole: 64 MiB no longer fits anywhere. */
	assert_int_equal(mm_alloc(&p, 64 * MiB, 4096, &a), -MM_ENOMEM);
	assert_int_equal(mm_alloc(&p, 48 * MiB, 4096, &a), 0);
	assert_int_equal(a, 0x45000000);
}

static void test_double_free_refused(void **state)
{
	struct mm_pool p;
	uint64_t a;

	mm_init(&p);
	assert_int_equal(mm_add(&p, 0, 1 * MiB), 0);
	assert_int_equal(mm_alloc(&p, 8192, 4096, &a), 0);
	assert_int_equal(mm_free(&p, a, 8192), 0);
	assert_int_equal(mm_free(&p, a, 4096), -MM_EINVAL);
	assert_int_equal(mm_free_bytes(&p), 1 * MiB);
}

static void test_bad_arguments(void **state)
{
	struct mm_pool p;
	uint64_t a;

	mm_init(&p);
	assert_int_equal(mm_add(&p, 0, 1 * MiB), 0);
	assert_int_equal(mm_alloc(&p, 0, 4096, &a), -MM_EINVAL);
	assert_int_equal(mm_alloc(&p, 100, 4096, &a), -MM_EINVAL);
	assert_int_equal(mm_alloc(&p, 4096, 3 * 4096, &a), -MM_EINVAL);
	assert_int_equal(mm_free(&p, 0x800, 4096), -MM_EINVAL);
	assert_int_equal(mm_claim(&p, ~0ull & ~0xfffull, 0x2000), -MM_EINVAL);
}

static void test_fragmentation_limit(void **state)
{
	struct mm_pool p;
	uint64_t i;

	mm_init(&p);
	/* Every other page: MM_MAX_RANGES fragments fit, one more does not. */
	for (i = 0; i < MM_MAX_RANGES; i++)
		assert_int_equal(mm_add(&p, i * 0x2000, i * 0x2000 + 0x1000), 0);
	assert_int_equal(mm_add(&p, i * 0x2000, i * 0x2000 + 0x1000), -MM_ENOSPC);
	assert_int_equal(mm_free_bytes(&p), MM_MAX_RANGES * 0x1000ull);
	/* Filling a gap merges two fragments and makes room again. */
	assert_int_equal(mm_add(&p, 0x1000, 0x2000), 0);
	assert_int_equal(mm_add(&p, i * 0x2000, i * 0x2000 + 0x1000), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alloc_respects_alignment),
		cmocka_unit_test(test_add_drops_partial_pages),
		cmocka_unit_test(test_exhaustion),
		cmocka_unit_test(test_claim_exact_range),
		cmocka_unit_test(test_double_free_refused),
		cmocka_unit_test(test_bad_arguments),
		cmocka_unit_test(test_fragmentation_limit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
