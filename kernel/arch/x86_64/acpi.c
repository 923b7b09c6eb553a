// SPDX-License-Identifier: GPL-2.0-only
/* The board's ACPI tables (acpi.h). Offsets from the ACPI 6.5 spec. */
#include "acpi.h"

#include <stdbool.h>

#include "lib/string.h"
#include "x86.h"

#define PM_TIMER_HZ		3579545u
#define FADT_DSDT		40
#define FADT_PM1A_CNT		64
#define FADT_PM_TMR		76
#define FADT_CENTURY		108
#define FADT_FLAGS		112
#define FADT_TMR_VAL_EXT	(1u << 8)
#define FADT_RESET_REG		116
#define FADT_RESET_VALUE	128
#define FADT_X_DSDT		140
#define GAS_SPACE_IO		1
#define PM1_SLP_TYP_SHIFT	10
#define PM1_SLP_EN		(1u << 13)
#define MADT_ENTRIES		44
#define MADT_LAPIC		0
#define MADT_X2APIC		9
#define MADT_IOAPIC		1
#define MADT_ISO		2	/* interrupt source override */
#define ISO_POLARITY_LOW	3
#define ISO_TRIGGER_LEVEL	(3 << 2)
#define MADT_ENABLED		(1u << 0)
#define MCFG_ENTRIES		44	/* after 8 reserved bytes */
#define MCFG_ENTRY_SIZE		16
#define IVRS_BLOCKS		48	/* after IVinfo and 8 reserved bytes */
#define IVHD_ALL		0x01
#define IVHD_SELECT		0x02
#define IVHD_RANGE_START	0x03
#define IVHD_RANGE_END		0x04
#define IVHD_ALIAS_SELECT	0x42
#define IVHD_ALIAS_START	0x43
#define IVHD_EXT_SELECT		0x46
#define IVHD_EXT_START		0x47
#define IVHD_SPECIAL		0x48	/* byte 7: what; bytes 5-6: its requester id */
#define IVHD_SPECIAL_IOAPIC	1

struct acpi_header {
	char sig[4];
	uint32_t length;
	uint8_t revision, checksum;
	char oem[6], oem_table[8];
	uint32_t oem_rev, creator, creator_rev;
} __attribute__((packed));

static const struct acpi_header *madt, *fadt, *mcfg, *dsdt, *ivrs;
static uint16_t pm1a_cnt, pm_tmr;
static bool pm_tmr_32;
static uint8_t s5_typ;
static uint64_t tsc_hz;

static bool checksum_ok(const void *p, uint32_t len)
{
	const uint8_t *b = p;
	uint8_t sum = 0;

	while (len--)
		sum += *b++;
	return !sum;
}

static const struct acpi_header *table_at(uint64_t pa)
{
	const struct acpi_header *h = (const void *)(uintptr_t)pa;

	if (!pa || h->length < sizeof(*h) || !checksum_ok(h, h->length))
		return NULL;
	return h;
}

static uint32_t rd32(const void *base, unsigned int off)
{
	uint32_t v;

	memcpy(&v, (const uint8_t *)base + off, sizeof(v));
	return v;
}

static uint64_t rd64(const void *base, unsigned int off)
{
	uint64_t v;

	memcpy(&v, (const uint8_t *)base + off, sizeof(v));
	return v;
}

/* Find sig among the XSDT's (8-byte) or RSDT's (4-byte) entries. */
static const struct acpi_header *find_table(const struct acpi_header *sdt, unsigned int esize,
					    const char *sig)
{
	uint32_t off;

	for (off = sizeof(*sdt); off + esize <= sdt->length; off += esize) {
		uint64_t pa = esize == 8 ? rd64(sdt, off) : rd32(sdt, off);
		const struct acpi_header *t = table_at(pa);

		if (t && !memcmp(t->sig, sig, 4))
			return t;
	}
	return NULL;
}

/* \_S5's SLP_TYPa: the first element of the package named _S5_ in the
 * DSDT's AML (NameOp, name, PackageOp, length, count, element). */
static uint8_t dsdt_s5_type(const struct acpi_header *dsdt)
{
	const uint8_t *b = (const uint8_t *)dsdt;
	uint32_t i;

	/* Room for the longest match: name, op, 4-byte length, count, 2. */
	for (i = sizeof(*dsdt); dsdt && i + 13 <= dsdt->length; i++) {
		const uint8_t *p = b + i;

		if (memcmp(p, "_S5_", 4) || p[4] != 0x12)
			continue;
		p += 5;
		p += 1 + (*p >> 6);	/* PkgLength: 1 to 4 bytes */
		p++;			/* NumElements */
		if (*p == 0x0a)		/* BytePrefix */
			return p[1];
		return *p == 0x01 ? 1 : 0;	/* OneOp, ZeroOp */
	}
	return 0;
}

static uint32_t pm_timer(void)
{
	return pm_tmr_32 ? inl(pm_tmr) : inl(pm_tmr) & 0xffffff;
}

