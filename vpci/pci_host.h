/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The host's PCI functions, found at boot through the ECAM window of the
 * host bridge's pci-host-ecam-generic node (arch_pci_host_tree()).
 * Firmware's BAR assignment is kept.
 */
#ifndef TESSERA_VPCI_PCI_HOST_H
#define TESSERA_VPCI_PCI_HOST_H

#include "pci.h"
#include "pci_dt.h"
#include "vpci.h"

#define PCI_HOST_MAX_FUNCS	256

struct fdt;

/* The tree the host bridge is described in (arch_pci_host_tree()), or
 * dflt if there is none. */
const struct fdt *pci_host_tree(const struct fdt *dflt);
/* Enumerate and log every function of the host bridge that
 * arch_pci_host_tree(boot) describes; 0 if there is none. */
int pci_host_init(const struct fdt *boot);
/* Every function found, in SBDF order; each lives as long as we do. */
extern struct pci_dev pci_host_devs[PCI_HOST_MAX_FUNCS];
extern unsigned int pci_host_nr_devs;
extern struct pci_cfg_ops pci_host_cfg;
/*
 * The enumeration half of pci_host_init(), for any config accessors:
 * the host bridge at node, buses first..last. pci_host_init() passes
 * ECAM's; the host tests pass model devices' (test/unit/pci_model.h).
 */
int pci_host_enumerate(const struct fdt *fdt, int node, const struct pci_cfg_ops *cfg,
		       unsigned int first, unsigned int last);

struct pci_dev *pci_host_find(uint32_t sbdf);
/* Why the plan's SR-IOV VFs (tessera,sriov-pf) could not be enabled at
 * enumeration, or NULL; the plan is then refused. */
const char *pci_host_sriov_error(void);
/* One 1, 2 or 4-byte access to host I/O port port through the host
 * bridge's I/O window; outside it, reads all-ones and writes nothing. */
void pci_host_io(uint64_t port, unsigned int size, bool write, uint32_t *val);
/* Print the inventory (vpci/pci_inventory.h), for make inspect. */
void pci_host_print_inventory(void);
/* The host line (kernel/irq.h) the function's INTx pin (1-4) reaches,
 * through the bridges' swizzle and the host bridge's interrupt-map; -1
 * if none. */
int pci_host_intx_intid(uint32_t sbdf, unsigned int pin);
/* pci_bridge_routes_intx() of the host bridge. */
bool pci_host_routes_intx(void);
/* The function's IOMMU stream id (its pci_dev.dma, the requester id
 * its DMA carries through iommu-map); -1 if the host bridge's iommu-map
 * does not cover it. */
int pci_host_stream_id(const struct fdt *fdt, uint32_t sbdf, uint32_t *sid);
/* pci_dma_translated() for the requester id a host function's DMA
 * carries (its pci_dev.dma). */
bool pci_host_dma_translated(const struct fdt *fdt, uint32_t sbdf);
/* pci_iommu_max_sid() of the host bridge. */
int pci_host_iommu_max_sid(const struct fdt *fdt, int iommu, uint32_t *max);

#endif
