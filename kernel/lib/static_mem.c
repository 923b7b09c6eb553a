// SPDX-License-Identifier: GPL-2.0-only
/* xen,static-mem, both of Xen's forms; see static_mem.h. */
#include "lib/static_mem.h"

#include <stdbool.h>

#include "lib/printf.h"

/* 4.16: #xen,static-mem-*-cells (default 1); 4.17: the node's own cells. */
static bool cells(const struct fdt *fdt, int dnode, int *ac, int *sc, const char **form)
{
	uint32_t a = 1, s = 1;

	if (fdt_has_prop(fdt, dnode, "#xen,static-mem-address-cells") ||
	    fdt_has_prop(fdt, dnode, "#xen,static-mem-size-cells")) {
		*form = "#xen,static-mem-address-cells / -size-cells";
		if ((fdt_has_prop(fdt, dnode, "#xen,static-mem-address-cells") &&
		     fdt_read_u32(fdt, dnode, "#xen,static-mem-address-cells", &a)) ||
		    (fdt_has_prop(fdt, dnode, "#xen,static-mem-size-cells") &&
		     fdt_read_u32(fdt, dnode, "#xen,static-mem-size-cells", &s)))
			return false;
		*ac = a;
		*sc = s;
	} else {
		*form = "the domain's #address-cells / #size-cells";
		*ac = fdt_address_cells(fdt, dnode);
		*sc = fdt_size_cells(fdt, dnode);
	}
	return *ac >= 1 && *ac <= 2 && *sc >= 1 && *sc <= 2;
}

int static_mem_read(const struct fdt *fdt, int dnode, uint64_t *base, uint64_t *size,
		    char *why, size_t n)
{
	const uint8_t *p;
	const char *form;
	int len, ac, sc;

	p = fdt_getprop(fdt, dnode, "xen,static-mem", &len);
	if (!p)
		return 1;
	if (!cells(fdt, dnode, &ac, &sc, &form)) {
		fmt_snprintf(why, n, "xen,static-mem: %s must be 1 or 2", form);
		return -1;
	}
	if (len != 4 * (ac + sc)) {
		fmt_snprintf(why, n, "xen,static-mem must be one bank of <address size> (%d + %d cells, from %s), not %d bytes",
			     ac, sc, form, len);
		return -1;
	}
	*base = fdt_cells_to_u64(p, ac);
	*size = fdt_cells_to_u64(p + 4 * ac, sc);
	return 0;
}
