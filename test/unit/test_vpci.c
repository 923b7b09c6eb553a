// SPDX-License-Identifier: GPL-2.0-only
/*
 * vPCI (vpci/vpci.c, vpci/vpci_header.c): the register framework and its
 * masks, the virtual header over model host functions, BAR sizing, and
 * what decoding maps into a stage-2 stand-in (BAR-1..BAR-5, HID-4).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include "host_pgtable.h"
#include "pci_model.h"
#include "pgtable.h"
#include "vpci.h"

/* ---- register framework ---- */

static uint32_t regvals[4];
static uint32_t last_clear;
static int writes;

static uint32_t t_read(struct vpci_dev *v, const struct vpci_reg *r)
{
	return regvals[r->arg];
}

static int t_write(struct vpci_dev *v, const struct vpci_reg *r, uint32_t val, uint32_t clear)
{
	regvals[r->arg] = val & ~clear;
	last_clear = clear;
	writes++;
	return 0;
}

/* 0x00: 4 bytes plain; 0x04: 2 bytes with masks; 0x06: 1 byte; gap 0x07;
 * 0x08: 4 bytes whose write fails. */
static int t_fail(struct vpci_dev *v, const struct vpci_reg *r, uint32_t val, uint32_t clear)
{
	return -7;
}

static const struct vpci_reg tregs[] = {
	{ .off = 0, .size = 4, .read = t_read, .write = t_write, .arg = 0 },
	{ .off = 4, .size = 2, .ro = 0x00f0, .rw1c = 0x0f00, .rsvd = 0xf000,
	  .read = t_read, .write = t_write, .arg = 1 },
	{ .off = 6, .size = 1, .read = t_read, .write = t_write, .arg = 2 },
	{ .off = 8, .size = 4, .read = t_read, .write = t_fail, .arg = 3 },
};

static uint32_t rd(unsigned int off, unsigned int size)
{
	uint32_t v = 0xdeadbeef;

	assert_int_equal(vpci_reg_access(NULL, tregs, 4, off, size, false, &v), 0);
	return v;
}

static int wr(unsigned int off, unsigned int size, uint32_t v)
{
	return vpci_reg_access(NULL, tregs, 4, off, size, true, &v);
}

static void test_reg_sizes(void **state)
{
	regvals[0] = 0x44332211;
	assert_int_equal(rd(0, 4), 0x44332211);
	assert_int_equal(rd(0, 2), 0x2211);
	assert_int_equal(rd(2, 2), 0x4433);
	assert_int_equal(rd(1, 1), 0x22);
	assert_int_equal(rd(3, 1), 0x44);
	/* A byte write changes that byte only. */
	assert_int_equal(wr(2, 1, 0xaa), 0);
	assert_int_equal(regvals[0], 0x44aa2211);
	assert_int_equal(wr(0, 2, 0xbbcc), 0);
	assert_int_equal(regvals[0], 0x44aabbcc);
}

static void test_reg_straddle_and_gap(void **state)
{
	regvals[1] = 0x0123;
	regvals[2] = 0x45;
	/* One dword over the 2-byte register, the 1-byte one and a gap. */
	assert_int_equal(rd(4, 4), 0x00450123);
	assert_int_equal(rd(6, 2), 0x0045);
	assert_int_equal(rd(7, 1), 0);		/* gap */
	writes = 0;
	assert_int_equal(wr(4, 4, 0xff99000a), 0);
	assert_int_equal(writes, 2);		/* the gap byte went nowhere */
	assert_int_equal(regvals[2], 0x99);
	assert_int_equal(rd(12, 4), 0);		/* past every register */
}

static void test_reg_masks(void **state)
{
	regvals[1] = 0x0f5a;	/* rw1c bits set, ro nibble 5 */
	/* Reserved bits read as zero. */
	regvals[1] |= 0xf000;
	assert_int_equal(rd(4, 2), 0x0f5a);
	/* ro kept, rsvd ignored, rw1c: 1 clears, 0 keeps. */
	assert_int_equal(wr(4, 2, 0xf30c), 0);
	assert_int_equal(last_clear, 0x0300);
	assert_int_equal(regvals[1], 0x0c5c);
	/* A byte write to the low byte does not clear the high byte's rw1c bits. */
	last_clear = 0xffff;
	assert_int_equal(wr(4, 1, 0x01), 0);
	assert_int_equal(last_clear, 0);
	assert_int_equal(regvals[1] & 0x0f00, 0x0c00);
	assert_int_equal(regvals[1] & 0xff, 0x51);
}

static void test_reg_error(void **state)
{
	assert_int_equal(wr(8, 4, 1), -7);
	assert_int_equal(wr(10, 2, 1), -7);
}

/* ---- a domain over model functions ---- */

#define S2_MAX 64
struct s2map {
	uint64_t gpa, hpa, size;
};

static struct model m;
static const struct pci_cfg_ops cfg = { model_read, model_write, &m };
static struct s2map s2[S2_MAX];
static int nr_s2, fail_maps_after = -1, nr_unmaps;

static int env_map(void *ctx, uint64_t gpa, uint64_t hpa, uint64_t size)
{
	int i;

	if (fail_maps_after == 0)
		return -1;
	if (fail_maps_after > 0)
		fail_maps_after--;
	for (i = 0; i < nr_s2; i++)
		assert_false(gpa < s2[i].gpa + s2[i].size && s2[i].gpa < gpa + size);
	assert_true(nr_s2 < S2_MAX);
	s2[nr_s2++] = (struct s2map){ gpa, hpa, size };
	return 0;
}

