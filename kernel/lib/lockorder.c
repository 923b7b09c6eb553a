// SPDX-License-Identifier: GPL-2.0-only
/* Lock-order state for host programs and tests: one mask per thread.
 * The hypervisor keeps one per physical CPU instead (kernel/lockorder.c). */
#if __STDC_HOSTED__
#include <stdio.h>
#include <stdlib.h>

#include "lockorder.h"

uint32_t *lock_order_mask(void)
{
	static _Thread_local uint32_t held;

	return &held;
}

void lock_order_violation(unsigned int level, uint32_t held)
{
	fprintf(stderr, "lock order violation: taking level %u with levels 0x%x held\n",
		level, held);
	abort();
}

void lock_assert_failed(const char *what)
{
	fprintf(stderr, "lock assertion failed: %s\n", what);
	abort();
}
#endif
