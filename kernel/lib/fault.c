// SPDX-License-Identifier: GPL-2.0-only
/* Fault injection (fault.h): nothing at all unless FAULT_INJECTION. */
#ifdef FAULT_INJECTION
#include "lib/fault.h"

#include <stdlib.h>

unsigned long fault_fail_at, fault_calls;

bool fault_fail(void)
{
	static bool env_read;

	if (!env_read) {
		const char *s = getenv("TESSERA_FAIL_AT");

		env_read = true;
		if (s && !fault_fail_at)
			fault_fail_at = strtoul(s, NULL, 10);
	}
	return ++fault_calls == fault_fail_at;
}
#endif
