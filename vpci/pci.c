// SPDX-License-Identifier: GPL-2.0-only
#include "pci.h"

#include "lib/printf.h"

#include "lib/string.h"

static uint32_t rd(const struct pci_cfg_ops *o, uint32_t sbdf, unsigned int off, unsigned int sz)
{
	return o->read(o->ctx, sbdf, off, sz);
}

static void wr(const struct pci_cfg_ops *o, uint32_t sbdf, unsigned int off, unsigned int sz,
	       uint32_t v)
{
	o->write(o->ctx, sbdf, off, sz, v);
}

/* Write all-ones, read back the size mask, restore. */
static uint32_t probe_mask(const struct pci_cfg_ops *o, uint32_t sbdf, unsigned int off,
			   uint32_t ones)
{
	uint32_t old = rd(o, sbdf, off, 4), mask;

	wr(o, sbdf, off, 4, ones);
	mask = rd(o, sbdf, off, 4);
	wr(o, sbdf, off, 4, old);
	return mask;
}

/* One BAR at index i of the BARs at base (the header's, or the VF BARs
 * of an SR-IOV capability); returns how many BAR slots it used (1 or 2). */
static int size_bar(const struct pci_cfg_ops *o, uint32_t sbdf, unsigned int base, int i,
		    struct pci_bar *b)
{
	unsigned int off = base + 4 * i;
	uint32_t lo = rd(o, sbdf, off, 4), mask = probe_mask(o, sbdf, off, ~0u);

	memset(b, 0, sizeof(*b));
	if (lo & 1) {
		mask &= ~3u;
		if (mask) {
			b->kind = PCI_BAR_IO;
			b->addr = lo & ~3u;
			/* I/O BARs may implement only 16 address bits */
			b->size = (uint32_t)(~(mask | ((mask & 0xffff0000u) ? 0 : 0xffff0000u)) + 1);
		}
		return 1;
	}
	b->prefetch = lo & 8;
	if (((lo >> 1) & 3) == 2 && i < 5) {
		uint32_t hi = rd(o, sbdf, off + 4, 4);
		uint64_t m = (uint64_t)probe_mask(o, sbdf, off + 4, ~0u) << 32 | (mask & ~0xfu);

		if (m & ~0xfull) {
			b->kind = PCI_BAR_MEM64;
			b->addr = (uint64_t)hi << 32 | (lo & ~0xfu);
			b->size = ~m + 1;
		}
		return 2;
	}
	mask &= ~0xfu;
	if (mask) {
		b->kind = PCI_BAR_MEM32;
		b->addr = lo & ~0xfu;
		b->size = (uint32_t)(~mask + 1);
	}
	return 1;
}

static void size_rom(const struct pci_cfg_ops *o, uint32_t sbdf, unsigned int off,
		     struct pci_bar *b)
{
	uint32_t lo = rd(o, sbdf, off, 4), mask = probe_mask(o, sbdf, off, 0xfffff800u);

	memset(b, 0, sizeof(*b));
	mask &= 0xfffff800u;
	if (mask) {
		b->kind = PCI_BAR_ROM;
		b->addr = lo & 0xfffff800u;
		b->size = (uint32_t)(~mask + 1);
	}
}

/* A BIR of 6 or 7 is reserved: such a table is in no BAR. */
static void read_msix(const struct pci_cfg_ops *o, uint32_t sbdf, unsigned int pos,
		      struct pci_msix *m)
{
	uint32_t entries = (rd(o, sbdf, pos + 2, 2) & 0x7ff) + 1;
	uint32_t table = rd(o, sbdf, pos + PCI_MSIX_TABLE, 4);
	uint32_t pba = rd(o, sbdf, pos + PCI_MSIX_PBA, 4);

	m->pos = pos;
	m->entries = entries;
	m->table_bar = table & 7;
	m->table = table & ~7u;
	m->table_size = entries * 16;
	m->pba_bar = pba & 7;
	m->pba = pba & ~7u;
	m->pba_size = (entries + 63) / 64 * 8;
}

