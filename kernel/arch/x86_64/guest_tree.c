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
#define MCFG_OFF	0x3c0
#define MCFG_LEN	(HDR_LEN + 8 + 16)
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

/* ---- the virtual PCI host bridge (a guest with PCI functions) ---- */

/* An AML PkgLength for a package of len bytes after it (len < 4096). */
static uint32_t pkglen(uint8_t *p, uint32_t len)
{
	if (len + 1 < 64) {
		p[0] = (uint8_t)(len + 1);
		return 1;
	}
	p[0] = 0x40 | ((len + 2) & 0x0f);
	p[1] = (uint8_t)((len + 2) >> 4);
	return 2;
}

/* An address space descriptor (ACPI 6.5 section 6.4.3.5): a producer
 * with fixed minimum and maximum, fields of w bytes. */
static uint32_t addr_space(uint8_t *p, uint8_t kind, uint8_t type_flags, unsigned int w,
			   uint64_t min, uint64_t len)
{
	static const uint8_t tag[9] = { [2] = 0x88, [4] = 0x87, [8] = 0x8a };
	uint64_t f[5] = { 0, min, min + len - 1, 0, len };
	unsigned int i;

	p[0] = tag[w];
	put16(p + 1, (uint16_t)(3 + 5 * w));
	p[3] = kind;
	p[4] = 0x0c;		/* MinFixed, MaxFixed, PosDecode, producer */
	p[5] = type_flags;
	for (i = 0; i < 5; i++)
		memcpy(p + 6 + i * w, &f[i], w);
	return 6 + 5 * w;
}

/* Name (_CRS, ResourceTemplate () {...}) of the bridge: bus 0, the
 * config ports, I/O from GUEST_VPCI_IO_MIN, the two memory windows. */
static uint32_t pci0_crs(uint8_t *p)
{
	static const uint8_t cf8[] = { 0x47, 0x01, 0xf8, 0x0c, 0xf8, 0x0c, 0x01, 0x08 };
	uint8_t t[128];
	uint32_t n = 0, k = 0;

	n += addr_space(t + n, 2, 0, 2, 0, 1);
	memcpy(t + n, cf8, sizeof(cf8));
	n += sizeof(cf8);
	n += addr_space(t + n, 1, 0x03, 2, GUEST_VPCI_IO_MIN, GUEST_VPCI_IO_SIZE - GUEST_VPCI_IO_MIN);
	n += addr_space(t + n, 0, 0x01, 4, GUEST_VPCI_MEM_BASE, GUEST_VPCI_MEM_SIZE);
	n += addr_space(t + n, 0, 0x01, 8, GUEST_VPCI_MEM64_BASE, GUEST_VPCI_MEM64_SIZE);
	t[n++] = 0x79;		/* end tag */
	t[n++] = 0x00;
	p[k++] = 0x08;
	memcpy(p + k, "_CRS", 4);
	k += 4;
	p[k++] = 0x11;		/* BufferOp */
	k += pkglen(p + k, n + 2);
	p[k++] = 0x0a;		/* BufferSize: a byte */
	p[k++] = (uint8_t)n;
	memcpy(p + k, t, n);
	return k + n;
}

/* Device (name) { body }: body starts with the name. */
static uint32_t device_aml(uint8_t *p, const uint8_t *body, uint32_t n)
{
	uint32_t k;

	p[0] = 0x5b;		/* DeviceOp */
	p[1] = 0x82;
	k = 2 + pkglen(p + 2, n);
	memcpy(p + k, body, n);
	return k + n;
}

/*
 * Device (\_SB.PCI0) { _HID PNP0A08, _CID PNP0A03, _SEG 0, _BBN 0,
 * _UID 0, _CRS }: a PCI Express root bridge, so that Linux takes the
 * MCFG's ECAM for bus 0 (and CF8/CFC for the first 256 bytes). No _PRT:
 * no INTx (kernel/pci_plan.c), MSI and MSI-X only.
 */
static uint32_t pci0_aml(uint8_t *p)
{
	static const uint8_t head[] = {
		0x5c, 0x2e, '_', 'S', 'B', '_', 'P', 'C', 'I', '0',
		0x08, '_', 'H', 'I', 'D', 0x0c, 0x41, 0xd0, 0x0a, 0x08,
		0x08, '_', 'C', 'I', 'D', 0x0c, 0x41, 0xd0, 0x0a, 0x03,
		0x08, '_', 'S', 'E', 'G', 0x00,
		0x08, '_', 'B', 'B', 'N', 0x00,
		0x08, '_', 'U', 'I', 'D', 0x00,
	};
	uint8_t body[256];
	uint32_t n = sizeof(head);

	memcpy(body, head, n);
	n += pci0_crs(body + n);
	return device_aml(p, body, n);
}

