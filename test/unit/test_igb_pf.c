// SPDX-License-Identifier: GPL-2.0-only
/*
 * The igb PF service (vpci/igb_pf.c) against register files in memory:
 * what it sets up at boot, and its answer to each request a VF posts
 * on its trapped page (the reply words in the PF's view of the VF's
 * mailbox memory, and the registers a VF reset programs).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "igb_pf.h"
#include "pci_host.h"

#define PF_SIZE		0x20000
#define VF_SIZE		0x4000
#define VMBMEM(n)	(0x0800 + 0x40 * (n))
#define P2VMAILBOX(n)	(0x0c00 + 4 * (n))

static uint32_t *pf_regs, *vf_regs[2];
static struct pci_dev pf, vf_pool[PCI_SRIOV_MAX_MACS], *vf0, *vf1;
static uint16_t pf_command;
static const uint8_t macs[2][6] = { { 0x52, 0x54, 0, 0xaa, 0, 1 }, { 0x52, 0x54, 0, 0xaa, 0, 2 } };

static uint32_t cfg_read(void *ctx, uint32_t sbdf, unsigned int off, unsigned int size)
{
	return 0;
}

static void cfg_write(void *ctx, uint32_t sbdf, unsigned int off, unsigned int size, uint32_t v)
{
	if (sbdf == pf.f.sbdf && off == PCI_COMMAND)
		pf_command = v;
}

static uint32_t *reg(uint32_t *file, unsigned int off)
{
	return file + off / 4;
}

static void make_vf(struct pci_dev *vf, unsigned int n)
{
	vf_regs[n] = calloc(1, VF_SIZE);
	vf->f.sbdf = PCI_SBDF(0, 0, 0x12, 2 * n);
	vf->f.is_vf = true;
	vf->f.vf_index = n;
	vf->f.bar[0] = (struct pci_bar){ (uintptr_t)vf_regs[n], VF_SIZE, PCI_BAR_MEM64, true };
}

/* A fresh PF whose two fresh VFs are served: the service's table only
 * grows (boot serves each VF once), so each test has VFs of its own. */
static int setup(void **state)
{
	static unsigned int served_so_far;
	struct pci_dev *vfs[2];
	char err[160];

	if (served_so_far + 2 > PCI_SRIOV_MAX_MACS)
		return -1;
	vf0 = vfs[0] = &vf_pool[served_so_far++];
	vf1 = vfs[1] = &vf_pool[served_so_far++];
	pci_host_cfg = (struct pci_cfg_ops){ cfg_read, cfg_write, NULL };
	memset(&pf, 0, sizeof(pf));
	pf_regs = calloc(1, PF_SIZE);
	pf.f.sbdf = PCI_SBDF(0, 0, 2, 0);
	pf.f.vendor = IGB_PF_VENDOR;
	pf.f.device = IGB_PF_DEVICE;
	pf.f.bar[0] = (struct pci_bar){ (uintptr_t)pf_regs, PF_SIZE, PCI_BAR_MEM32, false };
	pf.f.sriov.vf_bar[0].size = VF_SIZE;	/* what its SR-IOV capability says */
	make_vf(vf0, 0);
	make_vf(vf1, 1);
	return igb_pf_serve(&pf, vfs, 2, macs, err, sizeof(err));
}

static int teardown(void **state)
{
	free(pf_regs);
	free(vf_regs[0]);
	free(vf_regs[1]);
	return 0;
}

/* VF n posts msg (its words in the mailbox memory, then REQ). */
static void post(struct pci_dev *vf, unsigned int n, const uint32_t *msg, unsigned int words)
{
	uint64_t req = 1;

	memcpy(reg(pf_regs, VMBMEM(n)), msg, 4 * words);
	vf->trap(vf, vf->f.bar[0].addr + 0xc40, 4, true, &req);
}

static void test_boot_setup(void **state)
{
	assert_true(pf.held);
	/* Bus mastering: QEMU's 82576 receives for its VFs only with it. */
	assert_int_equal(pf_command,
			 PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER | PCI_COMMAND_INTX_OFF);
	assert_true(*reg(pf_regs, 0x1514) & (1u << 4));		/* GPIE.MSIX_MODE */
	/* The VFs' traffic: VMDq pools, no default pool, receive (CRC
	 * stripped) and transmit on, link up, autonegotiation restarted by
	 * a write of BMCR to PHY 1 (this register file never says READY). */
	assert_int_equal(*reg(pf_regs, 0x5818), 3);			/* MRQC */
	assert_int_equal(*reg(pf_regs, 0x581c), 3u << 29);		/* VT_CTL */
	assert_int_equal(*reg(pf_regs, 0x0100), 1u << 1 | 1u << 26);	/* RCTL */
	assert_true(*reg(pf_regs, 0x0400) & (1u << 1));		/* TCTL.EN */
	assert_true(*reg(pf_regs, 0x0000) & (1u << 6));		/* CTRL.SLU */
	assert_int_equal(*reg(pf_regs, 0x0020), 0x04201340);		/* MDIC */
	assert_true(*reg(pf_regs, 0x0018) & (1u << 14));	/* CTRL_EXT.PFRSTD */
	assert_non_null(vf0->trap);
	assert_int_equal(vf0->trap_bar, 0);
	assert_int_equal(vf0->trap_off, 0);
}

/* VF 1's reset: ACK with its own MAC, its RAR entry in its pool, its
 * receive and transmit enabled; the reply posted (STS). */
