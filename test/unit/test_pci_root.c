// SPDX-License-Identifier: GPL-2.0-only
/*
 * The x86 host PCI bridge from ACPI (kernel/arch/x86_64/pci_root.c),
 * built on the host with the file included: a DSDT compiled by iasl from
 * test/unit/data/pci-root.asl (shaped like QEMU q35's) gives the tree the
 * shared PCI code reads, with the windows of the root bridge for the
 * MCFG's first bus and nothing of the other _CRS templates. The same DSDT
 * cut short at every length, and damaged at every byte of the template,
 * is read without reading outside it, and without a window that is not
 * there; a boot tree naming another host bridge is refused.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "../../kernel/arch/x86_64/pci_root.c"

#define ACPI_HEADER_LEN	36

static const struct bootinfo fake_bi;
const struct bootinfo *arch_bootinfo = &fake_bi;
static uint8_t *aml;
static uint32_t aml_len;
static struct acpi_ecam mcfg = { .base = 0xb0000000, .segment = 0, .bus_start = 0,
				 .bus_end = 0xff };
static char logged[4096];

const char *acpi_init(uint64_t rsdp_pa)
{
	(void)rsdp_pa;
	return NULL;
}

const uint8_t *acpi_dsdt_aml(uint32_t *len)
{
	*len = aml_len;
	return aml;
}

int acpi_ecam(unsigned int n, struct acpi_ecam *out)
{
	if (n)
		return -1;
	*out = mcfg;
	return 0;
}

/* No IVRS: the IOMMU's node is a case of its own (x86-inspect). */
int acpi_iommu(struct acpi_iommu *out)
{
	(void)out;
	return -1;
}

void printk(const char *fmt, ...)
{
	size_t used = strlen(logged);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(logged + used, sizeof(logged) - used, fmt, ap);
	va_end(ap);
}

/* iasl compiles the test's ASL; aml is what follows the table header. */
static int setup(void **state)
{
	char dir[] = "/tmp/test_pci_root.XXXXXX", cmd[512], path[128];
	static uint8_t table[8192];
	FILE *f;
	size_t n;

	(void)state;
	if (!mkdtemp(dir))
		return -1;
	snprintf(cmd, sizeof(cmd), "iasl -p %s/dsdt %s/test/unit/data/pci-root.asl > %s/iasl.log 2>&1",
		 dir, SOURCE_DIR, dir);
	if (system(cmd) != 0) {
		snprintf(cmd, sizeof(cmd), "cat %s/iasl.log", dir);
		(void)system(cmd);
		fprintf(stderr, "iasl failed (is acpica-tools installed? make deps)\n");
		return -1;
	}
	snprintf(path, sizeof(path), "%s/dsdt.aml", dir);
	f = fopen(path, "rb");
	if (!f)
		return -1;
	n = fread(table, 1, sizeof(table), f);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	if (system(cmd) != 0 || n <= ACPI_HEADER_LEN)
		return -1;
	aml = table + ACPI_HEADER_LEN;
	aml_len = n - ACPI_HEADER_LEN;
	return 0;
}

static const struct fdt *host_tree(void)
{
	static struct fdt empty;
	static uint8_t blob[256];
	struct fdtw w;

	fdtw_init(&w, blob, sizeof(blob));
	fdtw_begin_node(&w, "");
	fdtw_end_node(&w);
	assert_int_equal(fdt_init(&empty, blob, fdtw_finish(&w)), 0);
	logged[0] = 0;
	return arch_pci_host_tree(&empty);
}

static uint64_t cells(const uint8_t *p, unsigned int i, int n)
{
	return fdt_cells_to_u64(p + 4 * i, n);
}

static void test_q35_root_bridge(void **state)
{
	const struct fdt *t;
	const uint8_t *r;
	uint64_t base, size;
	int node, len;

	(void)state;
	t = host_tree();
	assert_non_null(t);
	node = fdt_next_compatible(t, -1, "pci-host-ecam-generic");
	assert_true(node >= 0);
	assert_string_equal(fdt_node_name(t, node), "pcie@b0000000");
	assert_int_equal(fdt_reg(t, node, 0, &base, &size), 0);
	assert_int_equal(base, 0xb0000000);
	assert_int_equal(size, 0x80ull << 20);	/* buses 0-0x7f, as _CRS says */
	r = fdt_getprop(t, node, "bus-range", &len);
	assert_int_equal(len, 8);
	assert_int_equal(cells(r, 0, 1), 0);
	assert_int_equal(cells(r, 1, 1), 0x7f);
	r = fdt_getprop(t, node, "ranges", &len);
	/* VGA, the 32-bit hole, the 64-bit window, one I/O window; not the
	 * consumer range, nor the other bridge's. */
	assert_int_equal(len, 4 * 7 * 4);
	assert_int_equal(cells(r, 0, 1), PHYS_MEM32);
	assert_int_equal(cells(r, 1, 2), 0xa0000);
	assert_int_equal(cells(r, 5, 2), 0x20000);
	assert_int_equal(cells(r, 7, 1), PHYS_MEM32);
	assert_int_equal(cells(r, 8, 2), 0xc0000000);
	assert_int_equal(cells(r, 10, 2), 0xc0000000);
	assert_int_equal(cells(r, 12, 2), 0x3ec00000);
	assert_int_equal(cells(r, 14, 1), PHYS_MEM64);
	assert_int_equal(cells(r, 15, 2), 0x100000000ull);
	assert_int_equal(cells(r, 19, 2), 0x800000000ull);
	assert_int_equal(cells(r, 21, 1), PHYS_IO);
	assert_int_equal(cells(r, 22, 2), 0);
	assert_int_equal(cells(r, 26, 2), 0x10000);	/* 0-0xcf7 and 0xd00-0xffff */
	assert_null(strstr(logged, "warning"));
}

