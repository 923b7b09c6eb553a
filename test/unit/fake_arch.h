/* SPDX-License-Identifier: GPL-2.0-only */
/* What the fake architecture (fake_arch.c) saw the core do. */
#ifndef TESSERA_TEST_FAKE_ARCH_H
#define TESSERA_TEST_FAKE_ARCH_H

#include "arch/pte.h"

struct p2m;

/* Each mapping type gets attribute bits of its own, all inside the
 * format's attribute mask, so a test can tell which type was mapped. */
#define FAKE_P2M_ATTRS(type)	(((uint64_t)(type) + 1) << 2)
/* Distinct from every FAKE_P2M_ATTRS: a mirror leaf made from the
 * CPU's attributes unchanged would show. */
#define FAKE_MIRROR_ATTRS(attrs)	((attrs) << 4)

struct fake_arch {
	unsigned int flushes;
	unsigned int kicks;
	int refuse_route;	/* irq_route() fails for this line */
	struct p2m *last_flushed;
	char last_line[256];
};
extern struct fake_arch fake_arch;

#endif