/* Unmapping cuts whatever overlaps, as a stage-2 unmap does. */
static void env_unmap(void *ctx, uint64_t gpa, uint64_t size)
{
	int i;

	nr_unmaps++;
	for (i = 0; i < nr_s2; i++) {
		struct s2map *e = &s2[i];
		uint64_t end = e->gpa + e->size;

		if (gpa >= end || e->gpa >= gpa + size)
			continue;
		assert_true(gpa <= e->gpa && gpa + size >= end);	/* whole pieces only */
		*e = s2[--nr_s2];
		i--;
	}
}

static void *env_alloc(void *ctx, size_t size)
{
	return calloc(1, size);
}

static void env_free(void *ctx, void *p)
{
	free(p);
}

/* The last host port access forwarded (vpci_io_access). */
static struct { uint64_t port; unsigned int size, n; bool write; uint32_t val; } io_seen;

static void env_io(void *ctx, uint64_t port, unsigned int size, bool write, uint32_t *val)
{
	io_seen.port = port;
	io_seen.size = size;
	io_seen.write = write;
	io_seen.n++;
	if (write)
		io_seen.val = *val;
	else
		*val = 0x11223344u & ((1ull << (8 * size)) - 1);
}

/* The last host memory access forwarded (vpci_kept_access). */
static struct { uint64_t hpa; unsigned int size, n; bool write; uint32_t val; } mmio_seen;

static void env_mmio(void *ctx, uint64_t hpa, unsigned int size, bool write, uint32_t *val)
{
	mmio_seen.hpa = hpa;
	mmio_seen.size = size;
	mmio_seen.write = write;
	mmio_seen.n++;
	if (write)
		mmio_seen.val = *val;
	else
		*val = 0x55667788u & (uint32_t)((1ull << (8 * size)) - 1);
}

static const struct vpci_env env = {
	.map = env_map, .unmap = env_unmap, .alloc = env_alloc, .free = env_free, .cfg = &cfg,
	.io = env_io, .mmio = env_mmio,
};
static struct vpci_domain vd;
static struct pci_dev nic, nvme;

/* Host address that guest address gpa reaches, or 0 if unmapped. */
static uint64_t s2_lookup(uint64_t gpa)
{
	for (int i = 0; i < nr_s2; i++)
		if (gpa >= s2[i].gpa && gpa < s2[i].gpa + s2[i].size)
			return s2[i].hpa + (gpa - s2[i].gpa);
	return 0;
}

static uint64_t s2_bytes(void)
{
	uint64_t t = 0;

	for (int i = 0; i < nr_s2; i++)
		t += s2[i].size;
	return t;
}

#define NIC_V	PCI_SBDF(0, 0, 1, 0)
#define NVME_V	PCI_SBDF(0, 0, 2, 0)

static int setup(void **state)
{
	memset(&m, 0, sizeof(m));
	nr_s2 = 0;
	nr_unmaps = 0;
	fail_maps_after = -1;
	model_add_nic(&m, PCI_SBDF(0, 0, 2, 0));
	model_add_nvme(&m, PCI_SBDF(0, 1, 0, 0));
	memset(&nic, 0, sizeof(nic));
	memset(&nvme, 0, sizeof(nvme));
	assert_int_equal(pci_probe_func(&cfg, PCI_SBDF(0, 0, 2, 0), &nic.f), 0);
	assert_int_equal(pci_probe_func(&cfg, PCI_SBDF(0, 1, 0, 0), &nvme.f), 0);
	vpci_domain_init(&vd, 1, &env);
	vpci_domain_add_window(&vd, 0x23000000, 0x10000000, false);
	vpci_domain_add_window(&vd, 0x900000000ull, 0x100000000ull, true);
	vpci_domain_set_io(&vd, 0, 0x10000);
	memset(&io_seen, 0, sizeof(io_seen));
	memset(&mmio_seen, 0, sizeof(mmio_seen));
	assert_int_equal(vpci_add_device(&vd, &nic, NIC_V, NULL, false), 0);
	assert_int_equal(vpci_add_device(&vd, &nvme, NVME_V, NULL, false), 0);
	return 0;
}

static int teardown(void **state)
{
	vpci_remove_device(&vd, NIC_V);
	vpci_remove_device(&vd, NVME_V);
	assert_int_equal(nr_s2, 0);
	return 0;
}

static uint32_t cr(uint32_t vsbdf, unsigned int off, unsigned int size)
{
	uint32_t v = 0x5a5a5a5a;

	assert_int_equal(vpci_access(&vd, vsbdf, off, size, false, &v), 0);
	return v;
}

static int cw(uint32_t vsbdf, unsigned int off, unsigned int size, uint32_t v)
{
	return vpci_access(&vd, vsbdf, off, size, true, &v);
}

static void cw_on(struct vpci_domain *d, unsigned int off, uint32_t v)
{
	assert_int_equal(vpci_access(d, NIC_V, off, 4, true, &v), 0);
}

