// SPDX-License-Identifier: GPL-2.0-only
/*
 * An x86 guest's ACPI tables (arch/guest_tree.h). Hardware-reduced: no
 * PM1 blocks, no SCI; power off through the sleep control register,
 * reset through 0xcf9, the CPUs as local APIC entries (x2APIC IDs below
 * 255 are valid there), one IOAPIC (ISA IRQs identity-mapped, edge, as
 * the spec's default), no 8259s and no other legacy devices. Offsets from
 * the ACPI 6.5 specification.
 */
#include "arch/guest_tree.h"

#include "arch/guest.h"
#include "lib/fdt.h"
#include "lib/string.h"

#define RSDP_OFF	0x000
#define XSDT_OFF	0x040
#define FADT_OFF	0x080
#define MADT_OFF	0x200
#define DSDT_OFF	0x400
#define HDR_LEN		36
#define FADT_LEN	276
#define FADT_HW_REDUCED	(1u << 20)
#define FADT_RESET_SUP	(1u << 10)
#define BOOT_NO_VGA	(1u << 2)
#define GAS_IO		1
#define RESET_VALUE	0x06	/* 0xcf9: reset the CPU, full reset */

static const uint8_t dsdt_aml[] = {
	/* Name (_S5, Package (4) { 5, 0, 0, 0 }): the sleep type that the
	 * sleep control register takes for "off". */
	0x08, '_', 'S', '5', '_', 0x12, 0x07, 0x04, 0x0a, GUEST_SLEEP_TYPE_S5, 0x00, 0x00, 0x00,
	/*
	 * Device (\_SB.COM1) { _HID PNP0501, _UID 1, _CRS { IO 0x3f8-0x3ff,
	 * IRQ 4 } }: the vUART. A hardware-reduced guest has no legacy IRQs
	 * of its own (no PIC), so its ISA IRQ 4 only gets an IOAPIC route
	 * when a device with the IRQ in its resources asks for it (Linux's
	 * 8250_pnp does). A domain without the vUART reads all-ones there,
	 * and its kernel finds no UART.
	 */
	0x5b, 0x82, 0x31,				/* Device, 49 bytes */
	0x5c, 0x2e, '_', 'S', 'B', '_', 'C', 'O', 'M', '1',
	0x08, '_', 'H', 'I', 'D', 0x0c, 0x41, 0xd0, 0x05, 0x01,	/* EISAID PNP0501 */
	0x08, '_', 'U', 'I', 'D', 0x01,
	0x08, '_', 'C', 'R', 'S', 0x11, 0x10, 0x0a, 0x0d,	/* Buffer (13) */
	0x47, 0x01, 0xf8, 0x03, 0xf8, 0x03, 0x08, 0x08,	/* IO, decode16 */
	0x22, 1u << GUEST_VUART_IRQ, 0x00,		/* IRQNoFlags */
	0x79, 0x00,					/* end tag */
};

static void put16(uint8_t *p, uint16_t v)
{
	memcpy(p, &v, sizeof(v));
}

static void put32(uint8_t *p, uint32_t v)
{
	memcpy(p, &v, sizeof(v));
}

static void put64(uint8_t *p, uint64_t v)
{
	memcpy(p, &v, sizeof(v));
}

static uint8_t checksum(const uint8_t *p, size_t len)
{
	uint8_t sum = 0;

	while (len--)
		sum += *p++;
	return (uint8_t)-sum;
}

static void header(uint8_t *t, const char *sig, uint32_t len, uint8_t rev)
{
	memcpy(t, sig, 4);
	put32(t + 4, len);
	t[8] = rev;
	memcpy(t + 10, "TESSRA", 6);
	memcpy(t + 16, "TESSERA ", 8);
	put32(t + 24, 1);
	memcpy(t + 28, "TSRA", 4);
	put32(t + 32, 1);
	t[9] = checksum(t, len);
}

