// SPDX-License-Identifier: GPL-2.0-only
/*
 * PCI plan checks (vpci/plan_check.c), one refusal class per test: BAR
 * pages shared with another owner (hidden devices included, HID-3), BARs
 * without an address, MSI-X table pages holding other registers (BAR-1),
 * I/O BARs over another owner's ports or none usable (BAR-7),
 * functions of one device split between owners and stream ids shared
 * between owners (IOMMU-6), INTx lines
 * shared between owners, virtual INTx lines that do not pair with the
 * host's or land on the virtual UART's, host message vectors run out. Each message names both parties
 * and the resource (PLAN-2). The sorted sweep is also compared with a
 * plain all-pairs check over random plans.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "owner.h"
#include "plan_check.h"

#define GUEST1	1
#define GUEST2	2

#define MAX_DEVS	64

static struct pci_dev devs[MAX_DEVS];
static unsigned int nr;
static struct plan_span spans[MAX_DEVS * PLAN_SPANS_PER_FUNC];
static uint32_t order[MAX_DEVS];

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

static struct plan_check pc = {
	.devs = devs, .owner_name = owner_name, .spans = spans, .order = order,
};

static int check(void)
{
	return plan_check_all(&pc);
}

static struct pci_dev *add(uint32_t sbdf, uint16_t owner, uint64_t bar0, uint64_t size0)
{
	struct pci_dev *d = &devs[nr++];

	memset(d, 0, sizeof(*d));
	d->f.sbdf = sbdf;
	d->owner = owner;
	d->intx = -1;
	d->f.msix.table_bar = d->f.msix.pba_bar = -1;
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
	add(PCI_SBDF(0, 0, 2, 0), GUEST1, 0x10000000, 0x800);
	/* The hidden UART's BAR in the same 4 KiB page, above the NIC's. */
	add(PCI_SBDF(0, 0, 4, 0), OWNER_DOM_XEN, 0x10000800, 0x100);
	assert_int_equal(check(), -1);
	assert_string_equal(pc.err, "0000:00:02.0 BAR 0 (0x10000000) shares a page with "
			    "0000:00:04.0 BAR 0 (0x10000800) of dom_xen");
	/* A page further on, it is fine. */
	devs[1].f.bar[0].addr = 0x10001000;
	assert_int_equal(check(), 0);
}

static void test_bar_page_shared_between_guests(void **state)
{
	add(PCI_SBDF(0, 0, 2, 0), GUEST1, 0x10000000, 0x20000);
	add(PCI_SBDF(0, 1, 0, 0), GUEST2, 0x1001f000, 0x1000);
	assert_int_equal(check(), -1);
	assert_non_null(strstr(pc.err, "of B"));
	/* The same owner may pack its own BARs as it likes. */
	devs[1].owner = GUEST1;
	assert_int_equal(check(), 0);
	/* I/O BARs are never mapped: not part of the check. */
	devs[1].owner = GUEST2;
	devs[1].f.bar[0].kind = PCI_BAR_IO;
	assert_int_equal(check(), 0);
}

static struct pci_dev *add_io(uint32_t sbdf, uint16_t owner, unsigned int bar, uint64_t port,
			      uint64_t size)
{
	struct pci_dev *d = add(sbdf, owner, 0, 0);

	d->f.bar[bar] = (struct pci_bar){ .addr = port, .size = size, .kind = PCI_BAR_IO };
	return d;
}

/* I/O BARs (BAR-7): forwarded port by port, so they may share a page
 * with another owner's, never a port; a function left with no usable
 * BAR is refused if a guest owns it. */