static void read_msi(const struct pci_cfg_ops *o, uint32_t sbdf, unsigned int pos,
		     struct pci_msi *m)
{
	uint32_t flags = rd(o, sbdf, pos + PCI_MSI_FLAGS, 2);
	unsigned int mmc = (flags >> 1) & 7;

	m->pos = pos;
	m->vectors = 1u << (mmc > 5 ? 5 : mmc);	/* 6 and 7 are reserved */
	m->addr64 = flags & PCI_MSI_FLAGS_64BIT;
	m->maskable = flags & PCI_MSI_FLAGS_MASKBIT;
}

/* Both lists are bounded: a hostile or broken device cannot make us loop. */
static void walk_caps(const struct pci_cfg_ops *o, uint32_t sbdf, struct pci_func *f)
{
	unsigned int pos, steps;
	bool pcie = false;

	/* A bridge without a PCI Express capability is a conventional one. */
	if (f->header == 1)
		f->bridge_kind = PCI_BRIDGE_PCI_TO_PCI;
	if (!(rd(o, sbdf, PCI_STATUS, 2) & PCI_STATUS_CAP_LIST))
		return;
	pos = rd(o, sbdf, PCI_CAPABILITY_LIST, 1) & 0xfc;
	for (steps = 0; pos; steps++) {
		uint32_t hdr;

		if (pos < 0x40 || steps == 48) {
			f->bad_caps = true;
			return;
		}
		hdr = rd(o, sbdf, pos, 2);
		if ((hdr & 0xff) == PCI_CAP_ID_EXP && !pcie && f->header == 1)
			f->bridge_kind = PCI_EXP_TYPE(rd(o, sbdf, pos + PCI_EXP_FLAGS, 2)) ==
					 PCI_EXP_TYPE_PCI_BRIDGE ? PCI_BRIDGE_PCIE_TO_PCI :
					 PCI_BRIDGE_PCIE;
		if ((hdr & 0xff) == PCI_CAP_ID_EXP)
			pcie = true;
		if ((hdr & 0xff) == PCI_CAP_ID_MSIX && f->msix.table_bar < 0)
			read_msix(o, sbdf, pos, &f->msix);
		if ((hdr & 0xff) == PCI_CAP_ID_MSI && !f->msi.pos)
			read_msi(o, sbdf, pos, &f->msi);
		if (f->nr_caps < PCI_MAX_CAPS)
			f->caps[f->nr_caps++] = hdr & 0xff;
		pos = (hdr >> 8) & 0xfc;
	}
	if (!pcie)
		return;
	for (pos = PCI_EXT_CAP_START, steps = 0; pos; steps++) {
		uint32_t hdr = rd(o, sbdf, pos, 4);

		if (!hdr || hdr == ~0u)
			return;
		if (steps == (4096 - 256) / 4) {
			f->bad_caps = true;
			return;
		}
		if (f->nr_ext_caps < PCI_MAX_CAPS)
			f->ext_caps[f->nr_ext_caps++] = hdr & 0xffff;
		if ((hdr & 0xffff) == PCI_EXT_CAP_ID_SRIOV && !f->sriov.pos && f->header == 0)
			f->sriov.pos = pos;
		pos = (hdr >> 20) & 0xffc;
		if (pos && pos < PCI_EXT_CAP_START) {
			f->bad_caps = true;
			return;
		}
	}
}

/* The SR-IOV capability, its VF BARs sized with VF MSE off meanwhile
 * (everything restored). */
