// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: a guest's config-space accesses through vPCI
 * (vpci/vpci.c, vpci_header.c, vpci_msi.c). Two model functions (test/unit/
 * pci_model.h: an e1000e-like one with mem32, I/O, ROM and MSI-X BARs
 * and PM/MSI/PCIe/MSI-X capabilities, and an nvme-like mem64 one) are
 * assigned to a guest whose stage 2 is the hypervisor's own page-table
 * code; the input is a sequence of accesses, 8 bytes each:
 *   offset (u32, within the guest's ECAM, or a port of its I/O window),
 *   size selector, write flag, I/O flag, value (u32)
 *   (flags: 0x40 I/O, 0x20 an MSI-X table access in the BAR window,
 *   both: a host vector fires, vpci_msi_message)
 * Every unmap must name mapped pages, and after both devices are
 * removed nothing may stay mapped in the stage 2 (BAR-5); a forwarded
 * I/O access lies wholly inside the host I/O BAR of the guest's device;
 * the host's MSI address and MSI-X entries only ever hold the messages
 * the environment set up (VPCI-9); nothing leaks.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host_pgtable.h"
#include "pci_model.h"
#include "vpci.h"

static struct model m;
static const struct pci_cfg_ops cfg = { model_read, model_write, &m };
static struct host_s2 s2;

static void *heap_alloc(void *ctx, size_t size)
{
	return calloc(1, size);
}

static void heap_free(void *ctx, void *p)
{
	free(p);
}

/* The model nic's I/O BAR (pci_model.h): 0x1000, 32 bytes. */
static void host_io(void *ctx, uint64_t port, unsigned int size, bool write, uint32_t *val)
{
	if (port < 0x1000 || port + size > 0x1020 || (port & (size - 1))) {
		fprintf(stderr, "fuzz_vpci: %u-byte access forwarded to port 0x%llx\n", size,
			(unsigned long long)port);
		abort();
	}
	if (!write)
		*val = 0;
}

/* Host messages: the only values a host MSI register or MSI-X entry may
 * ever hold. */
#define DOORBELL	0x08090040u
#define HOST_DATA	0x20u

static int msi_setup(void *ctx, struct pci_dev *pdev, unsigned int nvec,
		     struct irq_msi_msg *msg)
{
	for (unsigned int i = 0; i < nvec; i++)
		msg[i] = (struct irq_msi_msg){ DOORBELL, HOST_DATA + i };
	return 0;
}

static void host_mmio(void *ctx, uint64_t hpa, unsigned int size, bool write, uint32_t *val)
{
	model_mmio(&m, hpa, size, write, val);
}

static struct vpci_domain vd;

/* Delivered as the hypervisor would: vPCI's locks are taken again. */
static void msi_fire(void *ctx, uint32_t vsbdf, unsigned int vector)
{
	uint64_t addr;
	uint32_t data;

	vpci_msi_message(&vd, vsbdf, vector, &addr, &data);
}

static const struct vpci_env env = {
	.map = host_s2_map, .unmap = host_s2_unmap, .alloc = heap_alloc, .free = heap_free,
	.cfg = &cfg, .ctx = &s2, .io = host_io, .msi_setup = msi_setup, .mmio = host_mmio,
	.msi_fire = msi_fire,
};

/* The nic's host MSI-X entries and MSI address hold host messages only. */
static void check_host_messages(void)
{
	const struct model_fn *f = &m.fn[0];
	uint32_t lo = model_read(&m, f->sbdf, 0xd4, 4);

	for (unsigned int i = 0; i < 5; i++) {
		uint32_t a = model_mem32(f, 16 * i), h = model_mem32(f, 16 * i + 4);
		uint32_t d = model_mem32(f, 16 * i + 8);

		if (a != DOORBELL || h || d != HOST_DATA + i) {
			fprintf(stderr, "fuzz_vpci: host MSI-X entry %u holds 0x%x:%x 0x%x\n", i,
				h, a, d);
			abort();
		}
	}
	if (lo && lo != DOORBELL) {
		fprintf(stderr, "fuzz_vpci: host MSI address 0x%x\n", lo);
		abort();
	}
}

static void build_devices(struct pci_dev *nic, struct pci_dev *nvme)
{
	struct model_fn *f;

	memset(&m, 0, sizeof(m));
	f = model_add_nic(&m, PCI_SBDF(0, 0, 2, 0));
	model_put(f, 0x100, 4, 0x00010001);	/* an extended capability (AER) */
	model_put(f, 0x60, 4, 0x00002020);	/* device-specific space */
	f->cfg[0xf0] = PCI_CAP_ID_VNDR;	/* a vendor capability, linked last */
	f->cfg[0xf2] = 0x20;			/* whose length runs past 0x100 */
	f->cfg[0xa1] = 0xf0;
	model_add_nvme(&m, PCI_SBDF(0, 1, 0, 0));
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
	size_t i;

	build_devices(&nic, &nvme);
	if (host_s2_init(&s2))
		return 0;
	vpci_domain_init(&vd, 1, &env);
	vpci_domain_add_window(&vd, 0x23000000, 0x10000000, false);
	vpci_domain_add_window(&vd, 0x900000000ull, 0x100000000ull, true);
	vpci_domain_set_io(&vd, 0, 0x10000);
	if (vpci_add_device(&vd, &nic, PCI_SBDF(0, 0, 1, 0), NULL, false) ||
	    vpci_add_device(&vd, &nvme, PCI_SBDF(0, 0, 2, 0), NULL, false))
		abort();
	for (i = 0; i + 8 <= size; i += 8) {
		uint32_t off = (data[i] | data[i + 1] << 8 | (uint32_t)data[i + 2] << 16) & 0x1fffff;
		unsigned int sz = sizes[data[i + 3] % 5];
		bool write = data[i + 3] & 0x80;
		uint32_t val = data[i + 4] | data[i + 5] << 8 | (uint32_t)data[i + 6] << 16 |
			       (uint32_t)data[i + 7] << 24;

		uint64_t v64 = val, addr;

		if ((data[i + 3] & 0x60) == 0x60)
			vpci_msi_message(&vd, PCI_SBDF(0, 0, (off >> 3) & 3, 0), off & 7, &addr,
					 &val);
		else if (data[i + 3] & 0x40)
			vpci_io_access(&vd, off & 0x1ffff, sz, write, &val);
		else if (data[i + 3] & 0x20)	/* the BAR windows: MSI-X tables */
			vpci_msix_access(&vd, 0x23000000 + (off & 0xfffff), sz, write, &v64);
		else
			vpci_ecam_access(&vd, off, sz, write, &val);
		check_host_messages();
	}
	/* Teardown: everything mapped goes (BAR-5). */
	if (vpci_remove_device(&vd, PCI_SBDF(0, 0, 1, 0)) ||
	    vpci_remove_device(&vd, PCI_SBDF(0, 0, 2, 0)))
		abort();
	if (s2.mapped_bytes) {
		fprintf(stderr, "fuzz_vpci: 0x%llx bytes still mapped after removal\n",
			(unsigned long long)s2.mapped_bytes);
		abort();
	}
	pgtable_destroy(&s2.pt);
	return 0;
}
