// SPDX-License-Identifier: GPL-2.0-only
#include "sort.h"

#include <stdint.h>

static void swap_bytes(uint8_t *a, uint8_t *b, size_t size)
{
	while (size--) {
		uint8_t t = *a;

		*a++ = *b;
		*b++ = t;
	}
}

/* Move element i down until the max-heap over [0, n) holds again. */
static void sift_down(uint8_t *base, size_t i, size_t n, size_t size, sort_cmp_fn cmp,
		      void *ctx)
{
	for (;;) {
		size_t big = i, l = 2 * i + 1, r = l + 1;

		if (l < n && cmp(base + l * size, base + big * size, ctx) > 0)
			big = l;
		if (r < n && cmp(base + r * size, base + big * size, ctx) > 0)
			big = r;
		if (big == i)
			return;
		swap_bytes(base + i * size, base + big * size, size);
		i = big;
	}
}

void sort_heap(void *base, size_t n, size_t size, sort_cmp_fn cmp, void *ctx)
{
	uint8_t *b = base;
	size_t i;

	if (n < 2)
		return;
	for (i = n / 2; i-- > 0;)
		sift_down(b, i, n, size, cmp, ctx);
	for (i = n - 1; i > 0; i--) {
		swap_bytes(b, b + i * size, size);
		sift_down(b, 0, i, size, cmp, ctx);
	}
}
