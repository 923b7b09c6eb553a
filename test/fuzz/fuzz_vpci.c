// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: a guest's config-space accesses through vPCI
 * (vpci/vpci.c, vpci_header.c). Two model functions (test/unit/
 * pci_model.h: an e1000e-like one with mem32, I/O, ROM and MSI-X BARs
 * and PM/MSI/PCIe/MSI-X capabilities, and an nvme-like mem64 one) are
 * assigned to a guest whose stage 2 is the hypervisor's own page-table
 * code; the input is a sequence of ECAM accesses, 8 bytes each:
 *   offset (u32, within the guest's ECAM), size selector, write flag,
 *   value (u32)
 * Every unmap must name mapped pages, and after both devices are
 * removed nothing may stay mapped in the stage 2 (BAR-5); nothing leaks.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pci_model.h"
#include "pgtable.h"
#include "vpci.h"

static struct model m;
static const struct pci_cfg_ops cfg = { model_read, model_write, &m };
static struct pgtable s2;

static void *pt_alloc_page(void *ctx)
{
	void *p = aligned_alloc(PAGE_SIZE, PAGE_SIZE);

	if (p)
		memset(p, 0, PAGE_SIZE);
	return p;
}

static void pt_free(void *ctx, void *t)
{
	free(t);
}

static uint64_t pt_v2p(void *ctx, void *va)
{
	return (uintptr_t)va;
}

static void *pt_p2v(void *ctx, uint64_t pa)
{
	return (void *)(uintptr_t)pa;
}

static const struct pgtable_ops pt_ops = { pt_alloc_page, pt_free, pt_v2p, pt_p2v };

static uint64_t mapped_bytes;	/* mapped minus unmapped */

static int s2_map(void *ctx, uint64_t gpa, uint64_t hpa, uint64_t size)
{
	if (pgtable_map(&s2, gpa, hpa, size, S2_MEMATTR_DEVICE | S2_AP_RW))
		return -1;
	mapped_bytes += size;
	return 0;
}

static void s2_unmap(void *ctx, uint64_t gpa, uint64_t size)
{
	uint64_t a, pa, attrs;
	int level;

	/* vPCI unmaps exactly what it mapped (its record, BAR-5). */
	for (a = gpa; a < gpa + size; a += PAGE_SIZE)
		if (pgtable_lookup(&s2, a, &pa, &attrs, &level)) {
			fprintf(stderr, "fuzz_vpci: unmap of 0x%llx, which is not mapped\n",
				(unsigned long long)a);
			abort();
		}
	pgtable_unmap(&s2, gpa, size);
	mapped_bytes -= size;
}

static void *heap_alloc(void *ctx, size_t size)
{
	return calloc(1, size);
}

static void heap_free(void *ctx, void *p)
{
	free(p);
}

static const struct vpci_env env = { s2_map, s2_unmap, heap_alloc, heap_free, &cfg, NULL };

static void build_devices(struct pci_dev *nic, struct pci_dev *nvme)
{
	struct model_fn *f;
	uint8_t last = 0;

	memset(&m, 0, sizeof(m));
	f = model_add(&m, PCI_SBDF(0, 0, 2, 0), 0x8086, 0x10d3, 0x020000);
	model_bar(f, 0, 0x10000000, 0x20000, 0);
	model_bar(f, 1, 0x10020000, 0x20000, 0);
	model_put(f, PCI_BAR0 + 8, 4, 0x1001);
	f->bar_mask[2] = 0xffffffe0;
	model_bar(f, 3, 0x10040000, 0x4000, 0);
	model_rom(f, 0x10080000, 0x40000);
	model_put(f, PCI_INTERRUPT_PIN, 1, 1);
	model_cap(f, 0xc8, PCI_CAP_ID_PM, &last);
	model_cap(f, 0xd0, PCI_CAP_ID_MSI, &last);
	model_cap(f, 0xe0, PCI_CAP_ID_EXP, &last);
	model_cap(f, 0xa0, PCI_CAP_ID_MSIX, &last);
	model_put(f, 0xa2, 2, 4);
	model_put(f, 0xa4, 4, 3);
	model_put(f, 0xa8, 4, 3 | 0x2000);
	model_put(f, 0x100, 4, 0x00010001);	/* an extended capability (AER) */
	f = model_add(&m, PCI_SBDF(0, 1, 0, 0), 0x1b36, 0x0010, 0x010802);
	model_bar(f, 0, 0x8000000000ull, 0x4000, 4 | 8);
	memset(nic, 0, sizeof(*nic));
	memset(nvme, 0, sizeof(*nvme));
	if (pci_probe_func(&cfg, PCI_SBDF(0, 0, 2, 0), &nic->f) ||
	    pci_probe_func(&cfg, PCI_SBDF(0, 1, 0, 0), &nvme->f))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct pci_dev nic, nvme;
	static const unsigned int sizes[] = { 1, 2, 4, 8, 3 };	/* 8 and 3: bad sizes */
	struct vpci_domain vd;
	size_t i;

	build_devices(&nic, &nvme);
	if (pgtable_init(&s2, 1, &pt_ops, NULL))
		return 0;
	vpci_domain_init(&vd, 1, &env);
	vpci_domain_add_window(&vd, 0x23000000, 0x10000000, false);
	vpci_domain_add_window(&vd, 0x900000000ull, 0x100000000ull, true);
	if (vpci_add_device(&vd, &nic, PCI_SBDF(0, 0, 1, 0), NULL, false) ||
	    vpci_add_device(&vd, &nvme, PCI_SBDF(0, 0, 2, 0), NULL, false))
		abort();
	for (i = 0; i + 8 <= size; i += 8) {
		uint32_t off = (data[i] | data[i + 1] << 8 | (uint32_t)data[i + 2] << 16) & 0x1fffff;
		unsigned int sz = sizes[data[i + 3] % 5];
		bool write = data[i + 3] & 0x80;
		uint32_t val = data[i + 4] | data[i + 5] << 8 | (uint32_t)data[i + 6] << 16 |
			       (uint32_t)data[i + 7] << 24;

		vpci_ecam_access(&vd, off, sz, write, &val);
	}
	/* Teardown: everything mapped goes (BAR-5). */
	if (vpci_remove_device(&vd, PCI_SBDF(0, 0, 1, 0)) ||
	    vpci_remove_device(&vd, PCI_SBDF(0, 0, 2, 0)))
		abort();
	if (mapped_bytes) {
		fprintf(stderr, "fuzz_vpci: 0x%llx bytes still mapped after removal\n",
			(unsigned long long)mapped_bytes);
		abort();
	}
	pgtable_destroy(&s2);
	return 0;
}
