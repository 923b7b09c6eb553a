// SPDX-License-Identifier: GPL-2.0-only
/*
 * The type 0 header a guest sees, and its BARs' stage-2 mappings.
 * Identity, class and capability contents come from the host function;
 * command, BARs, ROM BAR, cache line, latency and interrupt line are
 * virtual. Memory BARs are mapped in stage 2; I/O BARs are virtual port
 * addresses whose accesses are forwarded one by one (vpci_io_access).
 *
 * The capability list shows power management, PCI Express and vendor
 * capabilities (their bodies read-only from the host), and MSI and MSI-X
 * when the environment gives the function host messages (vpci_msi.c);
 * otherwise those stay out of it and read 0, as does every other
 * capability. Device-specific config space in [0x40, 0x100) reads
 * through from the host, read-only; extended config space (0x100 on)
 * reads 0, an empty list. vpci_quirks.c may hide more.
 *
 * An SR-IOV virtual function is shown like any function: its identity
 * (which its own header reads as 0xffff) and its BARs come from its
 * PF's SR-IOV capability (pci_sriov_vf()), its interrupt pin reads 0.
 * Its command register is virtual as for any function; its memory
 * enable still reaches the VF, where the specification makes it
 * read-only (decoding is the PF's VF MSE, set at boot) but QEMU decodes
 * a VF's BARs only with it.
 */
#include "vpci.h"

#include "lib/fault.h"
#include "lib/lockorder.h"
#include "lib/string.h"

#define PAGE_SZ		4096ull
#define CAP_WALK_MAX	48

/* Command bits the guest controls. */
#define CMD_GUEST_BITS	(PCI_COMMAND_IO | PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER | \
			 PCI_COMMAND_PARITY | PCI_COMMAND_SERR | PCI_COMMAND_INTX_OFF)

uint32_t vpci_host_rd(struct vpci_dev *vdev, unsigned int off, unsigned int size)
{
	const struct pci_cfg_ops *c = vdev->vd->env->cfg;

	return c->read(c->ctx, vdev->pdev->f.sbdf, off, size);
}

void vpci_host_wr(struct vpci_dev *vdev, unsigned int off, unsigned int size, uint32_t v)
{
	const struct pci_cfg_ops *c = vdev->vd->env->cfg;

	c->write(c->ctx, vdev->pdev->f.sbdf, off, size, v);
}

/* ---- BAR mappings ---- */

static uint64_t align_up(uint64_t v, uint64_t a)
{
	return (v + a - 1) & ~(a - 1);
}

static bool bar_is_mem(const struct vpci_bar *b)
{
	return b->size && (b->kind == PCI_BAR_MEM32 || b->kind == PCI_BAR_MEM64 ||
			   b->kind == PCI_BAR_ROM);
}

static bool in_window(const struct vpci_domain *vd, const struct vpci_bar *b, uint64_t s,
		      uint64_t e)
{
	unsigned int i;

	for (i = 0; i < vd->nr_win; i++) {
		const struct vpci_window *w = &vd->win[i];

		if (w->mem64 && b->kind != PCI_BAR_MEM64)
			continue;
		if (s >= w->base && e <= w->base + w->size && s < e)
			return true;
	}
	return false;
}

/* Remove the pages of the MSI-X table and PBA if BAR i holds them, the
 * page a device service traps (pci_dev.trap) and the pages of the ranges
 * the hypervisor keeps (pci_dev.kept). */
static int cut_trapped(const struct pci_dev *pdev, unsigned int i, uint64_t gbase,
		       struct rangeset *rs)
{
	unsigned int k;
	int ret = 0;

	if (pdev->trap && pdev->trap_bar == i)
		ret = rangeset_remove(rs, gbase + pdev->trap_off, gbase + pdev->trap_off + PAGE_SZ);
	for (k = 0; k < pdev->nr_kept && !ret; k++)
		if (pdev->kept[k].bar == i)
			ret = rangeset_remove(rs, (gbase + pdev->kept[k].off) & ~(PAGE_SZ - 1),
					      align_up(gbase + pdev->kept[k].off +
							       pdev->kept[k].size, PAGE_SZ));

