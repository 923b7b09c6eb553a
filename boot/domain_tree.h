/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The loader's part of a Xen dom0less tree: a xen,domain node without a
 * tessera,guest-device-tree module gets the guest tree the contract
 * describes (arch/guest_tree.h), built here, outside EL2, and added to
 * the node as a module the hypervisor then checks like any other. Pure
 * C, no firmware calls: built into the loader and the host unit tests.
 */
#ifndef TESSERA_BOOT_DOMAIN_TREE_H
#define TESSERA_BOOT_DOMAIN_TREE_H

#include <stdbool.h>
#include <stdint.h>

#include "arch/guest.h"		/* GUEST_DESC_* */
#ifndef LOADER_NO_GUEST_TREES	/* an architecture without a builder yet */
#include "arch/guest_tree.h"
#endif
#include "lib/fdt.h"

/* The name of the module node the loader adds. */
#define DOMAIN_TREE_NODE	GUEST_DESC_NODE

/* A Xen dom0 module (a multiboot,module child of /chosen itself): its
 * node, or -1. There is no dom0 here, so the loader refuses one. */
int domain_dom0_module(const struct fdt *fdt);
/* The k-th xen,domain node under /chosen, or -1 (found afresh each
 * time: edits move the nodes after the one edited). */
int domain_nth(const struct fdt *fdt, int k);
/* Does the domain node have a tessera,guest-device-tree module? */
bool domain_has_guest_tree(const struct fdt *fdt, int dnode);
#ifndef LOADER_NO_GUEST_TREES
/* What its guest tree must describe; NULL, or why it cannot be built. */
const char *domain_guest_desc(const struct fdt *fdt, int dnode, struct guest_tree_desc *d);
/* Add the module node naming the tree at [base, base + size): NULL, or
 * why not. dnode's offset is stale afterwards. */
const char *domain_add_tree_module(struct fdt *fdt, int dnode, uint64_t base, uint64_t size);
#endif

#endif