static void test_identity_and_absent(void **state)
{
	assert_int_equal(cr(NIC_V, 0, 4), 0x10d38086);
	assert_int_equal(cr(NIC_V, PCI_CLASS_REVISION, 4), 0x02000001);
	assert_int_equal(cr(NVME_V, 0, 2), 0x1b36);
	/* Slots, functions and buses the guest does not own: all-ones (HID-4). */
	assert_int_equal(cr(PCI_SBDF(0, 0, 3, 0), 0, 4), 0xffffffff);
	assert_int_equal(cr(PCI_SBDF(0, 0, 1, 1), 0, 2), 0xffff);
	assert_int_equal(cr(PCI_SBDF(0, 1, 1, 0), 0, 1), 0xff);
	/* ... and writes there reach no host function. */
	m.fn[0].writes = m.fn[1].writes = 0;
	assert_int_equal(cw(PCI_SBDF(0, 0, 3, 0), PCI_COMMAND, 2, 0x7), 0);
	assert_int_equal(cw(PCI_SBDF(0, 0, 2, 1), PCI_ROM_ADDRESS, 4, ~0u), 0);
	assert_int_equal(m.fn[0].writes + m.fn[1].writes, 0);
	/* Misaligned or odd-sized accesses read all-ones. */
	assert_int_equal(cr(NIC_V, 1, 2), 0xffffffff);
	assert_int_equal(cr(NIC_V, 4096, 4), 0xffffffff);
}

static void test_bar_sizing(void **state)
{
	/* mem32 */
	assert_int_equal(cw(NIC_V, PCI_BAR0, 4, ~0u), 0);
	assert_int_equal(cr(NIC_V, PCI_BAR0, 4), 0xfffe0000);
	/* I/O: a virtual port address, sized like hardware. */
	assert_int_equal(cw(NIC_V, PCI_BAR0 + 8, 4, ~0u), 0);
	assert_int_equal(cr(NIC_V, PCI_BAR0 + 8, 4), 0xffffffe1);
	/* mem64, prefetchable: flags kept in the low dword. */
	assert_int_equal(cw(NVME_V, PCI_BAR0, 4, ~0u), 0);
	assert_int_equal(cw(NVME_V, PCI_BAR0 + 4, 4, ~0u), 0);
	assert_int_equal(cr(NVME_V, PCI_BAR0, 4), 0xffffc00c);
	assert_int_equal(cr(NVME_V, PCI_BAR0 + 4, 4), 0xffffffff);
	/* ROM: address bits and the enable bit. */
	assert_int_equal(cw(NIC_V, PCI_ROM_ADDRESS, 4, 0xfffff800), 0);
	assert_int_equal(cr(NIC_V, PCI_ROM_ADDRESS, 4), 0xfffc0000);
	/* Unused BAR slots. */
	assert_int_equal(cw(NIC_V, PCI_BAR0 + 16, 4, ~0u), 0);
	assert_int_equal(cr(NIC_V, PCI_BAR0 + 16, 4), 0);
	/* Sizing never reached the host BARs. */
	assert_int_equal(model_read(&m, PCI_SBDF(0, 0, 2, 0), PCI_BAR0, 4), 0x10000000);
}

static void program_nic(void)
{
	assert_int_equal(cw(NIC_V, PCI_BAR0, 4, 0x23000000), 0);
	assert_int_equal(cw(NIC_V, PCI_BAR0 + 4, 4, 0x23020000), 0);
	assert_int_equal(cw(NIC_V, PCI_BAR0 + 12, 4, 0x23040000), 0);
}

static void test_decode_maps_bars(void **state)
{
	program_nic();
	assert_int_equal(nr_s2, 0);
	assert_int_equal(cw(NIC_V, PCI_COMMAND, 2, PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER), 0);
	assert_int_equal(s2_lookup(0x23000000), 0x10000000);
	assert_int_equal(s2_lookup(0x2303fff0), 0x1003fff0);
	/* BAR3 holds the MSI-X table (page 0) and PBA (page 2): not mapped. */
	assert_int_equal(s2_lookup(0x23040000), 0);
	assert_int_equal(s2_lookup(0x23041000), 0x10041000);
	assert_int_equal(s2_lookup(0x23042000), 0);
	assert_int_equal(s2_lookup(0x23043000), 0x10043000);
	assert_int_equal(s2_bytes(), 0x40000 + 0x2000);
	/* The guest's bus-master bit reached the device, and I/O decoding
	 * (it has an I/O BAR; the nvme has none, so not there). */
	assert_int_equal(model_read(&m, PCI_SBDF(0, 0, 2, 0), PCI_COMMAND, 2),
			 PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER);
	assert_int_equal(cw(NIC_V, PCI_COMMAND, 2, PCI_COMMAND_IO | PCI_COMMAND_MEMORY), 0);
	assert_int_equal(cr(NIC_V, PCI_COMMAND, 2), PCI_COMMAND_IO | PCI_COMMAND_MEMORY);
	assert_int_equal(model_read(&m, PCI_SBDF(0, 0, 2, 0), PCI_COMMAND, 2),
			 PCI_COMMAND_IO | PCI_COMMAND_MEMORY);
	assert_int_equal(cw(NVME_V, PCI_COMMAND, 2, PCI_COMMAND_IO), 0);
	assert_int_equal(model_read(&m, PCI_SBDF(0, 1, 0, 0), PCI_COMMAND, 2) & PCI_COMMAND_IO, 0);
	/* BAR writes while decoding are ignored (BAR-3). */
	assert_int_equal(cw(NIC_V, PCI_BAR0, 4, 0x24000000), 0);
	assert_int_equal(cr(NIC_V, PCI_BAR0, 4), 0x23000000);
	/* Decoding off: nothing left (BAR-2); on again: the same mappings. */
	assert_int_equal(cw(NIC_V, PCI_COMMAND, 1, 0), 0);
	assert_int_equal(nr_s2, 0);
	assert_int_equal(cw(NIC_V, PCI_COMMAND, 4, PCI_COMMAND_MEMORY), 0);
	assert_int_equal(s2_bytes(), 0x42000);
}

/*
 * HID-2's shared flavour: 256 bytes of BAR 0 the hypervisor keeps. Their
 * page is not mapped; there a read inside gives the plan's bytes, a write
 * inside reaches nothing, and the rest of the page is the device's.
 */