/*
 * Device (\_SB.MRES) { _HID PNP0C02, _CRS { Memory32Fixed (the ECAM) } }:
 * the ECAM as a motherboard resource. Linux takes an MCFG window without
 * probing CF8/CFC first only if ACPI reserves it so (a bus without an
 * Intel function or a host bridge fails its CF8/CFC sanity check).
 */
static uint32_t mres_aml(uint8_t *p)
{
	static const uint8_t head[] = {
		0x5c, 0x2e, '_', 'S', 'B', '_', 'M', 'R', 'E', 'S',
		0x08, '_', 'H', 'I', 'D', 0x0c, 0x41, 0xd0, 0x0c, 0x02,
		0x08, '_', 'C', 'R', 'S', 0x11, 0x11, 0x0a, 0x0e,
		0x86, 0x09, 0x00, 0x01,		/* Memory32Fixed, read/write */
	};
	uint8_t body[sizeof(head) + 10];
	uint32_t n = sizeof(head);

	memcpy(body, head, n);
	put32(body + n, (uint32_t)GUEST_VPCI_ECAM_BASE);
	put32(body + n + 4, (uint32_t)GUEST_VPCI_ECAM_SIZE);
	body[n + 8] = 0x79;	/* end tag */
	body[n + 9] = 0x00;
	return device_aml(p, body, n + 10);
}

/* The MCFG: the virtual ECAM, segment 0, bus 0 only. */
static void mcfg(uint8_t *t)
{
	put64(t + HDR_LEN + 8, GUEST_VPCI_ECAM_BASE);
	header(t, "MCFG", MCFG_LEN, 1);
}

/* The tables follow nothing of the board's device tree. */
void guest_tree_board(struct guest_tree_desc *d, const struct fdt *board)
{
}

int guest_tree_build(const struct guest_tree_desc *d, void *buf, size_t size)
{
	uint8_t *b = buf;
	uint64_t base = d->ram_base + d->ram_size - GUEST_DESC_SLOT;
	uint32_t aml = sizeof(dsdt_aml), end = DSDT_OFF + HDR_LEN + aml + 256;
	unsigned int nr = 2;

	if (size < end || d->nr_vcpus < 1 || d->nr_vcpus > GUEST_TREE_MAX_VCPUS ||
	    d->ram_size < GUEST_DESC_SLOT)
		return -FDT_ERR_NOSPACE;
	memset(b, 0, end);
	memcpy(b + DSDT_OFF + HDR_LEN, dsdt_aml, aml);
	if (d->vpci) {
		aml += pci0_aml(b + DSDT_OFF + HDR_LEN + aml);
		aml += mres_aml(b + DSDT_OFF + HDR_LEN + aml);
		mcfg(b + MCFG_OFF);
		put64(b + XSDT_OFF + HDR_LEN + 16, base + MCFG_OFF);
		nr = 3;
	}
	end = DSDT_OFF + HDR_LEN + aml;
	header(b + DSDT_OFF, "DSDT", HDR_LEN + aml, 2);
	fadt(b + FADT_OFF, base + DSDT_OFF);
	madt(b + MADT_OFF, d->nr_vcpus);
	put64(b + XSDT_OFF + HDR_LEN, base + FADT_OFF);
	put64(b + XSDT_OFF + HDR_LEN + 8, base + MADT_OFF);
	header(b + XSDT_OFF, "XSDT", HDR_LEN + 8 * nr, 1);
	memcpy(b + RSDP_OFF, "RSD PTR ", 8);
	memcpy(b + RSDP_OFF + 9, "TESSRA", 6);
	b[RSDP_OFF + 15] = 2;
	put32(b + RSDP_OFF + 20, 36);
	put64(b + RSDP_OFF + 24, base + XSDT_OFF);
	b[RSDP_OFF + 8] = checksum(b + RSDP_OFF, 20);
	b[RSDP_OFF + 32] = checksum(b + RSDP_OFF, 36);
	return (int)end;
}