static void read_sriov(const struct pci_cfg_ops *o, struct pci_func *f)
{
	struct pci_sriov *s = &f->sriov;
	unsigned int pos = s->pos, i;

	s->ctrl = rd(o, f->sbdf, pos + PCI_SRIOV_CTRL, 2);
	s->initial = rd(o, f->sbdf, pos + PCI_SRIOV_INITIAL_VF, 2);
	s->total = rd(o, f->sbdf, pos + PCI_SRIOV_TOTAL_VF, 2);
	s->num = rd(o, f->sbdf, pos + PCI_SRIOV_NUM_VF, 2);
	s->offset = rd(o, f->sbdf, pos + PCI_SRIOV_VF_OFFSET, 2);
	s->stride = rd(o, f->sbdf, pos + PCI_SRIOV_VF_STRIDE, 2);
	s->vf_device = rd(o, f->sbdf, pos + PCI_SRIOV_VF_DID, 2);
	s->page_sizes = rd(o, f->sbdf, pos + PCI_SRIOV_SUP_PGSIZE, 4);
	wr(o, f->sbdf, pos + PCI_SRIOV_CTRL, 2, s->ctrl & ~PCI_SRIOV_CTRL_MSE);
	for (i = 0; i < PCI_SRIOV_NUM_BARS;)
		i += size_bar(o, f->sbdf, pos + PCI_SRIOV_BAR, i, &s->vf_bar[i]);
	wr(o, f->sbdf, pos + PCI_SRIOV_CTRL, 2, s->ctrl);
	/* VFs decode memory only: an I/O VF BAR is not one (9.3.3.14). */
	for (i = 0; i < PCI_SRIOV_NUM_BARS; i++)
		if (s->vf_bar[i].kind == PCI_BAR_IO)
			memset(&s->vf_bar[i], 0, sizeof(s->vf_bar[i]));
}

int pci_probe_func(const struct pci_cfg_ops *o, uint32_t sbdf, struct pci_func *f)
{
	uint32_t id = rd(o, sbdf, PCI_VENDOR_ID, 4);
	uint16_t cmd;
	int i, nr_bars;

	if ((id & 0xffff) == 0xffff || (id & 0xffff) == 0)
		return -1;
	memset(f, 0, sizeof(*f));
	f->sbdf = sbdf;
	f->vendor = id & 0xffff;
	f->device = id >> 16;
	f->class = rd(o, sbdf, PCI_CLASS_REVISION, 4) >> 8;
	f->header = rd(o, sbdf, PCI_HEADER_TYPE, 1);
	f->multifunction = f->header & 0x80;
	f->header &= 0x7f;
	nr_bars = f->header == 0 ? 6 : f->header == 1 ? 2 : 0;

	/* No decoding while a BAR holds all-ones. */
	cmd = rd(o, sbdf, PCI_COMMAND, 2);
	wr(o, sbdf, PCI_COMMAND, 2, cmd & ~(PCI_COMMAND_IO | PCI_COMMAND_MEMORY));
	for (i = 0; i < nr_bars; i += size_bar(o, sbdf, PCI_BAR0, i, &f->bar[i]))
		;
	if (f->header <= 1)
		size_rom(o, sbdf, f->header ? PCI_ROM_ADDRESS1 : PCI_ROM_ADDRESS, &f->bar[6]);
	wr(o, sbdf, PCI_COMMAND, 2, cmd);
	if (f->header == 1) {
		uint32_t buses = rd(o, sbdf, PCI_PRIMARY_BUS, 4);

		f->secondary = buses >> 8;
		f->subordinate = buses >> 16;
	}
	f->msix.table_bar = f->msix.pba_bar = -1;
	walk_caps(o, sbdf, f);
	if (f->sriov.pos)
		read_sriov(o, f);
	return 0;
}

unsigned int pci_enumerate(const struct pci_cfg_ops *o, unsigned int seg,
			   unsigned int bus_first, unsigned int bus_last,
			   struct pci_func *out, unsigned int max)
{
	unsigned int bus, dev, fn, n = 0;

	/* Every bus in the host bridge's range: functions behind bridges
	 * are found without following the bridges. */
	for (bus = bus_first; bus <= bus_last && bus < 256; bus++)
		for (dev = 0; dev < 32; dev++)
			for (fn = 0; fn < 8; fn++) {
				struct pci_func tmp, *f = n < max ? &out[n] : &tmp;

				if (pci_probe_func(o, PCI_SBDF(seg, bus, dev, fn), f)) {
					if (fn == 0)
						break;	/* no device in this slot */
					continue;
				}
				n++;
				if (fn == 0 && !f->multifunction)
					break;
			}
	return n;
}