static void test_kept_ranges(void **state)
{
	struct vpci_kept_hit hit;
	uint64_t v;

	vpci_remove_device(&vd, NIC_V);
	nic.kept[0] = (struct plan_regs){ 0, 0x5300, 0x100 };
	nic.nr_kept = 1;
	nic.kept_read = 0xdeadbeef;
	assert_int_equal(vpci_add_device(&vd, &nic, NIC_V, NULL, false), 0);
	/* Its I/O BAR (2), a way to the same registers, is not offered. */
	assert_int_equal(cw(NIC_V, PCI_BAR0 + 8, 4, ~0u), 0);
	assert_int_equal(cr(NIC_V, PCI_BAR0 + 8, 4), 0);
	program_nic();
	v = 0;
	assert_int_equal(vpci_kept_access(&vd, 0x23005300, 4, false, &v, &hit), VPCI_KEPT_NOT_MINE);
	assert_int_equal(cw(NIC_V, PCI_COMMAND, 2, PCI_COMMAND_MEMORY), 0);
	assert_int_equal(s2_lookup(0x23004ff0), 0x10004ff0);
	assert_int_equal(s2_lookup(0x23005000), 0);
	assert_int_equal(s2_lookup(0x230053fc), 0);
	assert_int_equal(s2_lookup(0x23006000), 0x10006000);
	assert_int_equal(s2_bytes(), 0x42000 - 0x1000);
	/* Inside: the plan's value, byte by byte, every dword alike. */
	assert_int_equal(vpci_kept_access(&vd, 0x23005300, 4, false, &v, &hit), VPCI_KEPT_READ);
	assert_int_equal(v, 0xdeadbeef);
	assert_int_equal(vpci_kept_access(&vd, 0x230053fd, 1, false, &v, &hit), VPCI_KEPT_READ);
	assert_int_equal(v, 0xbe);
	assert_int_equal(vpci_kept_access(&vd, 0x23005302, 2, false, &v, &hit), VPCI_KEPT_READ);
	assert_int_equal(v, 0xdead);
	assert_int_equal(vpci_kept_access(&vd, 0x230053f8, 8, false, &v, &hit), VPCI_KEPT_READ);
	assert_int_equal(v, 0xdeadbeefdeadbeefull);
	/* One straddling the range's start counts as inside. */
	assert_int_equal(vpci_kept_access(&vd, 0x230052fc, 8, false, &v, &hit), VPCI_KEPT_READ);
	v = 0x1234;
	assert_int_equal(vpci_kept_access(&vd, 0x23005304, 4, true, &v, &hit), VPCI_KEPT_DROPPED);
	assert_int_equal(hit.vsbdf, NIC_V);
	assert_int_equal(hit.bar, 0);
	assert_int_equal(hit.off, 0x5304);
	assert_int_equal(mmio_seen.n, 0);		/* none of it reached the device */
	/* The rest of the page: the device's, at its host address. */
	assert_int_equal(vpci_kept_access(&vd, 0x23005200, 4, false, &v, &hit),
			 VPCI_KEPT_FORWARDED);
	assert_int_equal(v, 0x55667788);
	assert_int_equal(mmio_seen.hpa, 0x10005200);
	v = 0xab;
	assert_int_equal(vpci_kept_access(&vd, 0x23005400, 1, true, &v, &hit), VPCI_KEPT_FORWARDED);
	assert_true(mmio_seen.write && mmio_seen.size == 1 && mmio_seen.val == 0xab);
	assert_int_equal(vpci_kept_access(&vd, 0x23005ff8, 8, false, &v, &hit),
			 VPCI_KEPT_FORWARDED);
	assert_int_equal(mmio_seen.hpa, 0x10005ffc);	/* two dwords */
	/* Other pages, other BARs and other devices are not its business. */
	assert_int_equal(vpci_kept_access(&vd, 0x23004ffc, 4, false, &v, &hit), VPCI_KEPT_NOT_MINE);
	assert_int_equal(vpci_kept_access(&vd, 0x23025300, 4, false, &v, &hit), VPCI_KEPT_NOT_MINE);
	/* Decoding off: nothing decodes there. */
	assert_int_equal(cw(NIC_V, PCI_COMMAND, 2, 0), 0);
	assert_int_equal(vpci_kept_access(&vd, 0x23005300, 4, false, &v, &hit), VPCI_KEPT_NOT_MINE);
	nic.nr_kept = 0;
}

static void test_rom_bar(void **state)
{
	program_nic();
	assert_int_equal(cw(NIC_V, PCI_ROM_ADDRESS, 4, 0x23100000 | PCI_ROM_ENABLE), 0);
	assert_int_equal(nr_s2, 0);	/* no decoding yet */
	assert_int_equal(cw(NIC_V, PCI_COMMAND, 2, PCI_COMMAND_MEMORY), 0);
	assert_int_equal(s2_lookup(0x23100000), 0x10080000);
	/* While it decodes, the address cannot move; disabling unmaps it alone. */
	assert_int_equal(cw(NIC_V, PCI_ROM_ADDRESS, 4, 0x23200000 | PCI_ROM_ENABLE), 0);
	assert_int_equal(cr(NIC_V, PCI_ROM_ADDRESS, 4), 0x23100001);
	assert_int_equal(cw(NIC_V, PCI_ROM_ADDRESS, 1, 0), 0);
	assert_int_equal(s2_lookup(0x23100000), 0);
	assert_int_equal(s2_lookup(0x23000000), 0x10000000);
	assert_int_equal(cw(NIC_V, PCI_ROM_ADDRESS, 4, 0x23200000 | PCI_ROM_ENABLE), 0);
	assert_int_equal(s2_lookup(0x23200000), 0x10080000);
}