	if (!ret && pdev->f.msix.table_bar == (int)i && pdev->f.msix.table_size)
		ret = rangeset_remove(rs, (gbase + pdev->f.msix.table) & ~(PAGE_SZ - 1),
				      align_up(gbase + pdev->f.msix.table + pdev->f.msix.table_size,
					       PAGE_SZ));
	if (!ret && pdev->f.msix.pba_bar == (int)i && pdev->f.msix.pba_size)
		ret = rangeset_remove(rs, (gbase + pdev->f.msix.pba) & ~(PAGE_SZ - 1),
				      align_up(gbase + pdev->f.msix.pba + pdev->f.msix.pba_size,
					       PAGE_SZ));
	return ret;
}

/* Take out what any device of the domain has mapped already (BAR-1). */
static int cut_mapped(const struct vpci_domain *vd, struct rangeset *rs)
{
	unsigned int s, k;

	for (s = 0; s < VPCI_MAX_SLOTS; s++) {
		const struct vpci_dev *o = vd->slot[s];

		for (k = 0; o && k < o->mapped.nr; k++)
			if (rangeset_remove(rs, o->mapped.r[k].start, o->mapped.r[k].end))
				return -1;
	}
	return 0;
}

/*
 * Map BAR i at its guest address. A BAR outside the guest's windows is
 * left unmapped (its accesses then read all-ones, like an address no
 * bridge forwards); so is a BAR smaller than a page whose offset in the
 * page differs from the host's.
 */
static int bar_map(struct vpci_dev *vdev, unsigned int i)
{
	const struct vpci_bar *b = &vdev->bar[i];
	const struct vpci_env *env = vdev->vd->env;
	struct range storage[VPCI_MAX_MAPPED];
	struct rangeset todo;
	uint64_t gs, ge, delta;
	size_t k;

	if (!bar_is_mem(b) || !b->guest)
		return 0;
	if ((b->guest ^ b->host) & (PAGE_SZ - 1))
		return 0;
	gs = b->guest & ~(PAGE_SZ - 1);
	ge = align_up(b->guest + b->size, PAGE_SZ);
	if (!in_window(vdev->vd, b, gs, ge))
		return 0;
	delta = (b->host & ~(PAGE_SZ - 1)) - gs;
	rangeset_init(&todo, storage, VPCI_MAX_MAPPED);
	if (rangeset_add(&todo, gs, ge) || cut_trapped(vdev->pdev, i, b->guest, &todo) ||
	    cut_mapped(vdev->vd, &todo))
		return -1;
	for (k = 0; k < todo.nr; k++) {
		const struct range *r = &todo.r[k];

		if (rangeset_add(&vdev->mapped, r->start, r->end))
			return -1;
		if (fault_fail() ||
		    env->map(env->ctx, r->start, r->start + delta, r->end - r->start)) {
			rangeset_remove(&vdev->mapped, r->start, r->end);
			return -1;
		}
	}
	return 0;
}

/* Unmap the part of the record that lies in [s, e); all of it if s == e. */
static void unmap_record(struct vpci_dev *vdev, uint64_t s, uint64_t e)
{
	const struct vpci_env *env = vdev->vd->env;
	size_t k;

	if (s == e) {
		for (k = 0; k < vdev->mapped.nr; k++)
			env->unmap(env->ctx, vdev->mapped.r[k].start,
				   vdev->mapped.r[k].end - vdev->mapped.r[k].start);
		vdev->mapped.nr = 0;
		return;
	}
	for (k = 0; k < vdev->mapped.nr; k++) {
		uint64_t a = vdev->mapped.r[k].start, b = vdev->mapped.r[k].end;

		a = a > s ? a : s;
		b = b < e ? b : e;
		if (a < b)
			env->unmap(env->ctx, a, b - a);
	}
	/* Removing a middle part may need a slot; if not, drop it all. */
	if (rangeset_remove(&vdev->mapped, s, e))
		unmap_record(vdev, 0, 0);
}

int vpci_bars_set_decoding(struct vpci_dev *vdev, bool on)
{
	unsigned int i;

	lock_assert(rw_is_write_locked(&vdev->vd->lock));
	if (!on) {
		unmap_record(vdev, 0, 0);
		return 0;
	}
	for (i = 0; i < PCI_MAX_BARS; i++) {
		if (i == 6 && !vdev->rom_enabled)
			continue;
		if (bar_map(vdev, i)) {
			unmap_record(vdev, 0, 0);	/* BAR-4: nothing half-mapped */
			return -1;
		}
	}
	return 0;
}

