// SPDX-License-Identifier: GPL-2.0-only
/*
 * Host PCI enumeration (vpci/pci.c) against model functions: config
 * space as bytes, BARs that behave like hardware when sized (low bits
 * hard-wired, flags read-only).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "pci.h"
#include "pci_dt.h"
#include "vpci.h"

struct model_fn {
	uint32_t sbdf;
	uint8_t cfg[4096];
	uint32_t bar_mask[7];	/* writable bits of each BAR (index 6: ROM) */
	int cmd_writes_while_sized;	/* decode on while a BAR held ones */
};

struct model {
	struct model_fn fn[12];
	int n;
};

static struct model_fn *find(struct model *m, uint32_t sbdf)
{
	int i;

	for (i = 0; i < m->n; i++)
		if (m->fn[i].sbdf == sbdf)
			return &m->fn[i];
	return NULL;
}

static uint32_t model_read(void *ctx, uint32_t sbdf, unsigned int off, unsigned int size)
{
	struct model_fn *f = find(ctx, sbdf);
	uint32_t v = 0;

	if (!f)
		return size == 4 ? ~0u : (1u << (8 * size)) - 1;
	memcpy(&v, f->cfg + off, size);
	return v;
}

static int bar_index(const struct model_fn *f, unsigned int off)
{
	unsigned int rom = (f->cfg[PCI_HEADER_TYPE] & 0x7f) == 1 ? PCI_ROM_ADDRESS1 : PCI_ROM_ADDRESS;

	if (off == rom)
		return 6;
	if (off >= PCI_BAR0 && off < PCI_BAR0 + 24)
		return (off - PCI_BAR0) / 4;
	return -1;
}

static void model_write(void *ctx, uint32_t sbdf, unsigned int off, unsigned int size,
			uint32_t v)
{
	struct model_fn *f = find(ctx, sbdf);
	int b;
	uint32_t old;

	if (!f)
		return;
	b = size == 4 ? bar_index(f, off) : -1;
	if (b >= 0) {
		memcpy(&old, f->cfg + off, 4);
		v = (old & ~f->bar_mask[b]) | (v & f->bar_mask[b]);
		uint16_t cmd;

		memcpy(&cmd, f->cfg + PCI_COMMAND, 2);
		if (v != old && (v & f->bar_mask[b]) == f->bar_mask[b] &&
		    (cmd & (PCI_COMMAND_MEMORY | PCI_COMMAND_IO)))
			f->cmd_writes_while_sized++;
	}
	memcpy(f->cfg + off, &v, size);
}

static void put16(struct model_fn *f, unsigned int off, uint16_t v)
{
	memcpy(f->cfg + off, &v, 2);
}

static void put32(struct model_fn *f, unsigned int off, uint32_t v)
{
	memcpy(f->cfg + off, &v, 4);
}

static struct model_fn *add_fn(struct model *m, uint32_t sbdf, uint16_t vendor, uint16_t device,
			       uint32_t class, uint8_t header)
{
	struct model_fn *f = &m->fn[m->n++];

	memset(f, 0, sizeof(*f));
	f->sbdf = sbdf;
	put16(f, 0, vendor);
	put16(f, 2, device);
	put32(f, PCI_CLASS_REVISION, class << 8 | 1);
	f->cfg[PCI_HEADER_TYPE] = header;
	put16(f, PCI_COMMAND, PCI_COMMAND_MEMORY | PCI_COMMAND_IO);
	return f;
}

static struct model m;
static const struct pci_cfg_ops ops = { model_read, model_write, &m };

