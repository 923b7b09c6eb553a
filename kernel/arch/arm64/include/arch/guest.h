/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The arm64 guest ABI: where a guest finds its RAM and the devices the
 * hypervisor emulates, and which interrupts they raise. One header for
 * the hypervisor, the planner (scripts/plan) and the tests; the guest
 * device trees in dts/guests/ and docs/bindings.md ("Guest physical memory map")
 * say the same. Addresses follow Xen's arm64 guest layout, so a Xen
 * user's guest tree fits.
 */
#ifndef TESSERA_ARCH_GUEST_H
#define TESSERA_ARCH_GUEST_H

#include <stdbool.h>
#include <stdint.h>

/* RAM: one bank, 2 MiB aligned, at GUEST_RAM0_BASE unless direct-mapped. */
/* The module that describes the guest's machine to it (made offline by
 * the planner or the loader): on arm64 its device tree. */
#define GUEST_DESC_COMPAT	"tessera,guest-device-tree"
/* Where it goes: the top of guest RAM (x86's tables hold absolute
 * addresses, made for this slot). */
#define GUEST_DESC_SLOT		(2ull << 20)
#define GUEST_DESC_WHAT		"device tree"
/* Its module node and file name, as the loader and the planner write them. */
#define GUEST_DESC_NODE		"device-tree"
#define GUEST_DESC_FILE_EXT	".dtb"

#define GUEST_RAM0_BASE		0x40000000ull
#define GUEST_RAM0_SIZE		0xc0000000ull
/* Everything emulated lives below this, so direct-mapped RAM must not. */
#define GUEST_DIRECT_MAP_MIN	0x40000000ull
/* Guest physical addresses are 39 bits wide (stage 2 starts at level 1). */
#define GUEST_PA_BITS		39

/* Virtual GICv3: distributor, then one redistributor (RD + SGI frame)
 * per vCPU. */
#define GUEST_GICD_BASE		0x03001000ull
#define GUEST_GICD_SIZE		0x10000ull
#define GUEST_GICR_BASE		0x03020000ull
#define GUEST_GICR_STRIDE	0x20000ull

/* Virtual GICv2 (boards whose GIC is a GICv2, as Xen's GICv2 guests):
 * the distributor at the same place, 4 KiB, then the CPU interface,
 * which is the hardware's GICV frame mapped by stage 2 (8 KiB: GICC_DIR
 * is in the second page). No redistributors, no ITS. */
#define GUEST_GICV2_GICD_SIZE	0x1000ull
#define GUEST_GICC_BASE		0x03002000ull
#define GUEST_GICC_SIZE		0x2000ull

/* Virtual GICv3 ITS, for guests that own PCI functions: its control
 * frame, then its translation frame, whose GITS_TRANSLATER is the
 * doorbell the guest's MSI and MSI-X messages must name. Placed after
 * the 16 MiB Xen reserves for redistributors. Guest LPIs are INTIDs
 * GUEST_LPI_BASE up to (1 << GUEST_LPI_ID_BITS) - 1. */
#define GUEST_GITS_BASE		0x04020000ull
#define GUEST_GITS_SIZE		0x20000ull
#define GUEST_GITS_DOORBELL	(GUEST_GITS_BASE + 0x10040)
#define GUEST_LPI_BASE		8192u
#define GUEST_LPI_ID_BITS	16

/* Virtual PL011 (Xen's vpl011). */
#define GUEST_VUART_BASE	0x22000000ull
#define GUEST_VUART_SIZE	0x1000ull

/* Virtual PCI host bridge: ECAM for bus 0, a 32-bit and a 64-bit window,
 * an I/O window. */
#define GUEST_VPCI_ECAM_BASE	0x10000000ull
#define GUEST_VPCI_ECAM_SIZE	0x00100000ull
#define GUEST_VPCI_MEM_BASE	0x23000000ull
#define GUEST_VPCI_MEM_SIZE	0x10000000ull
#define GUEST_VPCI_MEM64_BASE	0x900000000ull
#define GUEST_VPCI_MEM64_SIZE	0x100000000ull
/* Its I/O window: PCI ports 0-0xffff at this guest address (as QEMU
 * virt's). Accesses trap and are forwarded to the host port of the
 * guest's own I/O BAR they fall in (vpci_io_access). Ports below
 * GUEST_VPCI_IO_MIN are left to the guest's legacy uses. */
#define GUEST_VPCI_IO_BASE	0x3eff0000ull
#define GUEST_VPCI_IO_SIZE	0x00010000ull
#define GUEST_VPCI_IO_PORTS	0		/* the I/O window is memory-mapped */
/* What a guest whose device's DMA no IOMMU translates needs. */
#define GUEST_UNTRANSLATED_DMA_NEEDS	"the domain needs direct-map (with xen,static-mem)"
/* How a guest function's messages reach it, and whose tables its DMA
 * walks, in the planner's words (scripts/plan/report.c). */
#define GUEST_MSI_DELIVERY	"the ITS is virtual"
#define GUEST_DMA_TRANSLATION	"An SMMUv3 translates the DMA of the functions its iommu-map covers\n" \
				"(its stage 2, or stage 1 where it has no stage 2: the guest's own\n" \
				"map)"

#define GUEST_VPCI_IO_MIN	0x1000ull

/*
 * Direct-mapped RAM (guest address = host address) must lie at or above
 * GUEST_DIRECT_MAP_MIN, inside the guest address space and off the
 * 64-bit vPCI window (everything else emulated is below the minimum).
 * The hypervisor's check and the planner's placement both ask this.
 */
static inline bool guest_direct_map_fits(uint64_t pa, uint64_t size)
{
	return pa >= GUEST_DIRECT_MAP_MIN && size <= (1ull << GUEST_PA_BITS) - pa &&
	       (pa + size <= GUEST_VPCI_MEM64_BASE ||
		pa >= GUEST_VPCI_MEM64_BASE + GUEST_VPCI_MEM64_SIZE);
}

/* Interrupts, as GIC INTIDs (SPI n is INTID 32 + n). */
#define GUEST_VTIMER_IRQ	27	/* EL1 virtual timer PPI */
#define GUEST_VUART_IRQ		32	/* SPI 0, Xen's GUEST_VPL011_SPI */
/* INTA..INTD of virtual slot d reach SPI GUEST_VPCI_INTX_SPI +
 * (d + pin - 1) % 4, QEMU virt's swizzle. */
#define GUEST_VPCI_INTX_SPI	3
#define GUEST_VPCI_INTX_IRQ(slot, pin) \
	(32 + GUEST_VPCI_INTX_SPI + ((slot) + (pin) - 1) % 4)

#endif