static void test_outside_window_and_overlap(void **state)
{
	/* A BAR the guest put over its RAM is not mapped at all. */
	assert_int_equal(cw(NIC_V, PCI_BAR0, 4, 0x40000000), 0);
	assert_int_equal(cw(NVME_V, PCI_BAR0, 4, 0x23020000), 0);
	assert_int_equal(cw(NIC_V, PCI_BAR0 + 4, 4, 0x23020000), 0);
	assert_int_equal(cw(NIC_V, PCI_COMMAND, 2, PCI_COMMAND_MEMORY), 0);
	assert_int_equal(s2_lookup(0x40000000), 0);
	assert_int_equal(s2_lookup(0x23020000), 0x10020000);
	/* A 64-bit BAR may sit in the 32-bit window, but not over another
	 * enabled BAR of the domain (BAR-1). */
	assert_int_equal(cw(NVME_V, PCI_COMMAND, 2, PCI_COMMAND_MEMORY), 0);
	assert_int_equal(s2_lookup(0x23020000), 0x10020000);
	/* Moved to the 64-bit-only window, the 64-bit BAR is mapped there. */
	assert_int_equal(cw(NVME_V, PCI_COMMAND, 2, 0), 0);
	assert_int_equal(cw(NVME_V, PCI_BAR0, 4, 0), 0);
	assert_int_equal(cw(NVME_V, PCI_BAR0 + 4, 4, 9), 0);
	assert_int_equal(cw(NVME_V, PCI_COMMAND, 2, PCI_COMMAND_MEMORY), 0);
	assert_int_equal(s2_lookup(0x900000000ull), 0x8000000000ull);
}

/*
 * A mem32 BAR is refused in a 64-bit-only window. The window sits below
 * 4 GiB here, so a 32-bit BAR can be given an address inside it; a
 * 64-bit BAR at the next address of the same window is mapped, and so is
 * the mem32 device's other BAR in the 32-bit window.
 */
static void test_mem32_refused_in_64bit_window(void **state)
{
	vpci_remove_device(&vd, NIC_V);
	vpci_remove_device(&vd, NVME_V);
	vpci_domain_init(&vd, 1, &env);
	assert_int_equal(vpci_domain_add_window(&vd, 0x23000000, 0x10000000, false), 0);
	assert_int_equal(vpci_domain_add_window(&vd, 0x60000000, 0x10000000, true), 0);
	assert_int_equal(vpci_add_device(&vd, &nic, NIC_V, NULL, false), 0);
	assert_int_equal(vpci_add_device(&vd, &nvme, NVME_V, NULL, false), 0);
	assert_int_equal(nic.f.bar[0].kind, PCI_BAR_MEM32);
	assert_int_equal(nvme.f.bar[0].kind, PCI_BAR_MEM64);

	assert_int_equal(cw(NIC_V, PCI_BAR0, 4, 0x60000000), 0);
	assert_int_equal(cw(NIC_V, PCI_BAR0 + 4, 4, 0x23020000), 0);
	assert_int_equal(cw(NVME_V, PCI_BAR0, 4, 0x60100000), 0);
	assert_int_equal(cw(NVME_V, PCI_BAR0 + 4, 4, 0), 0);
	assert_int_equal(cr(NIC_V, PCI_BAR0, 4), 0x60000000);	/* the guest's value stays */
	assert_int_equal(cw(NIC_V, PCI_COMMAND, 2, PCI_COMMAND_MEMORY), 0);
	assert_int_equal(cw(NVME_V, PCI_COMMAND, 2, PCI_COMMAND_MEMORY), 0);
	assert_int_equal(s2_lookup(0x60000000), 0);		/* refused */
	assert_int_equal(s2_lookup(0x6001f000), 0);
	assert_int_equal(s2_lookup(0x23020000), 0x10020000);
	assert_int_equal(s2_lookup(0x60100000), 0x8000000000ull);
	assert_int_equal(s2_bytes(), 0x20000 + 0x4000);
}

static void test_map_failure_leaves_nothing(void **state)
{
	program_nic();
	fail_maps_after = 2;	/* the third piece fails */
	assert_int_equal(cw(NIC_V, PCI_COMMAND, 2, PCI_COMMAND_MEMORY), -VPCI_EMAP);
	assert_non_null(vd.error);
	assert_int_equal(nr_s2, 0);				/* BAR-4 */
	assert_int_equal(cr(NIC_V, PCI_COMMAND, 2), 0);		/* decoding stays off */
	fail_maps_after = -1;
	assert_int_equal(cw(NIC_V, PCI_COMMAND, 2, PCI_COMMAND_MEMORY), 0);
	assert_int_equal(s2_bytes(), 0x42000);
}

