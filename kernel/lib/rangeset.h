/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Sets of address ranges [start, end) kept sorted, merged and disjoint,
 * in a fixed array the caller provides (no allocation, so it can be used
 * under a spinlock and at EL2 before any allocator exists).
 * Used for free RAM, device space, BAR overlap checks and the planner.
 */
#ifndef TESSERA_LIB_RANGESET_H
#define TESSERA_LIB_RANGESET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct range {
	uint64_t start;
	uint64_t end;		/* exclusive; start < end */
};

struct rangeset {
	struct range *r;
	size_t nr;		/* ranges in use */
	size_t cap;		/* capacity of r */
};

#define RANGESET_ENOSPC	1	/* more disjoint ranges than cap */
#define RANGESET_EINVAL	2	/* start >= end, or overflow */

void rangeset_init(struct rangeset *rs, struct range *storage, size_t cap);
/* Add [start, end), merging with neighbours. 0 or -RANGESET_E*. The set
 * is unchanged on error. */
int rangeset_add(struct rangeset *rs, uint64_t start, uint64_t end);
/* Remove [start, end) (parts not in the set are ignored); may split a
 * range, hence may fail with -RANGESET_ENOSPC, leaving the set unchanged. */
int rangeset_remove(struct rangeset *rs, uint64_t start, uint64_t end);
/* Is every byte of [start, end) in the set? */
bool rangeset_contains(const struct rangeset *rs, uint64_t start,
		       uint64_t end);
/* Does any byte of [start, end) lie in the set? */
bool rangeset_overlaps(const struct rangeset *rs, uint64_t start,
		       uint64_t end);
/* First range in the set that overlaps [start, end), or NULL. */
const struct range *rangeset_find_overlap(const struct rangeset *rs,
					  uint64_t start, uint64_t end);
/* Lowest address a with [a, a+size) inside the set, a % align == 0 and
 * a >= min. align is a power of two. Returns 0 and *out, or -1. */
int rangeset_find_free(const struct rangeset *rs, uint64_t size,
		       uint64_t align, uint64_t min, uint64_t *out);
uint64_t rangeset_total(const struct rangeset *rs);

#endif
