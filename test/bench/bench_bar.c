// SPDX-License-Identifier: GPL-2.0-only
/*
 * make bench: what mapping a large BAR into a guest's stage 2 costs
 * (BAR-6), with the hypervisor's own page-table code (kernel/pgtable.c)
 * built for the host. For each case: the best of several map + unmap
 * rounds, and the table pages the mapping needed. Lines:
 *   bar <name> size=<bytes> map_us=<best> unmap_us=<best> tables=<pages>
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "host_pgtable.h"

#define ROUNDS	20

static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

/* One BAR of size bytes at host hpa, guest gpa, into a fresh stage 2. */
static int bench(const char *name, uint64_t gpa, uint64_t hpa, uint64_t size)
{
	double best_map = 1e30, best_unmap = 1e30;
	unsigned long tables = 0;
	int i;

	for (i = 0; i < ROUNDS; i++) {
		struct pgtable pt;
		double t0, t1, t2;

		if (pgtable_init(&pt, 1, &host_pt_ops, NULL))
			return -1;
		t0 = now_us();
		if (pgtable_map(&pt, gpa, hpa, size, S2_MEMATTR_DEVICE | S2_AP_RW)) {
			fprintf(stderr, "bench_bar: %s: map failed\n", name);
			return -1;
		}
		t1 = now_us();
		tables = pt.nr_tables - 1;	/* the root is there anyway */
		pgtable_unmap(&pt, gpa, size);
		t2 = now_us();
		pgtable_destroy(&pt);
		if (t1 - t0 < best_map)
			best_map = t1 - t0;
		if (t2 - t1 < best_unmap)
			best_unmap = t2 - t1;
	}
	printf("bar %s size=%llu map_us=%.1f unmap_us=%.1f tables=%lu\n", name,
	       (unsigned long long)size, best_map, best_unmap, tables);
	return 0;
}

int main(void)
{
	const uint64_t gib = 1ull << 30;

	/* BARs are aligned to their size on both sides, as the vPCI code
	 * places them, so 1 GiB blocks serve; the last case is a 1 GiB BAR
	 * whose guest address is only 2 MiB aligned (2 MiB blocks). */
	return bench("1GiB", 0x4000000000ull, 0x8000000000ull, gib) ||
	       bench("64GiB", 0x4000000000ull, 0x8000000000ull, 64 * gib) ||
	       bench("1GiB-2MiB-aligned", 0x4000200000ull, 0x8000200000ull, gib);
}
