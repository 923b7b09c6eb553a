/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Model PCI functions for host tests: 4 KiB of config space each, with
 * per-byte writable and write-1-to-clear masks and BARs that answer
 * sizing like hardware. Header-only so each test program gets its own.
 */
#ifndef TESSERA_TEST_PCI_MODEL_H
#define TESSERA_TEST_PCI_MODEL_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "pci.h"

#define MODEL_FNS	16
#define MODEL_MEM	0x4000

struct model_fn {
	uint32_t sbdf;
	uint8_t cfg[4096], wmask[4096], w1c[4096];
	uint32_t bar_mask[7];	/* writable address bits of each BAR dword */
	unsigned long writes;	/* config writes that reached it */
	/* The first MODEL_MEM bytes of BAR mem_bar (an MSI-X table and PBA):
	 * memory that answers only while the function decodes. */
	int mem_bar;
	uint8_t mem[MODEL_MEM];
	unsigned long mem_writes, mem_dropped;
	/* SR-IOV (model_sriov): the capability's offset (0: none), the
	 * writable bits of its VF BAR dwords, and whether its VFs exist. */
	uint16_t sriov_pos;
	uint32_t vf_bar_mask[6];
	bool vfs_on;
	unsigned long vf_bar_writes_enabled;	/* VF BAR writes with VF Enable on */
};

struct model {
	struct model_fn fn[MODEL_FNS];
	unsigned int n;
};

static inline struct model_fn *model_find(struct model *m, uint32_t sbdf)
{
	for (unsigned int i = 0; i < m->n; i++)
		if (m->fn[i].sbdf == sbdf)
			return &m->fn[i];
	return NULL;
}

static inline uint32_t model_read(void *ctx, uint32_t sbdf, unsigned int off, unsigned int size)
{
	struct model_fn *f = model_find(ctx, sbdf);
	uint32_t v = 0;

	if (!f)
		return size == 4 ? ~0u : (1u << (8 * size)) - 1;
	memcpy(&v, f->cfg + off, size);
	return v;
}

static inline int model_bar_slot(unsigned int off)
{
	if (off >= PCI_BAR0 && off < PCI_BAR0 + 24)
		return (off - PCI_BAR0) / 4;
	return off == PCI_ROM_ADDRESS ? 6 : -1;
}

static inline void model_vfs_appear(struct model *m, struct model_fn *pf);

/* A VF BAR dword of pf's SR-IOV capability: its index, or -1. */
static inline int model_vf_bar_slot(const struct model_fn *f, unsigned int off)
{
	unsigned int base = f->sriov_pos + PCI_SRIOV_BAR;

	if (!f->sriov_pos || off < base || off >= base + 4 * PCI_SRIOV_NUM_BARS)
		return -1;
	return (off - base) / 4;
}

static inline void model_write(void *ctx, uint32_t sbdf, unsigned int off, unsigned int size,
			       uint32_t v)
{
	struct model_fn *f = model_find(ctx, sbdf);

	if (!f)
		return;
	f->writes++;
	for (unsigned int i = 0; i < size; i++) {
		unsigned int o = off + i;
		uint8_t b = v >> (8 * i);
		int slot = model_bar_slot(o & ~3u);

		int vf_slot = model_vf_bar_slot(f, o & ~3u);

		if (slot >= 0 || vf_slot >= 0) {
			uint32_t mask = slot >= 0 ? f->bar_mask[slot] : f->vf_bar_mask[vf_slot];
			uint8_t m = mask >> (8 * (o & 3));

			f->vf_bar_writes_enabled += vf_slot >= 0 && f->vfs_on;
			f->cfg[o] = (f->cfg[o] & ~m) | (b & m);
			continue;
		}
		f->cfg[o] &= ~(b & f->w1c[o]);
		f->cfg[o] = (f->cfg[o] & ~f->wmask[o]) | (b & f->wmask[o]);
	}
	if (f->sriov_pos && !f->vfs_on && (f->cfg[f->sriov_pos + PCI_SRIOV_CTRL] & 1))
		model_vfs_appear(ctx, f);
}

static inline void model_put(struct model_fn *f, unsigned int off, unsigned int size, uint32_t v)
{
	memcpy(f->cfg + off, &v, size);
}

static inline struct model_fn *model_add(struct model *m, uint32_t sbdf, uint16_t vendor,
					 uint16_t device, uint32_t class)
{
	struct model_fn *f = &m->fn[m->n++];

	memset(f, 0, sizeof(*f));
	f->sbdf = sbdf;
	f->mem_bar = -1;
	model_put(f, PCI_VENDOR_ID, 2, vendor);
	model_put(f, PCI_VENDOR_ID + 2, 2, device);
	model_put(f, PCI_CLASS_REVISION, 4, class << 8 | 1);
	f->wmask[PCI_COMMAND] = 0x07;
	f->wmask[PCI_COMMAND + 1] = 0x05;
	f->w1c[PCI_STATUS + 1] = 0xf9;
	return f;
}