int pci_sriov_vf_sbdf(const struct pci_func *pf, unsigned int n, uint32_t *sbdf)
{
	uint32_t rid = (pf->sbdf & 0xffff) + pf->sriov.offset + n * pf->sriov.stride;

	if (!pf->sriov.pos || rid > 0xffff || (n && !pf->sriov.stride))
		return -1;
	*sbdf = (pf->sbdf & 0xffff0000u) | rid;
	return 0;
}

void pci_sriov_vf_bar(const struct pci_func *pf, unsigned int n, unsigned int i,
		      struct pci_bar *out)
{
	*out = pf->sriov.vf_bar[i];
	if (out->size)
		out->addr += (uint64_t)n * out->size;
}

static void write_vf_bar(const struct pci_cfg_ops *o, const struct pci_func *pf,
			 unsigned int i, uint64_t addr)
{
	unsigned int off = pf->sriov.pos + PCI_SRIOV_BAR + 4 * i;
	uint32_t flags = rd(o, pf->sbdf, off, 4) & 0xf;

	wr(o, pf->sbdf, off, 4, (uint32_t)addr | flags);
	if (pf->sriov.vf_bar[i].kind == PCI_BAR_MEM64)
		wr(o, pf->sbdf, off + 4, 4, addr >> 32);
}

void pci_sriov_enable(const struct pci_cfg_ops *o, struct pci_func *pf, unsigned int nr,
		      const uint64_t bar_addr[PCI_SRIOV_NUM_BARS])
{
	struct pci_sriov *s = &pf->sriov;
	unsigned int pos = s->pos, i;

	/* NumVFs and the VF BARs may change only with VF Enable off. */
	s->ctrl &= ~(PCI_SRIOV_CTRL_VFE | PCI_SRIOV_CTRL_MSE);
	wr(o, pf->sbdf, pos + PCI_SRIOV_CTRL, 2, s->ctrl);
	for (i = 0; i < PCI_SRIOV_NUM_BARS; i++) {
		if (!s->vf_bar[i].size || !bar_addr[i])
			continue;
		write_vf_bar(o, pf, i, bar_addr[i]);
		s->vf_bar[i].addr = bar_addr[i];
	}
	/* 4 KiB, always supported: VF BARs are aligned to it. */
	wr(o, pf->sbdf, pos + PCI_SRIOV_SYS_PGSIZE, 4, 1);
	wr(o, pf->sbdf, pos + PCI_SRIOV_NUM_VF, 2, nr);
	s->num = nr;
	if (!nr)
		return;
	s->ctrl |= PCI_SRIOV_CTRL_VFE | PCI_SRIOV_CTRL_MSE;
	wr(o, pf->sbdf, pos + PCI_SRIOV_CTRL, 2, s->ctrl);
}

int pci_sriov_vf_model(const struct pci_func *pf, unsigned int n, struct pci_func *vf)
{
	unsigned int i;

	memset(vf, 0, sizeof(*vf));
	if (pci_sriov_vf_sbdf(pf, n, &vf->sbdf))
		return -1;
	vf->vendor = pf->vendor;
	vf->device = pf->sriov.vf_device;
	vf->class = pf->class;
	vf->is_vf = true;
	vf->vf_index = n;
	vf->pf_sbdf = pf->sbdf;
	for (i = 0; i < PCI_SRIOV_NUM_BARS; i++)
		pci_sriov_vf_bar(pf, n, i, &vf->bar[i]);
	vf->msix.table_bar = vf->msix.pba_bar = -1;
	return 0;
}

int pci_sriov_vf(const struct pci_cfg_ops *o, const struct pci_func *pf, unsigned int n,
		 struct pci_func *vf)
{
	if (n >= pf->sriov.num || pci_sriov_vf_model(pf, n, vf) ||
	    rd(o, vf->sbdf, PCI_CLASS_REVISION, 4) == ~0u)
		return -1;
	vf->class = rd(o, vf->sbdf, PCI_CLASS_REVISION, 4) >> 8;
	walk_caps(o, vf->sbdf, vf);
	vf->sriov.pos = 0;	/* a VF's own SR-IOV capability means nothing */
	return 0;
}

