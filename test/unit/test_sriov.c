// SPDX-License-Identifier: GPL-2.0-only
/*
 * SR-IOV against model functions (test/unit/pci_model.h, an igb-like PF
 * whose VFs appear when VF Enable is set): the capability parsed and its
 * VF BARs sized (vpci/pci.c), VF requester ids and BARs, the enable
 * sequence, the shared model of a VF, the plan's refusals
 * (vpci/plan_check.c), and what a guest reads from a VF (vpci_header.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "owner.h"
#include "pci.h"
#include "pci_model.h"
#include "vpci_env.h"
#include "plan_check.h"
#include "vpci.h"

#define PF		PCI_SBDF(0, 0, 2, 0)
#define VF0_BAR0	0x11000000ull
#define VF0_BAR3	0x11010000ull

static struct model m;
static const struct pci_cfg_ops cfg = { model_read, model_write, &m };
static struct pci_func pf;

/* An igb-like PF at 00:02.0 with a PCIe capability and 8 VFs, probed. */
static int setup(void **state)
{
	struct model_fn *f;
	uint8_t last = 0;

	memset(&m, 0, sizeof(m));
	f = model_add(&m, PF, 0x8086, 0x10c9, 0x020000);
	model_bar(f, 0, 0x10020000, 0x20000, 0);
	model_cap(f, 0xa0, PCI_CAP_ID_EXP, &last);
	model_sriov(f, 8, 0x8000004000ull, 0x8000024000ull);
	assert_int_equal(pci_probe_func(&cfg, PF, &pf), 0);
	return 0;
}

static void test_capability_parsed(void **state)
{
	const struct pci_sriov *s = &pf.sriov;
	struct model_fn *f = model_find(&m, PF);

	assert_int_equal(s->pos, 0x160);
	assert_int_equal(s->total, 8);
	assert_int_equal(s->initial, 8);
	assert_int_equal(s->num, 0);
	assert_int_equal(s->offset, 0x80);
	assert_int_equal(s->stride, 2);
	assert_int_equal(s->vf_device, 0x10ca);
	assert_int_equal(s->page_sizes, 0x553);
	/* VF BARs sized like BARs: one VF's size, VF 0's address. */
	assert_int_equal(s->vf_bar[0].kind, PCI_BAR_MEM64);
	assert_true(s->vf_bar[0].prefetch);
	assert_int_equal(s->vf_bar[0].size, 0x4000);
	assert_int_equal(s->vf_bar[0].addr, 0x8000004000ull);
	assert_int_equal(s->vf_bar[3].size, 0x4000);
	assert_int_equal(s->vf_bar[3].addr, 0x8000024000ull);
	assert_int_equal(s->vf_bar[1].size, 0);
	assert_int_equal(s->vf_bar[5].size, 0);
	/* Sizing left the VF BARs and the control as they were. */
	assert_int_equal(model_read(&m, PF, 0x160 + PCI_SRIOV_BAR, 4), 0x400c);
	assert_int_equal(model_read(&m, PF, 0x160 + PCI_SRIOV_BAR + 4, 4), 0x80);
	assert_int_equal(f->cfg[0x160 + PCI_SRIOV_CTRL], 0);
	/* The PF itself is a function with its own header BARs. */
	assert_int_equal(pf.bar[0].size, 0x20000);
	assert_false(pf.is_vf);
}

static void test_vf_rids_and_bars(void **state)
{
	struct pci_bar b;
	uint32_t sbdf;

	assert_int_equal(pci_sriov_vf_sbdf(&pf, 0, &sbdf), 0);
	assert_int_equal(sbdf, PCI_SBDF(0, 0, 0x12, 0));
	assert_int_equal(pci_sriov_vf_sbdf(&pf, 1, &sbdf), 0);
	assert_int_equal(sbdf, PCI_SBDF(0, 0, 0x12, 2));
	assert_int_equal(pci_sriov_vf_sbdf(&pf, 7, &sbdf), 0);
	assert_int_equal(sbdf, PCI_SBDF(0, 0, 0x13, 6));
	/* The offset may carry into the bus number ... */
	pf.sbdf = PCI_SBDF(0, 3, 0x1f, 0);
	assert_int_equal(pci_sriov_vf_sbdf(&pf, 1, &sbdf), 0);
	assert_int_equal(sbdf, PCI_SBDF(0, 4, 0x0f, 2));
	/* ... but not past the last requester id. */
	pf.sbdf = PCI_SBDF(0, 0xff, 0x1f, 0);
	assert_int_equal(pci_sriov_vf_sbdf(&pf, 0, &sbdf), -1);
	pf.sbdf = PF;
	pci_sriov_vf_bar(&pf, 0, 0, &b);
	assert_int_equal(b.addr, 0x8000004000ull);
	pci_sriov_vf_bar(&pf, 3, 0, &b);
	assert_int_equal(b.addr, 0x8000004000ull + 3 * 0x4000);
	pci_sriov_vf_bar(&pf, 5, 3, &b);
	assert_int_equal(b.addr, 0x8000024000ull + 5 * 0x4000);
	assert_int_equal(b.size, 0x4000);
	assert_int_equal(b.kind, PCI_BAR_MEM64);
}