/* A memory BAR of size bytes at addr (flags: 0 mem32, 4 mem64, 8 pf). */
static inline void model_bar(struct model_fn *f, int i, uint64_t addr, uint64_t size,
			     uint32_t flags)
{
	uint64_t mask = ~(size - 1);

	model_put(f, PCI_BAR0 + 4 * i, 4, (uint32_t)addr | flags);
	f->bar_mask[i] = (uint32_t)mask & ~0xfu;
	if (flags & 4) {
		model_put(f, PCI_BAR0 + 4 * i + 4, 4, addr >> 32);
		f->bar_mask[i + 1] = mask >> 32;
	}
}

static inline void model_rom(struct model_fn *f, uint32_t addr, uint32_t size)
{
	model_put(f, PCI_ROM_ADDRESS, 4, addr);
	f->bar_mask[6] = (~(size - 1) & 0xfffff800u) | 1;
}

/* A capability with id at pos, linked after the last one added. */
static inline void model_cap(struct model_fn *f, uint8_t pos, uint8_t id, uint8_t *last)
{
	f->cfg[pos] = id;
	f->cfg[pos + 1] = 0;
	if (*last)
		f->cfg[*last + 1] = pos;
	else
		f->cfg[PCI_CAPABILITY_LIST] = pos;
	f->cfg[PCI_STATUS] |= PCI_STATUS_CAP_LIST;
	*last = pos;
}

/* The host address of BAR i as the firmware set it. */
static inline uint64_t model_bar_addr(const struct model_fn *f, int i)
{
	uint32_t lo, hi = 0;

	memcpy(&lo, f->cfg + PCI_BAR0 + 4 * i, 4);
	if ((lo & 6) == 4)
		memcpy(&hi, f->cfg + PCI_BAR0 + 4 * i + 4, 4);
	return ((uint64_t)hi << 32 | lo) & ~0xfull;
}

/* A 4-byte access at host physical address hpa: the memory of the
 * function whose mem_bar holds it; all-ones and dropped when it does
 * not decode, as a bus would. */
static inline void model_mmio(struct model *m, uint64_t hpa, unsigned int size, bool write,
			      uint32_t *val)
{
	for (unsigned int i = 0; i < m->n; i++) {
		struct model_fn *f = &m->fn[i];
		uint64_t base;

		if (f->mem_bar < 0)
			continue;
		base = model_bar_addr(f, f->mem_bar);
		if (hpa < base || hpa + size > base + MODEL_MEM)
			continue;
		if (!(f->cfg[PCI_COMMAND] & PCI_COMMAND_MEMORY)) {
			f->mem_dropped++;
			break;
		}
		if (write) {
			memcpy(f->mem + (hpa - base), val, size);
			f->mem_writes++;
		} else {
			memcpy(val, f->mem + (hpa - base), size);
		}
		return;
	}
	if (!write)
		*val = ~0u;
}

static inline uint32_t model_mem32(const struct model_fn *f, unsigned int off)
{
	uint32_t v;

	memcpy(&v, f->mem + off, 4);
	return v;
}

/* MSI at pos with flags (64-bit, per-vector masking, capable count);
 * enable, MME, address, data and mask bits writable. */
static inline void model_msi(struct model_fn *f, uint8_t pos, uint16_t flags, uint8_t *last)
{
	unsigned int hi = flags & PCI_MSI_FLAGS_64BIT ? 4 : 0;

	model_cap(f, pos, PCI_CAP_ID_MSI, last);
	model_put(f, pos + 2, 2, flags);
	f->wmask[pos + 2] = 0x71;
	memset(f->wmask + pos + 4, 0xff, 4 + hi + 2);
	f->wmask[pos + 4] = 0xfc;
	if (flags & PCI_MSI_FLAGS_MASKBIT)
		memset(f->wmask + pos + 0xc + hi, 0xff, 4);
}

/*
 * An e1000e-like function at sbdf: two mem32 BARs, an I/O BAR, a mem32
 * BAR holding the MSI-X table (at 0) and PBA (at 0x2000), a ROM, INTA,
 * and PM, MSI, PCIe and MSI-X capabilities.
 */
static inline struct model_fn *model_add_nic(struct model *m, uint32_t sbdf)
{
	struct model_fn *f = model_add(m, sbdf, 0x8086, 0x10d3, 0x020000);
	uint8_t last = 0;

	model_bar(f, 0, 0x10000000, 0x20000, 0);
	model_bar(f, 1, 0x10020000, 0x20000, 0);
	model_put(f, PCI_BAR0 + 8, 4, 0x1001);	/* I/O BAR */
	f->bar_mask[2] = 0xffffffe0;
	model_bar(f, 3, 0x10040000, 0x4000, 0);
	model_rom(f, 0x10080000, 0x40000);
	model_put(f, PCI_INTERRUPT_PIN, 1, 1);
	model_cap(f, 0xc8, PCI_CAP_ID_PM, &last);
	model_msi(f, 0xd0, PCI_MSI_FLAGS_64BIT, &last);	/* one vector */
	model_cap(f, 0xe0, PCI_CAP_ID_EXP, &last);
	model_cap(f, 0xa0, PCI_CAP_ID_MSIX, &last);
	model_put(f, 0xa2, 2, 4);		/* 5 vectors */
	f->wmask[0xa3] = 0xc0;			/* enable, function mask */
	f->mem_bar = 3;
	for (int i = 0; i < 5; i++)		/* vectors masked at reset */
		f->mem[16 * i + 12] = 1;
	model_put(f, 0xa4, 4, 3 | 0x0000);	/* table in BAR3 at 0 */
	model_put(f, 0xa8, 4, 3 | 0x2000);	/* PBA in BAR3 at 0x2000 */
	model_put(f, 0xe2, 2, 0x0002);		/* PCIe cap version 2 */
	model_put(f, 0xe4, 4, 0x12345678);	/* device capabilities */
	return f;
}