static void test_io_bars(void **state)
{
	add_io(PCI_SBDF(0, 0, 2, 0), GUEST1, 2, 0x280, 0x20);
	add_io(PCI_SBDF(0, 0, 4, 0), OWNER_DOM_XEN, 0, 0x2a0, 0x8);
	assert_int_equal(check(), 0);
	devs[1].f.bar[0].addr = 0x298;
	assert_int_equal(check(), -1);
	assert_string_equal(pc.err, "0000:00:02.0 (A) and 0000:00:04.0 (dom_xen) have overlapping I/O BARs at port 0x298");
	devs[1].owner = GUEST1;
	assert_int_equal(check(), 0);
	/* Its only BAR dropped as unusable (pci_bar_usable). */
	add(PCI_SBDF(0, 0, 5, 0), OWNER_DOM_IO, 0, 0)->f.unusable = 1u << 4;
	assert_int_equal(check(), 0);
	devs[2].owner = GUEST2;
	assert_int_equal(check(), -1);
	assert_string_equal(pc.err, "0000:00:05.0 (B): no BAR a guest can use: BAR 4 is unassigned or outside the host bridge's windows");
	/* With a BAR left it can still be driven. */
	devs[2].f.bar[0] = (struct pci_bar){ .addr = 0x10000000, .size = 0x1000,
					      .kind = PCI_BAR_MEM32 };
	assert_int_equal(check(), 0);
}

static void test_bar_without_address(void **state)
{
	add(PCI_SBDF(0, 0, 2, 0), GUEST1, 0, 0x4000);
	assert_int_equal(check(), -1);
	assert_string_equal(pc.err, "0000:00:02.0: BAR 0 was not given an address by the firmware");
}

static void test_functions_of_one_device(void **state)
{
	struct pci_dev *f0 = add(PCI_SBDF(0, 3, 0, 0), GUEST1, 0x10000000, 0x1000);
	add(PCI_SBDF(0, 3, 0, 1), GUEST2, 0x10001000, 0x1000);

	assert_int_equal(check(), -1);
	assert_string_equal(pc.err, "0000:03:00.0 (A) and 0000:03:00.1 (B) are functions of one "
			    "device; give them to one owner");
	/* The hypervisor keeping function 0 is a split too (HID-5). */
	f0->owner = OWNER_DOM_XEN;
	assert_int_equal(check(), -1);
	/* Quarantined siblings are fine, as is another slot. */
	f0->owner = OWNER_DOM_IO;
	assert_int_equal(check(), 0);
	f0->owner = GUEST1;
	f0->f.sbdf = PCI_SBDF(0, 3, 1, 0);
	assert_int_equal(check(), 0);
}

/* A translated stream: sid, from requester id rid, given by bridge via. */
static void stream(struct pci_dev *d, uint32_t sid, uint16_t rid, int32_t via)
{
	d->dma = (struct pci_stream){ .sid = sid, .rid = rid, .via = via, .has_sid = true,
				      .translated = true };
}

/* Two owners never share a stream id (IOMMU-6). */
static void test_stream_shared(void **state)
{
	struct pci_dev *br = add(PCI_SBDF(0, 1, 0, 0), OWNER_DOM_XEN, 0, 0);
	struct pci_dev *a = add(PCI_SBDF(0, 2, 1, 0), GUEST1, 0x10000000, 0x1000);
	struct pci_dev *b = add(PCI_SBDF(0, 2, 2, 0), GUEST2, 0x10001000, 0x1000);

	br->f.header = 1;
	br->f.bridge_kind = PCI_BRIDGE_PCIE_TO_PCI;
	stream(br, 0x100, 0x100, -1);
	stream(a, 0x200, 0x200, 0);
	stream(b, 0x200, 0x200, 0);
	assert_int_equal(check(), -1);
	assert_string_equal(pc.err, "0000:02:01.0 (A) and 0000:02:02.0 (B) share stream id "
			    "0x200 (DMA alias of the PCIe-to-PCI bridge 0000:01:00.0); "
			    "give them to one owner");
	/* One owner for both: fine. */
	b->owner = GUEST1;
	assert_int_equal(check(), 0);
	/* Quarantined, it would get A's translation: refused too. */
	b->owner = OWNER_DOM_IO;
	assert_int_equal(check(), -1);
	assert_string_equal(pc.err, "0000:02:01.0 (A) and 0000:02:02.0 (dom_io) share stream id "
			    "0x200 (DMA alias of the PCIe-to-PCI bridge 0000:01:00.0): the dom_io "
			    "function would reach A's memory; give them to one owner");
	/* Untranslated DMA has no stream to share. */
	b->dma.translated = false;
	assert_int_equal(check(), 0);
	/* A bridge makes no DMA of its own: sharing a PCI-to-PCI bridge's
	 * id with the functions behind it is no conflict. */
	stream(b, 0x300, 0x300, -1);
	stream(a, 0x100, 0x100, 0);
	br->f.bridge_kind = PCI_BRIDGE_PCI_TO_PCI;
	assert_int_equal(check(), 0);
	/* iommu-map sending two requester ids to one stream. */
	b->owner = GUEST2;
	stream(a, 0x10, 0x0210, -1);
	stream(b, 0x10, 0x0211, -1);
	assert_int_equal(check(), -1);
	assert_string_equal(pc.err, "0000:02:01.0 (A) and 0000:02:02.0 (B) share stream id "
			    "0x10 (the host bridge's iommu-map sends requester ids 0x0210 and "
			    "0x0211 to it); give them to one owner");
	/* Functions of one device split: the slot's message first. */
	b->f.sbdf = PCI_SBDF(0, 2, 1, 1);
	assert_int_equal(check(), -1);
	assert_non_null(strstr(pc.err, "are functions of one device"));
}

