// SPDX-License-Identifier: GPL-2.0-only
/*
 * An offline guest ACPI module (arch/guest_tree.h) checked against the
 * domain it is for: the hypervisor trusts no table it did not build, so
 * every pointer must stay inside the module, every table must pass its
 * checksum, and the MADT must give exactly the domain's vCPUs and the
 * guest machine's APIC and IOAPIC addresses (arch/guest.h).
 */
#include "arch/guest_tree.h"

#include "arch/guest.h"
#include "lib/string.h"

#define HDR_LEN		36
#define RSDP_LEN	36
#define FADT_X_DSDT	140
#define FADT_MIN_LEN	148
#define MADT_ENTRIES	44
#define MADT_LAPIC	0
#define MADT_IOAPIC	1
#define MADT_X2APIC	9

struct module {
	const uint8_t *t;
	uint64_t size, base;	/* base: its guest physical address */
};

static uint32_t rd32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static uint64_t rd64(const uint8_t *p)
{
	uint64_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static bool sums_to_zero(const uint8_t *p, uint64_t len)
{
	uint8_t s = 0;

	while (len--)
		s += *p++;
	return !s;
}

/* The table at guest address pa, whole inside the module, with its
 * checksum; NULL if not. */
static const uint8_t *table_at(const struct module *m, uint64_t pa, const char *sig)
{
	uint64_t off = pa - m->base;
	uint32_t len;

	if (pa < m->base || off > m->size || m->size - off < HDR_LEN)
		return NULL;
	len = rd32(m->t + off + 4);
	if (len < HDR_LEN || len > m->size - off || !sums_to_zero(m->t + off, len) ||
	    (sig && memcmp(m->t + off, sig, 4)))
		return NULL;
	return m->t + off;
}

/* Each local APIC (or x2APIC) entry: enabled, an ID below nr, once. */
static const char *madt_check(const uint8_t *madt, unsigned int nr_vcpus)
{
	uint32_t len = rd32(madt + 4), off, seen = 0;

	if (len < MADT_ENTRIES || rd32(madt + 36) != (uint32_t)GUEST_LAPIC_BASE)
		return "its MADT does not put the local APIC at 0xfee00000";
	for (off = MADT_ENTRIES; off + 2 <= len; off += madt[off + 1]) {
		const uint8_t *e = madt + off;
		uint32_t id;

		if (e[1] < 2 || off + e[1] > len)
			return "its MADT has a malformed entry";
		if (e[0] == MADT_IOAPIC && (e[1] < 12 || rd32(e + 4) != (uint32_t)GUEST_IOAPIC_BASE))
			return "its MADT puts an IOAPIC elsewhere than 0xfec00000";
		if ((e[0] != MADT_LAPIC || e[1] < 8) && (e[0] != MADT_X2APIC || e[1] < 16))
			continue;
		id = e[0] == MADT_LAPIC ? e[3] : rd32(e + 4);
		if (!(rd32(e + (e[0] == MADT_LAPIC ? 4 : 8)) & 1))
			continue;
		if (id >= nr_vcpus || id >= 32 || (seen & (1u << id)))
			return "its MADT lists a CPU the domain does not have, or one twice";
		seen |= 1u << id;
	}
	if (seen != (nr_vcpus >= 32 ? ~0u : (1u << nr_vcpus) - 1))
		return "its MADT does not list every vCPU of the domain";
	return NULL;
}

const char *guest_acpi_check(const void *tables, uint64_t size, uint64_t base,
			     unsigned int nr_vcpus)
{
	const struct module m = { tables, size, base };
	const uint8_t *xsdt, *fadt = NULL, *madt = NULL;
	uint32_t off, len;

	if (size < RSDP_LEN || memcmp(m.t, "RSD PTR ", 8) || !sums_to_zero(m.t, 20) ||
	    m.t[15] < 2 || !sums_to_zero(m.t, RSDP_LEN))
		return "they do not start with an ACPI 2.0 RSDP";
	xsdt = table_at(&m, rd64(m.t + 24), "XSDT");
	if (!xsdt)
		return "their XSDT is not inside the module at the address they were made for";
	len = rd32(xsdt + 4);
	for (off = HDR_LEN; off + 8 <= len; off += 8) {
		const uint8_t *t = table_at(&m, rd64(xsdt + off), NULL);

		if (!t)
			return "their XSDT points outside the module or at a damaged table";
		if (!memcmp(t, "FACP", 4))
			fadt = t;
		if (!memcmp(t, "APIC", 4))
			madt = t;
	}
	if (!fadt || rd32(fadt + 4) < FADT_MIN_LEN || !table_at(&m, rd64(fadt + FADT_X_DSDT), "DSDT"))
		return "they have no FADT with a DSDT inside the module";
	if (!madt)
		return "they have no MADT";
	return madt_check(madt, nr_vcpus);
}
