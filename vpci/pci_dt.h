/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A PCI host bridge's device-tree properties (the PCI bus binding):
 * `ranges` from PCI to CPU addresses, and `interrupt-map` for INTx with
 * the swizzle through bridges. Shared by the hypervisor, the planner and
 * the tests.
 */
#ifndef TESSERA_VPCI_PCI_DT_H
#define TESSERA_VPCI_PCI_DT_H

#include <stdint.h>

#include "pci.h"

struct fdt;

/* One entry of a host bridge's ranges: space 1 I/O, 2 mem32, 3 mem64. */
struct pci_window {
	unsigned int space;
	uint64_t pci, cpu, size;
};

/* The index-th entry of bridge's ranges; -1 past the last. */
int pci_bridge_window(const struct fdt *fdt, int bridge, unsigned int index,
		      struct pci_window *w);
/*
 * The CPU address of [addr, addr+size) in PCI space (1: I/O, 2: memory)
 * through bridge's ranges, or 0 if no window holds it.
 */
uint64_t pci_bridge_to_cpu(const struct fdt *fdt, int bridge, unsigned int space,
			   uint64_t addr, uint64_t size);
/* The host line (kernel/irq.h) interrupt-map gives for phys.hi and pin
 * (1-4), or -1. */
int pci_intx_map(const struct fdt *fdt, int bridge, uint32_t phys_hi, unsigned int pin);
/* The same for function sbdf's pin, rotated through the bridges among
 * funcs[n] up to root_bus. */
int pci_intx_route(const struct fdt *fdt, int bridge, const struct pci_func *funcs,
		   unsigned int n, unsigned int root_bus, uint32_t sbdf, unsigned int pin);

/*
 * The stream id an IOMMU sees for requester id rid (bus << 8 | devfn)
 * below bridge, and that IOMMU's node, through iommu-map and
 * iommu-map-mask. 0 with *iommu = -1 and *sid = rid if no IOMMU
 * translates the bridge; -1 if iommu-map exists but misses rid.
 */
int pci_stream_id(const struct fdt *fdt, int bridge, uint32_t rid, int *iommu, uint32_t *sid);

#endif
