// SPDX-License-Identifier: GPL-2.0-only
/*
 * vPCI MSI and MSI-X (vpci/vpci_msi.c) over model host functions
 * (pci_model.h): the capabilities a guest sees, what reaches the host's
 * capability and table (the environment's messages, never the guest's),
 * mask mirroring, pending vectors and their delivery on unmask, the
 * table's page, reset; and that both stay hidden without msi_setup.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include "pci_model.h"
#include "vpci_env.h"
#include "vpci.h"

static struct model m;
static const struct pci_cfg_ops cfg = { model_read, model_write, &m };

static void env_mmio(void *ctx, uint64_t hpa, unsigned int size, bool write, uint32_t *val)
{
	assert_int_equal(size, 4);
	model_mmio(&m, hpa, size, write, val);
}

/* Host messages: one doorbell, data 0x40 + vector (aligned for MSI). */
#define DOORBELL	0x08090040ull
#define HOST_DATA	0x40u
static int setup_calls, setup_fail;
static unsigned int setup_nvec;

static int env_msi_setup(void *ctx, struct pci_dev *pdev, unsigned int nvec,
			 struct irq_msi_msg *msg)
{
	setup_calls++;
	setup_nvec = nvec;
	if (setup_fail)
		return -1;
	for (unsigned int i = 0; i < nvec; i++)
		msg[i] = (struct irq_msi_msg){ DOORBELL, HOST_DATA + i };
	return 0;
}

/* The lead's msi_fire: deliver as if the host had fired, which takes
 * vPCI's locks again (so they must have been dropped). */
static struct vpci_domain vd;
static struct { uint32_t vsbdf; unsigned int vector; bool ok; uint64_t addr; uint32_t data; }
	fired[8];
static int nr_fired;

static void env_msi_fire(void *ctx, uint32_t vsbdf, unsigned int vector)
{
	assert_true(nr_fired < 8);
	fired[nr_fired].vsbdf = vsbdf;
	fired[nr_fired].vector = vector;
	fired[nr_fired].ok = vpci_msi_message(&vd, vsbdf, vector, &fired[nr_fired].addr,
					      &fired[nr_fired].data);
	nr_fired++;
}

static const struct vpci_env env = {
	.map = s2_ignore_map, .unmap = s2_ignore_unmap, .alloc = heap_alloc, .free = heap_free, .cfg = &cfg,
	.msi_setup = env_msi_setup, .mmio = env_mmio, .msi_fire = env_msi_fire,
};
static const struct vpci_env env_nomsi = {
	.map = s2_ignore_map, .unmap = s2_ignore_unmap, .alloc = heap_alloc, .free = heap_free, .cfg = &cfg,
	.mmio = env_mmio,
};

#define NIC_H	PCI_SBDF(0, 0, 2, 0)
#define EDU_H	PCI_SBDF(0, 0, 3, 0)
#define NIC_V	PCI_SBDF(0, 0, 1, 0)
#define EDU_V	PCI_SBDF(0, 0, 2, 0)
#define TABLE_G	0x23040000ull		/* the guest's BAR3: table at 0, PBA at 0x2000 */
#define PBA_G	(TABLE_G + 0x2000)

static struct pci_dev nic, edu;
static struct model_fn *fnic, *fedu;

/* An edu-like function: MSI only, 32-bit, per-vector masking, 4 vectors. */
static struct model_fn *add_edu(void)
{
	struct model_fn *f = model_add(&m, EDU_H, 0x1234, 0x11e8, 0x00ff00);
	uint8_t last = 0;

	model_bar(f, 0, 0x10100000, 0x100000, 0);
	model_msi(f, 0x40, PCI_MSI_FLAGS_MASKBIT | 2 << 1, &last);
	return f;
}

static void add_devices(const struct vpci_env *e)
{
	vpci_domain_init(&vd, 1, e);
	vpci_domain_add_window(&vd, 0x23000000, 0x10000000, false);
	assert_int_equal(vpci_add_device(&vd, &nic, NIC_V, NULL, false), 0);
	assert_int_equal(vpci_add_device(&vd, &edu, EDU_V, NULL, false), 0);
}

