/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The board's ACPI tables, read-only: x86 boards describe their CPUs
 * (MADT), power-off (FADT, \_S5) and PCI (MCFG) there, not in the boot
 * device tree. Parsed once on the boot CPU, before guests run.
 */
#ifndef TESSERA_X86_ACPI_H
#define TESSERA_X86_ACPI_H

#include <stdbool.h>
#include <stdint.h>

/* NULL, or what is missing or malformed, for the error line. Parses
 * once; later calls give the first answer. */
const char *acpi_init(uint64_t rsdp_pa);
/* The DSDT's AML (after its header) and its length, or NULL. */
const uint8_t *acpi_dsdt_aml(uint32_t *len);
/* fn for each enabled CPU in MADT order; returns how many. */
unsigned int acpi_for_each_cpu(void (*fn)(void *ctx, uint32_t apic_id), void *ctx);
/* The GSI an ISA IRQ arrives on (an interrupt source override, or the
 * same number), and whether it is level-triggered and active-low. */
uint32_t acpi_isa_gsi(unsigned int isa_irq, bool *level, bool *low);
/* The IOAPIC that would have gsi: 0 and its MMIO address and first
 * GSI, or -1. */
int acpi_ioapic_of(uint32_t gsi, uint64_t *pa, uint32_t *gsi_base);
/* One ECAM window of the MCFG (PCI config space, memory-mapped). */
struct acpi_ecam {
	uint64_t base;			/* of bus 0, even where bus_start > 0 */
	uint16_t segment;
	uint8_t bus_start, bus_end;
};
/* The MCFG's nth window into *out and 0; -1 past the last (or none). */
int acpi_ecam(unsigned int n, struct acpi_ecam *out);
/* The AMD-Vi IOMMU of the IVRS (its IVHD block: 0x11 or 0x40 if the
 * firmware gives one, else 0x10) and the device IDs it covers. */
struct acpi_iommu {
	uint64_t base;			/* its registers */
	uint16_t device;		/* its own PCI function (requester id) */
	uint16_t segment;
	uint32_t first_device, last_device, nr_devices;	/* nr 0: none */
	int32_t ioapic_device;		/* the IOAPIC's requester id, or -1 */
};
/* 0 and *out, or -1 if the board has no IVRS with an IVHD. */
int acpi_iommu(struct acpi_iommu *out);
/* The CMOS register of the century (the FADT's), or 0 if it has none. */
uint8_t acpi_century_index(void);
/* TSC ticks per second, measured against the PM timer in acpi_init. */
uint64_t acpi_tsc_hz(void);
/* S5 through PM1a_CNT; returns only if the board has no way. */
void acpi_power_off(void);
/* The FADT's reset register, if it is an I/O port; returns if not. */
void acpi_reset(void);

#endif
