/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A board's PCI inventory as device-tree source, in the standard PCI bus
 * binding: one node per function under its bridge, reg carrying the
 * bus/device/function, vendor-id, device-id, class-code, interrupts (the
 * INTx pin) and assigned-addresses (one entry per BAR: space, register,
 * address and size); tessera,msix = <table-bar table-offset table-bytes
 * pba-bar pba-offset pba-bytes> where the function has MSI-X;
 * tessera,msi = <vectors 64-bit per-vector-mask> where it has MSI;
 * tessera,sriov = <capability TotalVFs InitialVFs VF-offset VF-stride
 * VF-device-id> and tessera,sriov-vf-bars = <bar space size-hi size-lo>...
 * (each VF's BAR, sized with VF Enable off) on an SR-IOV PF;
 * tessera,bridge-kind = "pcie-to-pci" or "pci-to-pci" on a bridge with
 * conventional PCI below it (absent: "pcie-port", a PCI Express port),
 * which decides the requester id of the DMA from below (pci_dma_streams).
 * `make inspect` and scripts/inspect-linux.sh print it; the planner reads
 * it as part of the board description.
 */
#ifndef TESSERA_VPCI_PCI_INVENTORY_H
#define TESSERA_VPCI_PCI_INVENTORY_H

#include "pci.h"

/* Called once per output line (no newline). */
typedef void (*inventory_out)(void *ctx, const char *line);

/*
 * Write the inventory of funcs[n] (SBDF order, from pci_enumerate) as a
 * fragment for the host bridge node bridge_name ("pcie@10000000"), a
 * child of the root as on QEMU's virt board and most SoCs.
 * pins[i] is funcs[i]'s interrupt pin (0: none).
 */
void pci_inventory_write(const struct pci_func *funcs, const uint8_t *pins, unsigned int n,
			 unsigned int root_bus, const char *bridge_name, inventory_out out,
			 void *ctx);
struct fdt;

/*
 * Read an inventory back: the function nodes below bridge_node (nested
 * under their bridges) into out[max] and pins[max], in SBDF order, as
 * pci_enumerate() would have found them. Returns how many, or -1 with
 * err naming the node and what is wrong with it. nodes[max], if not NULL,
 * gets each function's node offset.
 */
int pci_inventory_read(const struct fdt *fdt, int bridge_node, struct pci_func *out,
		       uint8_t *pins, int *nodes, unsigned int max, char *err,
		       unsigned int errlen);
struct plan_regs;

/*
 * A node's <bar offset size>... property prop: tessera,registers, blocks
 * of device registers the board's description knows of (needed only for
 * devices that put registers on the pages of their MSI-X table, against
 * the PCI specification's advice). Returns how many (0 if absent), or -1.
 */
int pci_regs_read(const struct fdt *fdt, int node, const char *prop, struct plan_regs *out,
		  unsigned int max);
/*
 * A plan's function node: the blocks of its BARs the hypervisor keeps
 * (tessera,hypervisor-ranges, HID-2's shared flavour) and the value a
 * guest's read there gives (tessera,hypervisor-ranges-read, one cell,
 * repeated every dword; all-ones if absent). How many, or -1.
 */
int pci_kept_read(const struct fdt *fdt, int node, struct plan_regs *out, unsigned int max,
		  uint32_t *read_value);
/*
 * A tessera,hidden-pci-device node's tessera,hidden-mode in *mode: 0 if
 * absent or "read-only", the one kind a hidden device has (HID-2's
 * shared kind is a guest's function with tessera,hypervisor-ranges);
 * else -1. The refusal's words, with the node's name and the mode:
 */
int pci_hidden_mode_read(const struct fdt *fdt, int node, const char **mode);
#define PCI_HIDDEN_MODE_ERROR	"%s: tessera,hidden-mode \"%s\" is not supported: a hidden " \
				"device is read-only; for the shared kind, give the function " \
				"to its guest with tessera,hypervisor-ranges"
/* phys.hi of the PCI binding for a BAR (index 0-5, 6: ROM) of f. */
uint32_t pci_bar_phys_hi(const struct pci_func *f, unsigned int bar);

#endif