static void test_every_bar_kind(void **state)
{
	struct model_fn *f;
	struct pci_func pf;

	m.n = 0;
	f = add_fn(&m, PCI_SBDF(0, 0, 2, 0), 0x8086, 0x10d3, 0x020000, 0);
	put32(f, PCI_BAR0, 0x10040000);			/* mem32, 128 KiB */
	f->bar_mask[0] = ~(128u * 1024 - 1);
	put32(f, PCI_BAR0 + 4, 0x1001);			/* io, 32 bytes, 16-bit decode */
	f->bar_mask[1] = 0xffe0;
	put32(f, PCI_BAR0 + 8, 0x0000000c);		/* mem64 prefetchable, 8 GiB */
	put32(f, PCI_BAR0 + 12, 0x80);
	f->bar_mask[2] = 0;				/* low half: all size bits */
	f->bar_mask[3] = ~1u;				/* 2^33 */
	put32(f, PCI_ROM_ADDRESS, 0x10080000);		/* ROM, 256 KiB */
	f->bar_mask[6] = ~(256u * 1024 - 1) & 0xfffff801u;

	assert_int_equal(pci_probe_func(&ops, f->sbdf, &pf), 0);
	assert_int_equal(pf.vendor, 0x8086);
	assert_int_equal(pf.device, 0x10d3);
	assert_int_equal(pf.class, 0x020000);
	assert_int_equal(pf.bar[0].kind, PCI_BAR_MEM32);
	assert_int_equal(pf.bar[0].addr, 0x10040000);
	assert_int_equal(pf.bar[0].size, 128 * 1024);
	assert_int_equal(pf.bar[1].kind, PCI_BAR_IO);
	assert_int_equal(pf.bar[1].addr, 0x1000);
	assert_int_equal(pf.bar[1].size, 32);
	assert_int_equal(pf.bar[2].kind, PCI_BAR_MEM64);
	assert_true(pf.bar[2].prefetch);
	assert_int_equal(pf.bar[2].addr, 0x8000000000ull);
	assert_int_equal(pf.bar[2].size, 8ull << 30);
	assert_int_equal(pf.bar[3].kind, PCI_BAR_NONE);	/* upper half */
	assert_int_equal(pf.bar[4].size, 0);		/* not implemented */
	assert_int_equal(pf.bar[6].kind, PCI_BAR_ROM);
	assert_int_equal(pf.bar[6].size, 256 * 1024);
	/* Sizing left everything as it was, and never with decoding on. */
	assert_int_equal(model_read(&m, f->sbdf, PCI_BAR0, 4), 0x10040000);
	assert_int_equal(model_read(&m, f->sbdf, PCI_BAR0 + 12, 4), 0x80);
	assert_int_equal(model_read(&m, f->sbdf, PCI_COMMAND, 2),
			 PCI_COMMAND_MEMORY | PCI_COMMAND_IO);
	assert_int_equal(f->cmd_writes_while_sized, 0);
}

static void test_capabilities_and_hostile_lists(void **state)
{
	struct model_fn *f;
	struct pci_func pf;

	m.n = 0;
	f = add_fn(&m, PCI_SBDF(0, 0, 3, 0), 0x1b36, 0x0010, 0x010802, 0);
	put16(f, PCI_STATUS, PCI_STATUS_CAP_LIST);
	f->cfg[PCI_CAPABILITY_LIST] = 0x40;
	put16(f, 0x40, 0x5011);		/* MSI-X, next 0x50 */
	put16(f, 0x50, 0x6005);		/* MSI, next 0x60 */
	put16(f, 0x60, 0x0010);		/* PCIe, end */
	put32(f, 0x100, 0x14810001);	/* AER v1, next 0x148 */
	put32(f, 0x148, 0x00010003);	/* serial number, end */
	assert_int_equal(pci_probe_func(&ops, f->sbdf, &pf), 0);
	assert_int_equal(pf.nr_caps, 3);
	assert_int_equal(pf.caps[0], 0x11);
	assert_int_equal(pf.caps[2], PCI_CAP_ID_EXP);
	assert_int_equal(pf.nr_ext_caps, 2);
	assert_int_equal(pf.ext_caps[0], 0x0001);
	assert_int_equal(pf.ext_caps[1], 0x0003);
	assert_false(pf.bad_caps);

	/* A list that loops, and an extended one pointing backwards. */
	put16(f, 0x60, 0x4010);		/* PCIe, next 0x40 again */
	put32(f, 0x148, 0x08010003);	/* next 0x80: below 0x100 */
	assert_int_equal(pci_probe_func(&ops, f->sbdf, &pf), 0);
	assert_true(pf.bad_caps);
	assert_true(pf.nr_caps <= PCI_MAX_CAPS);
	/* A pointer into the header. */
	f->cfg[PCI_CAPABILITY_LIST] = 0x10;
	assert_int_equal(pci_probe_func(&ops, f->sbdf, &pf), 0);
	assert_true(pf.bad_caps);
}

