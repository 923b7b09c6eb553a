// SPDX-License-Identifier: GPL-2.0-only
/*
 * The x86 guests' ACPI tables (kernel/arch/x86_64/guest_tree.c), as the
 * loader makes them: every table's length and checksum, the pointers
 * from the RSDP down, the MADT's CPUs and IOAPIC, and the DSDT as ACPICA
 * itself reads it (iasl -d, from acpica-tools): the sleep type for S5
 * and the COM1 device that gives a hardware-reduced guest its UART's
 * IRQ 4 (without it Linux's ttyS0 never opens for userspace). Then the
 * hypervisor's check of such a module (guest_acpi_check.c): it takes
 * what the builder makes and refuses damaged or foreign tables.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "arch/guest.h"
#include "arch/guest_tree.h"
#include "lib/fdt.h"

#define RAM_SIZE	(256ull << 20)

static uint8_t tables[GUEST_TREE_MAX_SIZE];

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

static uint8_t sum(const uint8_t *p, size_t len)
{
	uint8_t s = 0;

	while (len--)
		s += *p++;
	return s;
}

static const uint8_t *build(unsigned int cpus)
{
	struct guest_tree_desc d = { .ram_base = 0, .ram_size = RAM_SIZE, .nr_vcpus = cpus };

	memset(tables, 0xa5, sizeof(tables));
	assert_true(guest_tree_build(&d, tables, sizeof(tables)) > 0);
	return tables;
}

/* The table at guest physical gpa, checked: signature, length, sum 0. */
static const uint8_t *table_at(uint64_t gpa, const char *sig)
{
	uint64_t base = RAM_SIZE - GUEST_DESC_SLOT;
	const uint8_t *t;

	assert_true(gpa >= base && gpa < base + GUEST_TREE_MAX_SIZE);
	t = tables + (gpa - base);
	assert_memory_equal(t, sig, 4);
	assert_true(rd32(t + 4) >= 36 && gpa - base + rd32(t + 4) <= GUEST_TREE_MAX_SIZE);
	assert_int_equal(sum(t, rd32(t + 4)), 0);
	return t;
}

static void test_rsdp_to_every_table(void **state)
{
	const uint8_t *b = build(2), *xsdt, *fadt, *madt;

	(void)state;
	assert_memory_equal(b, "RSD PTR ", 8);
	assert_int_equal(sum(b, 20), 0);		/* ACPI 1.0 part */
	assert_int_equal(b[15], 2);			/* revision: has an XSDT */
	assert_int_equal(sum(b, rd32(b + 20)), 0);	/* the whole RSDP */
	xsdt = table_at(rd64(b + 24), "XSDT");
	assert_int_equal(rd32(xsdt + 4), 36 + 16);	/* two entries */
	fadt = table_at(rd64(xsdt + 36), "FACP");
	madt = table_at(rd64(xsdt + 44), "APIC");
	assert_true(rd32(fadt + 112) & (1u << 20));	/* HW_REDUCED_ACPI */
	/* The vRTC: its century register named, and no "CMOS RTC not
	 * present" in the boot flags. */
	assert_int_equal(fadt[108], GUEST_RTC_CENTURY);
	assert_int_equal(fadt[109] & (1u << 5), 0);
	table_at(rd64(fadt + 140), "DSDT");
	assert_int_equal(rd32(madt + 36), GUEST_LAPIC_BASE);
}

/* MADT entries: one local APIC per vCPU (IDs 0..n-1, enabled), one
 * IOAPIC at the vIOAPIC's address. */
static void test_madt_cpus_and_ioapic(void **state)
{
	unsigned int cpus;

	(void)state;
	for (cpus = 1; cpus <= GUEST_TREE_MAX_VCPUS; cpus++) {
		const uint8_t *b = build(cpus);
		const uint8_t *madt = table_at(rd64(table_at(rd64(b + 24), "XSDT") + 44), "APIC");
		unsigned int off, lapics = 0, ioapics = 0;

		for (off = 44; off < rd32(madt + 4); off += madt[off + 1]) {
			assert_true(madt[off + 1] >= 2);
			if (madt[off] == 0) {
				assert_int_equal(madt[off + 3], lapics);	/* APIC ID */
				assert_true(rd32(madt + off + 4) & 1);		/* enabled */
				lapics++;
			} else if (madt[off] == 1) {
				assert_int_equal(rd32(madt + off + 4), GUEST_IOAPIC_BASE);
				ioapics++;
			}
		}
		assert_int_equal(lapics, cpus);
		assert_int_equal(ioapics, 1);
	}
}

