// SPDX-License-Identifier: GPL-2.0-only
/* A guest tree for a xen,domain node that has none. See domain_tree.h. */
#include "domain_tree.h"

#ifndef LOADER_NO_GUEST_TREES
#include "arch/guest.h"
#endif
#include "lib/static_mem.h"
#include "lib/string.h"

#define MODULE_COMPAT	GUEST_DESC_COMPAT "\0multiboot,module"

int domain_dom0_module(const struct fdt *fdt)
{
	int chosen = fdt_path_offset(fdt, "/chosen"), node;

	for (node = chosen < 0 ? chosen : fdt_first_child(fdt, chosen); node >= 0;
	     node = fdt_next_sibling(fdt, node))
		if (fdt_is_compatible(fdt, node, "multiboot,module"))
			return node;
	return -1;
}

int domain_nth(const struct fdt *fdt, int k)
{
	int chosen = fdt_path_offset(fdt, "/chosen"), node;

	for (node = chosen < 0 ? chosen : fdt_first_child(fdt, chosen); node >= 0;
	     node = fdt_next_sibling(fdt, node))
		if (fdt_is_compatible(fdt, node, "xen,domain") && k-- == 0)
			return node;
	return -1;
}

bool domain_has_guest_tree(const struct fdt *fdt, int dnode)
{
	int node;

	for (node = fdt_first_child(fdt, dnode); node >= 0; node = fdt_next_sibling(fdt, node))
		if (fdt_is_compatible(fdt, node, GUEST_DESC_COMPAT))
			return true;
	return false;
}

#ifndef LOADER_NO_GUEST_TREES
/* Any child that is a tessera,pci-device gives the guest a vPCI bridge. */
static bool has_pci_device(const struct fdt *fdt, int dnode)
{
	int node;

	for (node = fdt_first_child(fdt, dnode); node >= 0; node = fdt_next_sibling(fdt, node))
		if (fdt_is_compatible(fdt, node, "tessera,pci-device"))
			return true;
	return false;
}

/*
 * Only what the tree needs is read here; whether the values are
 * acceptable (RAM limits, static-mem rules) the hypervisor decides,
 * reading the same node, and says so in its own words.
 */
const char *domain_guest_desc(const struct fdt *fdt, int dnode, struct guest_tree_desc *d)
{
	uint64_t kib, base, size;
	uint32_t cpus;

	memset(d, 0, sizeof(*d));
	if (fdt_read_u32(fdt, dnode, "cpus", &cpus) || cpus < 1 || cpus > GUEST_TREE_MAX_VCPUS)
		return "cpus must be between 1 and 8";
	if (fdt_read_u64(fdt, dnode, "memory", &kib) || !kib || kib >> 40)
		return "memory (KiB) is missing or malformed";
	d->nr_vcpus = cpus;
	d->ram_size = kib << 10;
	d->ram_base = GUEST_RAM0_BASE;
	d->vpl011 = fdt_has_prop(fdt, dnode, "vpl011");
	d->vpci = has_pci_device(fdt, dnode);
	guest_tree_board(d, fdt);
	if (fdt_has_prop(fdt, dnode, "direct-map")) {
		/* Guest RAM at its host address: the static-mem bank's. */
		char why[8];

		if (static_mem_read(fdt, dnode, &base, &size, why, sizeof(why)))
			return "direct-map needs one xen,static-mem bank of <address size>";
		d->ram_base = base;
	}
	return NULL;
}

static void put_cells(uint8_t *p, uint64_t v, int cells)
{
	int i;

	for (i = 4 * cells - 1; i >= 0; i--, v >>= 8)
		p[i] = (uint8_t)v;
}

const char *domain_add_tree_module(struct fdt *fdt, int dnode, uint64_t base, uint64_t size)
{
	int ac = fdt_address_cells(fdt, dnode), sc = fdt_size_cells(fdt, dnode), node;
	uint8_t reg[16];

	if (ac < 1 || sc < 1)
		return "#address-cells and #size-cells must be 1 or 2";
	if ((ac == 1 && (base + size) >> 32) || (sc == 1 && size >> 32))
		return "its guest tree was placed above 4 GiB but reg has one cell";
	if (fdt_subnode(fdt, dnode, DOMAIN_TREE_NODE) >= 0)
		return "it already has a child called " DOMAIN_TREE_NODE;
	node = fdt_add_subnode(fdt, dnode, DOMAIN_TREE_NODE);
	if (node < 0)
		return fdt_strerror(node);
	put_cells(reg, base, ac);
	put_cells(reg + 4 * ac, size, sc);
	if (fdt_setprop(fdt, node, "compatible", MODULE_COMPAT, sizeof(MODULE_COMPAT)) ||
	    fdt_setprop(fdt, node, "reg", reg, 4 * (ac + sc)))
		return "no room in the boot tree for the module node";
	return NULL;
}
#endif