/* A generic address structure for an I/O port of width bits. */
static void gas_io(uint8_t *g, uint16_t port, uint8_t bits)
{
	g[0] = GAS_IO;
	g[1] = bits;
	g[2] = 0;
	g[3] = 1;	/* byte access */
	put64(g + 4, port);
}

static void fadt(uint8_t *t, uint64_t dsdt)
{
	put32(t + 40, (uint32_t)dsdt);
	t[108] = GUEST_RTC_CENTURY;	/* the vRTC's century register */
	put16(t + 109, BOOT_NO_VGA);	/* a CMOS RTC is there: the vRTC */
	put32(t + 112, FADT_HW_REDUCED | FADT_RESET_SUP);
	gas_io(t + 116, GUEST_RESET_PORT, 8);
	t[128] = RESET_VALUE;
	t[131] = 5;	/* minor version: ACPI 6.5 */
	put64(t + 140, dsdt);
	gas_io(t + 244, GUEST_SLEEP_CTL_PORT, 8);
	gas_io(t + 256, GUEST_SLEEP_STS_PORT, 8);
	memcpy(t + 268, "Tessera ", 8);
	header(t, "FACP", FADT_LEN, 6);
}

static uint32_t madt(uint8_t *t, unsigned int nr_vcpus)
{
	uint32_t len = HDR_LEN + 8;
	unsigned int i;

	put32(t + 36, (uint32_t)GUEST_LAPIC_BASE);	/* the xAPIC page */
	put32(t + 40, 0);		/* no 8259s */
	t[len] = 1;			/* I/O APIC */
	t[len + 1] = 12;
	t[len + 2] = 0;			/* its ID */
	put32(t + len + 4, (uint32_t)GUEST_IOAPIC_BASE);
	put32(t + len + 8, 0);		/* GSI base */
	len += 12;
	for (i = 0; i < nr_vcpus; i++, len += 8) {
		t[len] = 0;		/* processor local APIC */
		t[len + 1] = 8;
		t[len + 2] = (uint8_t)i;	/* ACPI processor UID */
		t[len + 3] = (uint8_t)i;	/* APIC ID = vCPU number */
		put32(t + len + 4, 1);	/* enabled */
	}
	header(t, "APIC", len, 5);
	return len;
}

int guest_tree_build(const struct guest_tree_desc *d, void *buf, size_t size)
{
	uint8_t *b = buf;
	uint64_t base = d->ram_base + d->ram_size - GUEST_DESC_SLOT;
	uint32_t end = DSDT_OFF + HDR_LEN + sizeof(dsdt_aml);

	if (size < end || d->nr_vcpus < 1 || d->nr_vcpus > GUEST_TREE_MAX_VCPUS ||
	    d->ram_size < GUEST_DESC_SLOT)
		return -FDT_ERR_NOSPACE;
	memset(b, 0, end);
	memcpy(b + DSDT_OFF + HDR_LEN, dsdt_aml, sizeof(dsdt_aml));
	header(b + DSDT_OFF, "DSDT", HDR_LEN + sizeof(dsdt_aml), 2);
	fadt(b + FADT_OFF, base + DSDT_OFF);
	madt(b + MADT_OFF, d->nr_vcpus);
	put64(b + XSDT_OFF + HDR_LEN, base + FADT_OFF);
	put64(b + XSDT_OFF + HDR_LEN + 8, base + MADT_OFF);
	header(b + XSDT_OFF, "XSDT", HDR_LEN + 16, 1);
	memcpy(b + RSDP_OFF, "RSD PTR ", 8);
	memcpy(b + RSDP_OFF + 9, "TESSRA", 6);
	b[RSDP_OFF + 15] = 2;
	put32(b + RSDP_OFF + 20, 36);
	put64(b + RSDP_OFF + 24, base + XSDT_OFF);
	b[RSDP_OFF + 8] = checksum(b + RSDP_OFF, 20);
	b[RSDP_OFF + 32] = checksum(b + RSDP_OFF, 36);
	return (int)end;
}