static void test_enumerate_multifunction_and_bridges(void **state)
{
	struct pci_func out[8];
	struct model_fn *f;

	m.n = 0;
	add_fn(&m, PCI_SBDF(0, 0, 0, 0), 0x1b36, 0x0008, 0x060000, 0);
	f = add_fn(&m, PCI_SBDF(0, 0, 1, 0), 0x1b36, 0x000c, 0x060400, 1);	/* root port */
	put32(f, PCI_PRIMARY_BUS, 0x00010100);	/* primary 0, secondary 1, sub 1 */
	add_fn(&m, PCI_SBDF(0, 0, 2, 0), 0x8086, 0x1234, 0x020000, 0x80);	/* multi-fn */
	add_fn(&m, PCI_SBDF(0, 0, 2, 3), 0x8086, 0x1235, 0x020000, 0x80);
	add_fn(&m, PCI_SBDF(0, 0, 3, 1), 0x8086, 0x9999, 0x020000, 0);	/* fn 0 missing */
	add_fn(&m, PCI_SBDF(0, 1, 0, 0), 0x1b36, 0x0010, 0x010802, 0);	/* behind the port */

	assert_int_equal(pci_enumerate(&ops, 0, 0, 255, out, 8), 5);
	assert_int_equal(out[0].sbdf, PCI_SBDF(0, 0, 0, 0));
	assert_int_equal(out[1].header, 1);
	assert_int_equal(out[1].secondary, 1);
	assert_int_equal(out[1].subordinate, 1);
	assert_int_equal(out[2].sbdf, PCI_SBDF(0, 0, 2, 0));
	assert_true(out[2].multifunction);
	assert_int_equal(out[3].sbdf, PCI_SBDF(0, 0, 2, 3));
	assert_int_equal(out[4].sbdf, PCI_SBDF(0, 1, 0, 0));
	/* More than fit: counted, not stored past the end. */
	assert_int_equal(pci_enumerate(&ops, 0, 0, 255, out, 2), 5);
	/* A bus range stops the scan. */
	assert_int_equal(pci_enumerate(&ops, 0, 0, 0, out, 8), 4);
}

/* A bridge from primary to secondary; pcie_type < 0: no PCI Express
 * capability (a conventional PCI-to-PCI bridge). */
static struct model_fn *add_bridge(uint32_t sbdf, uint16_t device, unsigned int secondary,
				   int pcie_type)
{
	struct model_fn *f = add_fn(&m, sbdf, 0x1b36, device, 0x060400, 1);

	put32(f, PCI_PRIMARY_BUS, secondary << 16 | secondary << 8 | PCI_SBDF_BUS(sbdf));
	if (pcie_type >= 0) {
		f->cfg[PCI_STATUS] |= PCI_STATUS_CAP_LIST;
		f->cfg[PCI_CAPABILITY_LIST] = 0x48;	/* a PM capability first */
		f->cfg[0x48] = PCI_CAP_ID_PM;
		f->cfg[0x49] = 0x60;
		f->cfg[0x60] = PCI_CAP_ID_EXP;
		put16(f, 0x60 + PCI_EXP_FLAGS, (uint16_t)(pcie_type << 4 | 2));
	}
	return f;
}

/*
 * What each bridge has below it, from its PCI Express capability, and
 * the requester id the DMA of each function then carries (QEMU's
 * pcie-root-port, pcie-pci-bridge and pci-bridge; the PCIe-to-PCI
 * bridge specification, section 2.3).
 */