static void test_status_and_caps(void **state)
{
	uint32_t pos, ids = 0;

	/* Only PM and PCIe are in the list, linked in host order. */
	assert_true(cr(NIC_V, PCI_STATUS, 2) & PCI_STATUS_CAP_LIST);
	for (pos = cr(NIC_V, PCI_CAPABILITY_LIST, 1); pos; pos = cr(NIC_V, pos + 1, 1))
		ids = ids << 8 | cr(NIC_V, pos, 1);
	assert_int_equal(ids, PCI_CAP_ID_PM << 8 | PCI_CAP_ID_EXP);
	assert_int_equal(cr(NIC_V, 0xe4, 4), 0x12345678);
	/* Hidden capabilities read as nothing; capability writes are dropped. */
	assert_int_equal(cr(NIC_V, 0xd0, 4), 0);
	assert_int_equal(cr(NIC_V, 0xa0, 4), 0);
	m.fn[0].writes = 0;
	assert_int_equal(cw(NIC_V, 0xe8, 2, 0xffff), 0);
	assert_int_equal(cw(NIC_V, 0xa2, 2, 0xc000), 0);	/* MSI-X enable */
	assert_int_equal(m.fn[0].writes, 0);
	/* Status: error bits are write-1-to-clear on the host. */
	m.fn[0].cfg[PCI_STATUS + 1] |= 0x20;	/* received master abort */
	assert_int_equal(cr(NIC_V, PCI_STATUS, 2) >> 8 & 0x20, 0x20);
	assert_int_equal(cw(NIC_V, PCI_STATUS, 2, 0x2000), 0);
	assert_int_equal(cr(NIC_V, PCI_STATUS, 2) >> 8 & 0x20, 0);
	/* Header type: one function per virtual slot. */
	m.fn[0].cfg[PCI_HEADER_TYPE] = 0x80;
	assert_int_equal(cr(NIC_V, PCI_HEADER_TYPE, 1), 0);
	/* Interrupt pin from the host, line virtual. */
	assert_int_equal(cr(NIC_V, PCI_INTERRUPT_PIN, 1), 1);
	assert_int_equal(cw(NIC_V, PCI_INTERRUPT_LINE, 1, 42), 0);
	assert_int_equal(cr(NIC_V, PCI_INTERRUPT_LINE, 4) & 0xffff, 0x012a);
}

/* Device-specific config space reads through, read-only; extended
 * config space is an empty list. */
static void test_device_specific_passthrough(void **state)
{
	model_put(&m.fn[0], 0x60, 4, 0xcafe0020);
	model_put(&m.fn[0], 0x100, 4, 0x00010001);	/* AER */
	m.fn[0].wmask[0x60] = 0xff;
	assert_int_equal(cr(NIC_V, 0x60, 1), 0x20);
	assert_int_equal(cr(NIC_V, 0x62, 2), 0xcafe);
	assert_int_equal(cr(NIC_V, 0x60, 4), 0xcafe0020);
	m.fn[0].writes = 0;
	assert_int_equal(cw(NIC_V, 0x60, 1, 0x55), 0);
	assert_int_equal(m.fn[0].writes, 0);
	assert_int_equal(cr(NIC_V, 0x60, 1), 0x20);
	/* The bodies of MSI and MSI-X read 0, as before. */
	assert_int_equal(cr(NIC_V, 0xd4, 4), 0);
	assert_int_equal(cr(NIC_V, 0xa4, 4), 0);
	assert_int_equal(cr(NIC_V, 0x100, 4), 0);
}

/* A modern virtio-pci function: its vendor capabilities are in the list
 * and read through, except the configuration access one (a quirk). */
static void test_vendor_caps_and_quirk(void **state)
{
	struct model_fn *f = model_add(&m, PCI_SBDF(0, 0, 5, 0), 0x1af4, 0x1041, 0x020000);
	struct pci_dev vio;
	uint8_t last = 0;
	uint32_t pos, ids = 0;

	model_bar(f, 4, 0x8000100000ull, 0x4000, 4 | 8);
	model_cap(f, 0x98, PCI_CAP_ID_MSIX, &last);
	model_cap(f, 0x84, PCI_CAP_ID_VNDR, &last);
	model_put(f, 0x86, 2, 0x0514);		/* 20 bytes, cfg_type 5 */
	model_put(f, 0x90, 4, 0xfeedf00d);
	model_cap(f, 0x70, PCI_CAP_ID_VNDR, &last);
	model_put(f, 0x72, 2, 0x0210);		/* 16 bytes, cfg_type 2 (notify) */
	model_put(f, 0x74, 4, 0x00000004);	/* BAR 4 */
	model_put(f, 0x7c, 4, 0x1000);		/* length */
	model_cap(f, 0x60, PCI_CAP_ID_VNDR, &last);
	model_put(f, 0x62, 2, 0x0110);		/* 16 bytes, cfg_type 1 (common) */
	memset(&vio, 0, sizeof(vio));
	assert_int_equal(pci_probe_func(&cfg, f->sbdf, &vio.f), 0);
	assert_int_equal(vpci_add_device(&vd, &vio, PCI_SBDF(0, 0, 5, 0), NULL, false), 0);
	for (pos = cr(PCI_SBDF(0, 0, 5, 0), PCI_CAPABILITY_LIST, 1); pos;
	     pos = cr(PCI_SBDF(0, 0, 5, 0), pos + 1, 1))
		ids = ids << 8 | pos;
	assert_int_equal(ids, 0x70 << 8 | 0x60);	/* 0x84 (cfg_type 5), 0x98 gone */
	assert_int_equal(cr(PCI_SBDF(0, 0, 5, 0), 0x70, 4), 0x02106009);
	assert_int_equal(cr(PCI_SBDF(0, 0, 5, 0), 0x74, 1), 4);
	assert_int_equal(cr(PCI_SBDF(0, 0, 5, 0), 0x7c, 4), 0x1000);
	assert_int_equal(cr(PCI_SBDF(0, 0, 5, 0), 0x84, 4), 0);
	assert_int_equal(cr(PCI_SBDF(0, 0, 5, 0), 0x90, 4), 0);
	assert_int_equal(vpci_remove_device(&vd, PCI_SBDF(0, 0, 5, 0)), 0);
}

/* QEMU's EHCI: its SBRN at 0x60 and legacy support at 0x68 read through;
 * the SMI control dword after it is hidden by a quirk. */