/*
 * An igb-like SR-IOV capability at 0x160 of f (which has a PCIe
 * capability): TotalVFs and InitialVFs total, offset 0x80, stride 2, VF
 * device 0x10ca, VF BARs 0 and 3 64-bit prefetchable of 16 KiB each,
 * VF 0's at vf_bar0 and vf_bar3. Writable as the specification has it:
 * VF Enable, VF MSE, NumVFs, System Page Size, the VF BARs' address bits.
 */
static inline void model_sriov(struct model_fn *f, uint16_t total, uint64_t vf_bar0,
			       uint64_t vf_bar3)
{
	unsigned int pos = 0x160, i;

	f->sriov_pos = pos;
	model_put(f, 0x100, 4, 0x0001 | 1u << 16 | pos << 20);	/* AER, then SR-IOV */
	model_put(f, pos, 4, PCI_EXT_CAP_ID_SRIOV | 1u << 16);
	model_put(f, pos + PCI_SRIOV_INITIAL_VF, 2, total);
	model_put(f, pos + PCI_SRIOV_TOTAL_VF, 2, total);
	model_put(f, pos + PCI_SRIOV_VF_OFFSET, 2, 0x80);
	model_put(f, pos + PCI_SRIOV_VF_STRIDE, 2, 2);
	model_put(f, pos + PCI_SRIOV_VF_DID, 2, 0x10ca);
	model_put(f, pos + PCI_SRIOV_SUP_PGSIZE, 4, 0x553);
	model_put(f, pos + PCI_SRIOV_SYS_PGSIZE, 4, 1);
	f->wmask[pos + PCI_SRIOV_CTRL] = PCI_SRIOV_CTRL_VFE | PCI_SRIOV_CTRL_MSE;
	f->wmask[pos + PCI_SRIOV_NUM_VF] = 0xff;
	f->wmask[pos + PCI_SRIOV_NUM_VF + 1] = 0xff;
	for (i = 0; i < 4; i++)
		f->wmask[pos + PCI_SRIOV_SYS_PGSIZE + i] = i < 2 ? 0xff : 0;
	model_put(f, pos + PCI_SRIOV_BAR, 4, (uint32_t)vf_bar0 | 0xc);
	model_put(f, pos + PCI_SRIOV_BAR + 4, 4, vf_bar0 >> 32);
	model_put(f, pos + PCI_SRIOV_BAR + 12, 4, (uint32_t)vf_bar3 | 0xc);
	model_put(f, pos + PCI_SRIOV_BAR + 16, 4, vf_bar3 >> 32);
	f->vf_bar_mask[0] = f->vf_bar_mask[3] = ~(0x4000u - 1);
	f->vf_bar_mask[1] = f->vf_bar_mask[4] = ~0u;
}

/* VF Enable set: NumVFs VFs answer, each reading 0xffff as vendor and
 * device (SR-IOV 3.4.1.1), with no BARs of their own, no interrupt pin
 * and an MSI-X capability (table in BAR 3, as igbvf has it). */
static inline void model_vfs_appear(struct model *m, struct model_fn *pf)
{
	unsigned int pos = pf->sriov_pos, i, num;
	uint32_t rid;

	memcpy(&num, pf->cfg + pos + PCI_SRIOV_NUM_VF, 2);
	num &= 0xffff;
	pf->vfs_on = true;
	for (i = 0; i < num && m->n < MODEL_FNS; i++) {
		struct model_fn *vf;
		uint8_t last = 0;

		rid = (pf->sbdf & 0xffff) + 0x80 + 2 * i;
		vf = model_add(m, (pf->sbdf & 0xffff0000u) | rid, 0xffff, 0xffff, 0x020000);
		model_cap(vf, 0x70, PCI_CAP_ID_MSIX, &last);
		model_put(vf, 0x72, 2, 2);		/* 3 vectors */
		model_put(vf, 0x74, 4, 3 | 0x0000);	/* table in BAR3 at 0 */
		model_put(vf, 0x78, 4, 3 | 0x2000);	/* PBA in BAR3 at 0x2000 */
	}
}

/* An nvme-like function at sbdf: one mem64 prefetchable BAR. */
static inline struct model_fn *model_add_nvme(struct model *m, uint32_t sbdf)
{
	struct model_fn *f = model_add(m, sbdf, 0x1b36, 0x0010, 0x010802);

	model_bar(f, 0, 0x8000000000ull, 0x4000, 4 | 8);
	return f;
}

#endif