/* ---- header registers ---- */

static uint32_t host_reg_read(struct vpci_dev *vdev, const struct vpci_reg *r)
{
	return vpci_host_rd(vdev, r->arg, r->size);
}

/* A VF's own vendor and device ids read 0xffff: its identity is the
 * PF's vendor and the VF device id of the PF's SR-IOV capability. */
static uint32_t id_read(struct vpci_dev *vdev, const struct vpci_reg *r)
{
	const struct pci_func *f = &vdev->pdev->f;

	if (!f->is_vf)
		return vpci_host_rd(vdev, PCI_VENDOR_ID, 4);
	return f->vendor | (uint32_t)f->device << 16;
}

/* A VF has no INTx: its interrupt pin reads 0 (SR-IOV 3.5.1); nor does
 * a function no host line backs (intx < 0: its host bridge routes none,
 * pci_bridge_routes_intx, and its driver uses MSI or MSI-X). */
static uint32_t pin_read(struct vpci_dev *vdev, const struct vpci_reg *r)
{
	return vdev->pdev->f.is_vf || vdev->pdev->intx < 0 ? 0 : vpci_host_rd(vdev, PCI_INTERRUPT_PIN, 1);
}

static uint32_t cmd_read(struct vpci_dev *vdev, const struct vpci_reg *r)
{
	return vdev->cmd;
}

static bool has_io_bar(const struct vpci_dev *vdev)
{
	unsigned int i;

	for (i = 0; i < 6; i++)
		if (vdev->bar[i].kind == PCI_BAR_IO && vdev->bar[i].size)
			return true;
	return false;
}

/* Exclusive domain lock held (VPCI-2). */
static int cmd_write(struct vpci_dev *vdev, const struct vpci_reg *r, uint32_t val,
		     uint32_t clear)
{
	uint16_t host;

	lock_assert(rw_is_write_locked(&vdev->vd->lock));
	if ((val ^ vdev->cmd) & PCI_COMMAND_MEMORY) {
		if (!(val & PCI_COMMAND_MEMORY)) {
			vpci_bars_set_decoding(vdev, false);
		} else if (vpci_bars_set_decoding(vdev, true)) {
			vdev->cmd &= ~PCI_COMMAND_MEMORY;
			vdev->vd->error = "a BAR could not be mapped in stage 2";
			return -VPCI_EMAP;
		}
	}
	vdev->cmd = val;
	host = vpci_host_rd(vdev, PCI_COMMAND, 2) & ~CMD_GUEST_BITS;
	/* I/O decoding only with a usable I/O BAR: a dropped one may sit
	 * on another device's ports (pci_bar_usable). */
	if (!has_io_bar(vdev))
		val &= ~PCI_COMMAND_IO;
	vpci_host_wr(vdev, PCI_COMMAND, 2, host | (val & CMD_GUEST_BITS));
	return 0;
}

static uint32_t status_read(struct vpci_dev *vdev, const struct vpci_reg *r)
{
	uint32_t s = vpci_host_rd(vdev, PCI_STATUS, 2) & ~PCI_STATUS_CAP_LIST;

	return s | (vdev->cap_first ? PCI_STATUS_CAP_LIST : 0);
}

static int status_write(struct vpci_dev *vdev, const struct vpci_reg *r, uint32_t val,
			uint32_t clear)
{
	if (clear)
		vpci_host_wr(vdev, PCI_STATUS, 2, clear);
	return 0;
}

static uint32_t byte_read(struct vpci_dev *vdev, const struct vpci_reg *r)
{
	switch (r->off) {
	case PCI_CACHE_LINE_SIZE: return vdev->cache_line;
	case PCI_CACHE_LINE_SIZE + 1: return vdev->latency;
	case PCI_CAPABILITY_LIST: return vdev->cap_first;
	case PCI_INTERRUPT_LINE: return vdev->int_line;
	}
	return 0;
}

static int byte_write(struct vpci_dev *vdev, const struct vpci_reg *r, uint32_t val,
		      uint32_t clear)
{
	if (r->off == PCI_CACHE_LINE_SIZE)
		vdev->cache_line = val;
	else if (r->off == PCI_CACHE_LINE_SIZE + 1)
		vdev->latency = val;
	else if (r->off == PCI_INTERRUPT_LINE)
		vdev->int_line = val;
	return 0;
}

