// SPDX-License-Identifier: GPL-2.0-only
/*
 * A fake architecture for host tests of core files (as Hafnium's
 * src/arch/fake): the p2m's architecture part (kernel/p2m.h) and the
 * console line output printk ends in, recording what the core asked
 * for so tests can check it. Descriptor format: the arm64 one
 * (arch/pte.h), which the host build includes.
 */
#include "fake_arch.h"

#include <stdio.h>
#include <string.h>

#include "lib/lockorder.h"
#include "p2m.h"

struct fake_arch fake_arch;

int arch_p2m_start_level(void)
{
	return 1;
}

uint64_t arch_p2m_attrs(enum p2m_type type)
{
	return FAKE_P2M_ATTRS(type);
}

void arch_p2m_flush(struct p2m *p)
{
	/* The core promises the p2m lock is held (kernel/p2m.h). */
	lock_assert(spin_is_locked(&p->lock));
	fake_arch.flushes++;
	fake_arch.last_flushed = p;
}

void console_write_line(const char *line)
{
	snprintf(fake_arch.last_line, sizeof(fake_arch.last_line), "%s", line);
}