bool pci_func_kept_by_hypervisor(const struct pci_func *f)
{
	return f->header == 1 || (f->class >> 8) == 0x0600 || (f->class >> 8) == 0x0601 ||
	       (f->class >> 8) == 0x0806 ||
	       (f->vendor == PCI_EXIT_DEV_VENDOR && f->device == PCI_EXIT_DEV_DEVICE);
}

bool pci_func_has_msi(const struct pci_func *f)
{
	return f->msi.vectors || f->msix.table_bar >= 0;
}

bool pci_msix_usable(const struct pci_func *f)
{
	const struct pci_msix *x = &f->msix;
	int bars[2] = { x->table_bar, x->pba_bar };
	uint64_t end[2] = { (uint64_t)x->table + x->table_size, (uint64_t)x->pba + x->pba_size };
	unsigned int k;

	for (k = 0; k < 2; k++) {
		const struct pci_bar *b = &f->bar[bars[k] < 6 && bars[k] >= 0 ? bars[k] : 0];

		if (bars[k] < 0 || bars[k] > 5 || (f->unusable >> bars[k] & 1) ||
		    (b->kind != PCI_BAR_MEM32 && b->kind != PCI_BAR_MEM64) || end[k] > b->size)
			return false;
	}
	return true;
}

unsigned int pci_msi_host_vectors(const struct pci_func *f, unsigned int max_msix)
{
	unsigned int msix = 0;

	if (pci_msix_usable(f))
		msix = f->msix.entries < max_msix ? f->msix.entries : max_msix;
	return f->msi.vectors > msix ? f->msi.vectors : msix;
}

const char *pci_func_kept_reason(const struct pci_func *f)
{
	if (f->header == 1)
		return "is a bridge; only endpoints can be assigned";
	if ((f->class >> 8) == 0x0600)
		return "is a host bridge; only endpoints can be assigned";
	/* The PC's legacy devices are behind it: the hypervisor's console,
	 * timers and power control (q35's LPC bridge at 00:1f.0). */
	if ((f->class >> 8) == 0x0601)
		return "is an ISA bridge, whose legacy devices the hypervisor keeps";
	if ((f->class >> 8) == 0x0806)
		return "is an IOMMU, which the hypervisor drives";
	return "is the exit device, which the hypervisor keeps";
}

const char *pci_bridge_kind_name(unsigned int kind)
{
	if (kind == PCI_BRIDGE_PCIE_TO_PCI)
		return "PCIe-to-PCI bridge";
	return kind == PCI_BRIDGE_PCI_TO_PCI ? "PCI-to-PCI bridge" : "PCIe port";
}

const char *pci_bar_kind_name(unsigned int kind)
{
	static const char *const names[] = { "none", "mem32", "mem64", "io", "rom" };

	return kind < 5 ? names[kind] : "?";
}

/* "SSSS:BB:DD.F" or "BB:DD.F", hexadecimal. */
int pci_parse_sbdf(const char *s, uint32_t *out)
{
	unsigned int part[4], n = 0, i;
	const char *p = s;

	for (;;) {
		unsigned int v = 0, digits = 0;

		while ((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f') ||
		       (*p >= 'A' && *p <= 'F')) {
			v = v * 16 + (*p <= '9' ? *p - '0' : (*p | 0x20) - 'a' + 10);
			if (++digits > 4)
				return -1;
			p++;
		}
		if (!digits || n == 4)
			return -1;
		part[n++] = v;
		if (*p == ':' || (*p == '.' && n >= 2))
			p++;
		else
			break;
	}
	if (*p || n < 3)
		return -1;
	i = n - 3;	/* index of the bus */
	if ((n == 4 && part[0] > 0xffff) || part[i] > 0xff || part[i + 1] > 0x1f ||
	    part[i + 2] > 7 || s[strlen(s) - 2] != '.')
		return -1;
	*out = PCI_SBDF(n == 4 ? part[0] : 0, part[i], part[i + 1], part[i + 2]);
	return 0;
}

void pci_sbdf_str(uint32_t sbdf, char buf[16])
{
	fmt_snprintf(buf, 16, "%04x:%02x:%02x.%u", sbdf >> 16, PCI_SBDF_BUS(sbdf),
		     PCI_SBDF_DEV(sbdf), PCI_SBDF_FN(sbdf));
}