static uint32_t header_type_read(struct vpci_dev *vdev, const struct vpci_reg *r)
{
	return vpci_host_rd(vdev, PCI_HEADER_TYPE, 1) & 0x7f;	/* one function per slot */
}

#define BAR_HI		0x80	/* arg flag: upper half of a 64-bit BAR */

static uint32_t bar_read(struct vpci_dev *vdev, const struct vpci_reg *r)
{
	const struct vpci_bar *b = &vdev->bar[r->arg & 7];

	if (r->arg & BAR_HI)
		return b->guest >> 32;
	if (b->kind == PCI_BAR_MEM32)
		return (uint32_t)b->guest | (b->prefetch ? 8 : 0);
	if (b->kind == PCI_BAR_MEM64)
		return (uint32_t)b->guest | 4 | (b->prefetch ? 8 : 0);
	if (b->kind == PCI_BAR_IO)
		return (uint32_t)b->guest | 1;
	return 0;
}

/* Shared domain lock + device lock. Ignored while decoding (BAR-3). */
static int bar_write(struct vpci_dev *vdev, const struct vpci_reg *r, uint32_t val,
		     uint32_t clear)
{
	struct vpci_bar *b = &vdev->bar[r->arg & 7];

	lock_assert(spin_is_locked(&vdev->pdev->lock));
	if (b->kind == PCI_BAR_IO && b->size) {
		if (!(vdev->cmd & PCI_COMMAND_IO))
			b->guest = val & ~3u & ~(b->size - 1);
		return 0;
	}
	if ((vdev->cmd & PCI_COMMAND_MEMORY) || !bar_is_mem(b))
		return 0;
	if (r->arg & BAR_HI)
		b->guest = (b->guest & 0xffffffffull) | (uint64_t)val << 32;
	else
		b->guest = (b->guest & ~0xffffffffull) | (val & ~0xfu);
	b->guest &= ~(b->size - 1);
	return 0;
}

static uint32_t rom_read(struct vpci_dev *vdev, const struct vpci_reg *r)
{
	const struct vpci_bar *b = &vdev->bar[6];

	return b->size ? (uint32_t)b->guest | vdev->rom_enabled : 0;
}

/* Exclusive domain lock held (VPCI-2): may map or unmap the ROM. */
static int rom_write(struct vpci_dev *vdev, const struct vpci_reg *r, uint32_t val,
		     uint32_t clear)
{
	struct vpci_bar *b = &vdev->bar[6];
	bool decoding = vdev->cmd & PCI_COMMAND_MEMORY;

	lock_assert(rw_is_write_locked(&vdev->vd->lock));
	bool enable = val & PCI_ROM_ENABLE;

	if (!b->size)
		return 0;
	if (decoding && vdev->rom_enabled) {
		/* The address is fixed while the ROM decodes; only switch off. */
		if (!enable) {
			unmap_record(vdev, b->guest, align_up(b->guest + b->size, PAGE_SZ));
			vdev->rom_enabled = false;
		}
		return 0;
	}
	b->guest = val & PCI_ROM_ADDR_MASK & ~(b->size - 1);
	vdev->rom_enabled = enable;
	if (decoding && enable && bar_map(vdev, 6)) {
		unmap_record(vdev, 0, 0);
		vdev->rom_enabled = false;
		vdev->cmd &= ~PCI_COMMAND_MEMORY;
		vdev->vd->error = "the ROM BAR could not be mapped in stage 2";
		return -VPCI_EMAP;
	}
	return 0;
}

/* ---- capabilities and passthrough ---- */

static uint32_t cap_hdr_read(struct vpci_dev *vdev, const struct vpci_reg *r)
{
	uint32_t v = vpci_host_rd(vdev, r->off, 4) & ~0xff00u;

	return v | (r->arg << 8);	/* next: the next capability we show */
}

static int add_reg(struct vpci_dev *vdev, struct vpci_reg r)
{
	if (vdev->nr_regs == VPCI_MAX_REGS)
		return -1;
	vdev->regs[vdev->nr_regs++] = r;
	return 0;
}

/* Passthrough dwords of [s, e) on (or off), within [0x40, 0x100). */
static void pt_set(struct vpci_dev *vdev, unsigned int s, unsigned int e, bool on)
{
	unsigned int w;

	for (w = s / 4; w < (e + 3) / 4 && w < 0x40; w++) {
		if (w < 0x10)
			continue;
		if (on)
			vdev->passthrough[w / 32] |= 1u << (w % 32);
		else
			vdev->passthrough[w / 32] &= ~(1u << (w % 32));
	}
}

