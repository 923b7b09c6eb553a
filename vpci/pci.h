/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host PCI enumeration: functions, headers, BAR sizing, capability lists.
 * Written against a config-space accessor, so the same code runs in the
 * hypervisor (ECAM), in the planner and against model devices in tests.
 */
#ifndef TESSERA_VPCI_PCI_H
#define TESSERA_VPCI_PCI_H

#include <stdbool.h>
#include <stdint.h>

#define PCI_SBDF(seg, bus, dev, fn) \
	((uint32_t)(seg) << 16 | (uint32_t)(bus) << 8 | (uint32_t)(dev) << 3 | (fn))
#define PCI_SBDF_BUS(s)		(((s) >> 8) & 0xff)
#define PCI_SBDF_DEV(s)		(((s) >> 3) & 0x1f)
#define PCI_SBDF_FN(s)		((s) & 7)

#define PCI_VENDOR_ID		0x00
#define PCI_COMMAND		0x04
#define PCI_COMMAND_IO		(1u << 0)
#define PCI_COMMAND_MEMORY	(1u << 1)
#define PCI_STATUS		0x06
#define PCI_STATUS_CAP_LIST	(1u << 4)
#define PCI_CLASS_REVISION	0x08
#define PCI_HEADER_TYPE		0x0e
#define PCI_BAR0		0x10
#define PCI_PRIMARY_BUS		0x18	/* type 1: primary, secondary, subordinate */
#define PCI_ROM_ADDRESS		0x30
#define PCI_ROM_ADDRESS1	0x38	/* type 1 */
#define PCI_CAPABILITY_LIST	0x34
#define PCI_INTERRUPT_PIN	0x3d
#define PCI_CAP_ID_PM		0x01
#define PCI_CAP_ID_MSI		0x05
#define PCI_CAP_ID_VNDR		0x09
#define PCI_CAP_ID_EXP		0x10
#define PCI_EXP_FLAGS		2	/* in the PCI Express capability */
#define PCI_EXP_TYPE(flags)	(((flags) >> 4) & 0xf)
#define PCI_EXP_TYPE_PCI_BRIDGE	0x7	/* a PCI Express to PCI/PCI-X bridge */
#define PCI_CAP_ID_MSIX		0x11
#define PCI_MSIX_TABLE		4	/* table BIR and offset */
#define PCI_MSIX_PBA		8	/* PBA BIR and offset */
#define PCI_MSI_FLAGS		2	/* in the MSI and MSI-X capabilities */
#define PCI_MSI_FLAGS_64BIT	(1u << 7)
#define PCI_MSI_FLAGS_MASKBIT	(1u << 8)
#define PCI_EXT_CAP_START	0x100
#define PCI_EXT_CAP_ID_SRIOV	0x10
/* The SR-IOV extended capability (PCIe base specification, 9.3.3). */
#define PCI_SRIOV_CTRL		0x08
#define PCI_SRIOV_CTRL_VFE	(1u << 0)	/* VF Enable */
#define PCI_SRIOV_CTRL_MSE	(1u << 3)	/* VF Memory Space Enable */
#define PCI_SRIOV_INITIAL_VF	0x0c
#define PCI_SRIOV_TOTAL_VF	0x0e
#define PCI_SRIOV_NUM_VF	0x10
#define PCI_SRIOV_VF_OFFSET	0x14
#define PCI_SRIOV_VF_STRIDE	0x16
#define PCI_SRIOV_VF_DID	0x1a
#define PCI_SRIOV_SUP_PGSIZE	0x1c
#define PCI_SRIOV_SYS_PGSIZE	0x20
#define PCI_SRIOV_BAR		0x24	/* six VF BARs */
#define PCI_SRIOV_NUM_BARS	6
/* After VF Enable is set, software waits this long before it sends the
 * VFs a configuration request (SR-IOV specification 1.1, 3.3.3.1). */
#define PCI_SRIOV_ENABLE_WAIT_MS	100

