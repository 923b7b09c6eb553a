/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Reading a Xen dom0less domain node (docs/bindings.md), for the
 * hypervisor and the loader, so that both read a property alike.
 */
#ifndef TESSERA_LIB_XEN_DOMAIN_H
#define TESSERA_LIB_XEN_DOMAIN_H

#include <stdint.h>

#include "lib/fdt.h"

/* xen,static-mem of domain node dnode: 1 and the bank, 0 if absent,
 * -1 if it is not one bank of <address size>. */
int xen_static_mem(const struct fdt *fdt, int dnode, uint64_t *addr, uint64_t *size);

#endif
