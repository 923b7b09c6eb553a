/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Memory a board keeps from every OS, read from its device tree: the
 * header's memory reservation block (/memreserve/) and each child of
 * /reserved-memory with a reg, no-map or not (firmware carve-outs: TF-A,
 * OP-TEE, remote processors). Children with only size / alloc-ranges
 * have no fixed address and are requests to the OS that boots; nothing
 * is reserved for them. Disabled children are skipped. One reader for
 * the hypervisor, the planner and the tests.
 */
#ifndef TESSERA_LIB_RESMEM_H
#define TESSERA_LIB_RESMEM_H

#include <stdint.h>

#include "lib/fdt.h"

#define RESMEM_WHAT_LEN	96	/* "/reserved-memory/<node>" or "/memreserve/ <n>" */

/* One call per range; a non-zero return stops the walk and is returned. */
typedef int (*resmem_fn)(void *ctx, uint64_t base, uint64_t size, const char *what);

/*
 * Every reserved range of the tree, in tree order (/memreserve/ first).
 * Returns 0, fn's non-zero value, or -FDT_ERR_BADVALUE for an entry that
 * is not a usable range (empty reg, a range that wraps), with what[]
 * naming it.
 */
int resmem_walk(const struct fdt *fdt, resmem_fn fn, void *ctx, char what[RESMEM_WHAT_LEN]);

/* The first reserved range overlapping [base, base + size): 1 with
 * *rbase, *rsize and what[] set, 0 if none, or resmem_walk()'s error. */
int resmem_find(const struct fdt *fdt, uint64_t base, uint64_t size, uint64_t *rbase,
		uint64_t *rsize, char what[RESMEM_WHAT_LEN]);

#endif
