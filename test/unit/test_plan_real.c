// SPDX-License-Identifier: GPL-2.0-only
/*
 * The planner's own code (scripts/plan) on Debian's real board trees
 * from linux-image-arm64 (make deps): two guests planned on each, and
 * every guest range checked with the shared range code against the
 * board's reserved memory (kernel/lib/resmem.h: /memreserve/ and
 * /reserved-memory) and its /memory.
 */
#include <glob.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "lib/rangeset.h"
#include "lib/resmem.h"
#include "plan.h"

#define MAX_RESERVED	128

static struct plan p;
static struct range reserved_slots[MAX_RESERVED], memory_slots[PLAN_MAX_RAM];

static int add_reserved(void *ctx, uint64_t base, uint64_t size, const char *what)
{
	return rangeset_add(ctx, base, base + size) ? -1 : 0;
}

/* The board's /memory, read again, not through the planner. */
static void board_memory(const struct fdt *fdt, struct rangeset *mem)
{
	int node, i;

	rangeset_init(mem, memory_slots, PLAN_MAX_RAM);
	for (node = fdt_first_child(fdt, fdt_root(fdt)); node >= 0;
	     node = fdt_next_sibling(fdt, node)) {
		const char *type;

		if (fdt_read_string(fdt, node, "device_type", &type) || strcmp(type, "memory"))
			continue;
		for (i = 0; i < fdt_reg_count(fdt, node); i++) {
			uint64_t base, size;

			assert_int_equal(fdt_reg(fdt, node, i, &base, &size), 0);
			assert_int_equal(rangeset_add(mem, base, base + size), 0);
		}
	}
}

static void plan_board(const char *dtb, const char *part, unsigned int want_reserved)
{
	char pattern[512], what[RESMEM_WHAT_LEN];
	struct rangeset resv, mem;
	glob_t g;
	unsigned int i;

	snprintf(pattern, sizeof(pattern), "%s/build/deps/arm64/usr/lib/linux-image-*/%s",
		 SOURCE_DIR, dtb);
	if (glob(pattern, 0, NULL, &g) || !g.gl_pathc) {
		print_error("%s is not in build/deps (make deps)\n", dtb);
		fail();
	}
	memset(&p, 0, sizeof(p));
	/* Placement is checked here; what the build supports, by plan-real-*. */
	p.allow_unsupported = true;
	if (plan_board_load(&p, g.gl_pathv[0]) ||
	    plan_partition_load(&p, part) || plan_compute(&p)) {
		print_error("%s: %s\n", dtb, p.err);
		fail();
	}
	globfree(&g);
	rangeset_init(&resv, reserved_slots, MAX_RESERVED);
	assert_int_equal(resmem_walk(&p.board.fdt, add_reserved, &resv, what), 0);
	assert_int_equal(resv.nr, want_reserved);
	board_memory(&p.board.fdt, &mem);
	assert_int_equal(p.nr_domains, 2);
	for (i = 0; i < p.nr_domains; i++) {
		const struct plan_domain *d = &p.dom[i];
		const struct range *hit = rangeset_find_overlap(&resv, d->ram_pa,
								d->ram_pa + d->mem);

		if (hit) {
			print_error("%s: %s RAM 0x%llx+0x%llx overlaps reserved 0x%llx-0x%llx\n", dtb,
				    d->name, (unsigned long long)d->ram_pa,
				    (unsigned long long)d->mem, (unsigned long long)hit->start,
				    (unsigned long long)hit->end);
			fail();
		}
		assert_true(rangeset_contains(&mem, d->ram_pa, d->ram_pa + d->mem));
	}
	plan_free(&p);
}

#define PART		UNIT_DATA_DIR "/plan-real.dtb"		/* 64 MiB + 1 GiB */
#define PART_LARGE	UNIT_DATA_DIR "/plan-real-large.dtb"	/* 64 MiB + 1.5 GiB */

/* The DSP's carve-out at 0x92400000, inside the first 1.5 GiB. */
static void test_imx8mp_evk(void **state) { plan_board("freescale/imx8mp-evk.dtb", PART_LARGE, 1); }
/* No reserved memory: the guests stay inside /memory. */
static void test_zcu102(void **state) { plan_board("xilinx/zynqmp-zcu102-rev1.0.dtb", PART, 0); }
/* ramoops, the R5F's memory, TF-A and OP-TEE from 0x9ca00000. */
static void test_am625_sk(void **state) { plan_board("ti/k3-am625-sk.dtb", PART, 3); }
/* OP-TEE and the R5Fs' and C66/C71 DSPs' carve-outs from 0x9e800000. */
static void test_j721e_sk(void **state) { plan_board("ti/k3-j721e-sk.dtb", PART, 2); }

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_imx8mp_evk),
		cmocka_unit_test(test_zcu102),
		cmocka_unit_test(test_am625_sk),
		cmocka_unit_test(test_j721e_sk),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