static void test_refuses_what_it_cannot_describe(void **state)
{
	struct guest_tree_desc d = { .ram_size = RAM_SIZE, .nr_vcpus = 0 };

	(void)state;
	assert_true(guest_tree_build(&d, tables, sizeof(tables)) < 0);
	d.nr_vcpus = GUEST_TREE_MAX_VCPUS + 1;
	assert_true(guest_tree_build(&d, tables, sizeof(tables)) < 0);
	d.nr_vcpus = 1;
	d.ram_size = GUEST_DESC_SLOT - 1;
	assert_true(guest_tree_build(&d, tables, sizeof(tables)) < 0);
	d.ram_size = RAM_SIZE;
	assert_true(guest_tree_build(&d, tables, 64) < 0);	/* too small a buffer */
}

/* iasl's disassembly of the DSDT, into out (NUL-terminated). */
static void disassemble_dsdt(const uint8_t *dsdt, char *out, size_t size)
{
	char dir[] = "/tmp/test_guest_acpi.XXXXXX", path[128], cmd[256];
	FILE *f;
	size_t n;

	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/dsdt.dat", dir);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(dsdt, 1, rd32(dsdt + 4), f), rd32(dsdt + 4));
	fclose(f);
	snprintf(cmd, sizeof(cmd), "cd %s && iasl -d dsdt.dat > iasl.log 2>&1", dir);
	if (system(cmd) != 0) {
		snprintf(cmd, sizeof(cmd), "cat %s/iasl.log", dir);
		(void)system(cmd);
		fail_msg("iasl -d failed (is acpica-tools installed? make deps)");
	}
	snprintf(path, sizeof(path), "%s/dsdt.dsl", dir);
	f = fopen(path, "r");
	assert_non_null(f);
	n = fread(out, 1, size - 1, f);
	out[n] = 0;
	fclose(f);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
}

/* The listing without comments and white space, so that what is
 * checked is ACPICA's reading, not its layout. */
static void compact(char *s)
{
	char *out = s;

	while (*s) {
		if (s[0] == '/' && s[1] == '/') {
			s += strcspn(s, "\n");
		} else if (s[0] == '/' && s[1] == '*') {
			char *end = strstr(s + 2, "*/");

			s = end ? end + 2 : s + strlen(s);
		} else if (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r') {
			s++;
		} else {
			*out++ = *s++;
		}
	}
	*out = 0;
}

static void test_dsdt_as_acpica_reads_it(void **state)
{
	const uint8_t *b = build(1);
	const uint8_t *fadt = table_at(rd64(table_at(rd64(b + 24), "XSDT") + 36), "FACP");
	static char dsl[16384];

	(void)state;
	disassemble_dsdt(table_at(rd64(fadt + 140), "DSDT"), dsl, sizeof(dsl));
	compact(dsl);
	assert_non_null(strstr(dsl, "Name(_S5,Package(0x04){0x05,Zero,Zero,Zero})"));
	assert_non_null(strstr(dsl, "Device(\\_SB.COM1){Name(_HID,EisaId(\"PNP0501\"))"));
	assert_non_null(strstr(dsl, "Name(_CRS,ResourceTemplate(){IO(Decode16,0x03F8,0x03F8,0x08,0x08,)"
				    "IRQNoFlags(){4}})"));
	/* Nothing iasl could not make sense of. */
	assert_null(strstr(dsl, "Unknown"));
	assert_null(strstr(dsl, "Error"));
}

/* A guest with PCI functions: an MCFG with the virtual ECAM, and a PCI
 * Express root bridge in the DSDT with the vPCI windows, as ACPICA reads
 * them; the hypervisor's check takes the tables. */
