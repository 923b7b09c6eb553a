// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: the device-tree reader (kernel/lib/fdt.c) on any
 * bytes, as the hypervisor, loader and planner meet them. Every node
 * and property is walked and every typed reader used on what is found.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/fdt.h"

static void read_node(const struct fdt *fdt, int node)
{
	const char *s;
	uint64_t a, b;
	uint32_t v;
	int prop, i, n;

	fdt_node_name(fdt, node);
	fdt_parent(fdt, node);
	fdt_read_u32(fdt, node, "reg", &v);
	fdt_read_u64(fdt, node, "reg", &a);
	fdt_read_string(fdt, node, "compatible", &s);
	fdt_is_compatible(fdt, node, "xen,domain");
	fdt_address_cells(fdt, node);
	fdt_size_cells(fdt, node);
	n = fdt_reg_count(fdt, node);
	for (i = 0; i < n && i < 16; i++)
		fdt_reg(fdt, node, i, &a, &b);
	for (prop = fdt_first_prop(fdt, node); prop >= 0; prop = fdt_next_prop(fdt, prop)) {
		const char *name;
		int len;
		const void *val = fdt_prop_value(fdt, prop, &name, &len);

		if (val && len >= 8)
			fdt_cells_to_u64(val, 2);
		if (val && name)
			fdt_stringlist_contains(fdt, node, name, "x");
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fdt fdt;
	void *copy = malloc(size ? size : 1);
	int node, depth = 0, steps = 0;

	if (!copy)
		return 0;
	memcpy(copy, data, size);
	if (!fdt_init(&fdt, copy, size)) {
		for (node = fdt_root(&fdt); node >= 0 && steps < 4096;
		     node = fdt_next_node(&fdt, node, &depth), steps++)
			read_node(&fdt, node);
		fdt_path_offset(&fdt, "/chosen/domU1");
		fdt_next_compatible(&fdt, -1, "pci-host-ecam-generic");
		fdt_node_by_phandle(&fdt, 1);
		node = fdt_path_offset(&fdt, "/chosen");
		if (node >= 0) {
			for (node = fdt_first_child(&fdt, node); node >= 0;
			     node = fdt_next_sibling(&fdt, node))
				fdt_subnode(&fdt, node, "kernel");
		}
	}
	free(copy);
	return 0;
}
