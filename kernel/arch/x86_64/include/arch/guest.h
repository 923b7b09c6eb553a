/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * x86_64: the guest machine, as every guest sees it (docs/bindings.md).
 * RAM from 0, as on a PC: Linux wants real-mode memory below 1 MiB for
 * its secondary-CPU trampoline. The 640 KiB-1 MiB hole is RAM but marked
 * reserved in the guest's e820 map. The virtual 16550 is at I/O port
 * 0x3f8 (COM1, IRQ 4); the local APIC is x2APIC only (MSRs, no MMIO).
 */
#ifndef TESSERA_ARCH_GUEST_H
#define TESSERA_ARCH_GUEST_H

#include <stdbool.h>
#include <stdint.h>

/* The module that describes the guest's machine to it (made offline by
 * the planner or the loader): on x86 its ACPI tables, RSDP first. */
#define GUEST_DESC_COMPAT	"tessera,guest-acpi"
/* Where it goes: the top of guest RAM (x86's tables hold absolute
 * addresses, made for this slot). */
#define GUEST_DESC_SLOT		(2ull << 20)
#define GUEST_DESC_WHAT		"ACPI tables"
/* Its module node and file name, as the loader and the planner write them. */
#define GUEST_DESC_NODE		"acpi"
#define GUEST_DESC_FILE_EXT	".acpi"

#define GUEST_RAM0_BASE		0x0ull
#define GUEST_RAM0_SIZE		0xc0000000ull	/* below the 32-bit MMIO hole */
#define GUEST_PA_BITS		48
#define GUEST_LOW_RAM_END	0x9f000ull	/* e820: usable below, reserved to 1 MiB */
#define GUEST_HIGH_RAM_START	0x100000ull
/* No direct map on x86: a guest's RAM starts at 0, where the host's
 * firmware lives (guest_direct_map_fits says no to every range). */
#define GUEST_DIRECT_MAP_MIN	GUEST_RAM0_SIZE

/* The console (tessera,vuart = "16550"): COM1. No PL011 (vpl011 is
 * refused on x86). */
#define GUEST_VUART_16550_PORT	0x3f8
#define GUEST_VUART_16550_SIZE	8
#define GUEST_VUART_IRQ		4	/* ISA IRQ 4, GSI 4 */
/* The local APIC's page in xAPIC mode (x2APIC mode has only MSRs). */
#define GUEST_LAPIC_BASE	0xfee00000ull
#define GUEST_LAPIC_SIZE	0x1000ull
/* The virtual IOAPIC (its MADT entry, GSIs 0-23; ISA IRQ n is GSI n). */
#define GUEST_IOAPIC_BASE	0xfec00000ull
#define GUEST_IOAPIC_SIZE	0x1000ull
/* ACPI, hardware-reduced (the guest's FADT, guest_tree.c): writing
 * SLP_EN to the sleep control register powers the guest off (S5 is its
 * only sleep state); the reset register is the PC's 0xcf9. */
#define GUEST_SLEEP_CTL_PORT	0x604
#define GUEST_SLEEP_STS_PORT	0x605
#define GUEST_SLEEP_EN		(1u << 5)
#define GUEST_SLEEP_TYPE_S5	5
#define GUEST_RESET_PORT	0xcf9
/* The vRTC (MC146818 registers at ports 0x70/0x71), its century register. */
#define GUEST_RTC_CENTURY	0x32

/* VMMCALL: the function in rax, the result back in rax. */
#define GUEST_HC_VERSION	0	/* returns GUEST_HC_ABI */
#define GUEST_HC_ABI		1
#define GUEST_HC_ENOSYS		(-38ll)	/* any other function */
/* CPUID leaves of the hypervisor range: 0x40000000 gives the highest
 * leaf and "TesseraHV\0\0\0" in ebx, ecx, edx; 0x40000010 the TSC and
 * the local APIC timer frequencies in kHz (eax, ebx), as VMware and
 * others do, so that guests need not calibrate against a PIT. */
#define GUEST_CPUID_BASE	0x40000000u
#define GUEST_CPUID_FREQ	0x40000010u

/* A PCI guest's ECAM (in its MCFG) and BAR windows (in its root
 * bridge's _CRS); CF8/CFC reach the same config space (ioport.c). */
#define GUEST_VPCI_ECAM_BASE	0xe0000000ull
#define GUEST_VPCI_ECAM_SIZE	0x00100000ull
#define GUEST_VPCI_MEM_BASE	0xc0000000ull
#define GUEST_VPCI_MEM_SIZE	0x10000000ull
#define GUEST_VPCI_MEM64_BASE	0x4000000000ull
#define GUEST_VPCI_MEM64_SIZE	0x100000000ull
#define GUEST_VPCI_IO_BASE	0x0ull		/* I/O BARs are ports */
#define GUEST_VPCI_IO_PORTS	1		/* ... and so is CF8/CFC (ioport.c) */
/* What a guest whose device's DMA no IOMMU translates needs. */
#define GUEST_UNTRANSLATED_DMA_NEEDS	"an x86 guest is never direct-mapped, so the board needs " \
					"AMD-Vi covering the function"
/* How a guest function's messages reach it, and whose tables its DMA
 * walks, in the planner's words (scripts/plan/report.c). */
#define GUEST_MSI_DELIVERY	"to its own vCPUs only, the host's remapped by AMD-Vi"
#define GUEST_DMA_TRANSLATION	"AMD-Vi translates the DMA of the functions its IVHD covers\n" \
				"(through the guest's NPT)"

#define GUEST_VPCI_IO_SIZE	0x10000ull
#define GUEST_VPCI_IO_MIN	0x1000ull
#define GUEST_VPCI_INTX_IRQ(slot, pin)	(16 + ((slot) + (pin) - 1) % 4)

static inline bool guest_direct_map_fits(uint64_t pa, uint64_t size)
{
	(void)pa;
	(void)size;
	return false;
}

#endif
