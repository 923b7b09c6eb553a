// SPDX-License-Identifier: GPL-2.0-only
/* Lock-order state in the hypervisor: one mask per physical CPU. */
#include "arch.h"
#include "console.h"
#include "lib/lockorder.h"
#include "lib/printf.h"

static uint32_t boot_mask;	/* before the CPU has its pcpu (tpidr_el2) */

uint32_t *lock_order_mask(void)
{
	struct pcpu *p = this_pcpu();

	return p ? &p->lock_order : &boot_mask;
}

void lock_order_violation(unsigned int level, uint32_t held)
{
	char line[120];

	fmt_snprintf(line, sizeof(line),
		     "\ntessera: PANIC: lock order: level %u taken with levels 0x%x held\n",
		     level, held);
	console_emergency_puts(line);
	arch_power_off();
}

void lock_assert_failed(const char *what)
{
	char line[120];

	fmt_snprintf(line, sizeof(line), "\ntessera: PANIC: lock assertion failed: %s\n", what);
	console_emergency_puts(line);
	arch_power_off();
}