/* Reads return all-ones for a function that is not there. */
struct pci_cfg_ops {
	uint32_t (*read)(void *ctx, uint32_t sbdf, unsigned int off, unsigned int size);
	void (*write)(void *ctx, uint32_t sbdf, unsigned int off, unsigned int size,
		      uint32_t val);
	void *ctx;
};

enum pci_bar_kind { PCI_BAR_NONE, PCI_BAR_MEM32, PCI_BAR_MEM64, PCI_BAR_IO, PCI_BAR_ROM };

struct pci_bar {
	uint64_t addr;		/* as the firmware assigned it */
	uint64_t size;		/* 0: not implemented */
	uint8_t kind;		/* enum pci_bar_kind */
	bool prefetch;
};

#define PCI_MAX_BARS		7	/* 6 BARs + the expansion ROM (index 6) */
#define PCI_MAX_CAPS		16

/*
 * Where a function's MSI-X table and PBA live, from its MSI-X capability:
 * BAR index (-1: no MSI-X), offset and size inside that BAR. Their pages
 * are never mapped into a guest (BAR-1).
 */
struct pci_msix {
	int8_t table_bar, pba_bar;
	uint32_t table, table_size, pba, pba_size;
	uint8_t pos;		/* the capability's offset; 0: none */
	uint16_t entries;	/* table size, 1..2048 */
};

/* A function's MSI capability (the first one), as the host has it. */
struct pci_msi {
	uint8_t pos;		/* 0: none */
	uint8_t vectors;	/* multiple message capable: 1, 2, 4, ... 32 */
	bool addr64;		/* 64-bit message address */
	bool maskable;		/* per-vector mask and pending bits */
};

/*
 * A physical function's SR-IOV capability (pos 0: none). vf_bar[i] is
 * one VF's BAR i: its size is each VF's, its address VF 0's; VF n's is
 * addr + n * size. VF n's requester id is the PF's + offset + n * stride
 * (it may be on a later bus).
 */
struct pci_sriov {
	uint16_t pos;
	uint16_t total, initial, num;	/* TotalVFs, InitialVFs, NumVFs */
	uint16_t offset, stride, vf_device;
	uint16_t ctrl;
	uint32_t page_sizes;		/* supported page sizes, bit n: 4 KiB << n */
	struct pci_bar vf_bar[PCI_SRIOV_NUM_BARS];
};

/*
 * What a bridge has below it, which decides the requester id the DMA of
 * the functions there carries (pci_dma_requester()).
 */
enum pci_bridge_kind {
	PCI_BRIDGE_PCIE,	/* a PCI Express port: the functions keep their own ids */
	PCI_BRIDGE_PCIE_TO_PCI,	/* conventional PCI, forwarded as <secondary bus>:00.0 */
	PCI_BRIDGE_PCI_TO_PCI,	/* no PCI Express capability: forwarded under its own id */
};

struct pci_func {
	uint32_t sbdf;
	uint16_t vendor, device;
	uint32_t class;			/* base, sub, prog-if */
	uint8_t header;			/* 0: endpoint, 1: bridge */
	bool multifunction;
	uint8_t secondary, subordinate;	/* bridges */
	uint8_t bridge_kind;		/* bridges: enum pci_bridge_kind */
	struct pci_bar bar[PCI_MAX_BARS];
	uint8_t nr_caps, nr_ext_caps;
	uint8_t caps[PCI_MAX_CAPS];	/* capability ids, in list order */
	uint16_t ext_caps[PCI_MAX_CAPS];
	bool bad_caps;			/* a loop or a pointer out of range */
	uint8_t unusable;		/* bit i: BAR i dropped (pci_bar_usable) */
	struct pci_msix msix;
	struct pci_msi msi;
	struct pci_sriov sriov;
	/* A virtual function: its own header reads 0xffff as vendor and
	 * device, has no BARs and ignores its memory enable; those come
	 * from its PF's SR-IOV capability (pci_sriov_vf()). */
	bool is_vf;
	uint16_t vf_index;
	uint32_t pf_sbdf;
};

/* Read one function's header, size its BARs (decoding off meanwhile,
 * everything restored) and walk its capability lists. -1 if absent. */