static void test_enable_and_vf_model(void **state)
{
	const uint64_t addr[PCI_SRIOV_NUM_BARS] = { [0] = VF0_BAR0, [3] = VF0_BAR3 };
	struct model_fn *f = model_find(&m, PF);
	struct pci_func vf;

	/* Before VF Enable no VF answers. */
	pf.sriov.num = 2;
	assert_int_equal(pci_sriov_vf(&cfg, &pf, 0, &vf), -1);
	pci_sriov_enable(&cfg, &pf, 2, addr);
	assert_true(f->vfs_on);
	assert_int_equal(f->vf_bar_writes_enabled, 0);	/* BARs before VF Enable */
	assert_int_equal(model_read(&m, PF, 0x160 + PCI_SRIOV_NUM_VF, 2), 2);
	assert_int_equal(model_read(&m, PF, 0x160 + PCI_SRIOV_CTRL, 2),
			 PCI_SRIOV_CTRL_VFE | PCI_SRIOV_CTRL_MSE);
	assert_int_equal(model_read(&m, PF, 0x160 + PCI_SRIOV_BAR, 4), 0x1100000c);
	assert_int_equal(model_read(&m, PF, 0x160 + PCI_SRIOV_BAR + 4, 4), 0);
	assert_int_equal(model_read(&m, PF, 0x160 + PCI_SRIOV_SYS_PGSIZE, 4), 1);
	assert_int_equal(pf.sriov.num, 2);
	assert_int_equal(pf.sriov.vf_bar[0].addr, VF0_BAR0);
	/* The VF's own header reads 0xffff as its identity. */
	assert_int_equal(model_read(&m, PCI_SBDF(0, 0, 0x12, 2), PCI_VENDOR_ID, 4), 0xffffffff);
	assert_int_equal(pci_sriov_vf(&cfg, &pf, 1, &vf), 0);
	assert_int_equal(vf.sbdf, PCI_SBDF(0, 0, 0x12, 2));
	assert_int_equal(vf.vendor, 0x8086);
	assert_int_equal(vf.device, 0x10ca);
	assert_int_equal(vf.class, 0x020000);
	assert_true(vf.is_vf);
	assert_int_equal(vf.vf_index, 1);
	assert_int_equal(vf.pf_sbdf, PF);
	assert_int_equal(vf.bar[0].addr, VF0_BAR0 + 0x4000);
	assert_int_equal(vf.bar[0].size, 0x4000);
	assert_int_equal(vf.bar[3].addr, VF0_BAR3 + 0x4000);
	assert_int_equal(vf.bar[1].size, 0);
	assert_int_equal(vf.msix.table_bar, 3);
	assert_int_equal(vf.sriov.pos, 0);
	/* Past NumVFs there is no VF. */
	assert_int_equal(pci_sriov_vf(&cfg, &pf, 2, &vf), -1);
	/* Ordinary enumeration never finds a VF (its vendor reads 0xffff). */
	assert_int_equal(pci_probe_func(&cfg, PCI_SBDF(0, 0, 0x12, 0), &vf), -1);
}

static const char *owner_name(void *ctx, uint16_t owner)
{
	return owner == OWNER_DOM_IO ? "dom_io" : owner == OWNER_DOM_XEN ? "dom_xen" :
	       owner == 1 ? "A" : "B";
}

static void test_plan_refusals(void **state)
{
	const uint64_t none[PCI_SRIOV_NUM_BARS] = { 0 };
	uint64_t addr[PCI_SRIOV_NUM_BARS] = { [0] = VF0_BAR0, [3] = VF0_BAR3 };
	struct plan_check pc = { 0 };
	struct pci_func plain = pf;

	assert_int_equal(plan_check_sriov(&pc, &pf, 2, addr), 0);
	assert_int_equal(plan_check_sriov(&pc, &pf, 8, none), 0);	/* the firmware's */
	assert_int_equal(plan_check_sriov(&pc, &pf, 9, addr), -1);
	assert_string_equal(pc.err,
			    "0000:00:02.0: tessera,sriov-vfs = <9>, but it has from 1 to 8 VFs (TotalVFs)");
	assert_int_equal(plan_check_sriov(&pc, &pf, 0, addr), -1);
	plain.sriov.pos = 0;
	assert_int_equal(plan_check_sriov(&pc, &plain, 2, addr), -1);
	assert_string_equal(pc.err,
			    "0000:00:02.0 has no SR-IOV capability: tessera,sriov-vfs cannot enable VFs on it");
	addr[3] = VF0_BAR3 + 0x800;	/* not aligned to one VF's 16 KiB */
	assert_int_equal(plan_check_sriov(&pc, &pf, 2, addr), -1);
	assert_non_null(strstr(pc.err, "VF BAR 3 (0x4000 per VF) has no usable address 0x11010800"));
	plain = pf;
	plain.sriov.vf_bar[0].addr = 0;	/* neither firmware nor plan placed it */
	assert_int_equal(plan_check_sriov(&pc, &plain, 2, none), -1);
	assert_non_null(strstr(pc.err, "VF BAR 0"));
	plain.sbdf = PCI_SBDF(0, 0xff, 0x1f, 0);
	assert_int_equal(plan_check_sriov(&pc, &plain, 1, addr), -1);
	assert_non_null(strstr(pc.err, "past ffff"));
}

