// SPDX-License-Identifier: GPL-2.0-only
/*
 * PCI plan checks (vpci/plan_check.c), one refusal class per test: BAR
 * pages shared with another owner (hidden devices included, HID-3), BARs
 * without an address, functions of one device split between owners
 * (IOMMU-6), INTx lines shared between owners. Each message names both
 * parties and the resource (PLAN-2).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "owner.h"
#include "plan_check.h"

#define GUEST1	1
#define GUEST2	2

static struct pci_dev devs[8];
static unsigned int nr;

static const char *owner_name(void *ctx, uint16_t owner)
{
	switch (owner) {
	case OWNER_DOM_XEN: return "dom_xen";
	case OWNER_DOM_IO: return "dom_io";
	case GUEST1: return "A";
	case GUEST2: return "B";
	}
	return "?";
}

static struct plan_check pc = { devs, 0, owner_name, NULL, "" };

static struct pci_dev *add(uint32_t sbdf, uint16_t owner, uint64_t bar0, uint64_t size0)
{
	struct pci_dev *d = &devs[nr++];

	memset(d, 0, sizeof(*d));
	d->f.sbdf = sbdf;
	d->owner = owner;
	d->intx = -1;
	if (size0) {
		d->f.bar[0].kind = PCI_BAR_MEM32;
		d->f.bar[0].addr = bar0;
		d->f.bar[0].size = size0;
	}
	pc.nr = nr;
	return d;
}

static int reset(void **state)
{
	nr = 0;
	pc.nr = 0;
	pc.err[0] = 0;
	return 0;
}

static void test_bar_page_shared_with_hidden(void **state)
{
	struct pci_dev *nic = add(PCI_SBDF(0, 0, 2, 0), GUEST1, 0x10000000, 0x800);

	/* The hidden UART's BAR in the same 4 KiB page, above the NIC's. */
	add(PCI_SBDF(0, 0, 4, 0), OWNER_DOM_XEN, 0x10000800, 0x100);
	assert_int_equal(plan_check_bar_pages(&pc, nic), -1);
	assert_string_equal(pc.err, "0000:00:02.0 BAR 0 (0x10000000) shares a page with "
			    "0000:00:04.0 BAR 0 (0x10000800) of dom_xen");
	/* A page further on, it is fine. */
	devs[1].f.bar[0].addr = 0x10001000;
	assert_int_equal(plan_check_bar_pages(&pc, nic), 0);
}

static void test_bar_page_shared_between_guests(void **state)
{
	struct pci_dev *a = add(PCI_SBDF(0, 0, 2, 0), GUEST1, 0x10000000, 0x20000);

	add(PCI_SBDF(0, 1, 0, 0), GUEST2, 0x1001f000, 0x1000);
	assert_int_equal(plan_check_function(&pc, a), -1);
	assert_non_null(strstr(pc.err, "of B"));
	/* The same owner may pack its own BARs as it likes. */
	devs[1].owner = GUEST1;
	assert_int_equal(plan_check_function(&pc, a), 0);
	/* I/O BARs are never mapped: not part of the check. */
	devs[1].owner = GUEST2;
	devs[1].f.bar[0].kind = PCI_BAR_IO;
	assert_int_equal(plan_check_bar_pages(&pc, a), 0);
}

static void test_bar_without_address(void **state)
{
	struct pci_dev *a = add(PCI_SBDF(0, 0, 2, 0), GUEST1, 0, 0x4000);

	assert_int_equal(plan_check_bar_pages(&pc, a), -1);
	assert_string_equal(pc.err, "0000:00:02.0: BAR 0 was not given an address by the firmware");
}

static void test_functions_of_one_device(void **state)
{
	struct pci_dev *f0 = add(PCI_SBDF(0, 3, 0, 0), GUEST1, 0x10000000, 0x1000);
	struct pci_dev *f1 = add(PCI_SBDF(0, 3, 0, 1), GUEST2, 0x10001000, 0x1000);

	assert_int_equal(plan_check_slot(&pc, f0), -1);
	assert_string_equal(pc.err, "0000:03:00.0 (A) and 0000:03:00.1 (B) are functions of one "
			    "device; give them to one owner");
	/* The hypervisor keeping function 0 is a split too (HID-5). */
	f0->owner = OWNER_DOM_XEN;
	assert_int_equal(plan_check_slot(&pc, f1), -1);
	/* Quarantined siblings are fine, as is another slot. */
	f0->owner = OWNER_DOM_IO;
	assert_int_equal(plan_check_slot(&pc, f1), 0);
	f0->owner = GUEST1;
	f0->f.sbdf = PCI_SBDF(0, 3, 1, 0);
	assert_int_equal(plan_check_slot(&pc, f1), 0);
}

static void test_intx_shared(void **state)
{
	struct pci_dev *a = add(PCI_SBDF(0, 0, 2, 0), GUEST1, 0x10000000, 0x1000);
	struct pci_dev *b = add(PCI_SBDF(0, 0, 6, 0), GUEST2, 0x10010000, 0x1000);
	struct pci_dev *port = add(PCI_SBDF(0, 0, 3, 0), OWNER_DOM_XEN, 0, 0);

	a->intx = b->intx = 37;
	a->intx_used = b->intx_used = true;
	assert_int_equal(plan_check_intx(&pc, a), -1);
	assert_string_equal(pc.err, "0000:00:02.0 (A) and 0000:00:06.0 (B) share the INTx line "
			    "INTID 37");
	/* One guest may have several functions on a line. */
	b->owner = GUEST1;
	assert_int_equal(plan_check_intx(&pc, a), 0);
	/* A bridge whose interrupt nobody takes does not count... */
	b->intx = 38;
	port->intx = 37;
	assert_int_equal(plan_check_intx(&pc, a), 0);
	/* ... the hypervisor's console UART does. */
	port->intx_used = true;
	assert_int_equal(plan_check_intx(&pc, a), -1);
	assert_non_null(strstr(pc.err, "(dom_xen)"));
	/* No INTx pin: nothing to check. */
	a->intx = -1;
	assert_int_equal(plan_check_intx(&pc, a), 0);
}

static void test_hardware_matches_plan(void **state)
{
	struct pci_dev *nic = add(PCI_SBDF(0, 0, 2, 0), GUEST1, 0x10000000, 0x20000);
	struct plan_expect e = { .vendor = 0x8086, .device = 0x10d3 };

	nic->f.vendor = 0x8086;
	nic->f.device = 0x10d3;
	assert_int_equal(plan_check_matches(&pc, nic, &e), 0);
	e.device = 0x10d4;
	assert_int_equal(plan_check_matches(&pc, nic, &e), -1);
	assert_string_equal(pc.err, "0000:00:02.0 is 8086:10d3, but the plan was made for 8086:10d4");
	e.device = -1;		/* not stated: not checked */
	e.has_size[0] = true;
	e.bar_size[0] = 0x20000;
	assert_int_equal(plan_check_matches(&pc, nic, &e), 0);
	e.bar_size[0] = 0x40000;
	assert_int_equal(plan_check_matches(&pc, nic, &e), -1);
	assert_string_equal(pc.err, "0000:00:02.0 BAR 0 is 0x20000 bytes, but the plan was made for 0x40000");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_bar_page_shared_with_hidden, reset),
		cmocka_unit_test_setup(test_bar_page_shared_between_guests, reset),
		cmocka_unit_test_setup(test_bar_without_address, reset),
		cmocka_unit_test_setup(test_functions_of_one_device, reset),
		cmocka_unit_test_setup(test_intx_shared, reset),
		cmocka_unit_test_setup(test_hardware_matches_plan, reset),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