static int setup(void **state)
{
	memset(&m, 0, sizeof(m));
	fnic = model_add_nic(&m, NIC_H);
	fedu = add_edu();
	memset(&nic, 0, sizeof(nic));
	memset(&edu, 0, sizeof(edu));
	spin_lock_init(&nic.lock);
	spin_lock_init(&edu.lock);
	assert_int_equal(pci_probe_func(&cfg, NIC_H, &nic.f), 0);
	assert_int_equal(pci_probe_func(&cfg, EDU_H, &edu.f), 0);
	setup_calls = setup_fail = 0;
	nr_fired = 0;
	add_devices(&env);
	return 0;
}

static int teardown(void **state)
{
	vpci_remove_device(&vd, NIC_V);
	vpci_remove_device(&vd, EDU_V);
	return 0;
}

static uint32_t cr(uint32_t vsbdf, unsigned int off, unsigned int size)
{
	uint32_t v = 0x5a5a5a5a;

	assert_int_equal(vpci_access(&vd, vsbdf, off, size, false, &v), 0);
	return v;
}

static void cw(uint32_t vsbdf, unsigned int off, unsigned int size, uint32_t v)
{
	assert_int_equal(vpci_access(&vd, vsbdf, off, size, true, &v), 0);
}

static uint64_t tr(uint64_t gpa, unsigned int size)
{
	uint64_t v = 0x5a5a5a5a5a5a5a5aull;

	assert_int_equal(vpci_msix_access(&vd, gpa, size, false, &v), VPCI_MSIX_DONE);
	return v;
}

static void tw(uint64_t gpa, unsigned int size, uint64_t v)
{
	assert_int_equal(vpci_msix_access(&vd, gpa, size, true, &v), VPCI_MSIX_DONE);
}

static uint32_t cap_ids(uint32_t vsbdf)
{
	uint32_t ids = 0;

	for (uint32_t pos = cr(vsbdf, PCI_CAPABILITY_LIST, 1); pos; pos = cr(vsbdf, pos + 1, 1))
		ids = ids << 8 | cr(vsbdf, pos, 1);
	return ids;
}

/* The guest's decoding on with BAR3 at TABLE_G (the host's follows). */
static void nic_decode(void)
{
	cw(NIC_V, PCI_BAR0 + 12, 4, (uint32_t)TABLE_G);
	cw(NIC_V, PCI_COMMAND, 2, PCI_COMMAND_MEMORY);
}

static void test_hidden_without_msi_setup(void **state)
{
	teardown(state);
	add_devices(&env_nomsi);
	fnic->mem_writes = 0;
	assert_int_equal(cap_ids(NIC_V), PCI_CAP_ID_PM << 8 | PCI_CAP_ID_EXP);
	assert_int_equal(cr(NIC_V, 0xd0, 4), 0);
	assert_int_equal(cr(NIC_V, 0xa0, 4), 0);
	assert_int_equal(cr(NIC_V, 0xa4, 4), 0);
	assert_int_equal(cr(EDU_V, PCI_STATUS, 2) & PCI_STATUS_CAP_LIST, 0);
	nic_decode();
	/* The table pages are still trapped, but nobody's table: the caller's
	 * all-ones window; the host table is untouched. */
	assert_int_equal(vpci_msix_access(&vd, TABLE_G, 4, false, &(uint64_t){ 0 }),
			 VPCI_MSIX_NOT_MINE);
	assert_int_equal(fnic->mem_writes, 0);
	/* A function the environment gives no messages: hidden as well. */
	teardown(state);
	setup_fail = 1;
	setup_calls = 0;
	add_devices(&env);
	assert_int_equal(setup_calls, 2);
	assert_int_equal(cap_ids(NIC_V), PCI_CAP_ID_PM << 8 | PCI_CAP_ID_EXP);
	assert_int_equal(cr(EDU_V, 0x42, 2), 0);
}