/* The expander's template is picked for an MCFG starting at its bus. */
static void test_second_root_bridge(void **state)
{
	const struct fdt *t;
	const uint8_t *r;
	int node, len;

	(void)state;
	mcfg.bus_start = 0x80;
	t = host_tree();
	mcfg.bus_start = 0;
	assert_non_null(t);
	node = fdt_next_compatible(t, -1, "pci-host-ecam-generic");
	assert_string_equal(fdt_node_name(t, node), "pcie@b8000000");
	r = fdt_getprop(t, node, "ranges", &len);
	assert_int_equal(len, 7 * 4);
	assert_int_equal(cells(r, 1, 2), 0xfe000000);
	assert_int_equal(cells(r, 5, 2), 0x100000);
}

/* Every prefix of the AML (the root bridge's template is last): read
 * within it, and the bridge has no windows rather than some of them. */
static void test_truncated(void **state)
{
	uint32_t full = aml_len, cut;
	const struct fdt *t;
	unsigned int none = 0;
	int node, len;

	(void)state;
	for (cut = 0; cut < full; cut++) {
		uint8_t *copy = malloc(cut ? cut : 1);
		uint8_t *keep = aml;

		memcpy(copy, aml, cut);
		aml = copy;
		aml_len = cut;
		t = host_tree();
		aml = keep;
		aml_len = full;
		assert_non_null(t);
		node = fdt_next_compatible(t, -1, "pci-host-ecam-generic");
		assert_true(node >= 0);
		assert_null(fdt_getprop(t, node, "ranges", &len));
		assert_non_null(strstr(logged, "no _CRS of a root bridge"));
		none++;
		free(copy);
	}
	assert_int_equal(none, full);
}

/* Any one byte of the AML damaged: no read outside it, at most the
 * windows the real template has, never more. */
static void test_damaged(void **state)
{
	uint32_t i;
	int node, len;

	(void)state;
	for (i = 0; i < aml_len; i++) {
		uint8_t *copy = malloc(aml_len), *keep = aml;
		const struct fdt *t;
		const uint8_t *r;

		memcpy(copy, aml, aml_len);
		copy[i] ^= 0xff;
		aml = copy;
		t = host_tree();
		aml = keep;
		assert_non_null(t);
		node = fdt_next_compatible(t, -1, "pci-host-ecam-generic");
		r = fdt_getprop(t, node, "ranges", &len);
		assert_true(!r || len <= 5 * 7 * 4);
		free(copy);
	}
}

/* A boot tree with one host bridge, its ECAM at ecam. */
static void boot_tree(struct fdt *boot, uint8_t *blob, size_t size, uint32_t ecam)
{
	uint32_t reg[4] = { 0, ecam, 0, 0x100000 };
	char name[32];
	struct fdtw w;

	snprintf(name, sizeof(name), "pcie@%x", ecam);
	fdtw_init(&w, blob, size);
	fdtw_begin_node(&w, "");
	fdtw_prop_u32(&w, "#address-cells", 2);
	fdtw_prop_u32(&w, "#size-cells", 2);
	fdtw_begin_node(&w, name);
	fdtw_prop_string(&w, "compatible", "pci-host-ecam-generic");
	fdtw_prop_cells(&w, "reg", reg, 4);
	fdtw_end_node(&w);
	fdtw_end_node(&w);
	assert_int_equal(fdt_init(boot, blob, fdtw_finish(&w)), 0);
}

/* A boot tree whose host bridge is not the MCFG's: no PCI, said. */
static void test_boot_tree_other_bridge(void **state)
{
	static uint8_t blob[512];
	struct fdt boot;

	(void)state;
	boot_tree(&boot, blob, sizeof(blob), 0xe0000000);
	logged[0] = 0;
	assert_null(arch_pci_host_tree(&boot));
	assert_non_null(strstr(logged, "pcie@e0000000 in the boot tree is not the host bridge of the ACPI MCFG"));
	boot_tree(&boot, blob, sizeof(blob), 0xb0000000);
	assert_ptr_equal(arch_pci_host_tree(&boot), &boot);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_q35_root_bridge),
		cmocka_unit_test(test_second_root_bridge),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_damaged),
		cmocka_unit_test(test_boot_tree_other_bridge),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
