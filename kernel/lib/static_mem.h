/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Xen's xen,static-mem in a xen,domain node: the guest's RAM at fixed
 * host addresses. Both of Xen's forms: 4.16's, with the cell counts in
 * #xen,static-mem-address-cells / #xen,static-mem-size-cells of the
 * domain node (default 1 and 1), and 4.17's, with the cells of the
 * domain node's own #address-cells / #size-cells (as for its children).
 * One parser for the hypervisor and the planner.
 */
#ifndef TESSERA_LIB_STATIC_MEM_H
#define TESSERA_LIB_STATIC_MEM_H

#include <stddef.h>
#include <stdint.h>

#include "lib/fdt.h"

/*
 * 0 with *base, *size; 1 if the node has no xen,static-mem; -1 if it is
 * not one bank <address size> in 1- or 2-cell numbers, with the reason
 * in why (n bytes).
 */
int static_mem_read(const struct fdt *fdt, int dnode, uint64_t *base, uint64_t *size,
		    char *why, size_t n);

#endif