static void test_caps_read_back(void **state)
{
	assert_int_equal(setup_calls, 2);
	assert_int_equal(setup_nvec, 4);	/* the edu's 4 MSI vectors, set up last */
	assert_int_equal(cap_ids(NIC_V), PCI_CAP_ID_PM << 24 | PCI_CAP_ID_MSI << 16 |
			 PCI_CAP_ID_EXP << 8 | PCI_CAP_ID_MSIX);
	/* MSI: 64-bit, one vector; MSI-X: 5 entries, BIR/offsets from the host. */
	assert_int_equal(cr(NIC_V, 0xd2, 2), PCI_MSI_FLAGS_64BIT);
	assert_int_equal(cr(NIC_V, 0xa2, 2), 4);
	assert_int_equal(cr(NIC_V, 0xa4, 4), 3);
	assert_int_equal(cr(NIC_V, 0xa8, 4), 0x2003);
	assert_int_equal(cr(NIC_V, 0xa0, 4), 0x00040011);	/* last in the list */
	/* The read-only fields stay; the guest's address and data read back. */
	cw(NIC_V, 0xa2, 2, 0x07ff);
	assert_int_equal(cr(NIC_V, 0xa2, 2), 4);
	cw(NIC_V, 0xa4, 4, 0x5000);
	assert_int_equal(cr(NIC_V, 0xa4, 4), 3);
	cw(NIC_V, 0xd4, 4, 0xfee00003);
	cw(NIC_V, 0xd8, 4, 0x12);
	cw(NIC_V, 0xdc, 2, 0xbeef);
	assert_int_equal(cr(NIC_V, 0xd4, 4), 0xfee00000);	/* dword aligned */
	assert_int_equal(cr(NIC_V, 0xd8, 4), 0x12);
	assert_int_equal(cr(NIC_V, 0xdc, 4), 0xbeef);
	cw(NIC_V, 0xd2, 2, PCI_MSI_FLAGS_MASKBIT | 0xe);
	assert_int_equal(cr(NIC_V, 0xd2, 2), PCI_MSI_FLAGS_64BIT);
	/* The edu: 32-bit, maskable, 4 capable. */
	assert_int_equal(cr(EDU_V, 0x42, 2), PCI_MSI_FLAGS_MASKBIT | 2 << 1);
	/* Nothing of this reached the host. */
	assert_int_equal(model_read(&m, NIC_H, 0xd4, 4), 0);
	assert_int_equal(model_read(&m, NIC_H, 0xa2, 2), 4);
}

static void test_msi_enable_programs_host(void **state)
{
	uint64_t addr;
	uint32_t data;

	cw(NIC_V, 0xd4, 4, 0x04020040);		/* the guest's vITS doorbell */
	cw(NIC_V, 0xd8, 4, 0);
	cw(NIC_V, 0xdc, 2, 7);
	assert_false(vpci_msi_message(&vd, NIC_V, 0, &addr, &data));	/* not enabled */
	cw(NIC_V, 0xd2, 2, 1);
	assert_int_equal(cr(NIC_V, 0xd2, 2), PCI_MSI_FLAGS_64BIT | 1);
	/* The host holds the environment's message, not the guest's. */
	assert_int_equal(model_read(&m, NIC_H, 0xd4, 4), (uint32_t)DOORBELL);
	assert_int_equal(model_read(&m, NIC_H, 0xd8, 4), 0);
	assert_int_equal(model_read(&m, NIC_H, 0xdc, 2), HOST_DATA);
	assert_int_equal(model_read(&m, NIC_H, 0xd2, 2) & 0x71, 1);
	assert_true(vpci_msi_message(&vd, NIC_V, 0, &addr, &data));
	assert_int_equal(addr, 0x04020040);
	assert_int_equal(data, 7);
	assert_false(vpci_msi_message(&vd, NIC_V, 1, &addr, &data));	/* one vector */
	/* Moving the guest's address leaves the host alone. */
	cw(NIC_V, 0xd4, 4, 0x1000);
	assert_int_equal(model_read(&m, NIC_H, 0xd4, 4), (uint32_t)DOORBELL);
	cw(NIC_V, 0xd2, 2, 0);
	assert_int_equal(model_read(&m, NIC_H, 0xd2, 2) & 1, 0);
	assert_false(vpci_msi_message(&vd, NIC_V, 0, &addr, &data));
}

