// SPDX-License-Identifier: GPL-2.0-only
/*
 * The PCI inventory writer (vpci/pci_inventory.c): model functions in,
 * device-tree source out, with bridges nesting their buses and each BAR
 * as an assigned-addresses entry in the PCI binding's phys.hi form.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "lib/fdt.h"
#include "pci_inventory.h"
#include "pci_model.h"

static char text[8192];

static void collect(void *ctx, const char *line)
{
	strncat(text, line, sizeof(text) - strlen(text) - 2);
	strcat(text, "\n");
}

static void test_inventory_text(void **state)
{
	static struct model m;
	const struct pci_cfg_ops ops = { model_read, model_write, &m };
	struct pci_func funcs[4];
	uint8_t pins[4] = { 0, 1, 0, 2 }, last = 0;
	struct model_fn *f;
	unsigned int n;

	f = model_add(&m, PCI_SBDF(0, 0, 0, 0), 0x1b36, 0x0008, 0x060000);
	f = model_add(&m, PCI_SBDF(0, 0, 2, 0), 0x8086, 0x10d3, 0x020000);
	model_bar(f, 0, 0x10260000, 0x20000, 0);
	model_rom(f, 0x10300000, 0x40000);
	f = model_add(&m, PCI_SBDF(0, 0, 3, 0), 0x1b36, 0x000c, 0x060400);
	model_put(f, PCI_HEADER_TYPE, 1, 1);
	model_put(f, PCI_PRIMARY_BUS, 4, 0x010100);
	model_cap(f, 0x40, PCI_CAP_ID_EXP, &last);
	model_put(f, 0x40 + PCI_EXP_FLAGS, 2, 0x0042);	/* a root port: no kind written */
	f = model_add(&m, PCI_SBDF(0, 1, 0, 0), 0x1b36, 0x0010, 0x010802);
	model_bar(f, 0, 0x8000000000ull, 0x4000, 4 | 8);
	n = pci_enumerate(&ops, 0, 0, 1, funcs, 4);
	assert_int_equal(n, 4);
	text[0] = 0;
	pci_inventory_write(funcs, pins, n, 0, "pcie@10000000", collect, NULL);
	assert_string_equal(text,
		"/* PCI inventory: 4 functions */\n"
		"/ {\n"
		"\tpcie@10000000 {\n"
		"\t\tdev@0,0 {\n"
		"\t\t\treg = <0x00000000 0 0 0 0>;\n"
		"\t\t\tvendor-id = <0x1b36>;\n"
		"\t\t\tdevice-id = <0x0008>;\n"
		"\t\t\tclass-code = <0x060000>;\n"
		"\t\t};\n"
		"\t\tdev@2,0 {\n"
		"\t\t\treg = <0x00001000 0 0 0 0>;\n"
		"\t\t\tvendor-id = <0x8086>;\n"
		"\t\t\tdevice-id = <0x10d3>;\n"
		"\t\t\tclass-code = <0x020000>;\n"
		"\t\t\tinterrupts = <1>;\n"
		"\t\t\tassigned-addresses =\n"
		"\t\t\t\t<0x02001010 0x0 0x10260000 0x0 0x00020000>,\t/* mem32 */\n"
		"\t\t\t\t<0x02001030 0x0 0x10300000 0x0 0x00040000>;\t/* ROM */\n"
		"\t\t};\n"
		"\t\tpci@3,0 {\n"
		"\t\t\treg = <0x00001800 0 0 0 0>;\n"
		"\t\t\tvendor-id = <0x1b36>;\n"
		"\t\t\tdevice-id = <0x000c>;\n"
		"\t\t\tclass-code = <0x060400>;\n"
		"\t\t\t#address-cells = <3>;\n"
		"\t\t\t#size-cells = <2>;\n"
		"\t\t\tbus-range = <0x1 0x1>;\n"
		"\t\t\tdev@0,0 {\n"
		"\t\t\t\treg = <0x00010000 0 0 0 0>;\n"
		"\t\t\t\tvendor-id = <0x1b36>;\n"
		"\t\t\t\tdevice-id = <0x0010>;\n"
		"\t\t\t\tclass-code = <0x010802>;\n"
		"\t\t\t\tinterrupts = <2>;\n"
		"\t\t\t\tassigned-addresses =\n"
		"\t\t\t\t\t<0x43010010 0x80 0x00000000 0x0 0x00004000>;\t/* mem64 prefetchable */\n"
		"\t\t\t};\n"
		"\t\t};\n"
		"\t};\n"
		"};\n");
}

static void test_bridge_loop_bounded(void **state)
{
	struct pci_func f;
	uint8_t pin = 0;

	/* A bridge claiming its own bus as secondary must not recurse. */
	memset(&f, 0, sizeof(f));
	f.sbdf = PCI_SBDF(0, 2, 0, 0);
	f.header = 1;
	f.secondary = 2;
	f.subordinate = 2;
	text[0] = 0;
	pci_inventory_write(&f, &pin, 1, 2, "pcie", collect, NULL);
	assert_non_null(strstr(text, "bus-range = <0x2 0x2>;"));
	assert_null(strstr(strstr(text, "pci@0,0") + 1, "pci@0,0"));
}