static void test_vf_reset(void **state)
{
	uint32_t msg[1] = { 0x01 };

	post(vf1, 1, msg, 1);
	assert_int_equal(*reg(pf_regs, VMBMEM(1)), 0x80000001);
	assert_int_equal(*reg(pf_regs, VMBMEM(1) + 4), 0xaa005452);
	assert_int_equal(*reg(pf_regs, VMBMEM(1) + 8), 0x0200);
	assert_int_equal(*reg(pf_regs, P2VMAILBOX(1)), 1);		/* STS */
	assert_int_equal(*reg(pf_regs, 0x0c80), 1u << 1);		/* MBVFICR taken */
	assert_int_equal(*reg(pf_regs, 0x5400 + 8 * 2), 0xaa005452);	/* RAL(2) */
	assert_int_equal(*reg(pf_regs, 0x5404 + 8 * 2), 0x80000200 | 1u << 19);
	assert_true(*reg(pf_regs, 0x0c8c) & (1u << 1));		/* VFRE */
	assert_true(*reg(pf_regs, 0x0c90) & (1u << 1));		/* VFTE */
	/* Its pool takes untagged frames and broadcast, CRC stripped. */
	assert_int_equal(*reg(pf_regs, 0x5ad0 + 4 * 1), 0x89000000);	/* VMOLR(1) */
	/* VF 0's mailbox untouched. */
	assert_int_equal(*reg(pf_regs, VMBMEM(0)), 0);
}

static uint32_t answer_to(uint32_t w0, uint32_t w1, uint32_t w2)
{
	uint32_t msg[3] = { w0, w1, w2 };

	post(vf0, 0, msg, 3);
	return *reg(pf_regs, VMBMEM(0));
}

#define ACK	0x80000000u
#define NACK	0x40000000u
#define CTS	0x20000000u

static void test_requests(void **state)
{
	/* SET_MAC_ADDR: its own MAC only. */
	assert_int_equal(answer_to(0x02, 0xaa005452, 0x0100), 0x02 | ACK | CTS);
	assert_int_equal(answer_to(0x02, 0xaa005452, 0x0200), 0x02 | NACK | CTS);
	/* SET_MULTICAST (count in bits 23:16): each hash sets its MTA bit
	 * (register hash / 32, bit hash % 32), the pool takes multicast
	 * (VMOLR.ROMPE); hashes past the count are not read. */
	assert_int_equal(answer_to(0x03 | 2 << 16, 0x0fff0021, 0x0005),
			 (0x03 | 2 << 16) | ACK | CTS);
	assert_int_equal(*reg(pf_regs, 0x5200 + 4 * 1), 1u << 1);	/* 0x021 */
	assert_int_equal(*reg(pf_regs, 0x5200 + 4 * 127), 1u << 31);	/* 0xfff */
	assert_int_equal(*reg(pf_regs, 0x5200), 0);			/* not 0x005 */
	assert_true(*reg(pf_regs, 0x5ad0) & (1u << 25));		/* VMOLR(0) */
	/* SET_LPE: standard frames (1522 bytes with a VLAN tag) only. */
	assert_int_equal(answer_to(0x05, 1522, 0), 0x05 | ACK | CTS);
	assert_int_equal(answer_to(0x05, 1523, 0), 0x05 | NACK | CTS);
	/* SET_VLAN: VLAN 0 only. */
	assert_int_equal(answer_to(0x04, 0, 0), 0x04 | ACK | CTS);
	assert_int_equal(answer_to(0x04, 5, 0), 0x04 | NACK | CTS);
	/* Anything else (promiscuous mode, unknown types): refused. */
	assert_int_equal(answer_to(0x06, 0, 0), 0x06 | NACK | CTS);
	assert_int_equal(answer_to(0x7777, 0, 0), 0x7777 | NACK | CTS);
}

/* Other registers of the page pass through; sizes other than 4 bytes
 * read all-ones and write nothing; only REQ on the mailbox is served. */
static void test_passthrough(void **state)
{
	uint64_t v = 0x1234;

	vf0->trap(vf0, vf0->f.bar[0].addr + 0x8, 4, true, &v);
	assert_int_equal(*reg(vf_regs[0], 0x8), 0x1234);
	v = 0;
	vf0->trap(vf0, vf0->f.bar[0].addr + 0x8, 4, false, &v);
	assert_int_equal(v, 0x1234);
	vf0->trap(vf0, vf0->f.bar[0].addr + 0x8, 8, false, &v);
	assert_true(v == ~0ull);
	v = 0x5678;
	vf0->trap(vf0, vf0->f.bar[0].addr + 0x8, 2, true, &v);
	assert_int_equal(*reg(vf_regs[0], 0x8), 0x1234);
	*reg(pf_regs, VMBMEM(0)) = 0x01;
	v = 2;	/* ACK of a reply: not a request */
	vf0->trap(vf0, vf0->f.bar[0].addr + 0xc40, 4, true, &v);
	assert_int_equal(*reg(pf_regs, VMBMEM(0)), 0x01);
}

static void test_not_an_82576(void **state)
{
	struct pci_dev other = { 0 }, vf = { 0 }, *vfs[1] = { &vf };
	char err[160];

	other.f.sbdf = PCI_SBDF(0, 0, 2, 0);
	other.f.vendor = 0x8086;
	other.f.device = 0x10d3;
	assert_int_equal(igb_pf_serve(&other, vfs, 1, macs, err, sizeof(err)), -1);
	assert_string_equal(err, "0000:00:02.0: tessera,vf-macs: the hypervisor serves the VF "
				 "mailbox of an 82576 (8086:10c9) only, not of 8086:10d3");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_boot_setup, setup, teardown),
		cmocka_unit_test_setup_teardown(test_vf_reset, setup, teardown),
		cmocka_unit_test_setup_teardown(test_requests, setup, teardown),
		cmocka_unit_test_setup_teardown(test_passthrough, setup, teardown),
		cmocka_unit_test(test_not_an_82576),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