static void test_msi_multiple_and_masks(void **state)
{
	uint64_t addr;
	uint32_t data;

	cw(EDU_V, 0x44, 4, 0x04020040);
	cw(EDU_V, 0x48, 2, 0x20);
	cw(EDU_V, 0x42, 2, 7 << 4 | 1);		/* 128 asked: 4 capable */
	assert_int_equal(cr(EDU_V, 0x42, 2) & 0x71, 2 << 4 | 1);
	assert_int_equal(model_read(&m, EDU_H, 0x42, 2) & 0x71, 2 << 4 | 1);
	assert_int_equal(model_read(&m, EDU_H, 0x48, 2), HOST_DATA);
	assert_true(vpci_msi_message(&vd, EDU_V, 3, &addr, &data));
	assert_int_equal(data, 0x23);
	/* Mask bits mirrored; beyond the capable count reserved. */
	cw(EDU_V, 0x4c, 4, 0xffff0004);
	assert_int_equal(cr(EDU_V, 0x4c, 4), 4);
	assert_int_equal(model_read(&m, EDU_H, 0x4c, 4), 4);
	/* A vector fired while masked is pending, to the guest as well. */
	assert_false(vpci_msi_message(&vd, EDU_V, 2, &addr, &data));
	model_put(fedu, 0x50, 4, 0x2);		/* the function holds vector 1 */
	assert_int_equal(cr(EDU_V, 0x50, 4), 0x6);
	assert_int_equal(nr_fired, 0);
	/* Unmasking delivers it, once, through the environment. */
	cw(EDU_V, 0x4c, 4, 0);
	assert_int_equal(model_read(&m, EDU_H, 0x4c, 4), 0);
	assert_int_equal(nr_fired, 1);
	assert_int_equal(fired[0].vsbdf, EDU_V);
	assert_int_equal(fired[0].vector, 2);
	assert_true(fired[0].ok);
	assert_int_equal(fired[0].data, 0x22);
	assert_int_equal(cr(EDU_V, 0x50, 4), 0x2);
	/* Vectors past the enabled count are not the guest's. */
	cw(EDU_V, 0x42, 2, 1 << 4 | 1);
	assert_false(vpci_msi_message(&vd, EDU_V, 2, &addr, &data));
	assert_int_equal(cr(EDU_V, 0x50, 4), 0x2);
}

/* Host entry i of the NIC's table. */
static uint32_t hent(unsigned int i, unsigned int field)
{
	return model_mem32(fnic, 16 * i + field);
}