static size_t slurp(const char *name, void *buf, size_t size)
{
	char path[512];
	FILE *f;
	size_t n;

	snprintf(path, sizeof(path), "%s/%s", name[0] == '/' ? "" : UNIT_DATA_DIR, name);
	f = fopen(path, "rb");
	assert_non_null(f);
	n = fread(buf, 1, size - 1, f);
	fclose(f);
	((char *)buf)[n] = 0;
	return n;
}

/*
 * `make inspect`'s output for the QEMU board of the PCI tests, compiled
 * by dtc, read back: the functions are what enumeration found, and
 * writing them again gives the same text.
 */
static void test_read_back_round_trip(void **state)
{
	static uint8_t blob[65536];
	static char source[16384];
	struct pci_func funcs[16];
	uint8_t pins[16];
	struct fdt fdt;
	char err[128];
	int n;

	slurp("inventory-qemu.dtb", blob, sizeof(blob));
	assert_int_equal(fdt_init(&fdt, blob, sizeof(blob)), 0);
	n = pci_inventory_read(&fdt, fdt_path_offset(&fdt, "/pcie@10000000"), funcs, pins, NULL, 16,
			       err, sizeof(err));
	assert_int_equal(n, 6);
	/* The nvme behind the root port, 64-bit BAR. */
	assert_int_equal(funcs[5].sbdf, PCI_SBDF(0, 1, 0, 0));
	assert_int_equal(funcs[5].vendor, 0x1b36);
	assert_int_equal(funcs[5].bar[0].kind, PCI_BAR_MEM64);
	assert_int_equal(funcs[5].bar[0].size, 0x4000);
	assert_int_equal(pins[5], 1);
	/* The root port is a bridge to bus 1; the e1000e has an I/O BAR. */
	assert_int_equal(funcs[3].header, 1);
	assert_int_equal(funcs[3].secondary, 1);
	assert_int_equal(funcs[2].bar[2].kind, PCI_BAR_IO);
	assert_int_equal(funcs[2].bar[2].size, 0x20);
	text[0] = 0;
	pci_inventory_write(funcs, pins, n, 0, "pcie@10000000", collect, NULL);
	slurp(SOURCE_DIR "/test/unit/data/inventory-qemu.dts", source, sizeof(source));
	assert_string_equal(text, source + strlen("/dts-v1/;\n"));
}

/*
 * make inspect's output for QEMU's pcie-pci-bridge and pci-bridge (the
 * planner's test/plan/boards/qemu-virt-pci-bridges.dts): each bridge's
 * kind, which decides the requester id of the DMA below it, is read
 * back, and written again as it was.
 */
static void test_bridge_kinds_round_trip(void **state)
{
	static uint8_t blob[65536];
	static char source[16384];
	struct pci_func funcs[16];
	uint8_t pins[16];
	struct fdt fdt;
	char err[128];
	int n;

	slurp("inventory-bridges.dtb", blob, sizeof(blob));
	assert_int_equal(fdt_init(&fdt, blob, sizeof(blob)), 0);
	n = pci_inventory_read(&fdt, fdt_path_offset(&fdt, "/pcie@10000000"), funcs, pins, NULL, 16,
			       err, sizeof(err));
	assert_int_equal(n, 9);
	assert_int_equal(funcs[2].sbdf, PCI_SBDF(0, 0, 3, 0));	/* pcie-root-port */
	assert_int_equal(funcs[2].bridge_kind, PCI_BRIDGE_PCIE);
	assert_int_equal(funcs[3].sbdf, PCI_SBDF(0, 0, 5, 0));	/* pci-bridge */
	assert_int_equal(funcs[3].bridge_kind, PCI_BRIDGE_PCI_TO_PCI);
	assert_int_equal(funcs[5].sbdf, PCI_SBDF(0, 1, 0, 0));	/* pcie-pci-bridge */
	assert_int_equal(funcs[5].bridge_kind, PCI_BRIDGE_PCIE_TO_PCI);
	text[0] = 0;
	pci_inventory_write(funcs, pins, n, 0, "pcie@10000000", collect, NULL);
	slurp(SOURCE_DIR "/test/unit/data/inventory-bridges.dts", source, sizeof(source));
	assert_string_equal(text, source + strlen("/dts-v1/;\n"));
}

/*
 * MSI and SR-IOV: an e1000e-like function with MSI (64-bit, one vector)
 * and an igb-like SR-IOV capability; the inventory carries what the
 * planner needs to plan VFs before they exist (VF Enable stays off).
 */
