// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: the loader's edits of a boot tree it was given (any
 * bytes), as boot/main.c makes them: a xen,domain without a guest tree
 * gets one built (arch/guest_tree.h) and a module node added
 * (fdt_add_subnode, fdt_setprop). Every edit must leave a tree the
 * shared reader accepts, and every built guest tree must be one.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain_tree.h"

#define SLACK	4096

static uint8_t guest[GUEST_TREE_MAX_SIZE];

static void build_trees(struct fdt *fdt, size_t bufsize)
{
	int k, node, size;

	domain_dom0_module(fdt);
	for (k = 0; k < 16 && (node = domain_nth(fdt, k)) >= 0; k++) {
		struct guest_tree_desc d;
		struct fdt g, again;

		if (domain_has_guest_tree(fdt, node) || domain_guest_desc(fdt, node, &d))
			continue;
		size = guest_tree_build(&d, guest, sizeof(guest));
		if (size < 0 || fdt_init(&g, guest, size))
			abort();	/* a description it took must give a tree */
		domain_add_tree_module(fdt, node, 0x40000000, size);
		if (fdt_init(&again, fdt->blob, bufsize))
			abort();	/* the edit broke the boot tree */
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *copy = calloc(1, size + SLACK);
	struct fdt fdt;

	if (!copy)
		return 0;
	memcpy(copy, data, size);
	if (!fdt_init(&fdt, copy, size + SLACK))
		build_trees(&fdt, size + SLACK);
	free(copy);
	return 0;
}