static void test_ehci_config(void **state)
{
	struct model_fn *f = model_add(&m, PCI_SBDF(0, 0, 6, 0), 0x8086, 0x24cd, 0x0c0320);
	struct pci_dev ehci;

	model_bar(f, 0, 0x10100000, 0x1000, 0);
	model_put(f, 0x60, 2, 0x2020);
	model_put(f, 0x68, 4, 0x00000001);
	model_put(f, 0x6c, 4, 0xe000003f);
	memset(&ehci, 0, sizeof(ehci));
	assert_int_equal(pci_probe_func(&cfg, f->sbdf, &ehci.f), 0);
	assert_int_equal(vpci_add_device(&vd, &ehci, PCI_SBDF(0, 0, 6, 0), NULL, false), 0);
	assert_int_equal(cr(PCI_SBDF(0, 0, 6, 0), 0x60, 1), 0x20);
	assert_int_equal(cr(PCI_SBDF(0, 0, 6, 0), 0x68, 4), 1);
	assert_int_equal(cr(PCI_SBDF(0, 0, 6, 0), 0x6c, 4), 0);
	assert_int_equal(vpci_remove_device(&vd, PCI_SBDF(0, 0, 6, 0)), 0);
}

static uint32_t io(uint64_t port, unsigned int size)
{
	uint32_t v = 0x5a5a5a5a;

	vpci_io_access(&vd, port, size, false, &v);
	return v;
}

/* I/O BARs: each access inside the guest's own enabled BAR goes to the
 * same offset of the host BAR; anything else is an unclaimed cycle
 * (BAR-7). */
static void test_io_forwarding(void **state)
{
	uint32_t v = 0xabcd;

	assert_int_equal(cw(NIC_V, PCI_BAR0 + 8, 4, 0x2000), 0);
	assert_int_equal(cr(NIC_V, PCI_BAR0 + 8, 4), 0x2001);
	assert_int_equal(io(0x2004, 4), 0xffffffff);		/* decoding off */
	assert_int_equal(io_seen.n, 0);
	assert_int_equal(cw(NIC_V, PCI_COMMAND, 2, PCI_COMMAND_IO), 0);
	assert_int_equal(cr(NIC_V, PCI_COMMAND, 2), PCI_COMMAND_IO);
	assert_int_equal(model_read(&m, PCI_SBDF(0, 0, 2, 0), PCI_COMMAND, 2) & PCI_COMMAND_IO,
			 PCI_COMMAND_IO);
	assert_int_equal(io(0x2004, 4), 0x11223344);
	assert_int_equal(io_seen.port, 0x1004);			/* the host's BAR */
	assert_int_equal(io(0x201e, 2), 0x3344);
	assert_int_equal(io_seen.port, 0x101e);
	assert_true(vpci_io_access(&vd, 0x2001, 1, true, &v));
	assert_true(io_seen.write && io_seen.port == 0x1001 && io_seen.val == 0xabcd);
	assert_false(vpci_io_access(&vd, 0x2020, 1, true, &v));	/* claimed by no BAR */
	io_seen.n = 0;
	/* Before and past the BAR, straddling its end, unaligned, bad sizes. */
	assert_int_equal(io(0x1ffc, 4), 0xffffffff);
	assert_int_equal(io(0x1fff, 1), 0xff);
	assert_int_equal(io(0x2020, 1), 0xff);
	assert_int_equal(io(0x201e, 4), 0xffffffff);
	assert_int_equal(io(0x2002, 4), 0xffffffff);
	assert_int_equal(io(0x2000, 8), 0xffffffff);
	assert_int_equal(io(0x12000, 4), 0xffffffff);		/* outside the window */
	assert_int_equal(io_seen.n, 0);
	/* The address is fixed while I/O decodes. */
	assert_int_equal(cw(NIC_V, PCI_BAR0 + 8, 4, 0x3000), 0);
	assert_int_equal(cr(NIC_V, PCI_BAR0 + 8, 4), 0x2001);
	assert_int_equal(cw(NIC_V, PCI_COMMAND, 2, 0), 0);
	assert_int_equal(io(0x2004, 4), 0xffffffff);
	assert_int_equal(io_seen.n, 0);
}

static void test_add_remove(void **state)
{
	uint64_t bars[PCI_MAX_BARS] = { 0x900000000ull };

	/* A taken slot, a bad virtual SBDF. */
	assert_int_equal(vpci_add_device(&vd, &nvme, NIC_V, NULL, false), -VPCI_EEXIST);
	assert_int_equal(vpci_add_device(&vd, &nvme, PCI_SBDF(0, 0, 5, 1), NULL, false),
			 -VPCI_EINVAL);
	/* Planned guest BARs with decoding on: mapped at once. */
	assert_int_equal(vpci_remove_device(&vd, NVME_V), 0);
	assert_int_equal(cr(NVME_V, 0, 4), 0xffffffff);
	assert_int_equal(vpci_remove_device(&vd, NVME_V), -VPCI_ENOENT);
	assert_int_equal(vpci_add_device(&vd, &nvme, NVME_V, bars, true), 0);
	assert_int_equal(s2_lookup(0x900001000ull), 0x8000001000ull);
	/* Quiesce (guest reset): everything unmapped, decoding off. */
	vpci_domain_quiesce(&vd);
	assert_int_equal(nr_s2, 0);
	assert_int_equal(cr(NVME_V, PCI_COMMAND, 2), 0);
	/* Removal while decoding unmaps first. */
	assert_int_equal(cw(NVME_V, PCI_COMMAND, 2, PCI_COMMAND_MEMORY), 0);
	assert_int_equal(vpci_remove_device(&vd, NVME_V), 0);
	assert_int_equal(nr_s2, 0);
}

