/* SPDX-License-Identifier: GPL-2.0-only */
/* Insertion sort of a few hundred figures, for the test guests of both
 * architectures (medians of the irq benchmarks). */
#ifndef TESSERA_TEST_SORT_U64_H
#define TESSERA_TEST_SORT_U64_H

#include <stdint.h>

static inline void sort_u64(uint64_t *v, unsigned int n)
{
	unsigned int i, j;
	uint64_t x;

	for (i = 1; i < n; i++) {
		for (x = v[i], j = i; j > 0 && v[j - 1] > x; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
}

#endif
