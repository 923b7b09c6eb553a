// SPDX-License-Identifier: GPL-2.0-only
/*
 * pci_bar_usable (vpci/pci_dt.c): which BARs a guest may be given, by
 * the host bridge's ranges. A memory BAR must lie whole in a memory
 * window that does not translate; one at 0 that no window holds (left
 * unassigned by firmware) is not usable.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include "unit_dtb.h"

#include "lib/fdt.h"
#include "pci_dt.h"

static uint8_t blob[4096];
static struct fdt fdt;

static int setup(void **state)
{
	return unit_dtb_open("pci-windows.dtb", blob, sizeof(blob), &fdt);
}

static bool usable(const char *bridge, enum pci_bar_kind kind, uint64_t addr, uint64_t size)
{
	struct pci_bar b = { .kind = kind, .addr = addr, .size = size };
	int node = fdt_path_offset(&fdt, bridge);

	assert_true(node >= 0);
	return pci_bar_usable(&fdt, node, &b);
}

static void test_memory(void **state)
{
	assert_true(usable("/pcie@10000000", PCI_BAR_MEM32, 0x10000000, 0x1000));
	assert_true(usable("/pcie@10000000", PCI_BAR_MEM64, 0x8000004000, 0x4000));
	/* Across the window's end. */
	assert_false(usable("/pcie@10000000", PCI_BAR_MEM32, 0x3efff000, 0x2000));
	/* Unassigned: at 0, in no window. */
	assert_false(usable("/pcie@10000000", PCI_BAR_MEM32, 0, 0x10));
	/* In a window that translates PCI 0 to CPU 0x40000000. */
	assert_false(usable("/pcie@20000000", PCI_BAR_MEM32, 0, 0x1000));
	assert_int_equal(pci_bridge_to_cpu(&fdt, fdt_path_offset(&fdt, "/pcie@20000000"), 2, 0,
					   0x1000), 0x40000000);
}

/* Port 0 is a port like any other. */
static void test_io(void **state)
{
	assert_true(usable("/pcie@10000000", PCI_BAR_IO, 0, 0x20));
	assert_false(usable("/pcie@10000000", PCI_BAR_IO, 0xfff0, 0x20));
	assert_false(usable("/pcie@20000000", PCI_BAR_IO, 0, 0x20));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_memory),
		cmocka_unit_test(test_io),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
