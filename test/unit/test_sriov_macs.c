// SPDX-License-Identifier: GPL-2.0-only
/*
 * tessera,vf-macs (pci_sriov_macs_read, docs/bindings.md): the MACs the
 * hypervisor gives each VF of a PF it serves, and the boot errors for a
 * malformed list (pci_sriov_macs_check: the planner's check too).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "unit_dtb.h"

#include "lib/fdt.h"
#include "pci_dt.h"

static uint8_t blob[4096];
static struct fdt fdt;
static uint8_t mac[PCI_SRIOV_MAX_MACS][6];
static char err[160];

static int setup(void **state)
{
	return unit_dtb_open("sriov-macs.dtb", blob, sizeof(blob), &fdt);
}

static int read_node(const char *path, unsigned int nr, unsigned int *n)
{
	int node = fdt_path_offset(&fdt, path);

	assert_true(node >= 0);
	err[0] = 0;
	return pci_sriov_macs_read(&fdt, node, nr, mac, n, err, sizeof(err));
}

static void test_good(void **state)
{
	static const uint8_t want[2][6] = { { 0x52, 0x54, 0, 0xaa, 0, 1 },
					    { 0x52, 0x54, 0, 0xaa, 0, 2 } };
	unsigned int n = 99;

	assert_int_equal(read_node("/good", 2, &n), 0);
	assert_int_equal(n, 2);
	assert_memory_equal(mac, want, sizeof(want));
}

/* No list: no service, and not an error. */
static void test_absent(void **state)
{
	unsigned int n = 99;

	assert_int_equal(read_node("/absent", 2, &n), 0);
	assert_int_equal(n, 0);
}

static void test_wrong_length(void **state)
{
	unsigned int n;

	assert_int_equal(read_node("/short", 2, &n), -1);
	assert_non_null(strstr(err, "short: tessera,vf-macs must be 6 bytes for each of its 2 VFs"));
	assert_non_null(strstr(err, "not 11 bytes"));
	/* Right bytes, wrong VF count. */
	assert_int_equal(read_node("/good", 3, &n), -1);
	assert_non_null(strstr(err, "each of its 3 VFs"));
	assert_int_equal(read_node("/nine", 9, &n), -1);
	assert_non_null(strstr(err, "(8 at most)"));
}

static void test_multicast(void **state)
{
	unsigned int n;

	assert_int_equal(read_node("/multicast", 2, &n), -1);
	assert_string_equal(err, "multicast: tessera,vf-macs: VF 1's MAC 01:00:5e:00:00:01 is multicast");
}

static void test_zero(void **state)
{
	unsigned int n;

	assert_int_equal(read_node("/zero", 2, &n), -1);
	assert_string_equal(err, "zero: tessera,vf-macs: VF 0's MAC 00:00:00:00:00:00 is all zeros");
}

/* Two VFs of one MAC (the check the planner runs on what it writes). */
static void test_duplicate(void **state)
{
	static const uint8_t macs[18] = { 0x52, 0x54, 0, 0xaa, 0, 1, 0x52, 0x54, 0, 0xaa, 0, 2,
					  0x52, 0x54, 0, 0xaa, 0, 1 };

	assert_int_equal(pci_sriov_macs_check("igb", macs, 12, 2, err, sizeof(err)), 0);
	assert_int_equal(pci_sriov_macs_check("igb", macs, 18, 3, err, sizeof(err)), -1);
	assert_string_equal(err, "igb: tessera,vf-macs: VFs 0 and 2 have the same MAC 52:54:00:aa:00:01");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_absent),
		cmocka_unit_test(test_wrong_length),
		cmocka_unit_test(test_multicast),
		cmocka_unit_test(test_zero),
		cmocka_unit_test(test_duplicate),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