/* 10 ms of PM timer against the TSC. */
static uint64_t measure_tsc(void)
{
	uint32_t mask = pm_tmr_32 ? 0xffffffffu : 0xffffffu, start = pm_timer();
	uint64_t t0 = rdtsc();

	while (((pm_timer() - start) & mask) < PM_TIMER_HZ / 100)
		;
	return (rdtsc() - t0) * 100;
}

static const char *parse_fadt(void)
{
	uint64_t dsdt_pa = fadt->length >= FADT_X_DSDT + 8 ? rd64(fadt, FADT_X_DSDT) : 0;

	pm1a_cnt = rd32(fadt, FADT_PM1A_CNT);
	pm_tmr = rd32(fadt, FADT_PM_TMR);
	pm_tmr_32 = rd32(fadt, FADT_FLAGS) & FADT_TMR_VAL_EXT;
	if (!dsdt_pa)
		dsdt_pa = rd32(fadt, FADT_DSDT);
	dsdt = table_at(dsdt_pa);
	s5_typ = dsdt_s5_type(dsdt);
	if (!pm_tmr)
		return "the ACPI FADT has no PM timer (the TSC is measured against it)";
	return NULL;
}

static const char *parse(uint64_t rsdp_pa)
{
	const uint8_t *rsdp = (const void *)(uintptr_t)rsdp_pa;
	const struct acpi_header *sdt;
	unsigned int esize;
	const char *err;

	if (!rsdp || memcmp(rsdp, "RSD PTR ", 8) || !checksum_ok(rsdp, 20))
		return "no ACPI RSDP from the firmware";
	if (rsdp[15] >= 2 && rd64(rsdp, 24)) {
		sdt = table_at(rd64(rsdp, 24));
		esize = 8;
	} else {
		sdt = table_at(rd32(rsdp, 16));
		esize = 4;
	}
	if (!sdt)
		return "the ACPI XSDT/RSDT is missing or fails its checksum";
	madt = find_table(sdt, esize, "APIC");
	fadt = find_table(sdt, esize, "FACP");
	mcfg = find_table(sdt, esize, "MCFG");	/* a board without PCI has none */
	ivrs = find_table(sdt, esize, "IVRS");	/* nor one without AMD-Vi */
	if (!madt)
		return "no ACPI MADT (the CPUs are listed there)";
	if (!fadt)
		return "no ACPI FADT";
	err = parse_fadt();
	if (err)
		return err;
	tsc_hz = measure_tsc();
	return NULL;
}

/* Once: PCI needs the tables before the firmware check (kernel/main.c). */
const char *acpi_init(uint64_t rsdp_pa)
{
	static const char *result;
	static bool done;

	if (!done) {
		result = parse(rsdp_pa);
		done = true;
	}
	return result;
}

const uint8_t *acpi_dsdt_aml(uint32_t *len)
{
	if (!dsdt)
		return NULL;
	*len = dsdt->length - sizeof(*dsdt);
	return (const uint8_t *)(dsdt + 1);
}

/* The next MADT entry of type at or after *off (advanced past it), or
 * NULL; entries shorter than min are skipped. */
static const uint8_t *madt_next(uint32_t *off, uint8_t type, uint8_t min)
{
	const uint8_t *b = (const uint8_t *)madt;

	while (madt && *off + 2 <= madt->length && b[*off + 1] >= 2 &&
	       *off + b[*off + 1] <= madt->length) {
		const uint8_t *e = b + *off;

		*off += e[1];
		if (e[0] == type && e[1] >= min)
			return e;
	}
	return NULL;
}

uint32_t acpi_isa_gsi(unsigned int isa_irq, bool *level, bool *low)
{
	uint32_t off = MADT_ENTRIES;
	const uint8_t *e;

	*level = *low = false;	/* ISA: edge, active-high */
	while ((e = madt_next(&off, MADT_ISO, 10)))
		if (e[2] == 0 && e[3] == isa_irq) {
			uint16_t flags = (uint16_t)(e[8] | e[9] << 8);

			*low = (flags & 3) == ISO_POLARITY_LOW;
			*level = (flags & (3 << 2)) == ISO_TRIGGER_LEVEL;
			return rd32(e, 4);
		}
	return isa_irq;
}

int acpi_ioapic_of(uint32_t gsi, uint64_t *pa, uint32_t *gsi_base)
{
	uint32_t off = MADT_ENTRIES;
	const uint8_t *e;

	int found = -1;

	/* The one with the highest first GSI at or below gsi; whether it
	 * has that many pins, its version register says (irq.c). */
	while ((e = madt_next(&off, MADT_IOAPIC, 12)))
		if (gsi >= rd32(e, 8) && (found < 0 || rd32(e, 8) > *gsi_base)) {
			*pa = rd32(e, 4);
			*gsi_base = rd32(e, 8);
			found = 0;
		}
	return found;
}