int pci_probe_func(const struct pci_cfg_ops *ops, uint32_t sbdf, struct pci_func *f);
/*
 * Every function on buses [bus_first, bus_last] of segment seg, in SBDF
 * order, into out[max]. Returns how many were found (possibly > max: the
 * rest were not stored).
 */
unsigned int pci_enumerate(const struct pci_cfg_ops *ops, unsigned int seg,
			   unsigned int bus_first, unsigned int bus_last,
			   struct pci_func *out, unsigned int max);
const char *pci_bar_kind_name(unsigned int kind);

/* VF n's SBDF below PF pf; -1 past the segment's last requester id. */
int pci_sriov_vf_sbdf(const struct pci_func *pf, unsigned int n, uint32_t *sbdf);
/* VF n's BAR i from pf's VF BARs. */
void pci_sriov_vf_bar(const struct pci_func *pf, unsigned int n, unsigned int i,
		      struct pci_bar *out);
/*
 * VF n of pf as far as the PF's SR-IOV capability says, without reading
 * the VF: SBDF, the PF's vendor, the VF device id, the PF's class, BARs
 * from the PF's VF BARs, no MSI-X known. -1 past the segment's end.
 */
int pci_sriov_vf_model(const struct pci_func *pf, unsigned int n, struct pci_func *vf);
/*
 * Enable nr VFs on pf: VF Enable and VF MSE off, VF 0's BAR addresses
 * written (bar_addr[i], 0: leave that BAR as it is), System Page Size
 * 4 KiB, NumVFs, then VF Enable and VF MSE. The caller waits
 * PCI_SRIOV_ENABLE_WAIT_MS before pci_sriov_vf(). pf->sriov is updated.
 */
void pci_sriov_enable(const struct pci_cfg_ops *ops, struct pci_func *pf, unsigned int nr,
		      const uint64_t bar_addr[PCI_SRIOV_NUM_BARS]);
/*
 * The shared model of pf's enabled VF n: its SBDF, the PF's vendor and
 * the VF device id, class and capabilities from its own header, BARs from
 * the PF's VF BARs. -1 if it does not answer.
 */
int pci_sriov_vf(const struct pci_cfg_ops *ops, const struct pci_func *pf, unsigned int n,
		 struct pci_func *vf);
/* "PCIe-to-PCI bridge", "PCI-to-PCI bridge" or "PCIe port". */
const char *pci_bridge_kind_name(unsigned int kind);

/*
 * QEMU's pvpanic-pci: the hypervisor signals a refused boot through it,
 * so that QEMU exits with a failure status (docs/boot.md).
 */
#define PCI_EXIT_DEV_VENDOR	0x1b36
#define PCI_EXIT_DEV_DEVICE	0x0011
/*
 * Functions that are always dom_xen's without being named: bridges and
 * host bridges (the fabric), ISA bridges (the legacy devices behind
 * them), IOMMUs, and the exit device. The planner and the
 * hypervisor decide default owners with this one rule.
 */
bool pci_func_kept_by_hypervisor(const struct pci_func *f);
/* Whether f has MSI or MSI-X, as enumeration or an inventory found it. */
bool pci_func_has_msi(const struct pci_func *f);
/* Whether f's MSI-X table and PBA lie inside usable memory BARs. */
bool pci_msix_usable(const struct pci_func *f);
/* The host message vectors f needs when a guest gets it (vpci_msi_init):
 * its MSI count or its usable MSI-X entries up to max_msix, whichever is
 * more; 0 if it has neither. The planner counts them alike. */
unsigned int pci_msi_host_vectors(const struct pci_func *f, unsigned int max_msix);
/* Why such a function cannot be assigned, as the end of a sentence. */
const char *pci_func_kept_reason(const struct pci_func *f);
/* "SSSS:BB:DD.F" or "BB:DD.F" (hexadecimal, segment 0) to an SBDF; -1 if
 * malformed. pci_sbdf_str() writes the long form. */
int pci_parse_sbdf(const char *s, uint32_t *out);
void pci_sbdf_str(uint32_t sbdf, char buf[16]);

#endif