static bool pt_on(const struct vpci_dev *vdev, unsigned int off)
{
	unsigned int w = off / 4;

	return w < 0x40 && (vdev->passthrough[w / 32] >> (w % 32) & 1);
}

/* A vendor capability some quirk takes out of the list. */
static bool quirk_hides_cap(struct vpci_dev *vdev, unsigned int pos)
{
	const struct vpci_quirk *q;
	unsigned int i;

	for (i = 0; (q = vpci_quirk_find(vdev->pdev->f.vendor, vdev->pdev->f.device, i)); i++)
		if (q->kind == VPCI_QUIRK_HIDE_VNDR_CAP && vpci_host_rd(vdev, pos + 3, 1) == q->off)
			return true;
	return false;
}

/* Is the capability at pos in the guest's list? Its body then reads
 * through like the device-specific space around it. */
static bool cap_shown(struct vpci_dev *vdev, unsigned int pos)
{
	switch (vpci_host_rd(vdev, pos, 1)) {
	case PCI_CAP_ID_PM:
	case PCI_CAP_ID_EXP:
		return true;
	case PCI_CAP_ID_MSI:
	case PCI_CAP_ID_MSIX:
		return vpci_msi_cap_shown(vdev, pos);
	case PCI_CAP_ID_VNDR:
		return !quirk_hides_cap(vdev, pos);
	}
	return false;
}

/* The bytes of a capability the guest does not see, which read 0: MSI's
 * and MSI-X's layouts, a vendor capability's own length, the header of
 * anything else. */
static unsigned int cap_hidden_len(struct vpci_dev *vdev, unsigned int pos)
{
	uint32_t flags = vpci_host_rd(vdev, pos + 2, 2);

	switch (vpci_host_rd(vdev, pos, 1)) {
	case PCI_CAP_ID_MSI:	/* 64-bit address, per-vector masking */
		return 10 + (flags & 0x80 ? 4 : 0) + (flags & 0x100 ? 10 : 0);
	case PCI_CAP_ID_MSIX:
		return 12;
	case PCI_CAP_ID_VNDR:
		return vpci_host_rd(vdev, pos + 2, 1) | 4;
	}
	return 4;
}

/*
 * Link the capabilities the guest sees, in host order; the others'
 * bytes (cap_hidden_len) read 0.
 */
static int add_caps(struct vpci_dev *vdev)
{
	uint8_t shown[CAP_WALK_MAX], hidden[CAP_WALK_MAX];
	unsigned int n = 0, nh = 0, steps, i, pos;

	if (!(vpci_host_rd(vdev, PCI_STATUS, 2) & PCI_STATUS_CAP_LIST))
		return 0;
	pos = vpci_host_rd(vdev, PCI_CAPABILITY_LIST, 1) & 0xfc;
	for (steps = 0; pos >= 0x40 && steps < CAP_WALK_MAX; steps++) {
		uint32_t hdr = vpci_host_rd(vdev, pos, 2);

		if (cap_shown(vdev, pos)) {
			shown[n++] = pos;
		} else {
			hidden[nh++] = pos;
		}
		pos = (hdr >> 8) & 0xfc;
	}
	vdev->cap_first = n ? shown[0] : 0;
	for (i = 0; i < n; i++) {
		uint8_t id = vpci_host_rd(vdev, shown[i], 1);
		/* MSI's and MSI-X's control words are vpci_msi.c's. */
		uint8_t size = id == PCI_CAP_ID_MSI || id == PCI_CAP_ID_MSIX ? 2 : 4;

		if (add_reg(vdev, (struct vpci_reg){ .off = shown[i], .size = size, .ro = ~0u,
				.read = cap_hdr_read, .arg = i + 1 < n ? shown[i + 1] : 0 }))
			return -1;
	}
	/* Last: a hidden capability stays hidden whatever a body claims. */
	for (i = 0; i < nh; i++)
		pt_set(vdev, hidden[i], hidden[i] + cap_hidden_len(vdev, hidden[i]), false);
	return 0;
}

/* Quirks' hidden ranges, and every dword a register emulates, are not
 * passed through. */