static void test_msix_table(void **state)
{
	uint64_t addr;
	uint32_t data;

	/* Set up: every host entry holds its message, masked. */
	for (unsigned int i = 0; i < 5; i++) {
		assert_int_equal(hent(i, 0), (uint32_t)DOORBELL);
		assert_int_equal(hent(i, 8), HOST_DATA + i);
		assert_int_equal(hent(i, 12) & 1, 1);
	}
	nic_decode();
	cw(NIC_V, 0xa2, 2, 0x8000);
	assert_int_equal(model_read(&m, NIC_H, 0xa2, 2), 0x8004);
	/* The guest's entry reads back; the host's keeps its message. */
	tw(TABLE_G + 16, 8, 0x0000000004020040ull);
	tw(TABLE_G + 16 + 8, 4, 0x31);
	assert_int_equal(tr(TABLE_G + 16, 8), 0x04020040);
	assert_int_equal(tr(TABLE_G + 16 + 8, 8), 0x0000000100000031ull);	/* masked */
	assert_int_equal(hent(1, 0), (uint32_t)DOORBELL);
	assert_int_equal(hent(1, 8), HOST_DATA + 1);
	assert_false(vpci_msi_message(&vd, NIC_V, 1, &addr, &data));	/* masked: pending */
	assert_int_equal(tr(PBA_G, 8), 0x2);
	/* Unmask: mirrored, and the pending vector is delivered. */
	tw(TABLE_G + 16 + 12, 4, 0);
	assert_int_equal(hent(1, 12) & 1, 0);
	assert_int_equal(hent(0, 12) & 1, 1);
	assert_int_equal(nr_fired, 1);
	assert_true(fired[0].ok);
	assert_int_equal(fired[0].addr, 0x04020040);
	assert_int_equal(fired[0].data, 0x31);
	assert_int_equal(tr(PBA_G, 4), 0);
	assert_true(vpci_msi_message(&vd, NIC_V, 1, &addr, &data));
	/* The PBA shows the function's own pending bits, for its 5 entries. */
	fnic->mem[0x2000] = 0xf0;
	assert_int_equal(tr(PBA_G, 4), 0x10);
	tw(PBA_G, 4, 0);			/* read-only */
	assert_int_equal(fnic->mem[0x2000], 0xf0);
	/* Mask again: mirrored. */
	tw(TABLE_G + 16 + 12, 4, 1);
	assert_int_equal(hent(1, 12) & 1, 1);
	assert_false(vpci_msi_message(&vd, NIC_V, 1, &addr, &data));
	/* Beyond the table on its page: 0, writes dropped. */
	assert_int_equal(tr(TABLE_G + 0x50, 4), 0);
	tw(TABLE_G + 0x100, 4, 0xffffffff);
	assert_int_equal(tr(TABLE_G + 0x100, 4), 0);
	assert_int_equal(model_mem32(fnic, 0x100), 0);
	/* Sizes and alignments the spec does not allow: dropped. */
	assert_int_equal(vpci_msix_access(&vd, TABLE_G + 12, 2, true, &(uint64_t){ 0 }),
			 VPCI_MSIX_DROPPED);
	assert_int_equal(vpci_msix_access(&vd, TABLE_G + 4, 8, true, &(uint64_t){ 0 }),
			 VPCI_MSIX_DROPPED);
	assert_int_equal(tr(TABLE_G + 16 + 12, 4), 1);
	/* Outside the table's and PBA's pages, and with decoding off: not ours. */
	assert_int_equal(vpci_msix_access(&vd, TABLE_G + 0x1000, 4, false, &(uint64_t){ 0 }),
			 VPCI_MSIX_NOT_MINE);
	cw(NIC_V, PCI_COMMAND, 2, 0);
	assert_int_equal(vpci_msix_access(&vd, TABLE_G, 4, false, &(uint64_t){ 0 }),
			 VPCI_MSIX_NOT_MINE);
}

/*
 * The spec leaves a write to an unmasked entry UNDEFINED. Here: it reads
 * back at once, and messages keep the old address and data until the
 * entry is next unmasked (never half of each).
 */
static void test_msix_write_while_unmasked(void **state)
{
	uint64_t addr;
	uint32_t data;

	nic_decode();
	cw(NIC_V, 0xa2, 2, 0x8000);
	tw(TABLE_G, 8, 0x04020040);
	tw(TABLE_G + 8, 8, 0x5);			/* data 5, unmasked */
	tw(TABLE_G + 8, 4, 0x6);
	assert_int_equal(tr(TABLE_G + 8, 4), 0x6);
	assert_true(vpci_msi_message(&vd, NIC_V, 0, &addr, &data));
	assert_int_equal(data, 5);
	assert_int_equal(hent(0, 8), HOST_DATA);
	tw(TABLE_G + 12, 4, 1);
	tw(TABLE_G + 12, 4, 0);
	assert_true(vpci_msi_message(&vd, NIC_V, 0, &addr, &data));
	assert_int_equal(data, 6);
	assert_int_equal(hent(0, 8), HOST_DATA);
}