/* A PF with VFs enabled never goes to a guest; its VFs, one slot apart
 * from nothing, go to two guests. */
static void test_plan_pf_and_vfs(void **state)
{
	static struct plan_span spans[3 * PLAN_SPANS_PER_FUNC];
	static uint32_t order[3];
	static struct pci_dev devs[3];
	struct plan_check pc = { .devs = devs, .nr = 3, .owner_name = owner_name,
				 .spans = spans, .order = order };
	const uint64_t addr[PCI_SRIOV_NUM_BARS] = { [0] = VF0_BAR0, [3] = VF0_BAR3 };
	unsigned int i;

	pci_sriov_enable(&cfg, &pf, 2, addr);
	memset(devs, 0, sizeof(devs));
	devs[0].f = pf;
	assert_int_equal(pci_sriov_vf(&cfg, &pf, 0, &devs[1].f), 0);
	assert_int_equal(pci_sriov_vf(&cfg, &pf, 1, &devs[2].f), 0);
	for (i = 0; i < 3; i++)
		devs[i].intx = -1;
	devs[0].owner = OWNER_DOM_IO;
	devs[1].owner = 1;
	devs[2].owner = 2;
	/* 00:12.0 and 00:12.2 share a slot but are not one device's. */
	assert_int_equal(plan_check_all(&pc), 0);
	devs[0].owner = 1;
	assert_int_equal(plan_check_all(&pc), -1);
	assert_string_equal(pc.err,
			    "0000:00:02.0 has 2 SR-IOV virtual functions enabled, so it cannot be given to A: a PF's driver controls its VFs");
	/* Two VFs' BARs on one page, of two owners: refused like any BARs. */
	devs[0].owner = OWNER_DOM_IO;
	devs[2].f.bar[0].addr = devs[1].f.bar[0].addr;
	assert_int_equal(plan_check_all(&pc), -1);
}

/* ---- what a guest reads from a VF ---- */

static void test_guest_view(void **state)
{
	const struct vpci_env env = { .map = s2_ignore_map, .unmap = s2_ignore_unmap, .alloc = heap_alloc,
				       .free = heap_free, .cfg = &cfg };
	const uint64_t addr[PCI_SRIOV_NUM_BARS] = { [0] = VF0_BAR0, [3] = VF0_BAR3 };
	const uint32_t vs = PCI_SBDF(0, 0, 1, 0);
	static struct vpci_domain vd;
	static struct pci_dev vf;
	uint32_t v;

	pci_sriov_enable(&cfg, &pf, 1, addr);
	memset(&vf, 0, sizeof(vf));
	assert_int_equal(pci_sriov_vf(&cfg, &pf, 0, &vf.f), 0);
	model_put(model_find(&m, vf.f.sbdf), PCI_INTERRUPT_PIN, 1, 1);	/* a wrong pin */
	vpci_domain_init(&vd, 1, &env);
	vpci_domain_add_window(&vd, 0x23000000, 0x10000000, false);
	assert_int_equal(vpci_add_device(&vd, &vf, vs, NULL, false), 0);
	assert_int_equal(vpci_access(&vd, vs, PCI_VENDOR_ID, 4, false, &v), 0);
	assert_int_equal(v, 0x10ca8086);
	assert_int_equal(vpci_access(&vd, vs, PCI_VENDOR_ID + 2, 2, false, &v), 0);
	assert_int_equal(v, 0x10ca);
	assert_int_equal(vpci_access(&vd, vs, PCI_INTERRUPT_PIN, 1, false, &v), 0);
	assert_int_equal(v, 0);
	/* BAR 0 sizes as the VF BAR: 16 KiB, 64-bit prefetchable. */
	v = ~0u;
	assert_int_equal(vpci_access(&vd, vs, PCI_BAR0, 4, true, &v), 0);
	assert_int_equal(vpci_access(&vd, vs, PCI_BAR0, 4, false, &v), 0);
	assert_int_equal(v, 0xffffc00c);
	assert_int_equal(vpci_access(&vd, vs, PCI_BAR0 + 12, 4, false, &v), 0);
	assert_int_equal(v, 0x0000000c);	/* BAR 3 unplaced, flags only */
	assert_int_equal(vpci_remove_device(&vd, vs), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_capability_parsed, setup),
		cmocka_unit_test_setup(test_vf_rids_and_bars, setup),
		cmocka_unit_test_setup(test_enable_and_vf_model, setup),
		cmocka_unit_test_setup(test_plan_refusals, setup),
		cmocka_unit_test_setup(test_plan_pf_and_vfs, setup),
		cmocka_unit_test_setup(test_guest_view, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
