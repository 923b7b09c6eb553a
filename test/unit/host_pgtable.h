/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hypervisor's page-table code (kernel/pgtable.c) over host memory,
 * for host tests, fuzzers and benchmarks: tables are zeroed, page-aligned
 * heap pages and "physical" addresses are the host pointers themselves.
 * struct host_s2 is a guest stage 2 for the vPCI environment's map and
 * unmap callbacks, counting what is mapped; unmapping a page that is
 * not mapped aborts (vPCI unmaps exactly what it mapped, BAR-5).
 */
#ifndef TESSERA_TEST_HOST_PGTABLE_H
#define TESSERA_TEST_HOST_PGTABLE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pgtable.h"

static inline void *host_pt_alloc(void *ctx)
{
	void *p = aligned_alloc(PAGE_SIZE, PAGE_SIZE);

	if (p)
		memset(p, 0, PAGE_SIZE);
	return p;
}

static inline void host_pt_free(void *ctx, void *t)
{
	free(t);
}

static inline uint64_t host_pt_v2p(void *ctx, void *va)
{
	return (uintptr_t)va;
}

static inline void *host_pt_p2v(void *ctx, uint64_t pa)
{
	return (void *)(uintptr_t)pa;
}

static const struct pgtable_ops host_pt_ops = {
	host_pt_alloc, host_pt_free, host_pt_v2p, host_pt_p2v,
};

struct host_s2 {
	struct pgtable pt;
	uint64_t mapped_bytes;		/* mapped minus unmapped */
};

static inline int host_s2_init(struct host_s2 *s)
{
	s->mapped_bytes = 0;
	return pgtable_init(&s->pt, 1, &host_pt_ops, NULL);
}

static inline int host_s2_map(void *ctx, uint64_t gpa, uint64_t hpa, uint64_t size)
{
	struct host_s2 *s = ctx;

	if (pgtable_map(&s->pt, gpa, hpa, size, S2_MEMATTR_DEVICE | S2_AP_RW))
		return -1;
	s->mapped_bytes += size;
	return 0;
}

static inline void host_s2_unmap(void *ctx, uint64_t gpa, uint64_t size)
{
	struct host_s2 *s = ctx;
	uint64_t a, pa, attrs;
	int level;

	for (a = gpa; a < gpa + size; a += PAGE_SIZE)
		if (pgtable_lookup(&s->pt, a, &pa, &attrs, &level)) {
			fprintf(stderr, "host_s2: unmap of 0x%llx, which is not mapped\n",
				(unsigned long long)a);
			abort();
		}
	pgtable_unmap(&s->pt, gpa, size);
	s->mapped_bytes -= size;
}

#endif