static void test_intx_shared(void **state)
{
	struct pci_dev *a = add(PCI_SBDF(0, 0, 2, 0), GUEST1, 0x10000000, 0x1000);
	struct pci_dev *b = add(PCI_SBDF(0, 0, 6, 0), GUEST2, 0x10010000, 0x1000);
	struct pci_dev *port = add(PCI_SBDF(0, 0, 3, 0), OWNER_DOM_XEN, 0, 0);

	a->intx = b->intx = 37;
	a->intx_used = b->intx_used = true;
	assert_int_equal(check(), -1);
	assert_string_equal(pc.err, "0000:00:02.0 (A) and 0000:00:06.0 (B) share the INTx line "
			    "INTID 37");
	/* One guest may have several functions on a line. */
	b->owner = GUEST1;
	assert_int_equal(check(), 0);
	/* A bridge whose interrupt nobody takes does not count... */
	b->intx = 38;
	port->intx = 37;
	assert_int_equal(check(), 0);
	/* ... the hypervisor's console UART does. */
	port->intx_used = true;
	assert_int_equal(check(), -1);
	assert_non_null(strstr(pc.err, "(dom_xen)"));
	/* No INTx pin: nothing to check. */
	a->intx = -1;
	assert_int_equal(check(), 0);
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

static void test_msix_page_holds_another_bar(void **state)
{
	struct pci_dev *a = add(PCI_SBDF(0, 0, 2, 0), GUEST1, 0x10010000, 0x800);

	/* a's MSI-X table and PBA fill its small BAR 0... */
	a->f.msix = (struct pci_msix){ 0, 0, 0x0, 0x50, 0x400, 0x8, 0xa0, 5 };
	assert_int_equal(check(), 0);
	/* ... whose page also holds a BAR of another function of the same
	 * guest: allowed between BARs, but the guest never gets that page. */
	add(PCI_SBDF(0, 0, 3, 0), GUEST1, 0x10010800, 0x800);
	assert_int_equal(check(), -1);
	assert_string_equal(pc.err, "0000:00:02.0: its MSI-X table (0x10010000) shares a page "
			    "with 0000:00:03.0 BAR 0 (0x10010800) of A; the guest never gets that page");
	/* The function's own other BAR there is refused too. */
	devs[1].f.bar[0].addr = 0x10020000;
	a->f.bar[2] = (struct pci_bar){ .addr = 0x10010800, .size = 0x800,
					.kind = PCI_BAR_MEM32 };
	assert_int_equal(check(), -1);
	assert_non_null(strstr(pc.err, "0000:00:02.0 BAR 2 (0x10010800)"));
	/* Table and PBA share their pages with each other freely. */
	a->f.bar[2].addr = 0x10011000;
	assert_int_equal(check(), 0);
}

static void test_msix_outside_its_bar(void **state)
{
	struct pci_dev *a = add(PCI_SBDF(0, 0, 2, 0), GUEST1, 0x10000000, 0x4000);

	a->f.msix = (struct pci_msix){ 0, 0, 0x3ff0, 0x50, 0x2000, 0x8, 0xa0, 5 };
	assert_int_equal(check(), -1);
	assert_string_equal(pc.err, "0000:00:02.0: its MSI-X table (BAR 0, offset 0x3ff0) is not "
			    "inside a memory BAR");
	a->f.msix = (struct pci_msix){ 0, 3, 0x3000, 0x50, 0x0, 0x8, 0xa0, 5 };	/* PBA in no BAR */
	assert_int_equal(check(), -1);
	assert_non_null(strstr(pc.err, "MSI-X PBA (BAR 3"));
	/* Quarantined functions are not the guest's concern. */
	a->owner = OWNER_DOM_IO;
	assert_int_equal(check(), 0);
}

static void test_msix_page_holds_registers(void **state)
{
	struct pci_dev *a = add(PCI_SBDF(0, 0, 2, 0), GUEST1, 0x10000000, 0x4000);
	struct plan_regs regs[2] = { { 0, 0x0, 0x2000 }, { 0, 0x2800, 0x100 } };

	a->f.msix = (struct pci_msix){ 0, 0, 0x2000, 0x50, 0x3000, 0x8, 0xa0, 5 };
	assert_int_equal(plan_check_msix_regs(&pc, a, regs, 1), 0);
	assert_int_equal(plan_check_msix_regs(&pc, a, regs, 2), -1);
	assert_string_equal(pc.err, "0000:00:02.0: registers at BAR 0 offset 0x2800 (0x100 bytes) "
			    "share a page with its MSI-X table; the guest never gets that page");
	regs[1].off = 0x3f00;		/* next to the PBA */
	assert_int_equal(plan_check_msix_regs(&pc, a, regs, 2), -1);
	assert_non_null(strstr(pc.err, "its MSI-X PBA"));
	regs[1].bar = 2;		/* another BAR: other pages */
	assert_int_equal(plan_check_msix_regs(&pc, a, regs, 2), 0);
}

/* HID-2's shared flavour: what the hypervisor may keep of a guest's BARs. */
static void test_kept_ranges(void **state)
{
	struct pci_dev *a = add(PCI_SBDF(0, 0, 2, 0), GUEST1, 0x10000000, 0x8000);
	struct plan_regs r[2] = { { 0, 0x5300, 0x100 }, { 0, 0x10, 4 } };

	a->f.msix = (struct pci_msix){ 0, 0, 0x2000, 0x50, 0x3000, 0x8, 0xa0, 5 };
	a->f.bar[2] = (struct pci_bar){ .kind = PCI_BAR_IO, .addr = 0x1000, .size = 0x20 };
	assert_int_equal(plan_check_kept(&pc, a, r, 2), 0);
	r[1] = (struct plan_regs){ 2, 0, 4 };		/* an I/O BAR */
	assert_int_equal(plan_check_kept(&pc, a, r, 2), -1);
	assert_string_equal(pc.err, "0000:00:02.0: the hypervisor's range at BAR 2 offset 0x0 "
			    "(0x4 bytes) is not in a memory BAR of the function");
	r[1] = (struct plan_regs){ 1, 0, 4 };		/* no BAR there */
	assert_int_equal(plan_check_kept(&pc, a, r, 2), -1);
	r[1] = (struct plan_regs){ 6, 0, 4 };		/* not a BAR index */
	assert_int_equal(plan_check_kept(&pc, a, r, 2), -1);
	r[1] = (struct plan_regs){ 0, 0x12, 4 };	/* not on a dword */
	assert_int_equal(plan_check_kept(&pc, a, r, 2), -1);
	assert_non_null(strstr(pc.err, "is not whole aligned dwords"));
	r[1] = (struct plan_regs){ 0, 0x10, 0 };
	assert_int_equal(plan_check_kept(&pc, a, r, 2), -1);
	r[1] = (struct plan_regs){ 0, 0x7ffc, 8 };	/* past the end */
	assert_int_equal(plan_check_kept(&pc, a, r, 2), -1);
	assert_non_null(strstr(pc.err, "runs past the end of its BAR"));
	r[1] = (struct plan_regs){ 0, 0xfffffffffffff000ull, 0x2000 };	/* wraps */
	assert_int_equal(plan_check_kept(&pc, a, r, 2), -1);
	r[1] = (struct plan_regs){ 0, 0x2f00, 4 };	/* the MSI-X table's page */
	assert_int_equal(plan_check_kept(&pc, a, r, 2), -1);
	assert_non_null(strstr(pc.err, "shares a page with its MSI-X table or PBA"));
	r[1] = (struct plan_regs){ 0, 0x3ffc, 4 };	/* the PBA's */
	assert_int_equal(plan_check_kept(&pc, a, r, 2), -1);
	r[1] = (struct plan_regs){ 0, 0x4000, 0x4000 };	/* the rest of the BAR */
	assert_int_equal(plan_check_kept(&pc, a, r, 2), 0);
}

static void test_virtual_lines(void **state)
{
	struct plan_line l[3] = {
		{ PCI_SBDF(0, 0, 1, 0), 36, 36 },
		{ PCI_SBDF(0, 0, 2, 0), 37, 37 },
		{ PCI_SBDF(0, 0, 3, 0), -1, -1 },
	};

	assert_int_equal(plan_check_guest_lines(&pc, "A", l, 3, 32), 0);
	/* Two host lines folded onto one virtual line. */
	l[1].virt_intid = 36;
	assert_int_equal(plan_check_guest_lines(&pc, "A", l, 3, 32), -1);
	assert_string_equal(pc.err, "A: virtual slots 0000:00:01.0 and 0000:00:02.0 share a "
			    "virtual INTx line but not a host one; choose virtual slots whose "
			    "INTx lines pair with the host's");
	/* One host line split over two virtual lines. */
	l[1] = (struct plan_line){ PCI_SBDF(0, 0, 2, 0), 36, 37 };
	assert_int_equal(plan_check_guest_lines(&pc, "A", l, 3, 32), -1);
	assert_non_null(strstr(pc.err, "share a host INTx line but not a virtual one"));
	/* A line on the virtual UART's interrupt. */
	l[1] = (struct plan_line){ PCI_SBDF(0, 0, 2, 0), 37, 32 };
	assert_int_equal(plan_check_guest_lines(&pc, "A", l, 3, 32), -1);
	assert_string_equal(pc.err, "A: the INTx of virtual slot 0000:00:02.0 lands on the "
			    "virtual UART's interrupt (INTID 32)");
	assert_int_equal(plan_check_guest_lines(&pc, "A", l, 3, -1), 0);	/* no vUART */
}

/* The plain all-pairs rules, to compare the sorted sweep with. */
static bool is_guest(uint16_t o)
{
	return o != OWNER_DOM_XEN && o != OWNER_DOM_IO;
}

static bool pages_meet(uint64_t a, uint64_t as, uint64_t b, uint64_t bs)
{
	return a >> 12 <= (b + bs - 1) >> 12 && b >> 12 <= (a + as - 1) >> 12;
}

static bool reference_conflict(void)
{
	unsigned int i, j;

	for (i = 0; i < nr; i++)
		for (j = 0; j < nr; j++) {
			const struct pci_dev *a = &devs[i], *b = &devs[j];
			const struct pci_bar *x = &a->f.bar[0], *y = &b->f.bar[0];

			if (i == j || !is_guest(a->owner) || a->owner == b->owner)
				continue;
			if (pages_meet(x->addr, x->size, y->addr, y->size))
				return true;
			if ((a->f.sbdf & ~7u) == (b->f.sbdf & ~7u) && b->owner != OWNER_DOM_IO)
				return true;
			if (a->intx >= 0 && b->intx_used && a->intx == b->intx)
				return true;
		}
	return false;
}

static void test_sweep_matches_all_pairs(void **state)
{
	static const uint16_t owners[] = { GUEST1, GUEST2, OWNER_DOM_XEN, OWNER_DOM_IO };
	unsigned int round, i, found = 0;

	srand(42);
	for (round = 0; round < 3000; round++) {
		nr = 0;
		for (i = 0; i < 2 + (unsigned int)rand() % 10; i++) {
			uint64_t size = 0x400ull << (rand() % 5);
			struct pci_dev *d = add(PCI_SBDF(0, rand() % 3, rand() % 3, rand() % 2),
						owners[rand() % 4], 0x10000000 +
						(uint64_t)(rand() % 24) * size, size);

			d->intx = rand() % 3 ? 35 + rand() % 3 : -1;
			d->intx_used = d->intx >= 0 && d->owner != OWNER_DOM_IO && rand() % 2;
		}
		/* An SBDF twice is not a plan the checks are given. */
		for (i = 1; i < nr; i++)
			for (unsigned int j = 0; j < i; j++)
				if (devs[i].f.sbdf == devs[j].f.sbdf)
					devs[i].f.sbdf += 0x100 * (i + 3);
		assert_int_equal(check() == -1, reference_conflict());
		found += reference_conflict();
	}
	/* Both outcomes well represented. */
	assert_true(found > 300 && found < 2700);
}

/* Host message vectors (arm64's rule in this build: the host ITS's 32
 * devices): the 33rd function with messages is refused, by name; one
 * without MSI or MSI-X takes none; an MSI-X table outside its BAR is not
 * counted, as vPCI does not offer it. */
static void test_msi_budget(void **state)
{
	const struct pci_dev *fn[40];
	unsigned int i;

	for (i = 0; i < 34; i++) {
		struct pci_dev *d = add(PCI_SBDF(0, 1 + i / 8, i % 8, 0), GUEST1, 0x10000000 + i * 0x10000,
					0x4000);

		d->f.msix = (struct pci_msix){ 0, 0, 0, 0x40, 0x800, 8, 0, 4 };
		fn[i] = d;
	}
	devs[5].f.msix.table_bar = devs[5].f.msix.pba_bar = -1;	/* neither */
	assert_int_equal(plan_check_msi_budget(&pc, fn, 33), 0);
	assert_int_equal(plan_check_msi_budget(&pc, fn, 34), -1);
	assert_string_equal(pc.err, "0000:05:01.0 (A) needs 4 host message vectors, which the host ITS's "
			    "32 devices and 8192 LPIs for guests' functions cannot give after the 33 "
			    "guests' functions before it (128 vectors)");
	devs[6].f.msix.table = 0x4000;		/* past the end of BAR 0 */
	assert_int_equal(plan_check_msi_budget(&pc, fn, 34), 0);
	devs[7].f.msi.vectors = 8;		/* MSI's count when it is more */
	devs[7].f.msix.table_bar = -1;
	assert_int_equal(pci_msi_host_vectors(&devs[7].f, 64), 8);
	assert_int_equal(pci_msi_host_vectors(&devs[5].f, 64), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_bar_page_shared_with_hidden, reset),
		cmocka_unit_test_setup(test_bar_page_shared_between_guests, reset),
		cmocka_unit_test_setup(test_bar_without_address, reset),
		cmocka_unit_test_setup(test_io_bars, reset),
		cmocka_unit_test_setup(test_functions_of_one_device, reset),
		cmocka_unit_test_setup(test_stream_shared, reset),
		cmocka_unit_test_setup(test_intx_shared, reset),
		cmocka_unit_test_setup(test_hardware_matches_plan, reset),
		cmocka_unit_test_setup(test_msix_page_holds_another_bar, reset),
		cmocka_unit_test_setup(test_msix_outside_its_bar, reset),
		cmocka_unit_test_setup(test_msix_page_holds_registers, reset),
		cmocka_unit_test_setup(test_kept_ranges, reset),
		cmocka_unit_test_setup(test_virtual_lines, reset),
		cmocka_unit_test_setup(test_sweep_matches_all_pairs, reset),
		cmocka_unit_test_setup(test_msi_budget, reset),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