static void test_ecam_decode(void **state)
{
	uint32_t v = 0;

	assert_int_equal(vpci_ecam_access(&vd, (1 << 15) | PCI_VENDOR_ID, 4, false, &v), 0);
	assert_int_equal(v, 0x10d38086);
	assert_int_equal(vpci_ecam_access(&vd, (2 << 15) | 2, 2, false, &v), 0);
	assert_int_equal(v, 0x0010);
	assert_int_equal(vpci_ecam_access(&vd, 1ull << 28, 4, false, &v), 0);
	assert_int_equal(v, 0xffffffff);
}

static void test_exclusive_decision(void **state)
{
	/* VPCI-2: decided from offset and size, single bytes included. */
	assert_true(vpci_access_is_exclusive(PCI_COMMAND, 2));
	assert_true(vpci_access_is_exclusive(PCI_COMMAND + 1, 1));
	assert_true(vpci_access_is_exclusive(0, 8));
	assert_true(vpci_access_is_exclusive(PCI_VENDOR_ID + 4, 4));
	assert_false(vpci_access_is_exclusive(PCI_STATUS, 2));
	assert_false(vpci_access_is_exclusive(PCI_VENDOR_ID, 4));
	assert_true(vpci_access_is_exclusive(PCI_ROM_ADDRESS + 3, 1));
	assert_false(vpci_access_is_exclusive(PCI_ROM_ADDRESS + 4, 1));
	assert_false(vpci_access_is_exclusive(PCI_BAR0 + 20, 4));
}

/* ---- BAR-6: through the real page-table builder ---- */

static struct host_s2 s2pt;

static void test_large_bars_use_blocks(void **state)
{
	static const struct vpci_env ptenv = {
		.map = host_s2_map, .unmap = host_s2_unmap, .alloc = env_alloc, .free = env_free,
		.cfg = &cfg, .ctx = &s2pt,
	};
	struct vpci_domain pvd;
	struct pci_dev big;
	struct model_fn *f;
	uint64_t pa, attrs;
	int level;
	uint32_t v = PCI_COMMAND_MEMORY;

	memset(&m, 0, sizeof(m));
	memset(&big, 0, sizeof(big));
	f = model_add(&m, PCI_SBDF(0, 0, 7, 0), 0x1af4, 0x1110, 0x050000);
	model_bar(f, 0, 0x8040000000ull, 1ull << 30, 4 | 8);	/* 1 GiB */
	model_bar(f, 2, 0x8000400000ull, 4ull << 20, 4 | 8);	/* 4 MiB */
	assert_int_equal(pci_probe_func(&cfg, f->sbdf, &big.f), 0);
	assert_int_equal(host_s2_init(&s2pt), 0);
	vpci_domain_init(&pvd, 1, &ptenv);
	vpci_domain_add_window(&pvd, 0x900000000ull, 0x100000000ull, true);
	assert_int_equal(vpci_add_device(&pvd, &big, NIC_V, NULL, false), 0);
	cw_on(&pvd, PCI_BAR0, 0x00000000);
	cw_on(&pvd, PCI_BAR0 + 4, 0x9);
	cw_on(&pvd, PCI_BAR0 + 8, 0x40000000);
	cw_on(&pvd, PCI_BAR0 + 12, 0x9);
	assert_int_equal(vpci_access(&pvd, NIC_V, PCI_COMMAND, 2, true, &v), 0);
	/* BAR-6: a 1 GiB block and 2 MiB blocks, not 4 KiB pages. */
	assert_int_equal(pgtable_lookup(&s2pt.pt, 0x900000000ull + 0x12345000, &pa, &attrs, &level), 0);
	assert_int_equal(level, 1);
	assert_int_equal(pa, 0x8040000000ull + 0x12345000);
	assert_int_equal(pgtable_lookup(&s2pt.pt, 0x940200000ull, &pa, &attrs, &level), 0);
	assert_int_equal(level, 2);
	assert_int_equal(pa, 0x8000600000ull);
	assert_int_equal(s2pt.pt.nr_tables, 2);	/* root and one level-2 table */
	assert_int_equal(vpci_remove_device(&pvd, NIC_V), 0);
	assert_int_equal(pgtable_lookup(&s2pt.pt, 0x940200000ull, &pa, &attrs, &level), -1);
	pgtable_destroy(&s2pt.pt);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reg_sizes),
		cmocka_unit_test(test_reg_straddle_and_gap),
		cmocka_unit_test(test_reg_masks),
		cmocka_unit_test(test_reg_error),
		cmocka_unit_test(test_exclusive_decision),
		cmocka_unit_test_setup_teardown(test_identity_and_absent, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bar_sizing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_decode_maps_bars, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rom_bar, setup, teardown),
		cmocka_unit_test_setup_teardown(test_kept_ranges, setup, teardown),
		cmocka_unit_test_setup_teardown(test_outside_window_and_overlap, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mem32_refused_in_64bit_window, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_map_failure_leaves_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_status_and_caps, setup, teardown),
		cmocka_unit_test_setup_teardown(test_device_specific_passthrough, setup, teardown),
		cmocka_unit_test_setup_teardown(test_vendor_caps_and_quirk, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ehci_config, setup, teardown),
		cmocka_unit_test_setup_teardown(test_io_forwarding, setup, teardown),
		cmocka_unit_test_setup_teardown(test_add_remove, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ecam_decode, setup, teardown),
		cmocka_unit_test(test_large_bars_use_blocks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