static void test_bridge_kinds_and_requester_ids(void **state)
{
	static struct pci_dev devs[16];
	static uint32_t bus_up[PCI_NR_BUSES];
	struct pci_func out[16];
	unsigned int n, i;

	m.n = 0;
	add_fn(&m, PCI_SBDF(0, 0, 0, 0), 0x1b36, 0x0008, 0x060000, 0);
	add_bridge(PCI_SBDF(0, 0, 3, 0), 0x000c, 1, 4);		/* root port -> bus 1 */
	add_bridge(PCI_SBDF(0, 0, 5, 0), 0x0001, 3, -1);	/* pci-bridge -> bus 3 */
	add_bridge(PCI_SBDF(0, 1, 0, 0), 0x000e, 2, 7);		/* pcie-pci-bridge -> 2 */
	add_fn(&m, PCI_SBDF(0, 2, 1, 0), 0x8086, 0x100e, 0x020000, 0);
	add_fn(&m, PCI_SBDF(0, 2, 2, 0), 0x8086, 0x100e, 0x020000, 0);
	add_bridge(PCI_SBDF(0, 2, 3, 0), 0x0001, 4, -1);	/* pci-bridge -> bus 4 */
	add_fn(&m, PCI_SBDF(0, 3, 1, 0), 0x8086, 0x100e, 0x020000, 0);
	add_fn(&m, PCI_SBDF(0, 4, 0, 0), 0x8086, 0x100e, 0x020000, 0);
	n = pci_enumerate(&ops, 0, 0, 255, out, 16);
	assert_int_equal(n, 9);
	assert_int_equal(out[1].bridge_kind, PCI_BRIDGE_PCIE);
	assert_int_equal(out[2].bridge_kind, PCI_BRIDGE_PCI_TO_PCI);
	assert_int_equal(out[3].bridge_kind, PCI_BRIDGE_PCIE_TO_PCI);
	assert_int_equal(out[6].bridge_kind, PCI_BRIDGE_PCI_TO_PCI);
	for (i = 0; i < n; i++)
		devs[i].f = out[i];
	pci_dma_streams(NULL, -1, 0, devs, n, bus_up);
	/* The root port's bus keeps requester ids. */
	assert_int_equal(devs[3].dma.rid, 0x0100);
	assert_int_equal(devs[3].dma.via, -1);
	/* Below the PCIe-to-PCI bridge: its secondary bus, devfn 0. */
	assert_int_equal(devs[4].dma.rid, 0x0200);
	assert_int_equal(devs[4].dma.via, 3);
	assert_int_equal(devs[5].dma.rid, 0x0200);
	/* Below the PCI-to-PCI bridge on the root bus: the bridge's id. */
	assert_int_equal(devs[7].dma.rid, 0x0028);
	assert_int_equal(devs[7].dma.via, 2);
	/* Two bridges up: the one nearest the root decides. */
	assert_int_equal(devs[8].dma.rid, 0x0200);
	assert_int_equal(devs[8].dma.via, 3);
	/* No host bridge node: nothing is translated, the sid is the rid. */
	assert_false(devs[8].dma.translated);
	assert_int_equal(devs[8].dma.sid, 0x0200);
}

static void test_sbdf_strings(void **state)
{
	static const char *const bad[] = {
		"", "00:02", "0000:00:02:0", "00.02.0", "0:0:20.0", "00:02.8", "100:00.0",
		"0000:00:02.0x", "12345:00:02.0", ":00:02.0", "00:02.", "g0:02.0",
	};
	uint32_t sbdf = 0;
	char buf[16];
	unsigned int i;

	assert_int_equal(pci_parse_sbdf("0000:00:02.0", &sbdf), 0);
	assert_int_equal(sbdf, PCI_SBDF(0, 0, 2, 0));
	assert_int_equal(pci_parse_sbdf("01:1f.7", &sbdf), 0);
	assert_int_equal(sbdf, PCI_SBDF(0, 1, 0x1f, 7));
	assert_int_equal(pci_parse_sbdf("ABCD:fe:0A.3", &sbdf), 0);
	assert_int_equal(sbdf, PCI_SBDF(0xabcd, 0xfe, 0xa, 3));
	pci_sbdf_str(sbdf, buf);
	assert_string_equal(buf, "abcd:fe:0a.3");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		sbdf = 0x5a5a;
		assert_int_equal(pci_parse_sbdf(bad[i], &sbdf), -1);
		assert_int_equal(sbdf, 0x5a5a);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_bar_kind),
		cmocka_unit_test(test_capabilities_and_hostile_lists),
		cmocka_unit_test(test_enumerate_multifunction_and_bridges),
		cmocka_unit_test(test_bridge_kinds_and_requester_ids),
		cmocka_unit_test(test_sbdf_strings),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
