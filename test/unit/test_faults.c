// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fault injection (kernel/lib/fault.h; this program is built with
 * -DFAULT_INJECTION): the assignment of two functions to a guest, as
 * the hypervisor does it (ownership reserved, vPCI state built, BARs
 * mapped at boot for one and by the guest's own config writes for the
 * other, ownership activated), is run again and again with the Nth
 * fault site failing, N = 1, 2, ... until a run meets no fault. Each
 * failing run must report the failure and, after the usual teardown,
 * leave nothing behind: no owner entry, nothing mapped in the stage 2
 * (the hypervisor's own page-table code), no block allocated (and
 * LeakSanitizer checks the whole program at exit).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "lib/fault.h"
#include "owner.h"
#include "host_pgtable.h"
#include "pci_model.h"
#include "vpci.h"

#define GUEST	1
#define NIC_H	PCI_SBDF(0, 0, 2, 0)
#define NVME_H	PCI_SBDF(0, 1, 0, 0)
#define NIC_V	PCI_SBDF(0, 0, 1, 0)
#define NVME_V	PCI_SBDF(0, 0, 2, 0)

static struct model m;
static const struct pci_cfg_ops cfg = { model_read, model_write, &m };
static struct host_s2 s2;
static long live_blocks;		/* vPCI allocations not yet freed */
static struct owner_registry reg;
static uint32_t nic_gen, nvme_gen;	/* their owner entries' generations */

static void *heap_alloc(void *ctx, size_t size)
{
	void *p = calloc(1, size);

	live_blocks += p != NULL;
	return p;
}

static void heap_free(void *ctx, void *p)
{
	live_blocks -= p != NULL;
	free(p);
}

static const struct vpci_env env = {
	.map = host_s2_map, .unmap = host_s2_unmap, .alloc = heap_alloc, .free = heap_free,
	.cfg = &cfg, .ctx = &s2,
};

static void build_model(struct pci_dev *nic, struct pci_dev *nvme)
{
	struct model_fn *f;

	memset(&m, 0, sizeof(m));
	f = model_add(&m, NIC_H, 0x8086, 0x10d3, 0x020000);
	model_bar(f, 0, 0x10000000, 0x20000, 0);
	model_bar(f, 1, 0x10020000, 0x20000, 0);
	model_rom(f, 0x10080000, 0x40000);
	f = model_add(&m, NVME_H, 0x1b36, 0x0010, 0x010802);
	model_bar(f, 0, 0x8000000000ull, 0x4000, 4 | 8);
	memset(nic, 0, sizeof(*nic));
	memset(nvme, 0, sizeof(*nvme));
	assert_int_equal(pci_probe_func(&cfg, NIC_H, &nic->f), 0);
	assert_int_equal(pci_probe_func(&cfg, NVME_H, &nvme->f), 0);
}

static int guest_write(struct vpci_domain *vd, uint32_t vsbdf, unsigned int off,
		       unsigned int size, uint32_t val)
{
	return vpci_access(vd, vsbdf, off, size, true, &val);
}

/* The assignment; the first error stops it. 0 if it all went through. */
static int assign(struct vpci_domain *vd, struct pci_dev *nic, struct pci_dev *nvme)
{
	static const uint64_t nic_bars[PCI_MAX_BARS] = { 0x23000000, 0x23020000 };

	nic_gen = nvme_gen = 0;
	if (owner_reserve(&reg, NIC_H, GUEST, NIC_V, NULL, &nic_gen) ||
	    owner_reserve(&reg, NVME_H, GUEST, NVME_V, NULL, &nvme_gen))
		return -1;
	/* The NIC with planned BARs, mapped at boot; the nvme left to the
	 * guest, which places its BAR and turns decoding on. */
	if (vpci_add_device(vd, nic, NIC_V, nic_bars, true) ||
	    vpci_add_device(vd, nvme, NVME_V, NULL, false))
		return -1;
	if (guest_write(vd, NVME_V, PCI_BAR0, 4, 0x0) ||
	    guest_write(vd, NVME_V, PCI_BAR0 + 4, 4, 0x9) ||
	    guest_write(vd, NVME_V, PCI_COMMAND, 2, PCI_COMMAND_MEMORY))
		return -1;
	return owner_activate(&reg, NIC_H, nic_gen) || owner_activate(&reg, NVME_H, nvme_gen) ?
	       -1 : 0;
}

/* The teardown after a failure or at the end: whatever exists goes. */
static void teardown(struct vpci_domain *vd)
{
	uint32_t h[2] = { NIC_H, NVME_H }, v[2] = { NIC_V, NVME_V };
	uint32_t gen[2] = { nic_gen, nvme_gen }, tgen;
	unsigned int i;

	for (i = 0; i < 2; i++) {
		vpci_remove_device(vd, v[i]);
		/* Still reserved: undo. Activated: tear down. */
		if (owner_undo(&reg, h[i], gen[i]) && !owner_remove_begin(&reg, h[i], &tgen))
			owner_remove_end(&reg, h[i], tgen);
	}
}

static void test_every_fault_site(void **state)
{
	static struct pci_dev nic, nvme;
	unsigned long n, sites = 0;

	for (n = 1;; n++) {
		struct vpci_domain vd;
		uint16_t owner;
		int ret;

		build_model(&nic, &nvme);
		owner_init(&reg);
		assert_int_equal(host_s2_init(&s2), 0);
		vpci_domain_init(&vd, GUEST, &env);
		vpci_domain_add_window(&vd, 0x23000000, 0x10000000, false);
		vpci_domain_add_window(&vd, 0x900000000ull, 0x100000000ull, true);
		fault_calls = 0;
		fault_fail_at = n;
		ret = assign(&vd, &nic, &nvme);
		fault_fail_at = 0;
		if (fault_calls < n) {
			/* No fault met: the assignment went through. */
			assert_int_equal(ret, 0);
			assert_int_equal(owner_lookup(&reg, NVME_H, &owner), 0);
			assert_int_equal(owner, GUEST);
			assert_true(s2.mapped_bytes > 0);
		} else {
			/* The Nth site failed, and that was reported. */
			assert_int_equal(ret, -1);
			sites++;
		}
		teardown(&vd);
		assert_int_equal(s2.mapped_bytes, 0);
		assert_int_equal(live_blocks, 0);
		assert_int_equal(owner_lookup(&reg, NIC_H, &owner), -OWN_ENOENT);
		assert_int_equal(owner_lookup(&reg, NVME_H, &owner), -OWN_ENOENT);
		pgtable_destroy(&s2.pt);
		if (fault_calls < n)
			break;
	}
	/* Owner slots, vPCI state, the mapping record and the stage-2 map
	 * calls of both devices: every one was made to fail once. */
	print_message("%lu fault sites, each failed once and cleaned up\n", sites);
	assert_true(sites >= 8);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_fault_site),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
