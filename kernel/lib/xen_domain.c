// SPDX-License-Identifier: GPL-2.0-only
/* Reading a Xen dom0less domain node. See xen_domain.h. */
#include "lib/xen_domain.h"

int xen_static_mem(const struct fdt *fdt, int dnode, uint64_t *addr, uint64_t *size)
{
	uint32_t ac = 1, sc = 1;
	const uint8_t *p;
	int len;

	p = fdt_getprop(fdt, dnode, "xen,static-mem", &len);
	if (!p)
		return 0;
	fdt_read_u32(fdt, dnode, "#xen,static-mem-address-cells", &ac);
	fdt_read_u32(fdt, dnode, "#xen,static-mem-size-cells", &sc);
	if (ac < 1 || ac > 2 || sc < 1 || sc > 2 || len != (int)(4 * (ac + sc)))
		return -1;
	*addr = fdt_cells_to_u64(p, ac);
	*size = fdt_cells_to_u64(p + 4 * ac, sc);
	return 1;
}