static void test_msi_sriov_text(void **state)
{
	static struct model m;
	const struct pci_cfg_ops ops = { model_read, model_write, &m };
	struct pci_func funcs[2];
	uint8_t pins[2] = { 1, 0 };
	struct model_fn *f;

	memset(&m, 0, sizeof(m));
	f = model_add_nic(&m, PCI_SBDF(0, 0, 2, 0));
	model_sriov(f, 8, 0x8000100000ull, 0x8000200000ull);
	assert_int_equal(pci_enumerate(&ops, 0, 0, 0, funcs, 2), 1);
	text[0] = 0;
	pci_inventory_write(funcs, pins, 1, 0, "pcie", collect, NULL);
	assert_non_null(strstr(text, "\t\t\ttessera,msix = <3 0x0 0x50 3 0x2000 0x8>;"));
	assert_non_null(strstr(text, "\t\t\ttessera,msi = <1 1 0>;"));
	assert_non_null(strstr(text, "\t\t\ttessera,sriov = <0x160 8 8 0x80 0x2 0x10ca>;"));
	assert_non_null(strstr(text, "\t\t\ttessera,sriov-vf-bars =\n"
				     "\t\t\t\t<0 0x43000000 0x0 0x00004000>,\t/* mem64 prefetchable, per VF */\n"
				     "\t\t\t\t<3 0x43000000 0x0 0x00004000>;\t/* mem64 prefetchable, per VF */\n"));
	/* Sizing left VF Enable off and the VF BARs as they were. */
	assert_int_equal(model_read(&m, f->sbdf, 0x160 + PCI_SRIOV_CTRL, 2) & 1, 0);
	assert_int_equal(model_read(&m, f->sbdf, 0x160 + PCI_SRIOV_BAR, 4), 0x0010000c);
}

/*
 * make inspect's output for QEMU 10's igb (test/plan/boards/
 * qemu-virt-pci-sriov-inventory.dtsi), read back: MSI, MSI-X and the
 * SR-IOV capability as enumeration found them, written again the same.
 */
static void test_sriov_round_trip(void **state)
{
	static uint8_t blob[65536];
	static char source[16384];
	struct pci_func funcs[8];
	uint8_t pins[8];
	struct fdt fdt;
	char err[128];
	uint32_t vf;
	int n;

	slurp("inventory-sriov.dtb", blob, sizeof(blob));
	assert_int_equal(fdt_init(&fdt, blob, sizeof(blob)), 0);
	n = pci_inventory_read(&fdt, fdt_path_offset(&fdt, "/pcie@10000000"), funcs, pins, NULL, 8,
			       err, sizeof(err));
	assert_int_equal(n, 4);
	assert_int_equal(funcs[2].sbdf, PCI_SBDF(0, 0, 2, 0));
	assert_int_equal(funcs[2].msi.vectors, 1);
	assert_true(funcs[2].msi.addr64 && funcs[2].msi.maskable);
	assert_int_equal(funcs[2].msix.entries, 10);
	assert_int_equal(funcs[2].sriov.total, 8);
	assert_int_equal(funcs[2].sriov.vf_device, 0x10ca);
	assert_int_equal(funcs[2].sriov.vf_bar[3].size, 0x4000);
	assert_int_equal(funcs[2].sriov.vf_bar[3].kind, PCI_BAR_MEM64);
	assert_true(funcs[2].sriov.vf_bar[3].prefetch);
	assert_int_equal(pci_sriov_vf_sbdf(&funcs[2], 1, &vf), 0);
	assert_int_equal(vf, PCI_SBDF(0, 0, 0x12, 2));
	assert_int_equal(funcs[1].msi.vectors, 0);	/* virtio: MSI-X only */
	text[0] = 0;
	pci_inventory_write(funcs, pins, n, 0, "pcie@10000000", collect, NULL);
	slurp(SOURCE_DIR "/test/unit/data/inventory-sriov.dts", source, sizeof(source));
	assert_string_equal(text, source + strlen("/dts-v1/;\n"));
}

static void test_read_refusals(void **state)
{
	static const char *const broken[][2] = {
		{ "inventory-twice.dtb", "inventory: 0000:00:02.0 appears twice" },
		{ "inventory-badbar.dtb", "inventory node dev@2,0: a BAR size is not a power of two" },
		{ "inventory-badkind.dtb", "inventory node pci@3,0: tessera,bridge-kind must be "
		  "\"pcie-port\", \"pcie-to-pci\" or \"pci-to-pci\"" },
	};
	static uint8_t blob[8192];
	struct pci_func funcs[4];
	uint8_t pins[4];
	struct fdt fdt;
	char err[128];
	unsigned int i;

	for (i = 0; i < sizeof(broken) / sizeof(broken[0]); i++) {
		slurp(broken[i][0], blob, sizeof(blob));
		assert_int_equal(fdt_init(&fdt, blob, sizeof(blob)), 0);
		assert_int_equal(pci_inventory_read(&fdt, fdt_path_offset(&fdt, "/pcie"), funcs,
						    pins, NULL, 4, err, sizeof(err)), -1);
		assert_string_equal(err, broken[i][1]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_inventory_text),
		cmocka_unit_test(test_bridge_loop_bounded),
		cmocka_unit_test(test_read_back_round_trip),
		cmocka_unit_test(test_bridge_kinds_round_trip),
		cmocka_unit_test(test_msi_sriov_text),
		cmocka_unit_test(test_sriov_round_trip),
		cmocka_unit_test(test_read_refusals),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