static void test_pci_root_bridge(void **state)
{
	struct guest_tree_desc d = { .ram_base = 0, .ram_size = RAM_SIZE, .nr_vcpus = 2,
				     .vpci = true };
	const uint8_t *xsdt, *fadt, *mcfg;
	static char dsl[16384];
	int size;

	(void)state;
	memset(tables, 0xa5, sizeof(tables));
	size = guest_tree_build(&d, tables, sizeof(tables));
	assert_true(size > 0);
	xsdt = table_at(rd64(tables + 24), "XSDT");
	assert_int_equal(rd32(xsdt + 4), 36 + 3 * 8);
	fadt = table_at(rd64(xsdt + 36), "FACP");
	mcfg = table_at(rd64(xsdt + 52), "MCFG");
	assert_int_equal(rd32(mcfg + 4), 36 + 8 + 16);
	assert_int_equal(rd64(mcfg + 44), GUEST_VPCI_ECAM_BASE);
	assert_int_equal(mcfg[54], 0);		/* segment 0, buses 0-0 */
	assert_int_equal(mcfg[55], 0);
	assert_null(guest_acpi_check(tables, size, RAM_SIZE - GUEST_DESC_SLOT, 2));
	disassemble_dsdt(table_at(rd64(fadt + 140), "DSDT"), dsl, sizeof(dsl));
	compact(dsl);
	assert_non_null(strstr(dsl, "Device(\\_SB.PCI0){Name(_HID,EisaId(\"PNP0A08\"))"
				    "Name(_CID,EisaId(\"PNP0A03\"))Name(_SEG,Zero)Name(_BBN,Zero)"));
	assert_non_null(strstr(dsl, "WordBusNumber(ResourceProducer,MinFixed,MaxFixed,PosDecode,"
				    "0x0000,0x0000,0x0000,0x0000,0x0001,,,)"));
	assert_non_null(strstr(dsl, "IO(Decode16,0x0CF8,0x0CF8,0x01,0x08,)"));
	assert_non_null(strstr(dsl, "0x0000,0x1000,0xFFFF,0x0000,0xF000,,,,TypeStatic,DenseTranslation)"));
	assert_non_null(strstr(dsl, "0x00000000,0xC0000000,0xCFFFFFFF,0x00000000,0x10000000,,,,"
				    "AddressRangeMemory,TypeStatic)"));
	assert_non_null(strstr(dsl, "0x0000000000000000,0x0000004000000000,0x00000040FFFFFFFF,"
				    "0x0000000000000000,0x0000000100000000,,,,AddressRangeMemory,TypeStatic)"));
	assert_non_null(strstr(dsl, "Device(\\_SB.MRES){Name(_HID,EisaId(\"PNP0C02\"))"
				    "Name(_CRS,ResourceTemplate(){Memory32Fixed(ReadWrite,0xE0000000,"
				    "0x00100000,)})}"));
	assert_null(strstr(dsl, "Unknown"));
	assert_null(strstr(dsl, "Error"));
}

#define SLOT_BASE	(RAM_SIZE - GUEST_DESC_SLOT)

static int size_of(unsigned int cpus)
{
	struct guest_tree_desc d = { .ram_base = 0, .ram_size = RAM_SIZE, .nr_vcpus = cpus };

	return guest_tree_build(&d, tables, sizeof(tables));
}

static void test_check_takes_what_the_builder_makes(void **state)
{
	unsigned int cpus;

	(void)state;
	for (cpus = 1; cpus <= GUEST_TREE_MAX_VCPUS; cpus++) {
		int size = size_of(cpus);

		assert_true(size > 0);
		assert_null(guest_acpi_check(tables, size, SLOT_BASE, cpus));
	}
}

static void refused_at(const char *why, const char *want, int line)
{
	if (!why || !strstr(why, want))
		fail_msg("line %d: %s \"%s\", expected a refusal with \"%s\"", line,
			 why ? "refused with" : "accepted, not", why ? why : "", want);
}
#define refused(why, want)	refused_at(why, want, __LINE__)

/* Put back a table's checksum after a change, as a forger would. */
static void resum(uint8_t *t)
{
	t[9] = 0;
	t[9] = (uint8_t)-sum(t, rd32(t + 4));
}

static void test_check_refuses_foreign_tables(void **state)
{
	uint8_t *madt;
	int size;

	(void)state;
	size = size_of(2);
	refused(guest_acpi_check(tables, size, SLOT_BASE, 3), "does not list every vCPU");
	refused(guest_acpi_check(tables, size, SLOT_BASE, 1), "a CPU the domain does not have");
	/* Made for another slot: its pointers lead outside the module. */
	refused(guest_acpi_check(tables, size, SLOT_BASE + 0x1000, 2), "XSDT is not inside");
	refused(guest_acpi_check(tables, 0x100, SLOT_BASE, 2), "points outside the module");
	refused(guest_acpi_check(tables, 20, SLOT_BASE, 2), "RSDP");
	madt = tables + (rd64(table_at(rd64(tables + 24), "XSDT") + 44) - SLOT_BASE);
	madt[50] ^= 1;			/* the IOAPIC entry's address, checksum left */
	refused(guest_acpi_check(tables, size, SLOT_BASE, 2), "damaged table");
	resum(madt);
	refused(guest_acpi_check(tables, size, SLOT_BASE, 2), "IOAPIC elsewhere");
	size = size_of(2);
	madt[64 + 3] = 0;		/* the second CPU given APIC ID 0 as well */
	resum(madt);
	refused(guest_acpi_check(tables, size, SLOT_BASE, 2), "or one twice");
	size = size_of(1);
	tables[8] ^= 1;			/* the RSDP's checksum */
	refused(guest_acpi_check(tables, size, SLOT_BASE, 1), "RSDP");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rsdp_to_every_table),
		cmocka_unit_test(test_madt_cpus_and_ioapic),
		cmocka_unit_test(test_refuses_what_it_cannot_describe),
		cmocka_unit_test(test_dsdt_as_acpica_reads_it),
		cmocka_unit_test(test_pci_root_bridge),
		cmocka_unit_test(test_check_takes_what_the_builder_makes),
		cmocka_unit_test(test_check_refuses_foreign_tables),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