static void test_msix_function_mask(void **state)
{
	uint64_t addr;
	uint32_t data;

	nic_decode();
	tw(TABLE_G + 32, 8, 0x04020040);
	tw(TABLE_G + 40, 8, 9);			/* entry 2 unmasked */
	cw(NIC_V, 0xa2, 2, 0xc000);		/* enabled, all masked */
	assert_int_equal(model_read(&m, NIC_H, 0xa2, 2), 0xc004);
	assert_false(vpci_msi_message(&vd, NIC_V, 2, &addr, &data));
	assert_false(vpci_msi_message(&vd, NIC_V, 3, &addr, &data));
	assert_int_equal(tr(PBA_G, 4), 0xc);
	assert_int_equal(cr(NIC_V, 0xa2, 2), 0xc004);
	cw(NIC_V, 0xa2, 2, 0x8000);
	assert_int_equal(model_read(&m, NIC_H, 0xa2, 2), 0x8004);
	/* Entry 2 goes out; entry 3 is still masked and stays pending. */
	assert_int_equal(nr_fired, 1);
	assert_int_equal(fired[0].vector, 2);
	assert_true(fired[0].ok);
	assert_int_equal(fired[0].data, 9);
	assert_int_equal(tr(PBA_G, 4), 0x8);
	/* MSI-X off: nothing is the guest's. */
	cw(NIC_V, 0xa2, 2, 0);
	assert_false(vpci_msi_message(&vd, NIC_V, 2, &addr, &data));
}

/* Reset and removal: both off in the host, every vector masked, the
 * guest's view back to reset; the table written with decoding off. */
static void test_quiesce_and_remove(void **state)
{
	nic_decode();
	cw(NIC_V, 0xa2, 2, 0x8000);
	tw(TABLE_G + 12, 4, 0);
	tw(TABLE_G + 28, 4, 0);
	cw(EDU_V, 0x42, 2, 1);
	cw(EDU_V, 0x4c, 4, 0);
	vpci_domain_quiesce(&vd);
	assert_int_equal(model_read(&m, NIC_H, 0xa2, 2) & 0x8000, 0);
	assert_int_equal(model_read(&m, EDU_H, 0x42, 2) & 1, 0);
	assert_int_equal(model_read(&m, EDU_H, 0x4c, 4), 0xf);
	for (unsigned int i = 0; i < 5; i++)
		assert_int_equal(hent(i, 12) & 1, 1);
	assert_int_equal(cr(NIC_V, 0xa2, 2), 4);
	assert_int_equal(cr(EDU_V, 0x42, 2) & 1, 0);
	nic_decode();
	assert_int_equal(tr(TABLE_G + 12, 4), 1);
	/* Removal with the host's decoding off: still written (decoding
	 * turned on meanwhile, and back off). */
	tw(TABLE_G + 12, 4, 0);
	cw(NIC_V, 0xa2, 2, 0x8000);
	model_write(&m, NIC_H, PCI_COMMAND, 2, 0);
	fnic->mem_dropped = 0;
	assert_int_equal(vpci_remove_device(&vd, NIC_V), 0);
	assert_int_equal(fnic->mem_dropped, 0);
	assert_int_equal(hent(0, 12) & 1, 1);
	assert_int_equal(model_read(&m, NIC_H, 0xa2, 2) & 0x8000, 0);
	assert_int_equal(model_read(&m, NIC_H, PCI_COMMAND, 2) & PCI_COMMAND_MEMORY, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_hidden_without_msi_setup, setup, teardown),
		cmocka_unit_test_setup_teardown(test_caps_read_back, setup, teardown),
		cmocka_unit_test_setup_teardown(test_msi_enable_programs_host, setup, teardown),
		cmocka_unit_test_setup_teardown(test_msi_multiple_and_masks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_msix_table, setup, teardown),
		cmocka_unit_test_setup_teardown(test_msix_write_while_unmasked, setup, teardown),
		cmocka_unit_test_setup_teardown(test_msix_function_mask, setup, teardown),
		cmocka_unit_test_setup_teardown(test_quiesce_and_remove, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