static void pt_restrict(struct vpci_dev *vdev)
{
	const struct vpci_quirk *q;
	unsigned int i;

	for (i = 0; (q = vpci_quirk_find(vdev->pdev->f.vendor, vdev->pdev->f.device, i)); i++)
		if (q->kind == VPCI_QUIRK_HIDE_RANGE)
			pt_set(vdev, q->off, q->off + q->len, false);
	for (i = 0; i < vdev->nr_regs; i++)
		pt_set(vdev, vdev->regs[i].off, vdev->regs[i].off + vdev->regs[i].size, false);
}

bool vpci_passthrough_access(struct vpci_dev *vdev, unsigned int off, unsigned int size,
			     bool write, uint32_t *val)
{
	if (!pt_on(vdev, off))
		return false;
	if (!write)
		*val = vpci_host_rd(vdev, off, size);
	return true;
}

static void sort_regs(struct vpci_dev *vdev)
{
	unsigned int i, j;

	for (i = 1; i < vdev->nr_regs; i++)
		for (j = i; j > 0 && vdev->regs[j - 1].off > vdev->regs[j].off; j--) {
			struct vpci_reg t = vdev->regs[j];

			vdev->regs[j] = vdev->regs[j - 1];
			vdev->regs[j - 1] = t;
		}
}

int vpci_header_init(struct vpci_dev *vdev)
{
	static const struct vpci_reg fixed[] = {
		{ .off = PCI_VENDOR_ID, .size = 4, .ro = ~0u, .read = id_read },
		{ .off = PCI_COMMAND, .size = 2, .rsvd = (uint16_t)~CMD_GUEST_BITS,
		  .read = cmd_read, .write = cmd_write },
		{ .off = PCI_STATUS, .size = 2, .ro = (uint16_t)~PCI_STATUS_RW1C,
		  .rw1c = PCI_STATUS_RW1C, .read = status_read, .write = status_write },
		{ .off = PCI_CLASS_REVISION, .size = 4, .ro = ~0u, .read = host_reg_read,
		  .arg = PCI_CLASS_REVISION },
		{ .off = PCI_CACHE_LINE_SIZE, .size = 1, .read = byte_read, .write = byte_write },
		{ .off = PCI_CACHE_LINE_SIZE + 1, .size = 1, .read = byte_read,
		  .write = byte_write },
		{ .off = PCI_HEADER_TYPE, .size = 1, .ro = ~0u, .read = header_type_read },
		{ .off = PCI_SUBSYSTEM_VENDOR, .size = 4, .ro = ~0u, .read = host_reg_read,
		  .arg = PCI_SUBSYSTEM_VENDOR },
		{ .off = PCI_ROM_ADDRESS, .size = 4, .rsvd = 0x7feu, .read = rom_read,
		  .write = rom_write },
		{ .off = PCI_CAPABILITY_LIST, .size = 1, .ro = ~0u, .read = byte_read },
		{ .off = PCI_INTERRUPT_LINE, .size = 1, .read = byte_read, .write = byte_write },
		{ .off = PCI_INTERRUPT_PIN, .size = 1, .ro = ~0u, .read = pin_read },
		{ .off = PCI_INTERRUPT_PIN + 1, .size = 2, .ro = ~0u, .read = host_reg_read,
		  .arg = PCI_INTERRUPT_PIN + 1 },
	};
	unsigned int i;

	vdev->nr_regs = 0;
	for (i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		add_reg(vdev, fixed[i]);
	memset(vdev->passthrough, 0, sizeof(vdev->passthrough));
	pt_set(vdev, 0x40, 0x100, true);	/* device-specific, until known */
	for (i = 0; i < 6; i++) {
		uint8_t kind = vdev->bar[i].kind;

		add_reg(vdev, (struct vpci_reg){ .off = PCI_BAR0 + 4 * i, .size = 4,
				.read = bar_read, .write = bar_write, .arg = i });
		if (kind == PCI_BAR_MEM64 && i < 5) {
			i++;
			add_reg(vdev, (struct vpci_reg){ .off = PCI_BAR0 + 4 * i, .size = 4,
					.read = bar_read, .write = bar_write,
					.arg = (i - 1) | BAR_HI });
		}
	}
	if (vpci_msi_init(vdev) || add_caps(vdev))
		return -1;
	pt_restrict(vdev);
	sort_regs(vdev);
	vdev->int_line = 0xff;
	return 0;
}
