/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A PCI host bridge's device-tree properties (the PCI bus binding):
 * `ranges` from PCI to CPU addresses, and `interrupt-map` for INTx with
 * the swizzle through bridges. Shared by the hypervisor, the planner and
 * the tests.
 */
#ifndef TESSERA_VPCI_PCI_DT_H
#define TESSERA_VPCI_PCI_DT_H

#include <stdbool.h>
#include <stdint.h>

#include "pci.h"

/* The compatibles of the IOMMUs with a driver here (iommu/), whose DMA
 * translation a plan counts on (pci_dma_translated). */
#define IOMMU_COMPAT_SMMUV3	"arm,smmu-v3"
#define IOMMU_COMPAT_AMD_VI	"tessera,amd-iommu"	/* x86's, from the IVRS */

struct fdt;
struct pci_dev;

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
/* The bridge's first I/O window: PCI port pci, at CPU address cpu, size
 * bytes. -1 if it has none. */
int pci_bridge_io_window(const struct fdt *fdt, int bridge, uint64_t *pci, uint64_t *cpu,
			 uint64_t *size);
/*
 * Can a guest be given BAR b of a function below bridge? A memory BAR
 * must lie in a memory window, untranslated (mapping anything else could
 * reach RAM); an I/O BAR must lie in the first I/O window, through which
 * its accesses are forwarded (port 0 is a port like any other: firmware
 * gives it out).
 */
bool pci_bar_usable(const struct fdt *fdt, int bridge, const struct pci_bar *b);
/* The host line (kernel/irq.h) interrupt-map gives for phys.hi and pin
 * (1-4), or -1. */
int pci_intx_map(const struct fdt *fdt, int bridge, uint32_t phys_hi, unsigned int pin);
/*
 * Whether the host bridge routes INTx at all (it has an interrupt-map).
 * One without (x86's, from ACPI: its _PRT is AML, not read) offers its
 * functions' INTx to no guest: the guest's interrupt pin reads 0 and its
 * driver uses MSI or MSI-X, and a function with neither is refused. The
 * planner and the hypervisor decide this with this one rule.
 */
bool pci_bridge_routes_intx(const struct fdt *fdt, int bridge);
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
/*
 * The DeviceID an MSI controller sees for messages from requester id
 * rid below bridge, through msi-map and msi-map-mask (rid itself
 * without them); -1 if msi-map exists but misses rid. Messages are
 * memory writes, so rid is the id the function's DMA carries.
 */
int pci_msi_device_id(const struct fdt *fdt, int bridge, uint32_t rid, uint32_t *devid);
/*
 * The one rule the hypervisor and the planner share (IOMMU-3): is the
 * DMA of requester id rid below bridge translated by an IOMMU this
 * project drives? True if the bridge's iommu-map sends rid to an
 * "arm,smmu-v3" node. A function for which this is false needs its
 * guest direct-mapped.
 */
bool pci_dma_translated(const struct fdt *fdt, int bridge, uint32_t rid);
/* The highest stream id bridge's iommu-map gives IOMMU node iommu; 0,
 * or -1 if it gives it none. */
int pci_iommu_max_sid(const struct fdt *fdt, int bridge, int iommu, uint32_t *max);

/*
 * What a quarantined function's DMA meets (IOMMU-2), from
 * /chosen/tessera,iommu-quarantine: "abort" (the default: every access
 * aborts) or "scratch-page" (each function its own table, tag and page,
 * the page zeroed each time it enters quarantine, for devices that do not
 * stop cleanly on an abort). 0, or -1 and *bad the value that is neither.
 */
enum pci_quarantine { PCI_QUARANTINE_ABORT, PCI_QUARANTINE_SCRATCH };
/*
 * What a blocked DMA by one of guest node's devices does to the guest
 * (IOMMU-5), from its tessera,dma-fault: "report" (the default: logged
 * once, counted, the guest runs on) or "stop" (the guest is stopped, its
 * devices back in quarantine). 0, or -1 and *bad the value that is neither.
 */
int pci_dma_fault_stops(const struct fdt *fdt, int node, bool *stop, const char **bad);
int pci_quarantine_mode(const struct fdt *fdt, enum pci_quarantine *mode, const char **bad);

/*
 * A /chosen node with compatible "tessera,sriov-pf" (docs/bindings.md):
 * the PF (tessera,sbdf), how many VFs to enable (tessera,sriov-vfs) and
 * where VF 0's BARs go (tessera,vf-bars = <bar addr-hi addr-lo>...,
 * optional; bar_addr[i] 0: the firmware's). 0, or -1 with err set.
 */
#define PCI_SRIOV_COMPATIBLE	"tessera,sriov-pf"
int pci_sriov_plan_read(const struct fdt *fdt, int node, uint32_t *sbdf, unsigned int *nr,
			uint64_t bar_addr[PCI_SRIOV_NUM_BARS], char *err, unsigned int len);
/*
 * The same node's tessera,vf-macs (optional): nr unicast, non-zero MACs,
 * 6 bytes each, VF 0's first, into mac[nr] (nr <= PCI_SRIOV_MAX_MACS).
 * 0 and *n = 0 if absent, *n = nr if given; -1 with err set if malformed.
 */
#define PCI_SRIOV_MAX_MACS	8
/* The rule itself, on bytes[bytes] of node name (the planner checks what
 * it writes with it): nr MACs, unicast, not zero, no two the same. */
int pci_sriov_macs_check(const char *name, const uint8_t *bytes, int len_bytes, unsigned int nr,
			 char *err, unsigned int len);
int pci_sriov_macs_read(const struct fdt *fdt, int node, unsigned int nr, uint8_t mac[][6],
			unsigned int *n, char *err, unsigned int len);

#define PCI_NR_BUSES	256
/*
 * Fill devs[i].dma for each of devs[n] (SBDF order, below host bridge
 * node bridge, whose root bus is root_bus): the requester id its DMA
 * carries, as the PCIe-to-PCI bridge specification (section 2.3) and
 * QEMU (pci_device_iommu_address_space) have it -- a PCIe-to-PCI bridge
 * forwards the conventional bus below it as <secondary bus>:00.0, a
 * conventional PCI-to-PCI bridge under its own id, and the bridge
 * nearest the root decides -- then that id through iommu-map
 * (pci_stream_id(), pci_dma_translated()). bus_up is scratch.
 */
void pci_dma_streams(const struct fdt *fdt, int bridge, unsigned int root_bus,
		     struct pci_dev *devs, unsigned int n, uint32_t bus_up[PCI_NR_BUSES]);

#endif
