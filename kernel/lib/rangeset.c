// SPDX-License-Identifier: GPL-2.0-only
/*
 * Sorted, merged, disjoint ranges in a fixed array. Linear operations:
 * sets here hold tens of ranges. The planner's large sets will want a
 * tree; the interface allows swapping the representation.
 */
#include "lib/rangeset.h"

#include "lib/fault.h"
#include "lib/string.h"

void rangeset_init(struct rangeset *rs, struct range *storage, size_t cap)
{
	rs->r = storage;
	rs->nr = 0;
	rs->cap = cap;
}

/* Index of the first range with end >= start (touching counts). */
static size_t first_touching(const struct rangeset *rs, uint64_t start)
{
	size_t lo = 0, hi = rs->nr;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (rs->r[mid].end < start)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

int rangeset_add(struct rangeset *rs, uint64_t start, uint64_t end)
{
	size_t i = first_touching(rs, start), j = i;

	if (start >= end)
		return -RANGESET_EINVAL;
	/* Ranges i..j-1 touch or overlap [start, end): merge them. */
	while (j < rs->nr && rs->r[j].start <= end)
		j++;
	if (i == j) {
		if (rs->nr == rs->cap || fault_fail())
			return -RANGESET_ENOSPC;
		memmove(&rs->r[i + 1], &rs->r[i], (rs->nr - i) * sizeof(rs->r[0]));
		rs->r[i].start = start;
		rs->r[i].end = end;
		rs->nr++;
		return 0;
	}
	if (rs->r[i].start < start)
		start = rs->r[i].start;
	if (rs->r[j - 1].end > end)
		end = rs->r[j - 1].end;
	rs->r[i].start = start;
	rs->r[i].end = end;
	memmove(&rs->r[i + 1], &rs->r[j], (rs->nr - j) * sizeof(rs->r[0]));
	rs->nr -= j - i - 1;
	return 0;
}

int rangeset_remove(struct rangeset *rs, uint64_t start, uint64_t end)
{
	size_t i = first_touching(rs, start), j;

	if (start >= end)
		return -RANGESET_EINVAL;
	if (i < rs->nr && rs->r[i].end == start)
		i++;	/* only touches: untouched */
	/* Splitting one range in two needs a free slot. */
	if (i < rs->nr && rs->r[i].start < start && rs->r[i].end > end) {
		if (rs->nr == rs->cap || fault_fail())
			return -RANGESET_ENOSPC;
		memmove(&rs->r[i + 1], &rs->r[i], (rs->nr - i) * sizeof(rs->r[0]));
		rs->nr++;
		rs->r[i].end = start;
		rs->r[i + 1].start = end;
		return 0;
	}
	if (i < rs->nr && rs->r[i].start < start) {
		rs->r[i].end = start;	/* keep the head */
		i++;
	}
	for (j = i; j < rs->nr && rs->r[j].end <= end; j++)
		;	/* ranges i..j-1 are covered entirely */
	if (j < rs->nr && rs->r[j].start < end)
		rs->r[j].start = end;	/* keep the tail */
	memmove(&rs->r[i], &rs->r[j], (rs->nr - j) * sizeof(rs->r[0]));
	rs->nr -= j - i;
	return 0;
}

const struct range *rangeset_find_overlap(const struct rangeset *rs, uint64_t start,
					  uint64_t end)
{
	size_t i = first_touching(rs, start);

	if (start >= end)
		return NULL;
	if (i < rs->nr && rs->r[i].end == start)
		i++;
	return i < rs->nr && rs->r[i].start < end ? &rs->r[i] : NULL;
}

bool rangeset_overlaps(const struct rangeset *rs, uint64_t start, uint64_t end)
{
	return rangeset_find_overlap(rs, start, end) != NULL;
}

bool rangeset_contains(const struct rangeset *rs, uint64_t start, uint64_t end)
{
	const struct range *r = rangeset_find_overlap(rs, start, end);

	return r && r->start <= start && r->end >= end;
}

int rangeset_find_free(const struct rangeset *rs, uint64_t size, uint64_t align, uint64_t min,
		       uint64_t *out)
{
	size_t i;

	if (!size || !align || (align & (align - 1)))
		return -1;
	for (i = 0; i < rs->nr; i++) {
		uint64_t a = rs->r[i].start < min ? min : rs->r[i].start;

		if (a > UINT64_MAX - (align - 1))
			return -1;	/* no aligned address at or above a */
		a = (a + align - 1) & ~(align - 1);
		if (a < rs->r[i].end && size <= rs->r[i].end - a) {
			*out = a;
			return 0;
		}
	}
	return -1;
}

uint64_t rangeset_total(const struct rangeset *rs)
{
	uint64_t t = 0;
	size_t i;

	for (i = 0; i < rs->nr; i++)
		t += rs->r[i].end - rs->r[i].start;
	return t;
}