unsigned int acpi_for_each_cpu(void (*fn)(void *ctx, uint32_t apic_id), void *ctx)
{
	const uint8_t *b = (const uint8_t *)madt;
	unsigned int n = 0;
	uint32_t off;

	for (off = MADT_ENTRIES; madt && off + 2 <= madt->length && b[off + 1] >= 2;
	     off += b[off + 1]) {
		uint32_t id, flags;

		if (off + b[off + 1] > madt->length)
			break;
		if (b[off] == MADT_LAPIC && b[off + 1] >= 8) {
			id = b[off + 3];
			flags = rd32(b, off + 4);
		} else if (b[off] == MADT_X2APIC && b[off + 1] >= 16) {
			id = rd32(b, off + 4);
			flags = rd32(b, off + 8);
		} else {
			continue;
		}
		if (!(flags & MADT_ENABLED))
			continue;
		fn(ctx, id);
		n++;
	}
	return n;
}

int acpi_ecam(unsigned int n, struct acpi_ecam *out)
{
	const uint8_t *e;

	if (!mcfg || mcfg->length < MCFG_ENTRIES ||
	    n >= (mcfg->length - MCFG_ENTRIES) / MCFG_ENTRY_SIZE)
		return -1;
	e = (const uint8_t *)mcfg + MCFG_ENTRIES + n * MCFG_ENTRY_SIZE;
	out->base = rd64(e, 0);
	out->segment = (uint16_t)(e[8] | e[9] << 8);
	out->bus_start = e[10];
	out->bus_end = e[11];
	return 0;
}

/* IVHD device entries (IVRS, AMD IOMMU specification 3.0 section
 * 5.2.2.5): the hull of the device IDs they name. Entries of types 0x80
 * and above have lengths of their own; the walk stops there. */
static void ivhd_devices(const uint8_t *h, uint32_t start, uint32_t len, struct acpi_iommu *out)
{
	uint32_t off = start, first = 0xffff, last = 0, id;
	uint8_t type;

	out->ioapic_device = -1;
	while (off + 4 <= len) {
		type = h[off];
		id = (uint32_t)h[off + 1] | (uint32_t)h[off + 2] << 8;
		if (type >= 0x80 || (type >= 0x40 && off + 8 > len))
			break;
		if (type == IVHD_ALL) {
			first = 0;
			last = 0xffff;
		} else if (type == IVHD_SELECT || type == IVHD_RANGE_START || type == IVHD_RANGE_END ||
			   type == IVHD_ALIAS_SELECT || type == IVHD_ALIAS_START ||
			   type == IVHD_EXT_SELECT || type == IVHD_EXT_START) {
			first = id < first ? id : first;
			last = id > last ? id : last;
		} else if (type == IVHD_SPECIAL && h[off + 7] == IVHD_SPECIAL_IOAPIC &&
			   out->ioapic_device < 0) {
			out->ioapic_device = (int32_t)(h[off + 5] | (uint32_t)h[off + 6] << 8);
		}
		off += type >= 0x40 ? 8 : 4;
	}
	out->first_device = first <= last ? first : 0;
	out->last_device = first <= last ? last : 0;
	out->nr_devices = first <= last ? last - first + 1 : 0;
}

int acpi_iommu(struct acpi_iommu *out)
{
	const uint8_t *t = (const uint8_t *)ivrs, *h, *best = NULL;
	uint32_t off, len;

	for (off = IVRS_BLOCKS; ivrs && off + 24 <= ivrs->length; off += len) {
		h = t + off;
		len = rd32(h, 0) >> 16 & 0xffff;
		if (len < 24 || len > ivrs->length - off)
			break;
		/* 0x10, or the same IOMMU again as 0x11 / 0x40 with more. */
		if ((h[0] == 0x10 || h[0] == 0x11 || h[0] == 0x40) && (!best || h[0] > best[0]))
			best = h;
	}
	if (!best)
		return -1;
	len = rd32(best, 0) >> 16 & 0xffff;
	out->base = rd64(best, 8);
	out->device = (uint16_t)(rd32(best, 4) & 0xffff);
	out->segment = (uint16_t)(rd32(best, 16) & 0xffff);
	ivhd_devices(best, best[0] == 0x10 ? 24 : 40, len, out);
	return 0;
}

uint8_t acpi_century_index(void)
{
	return fadt && fadt->length > FADT_CENTURY ? ((const uint8_t *)fadt)[FADT_CENTURY] : 0;
}

uint64_t acpi_tsc_hz(void)
{
	return tsc_hz;
}

void acpi_power_off(void)
{
	if (pm1a_cnt)
		outw(pm1a_cnt, (uint16_t)(s5_typ << PM1_SLP_TYP_SHIFT) | PM1_SLP_EN);
}

void acpi_reset(void)
{
	const uint8_t *gas = fadt ? (const uint8_t *)fadt + FADT_RESET_REG : NULL;

	if (gas && fadt->length > FADT_RESET_VALUE && gas[0] == GAS_SPACE_IO)
		outb((uint16_t)rd64(gas, 4), *((const uint8_t *)fadt + FADT_RESET_VALUE));
}
