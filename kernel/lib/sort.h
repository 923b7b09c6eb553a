/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * In-place heapsort: O(n log n) in the worst case, no allocation, no
 * recursion, so the hypervisor and the host programs share it. Not
 * stable: give cmp a tie-break where order matters.
 */
#ifndef TESSERA_LIB_SORT_H
#define TESSERA_LIB_SORT_H

#include <stddef.h>

/* < 0, 0 or > 0 as a sorts before, with or after b. */
typedef int (*sort_cmp_fn)(const void *a, const void *b, void *ctx);

void sort_heap(void *base, size_t n, size_t size, sort_cmp_fn cmp, void *ctx);

#endif
