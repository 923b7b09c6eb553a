// SPDX-License-Identifier: GPL-2.0-only
/*
 * The type 0 header a guest sees, and its BARs' stage-2 mappings.
 * Identity, class and capability contents come from the host function;
 * command, BARs, ROM BAR, cache line, latency and interrupt line are
 * virtual. I/O BARs are hidden (arm64 guests have no port space, and the
 * host's port window is shared by every device). Capabilities other than
 * power management and PCI Express are left out of the list, MSI and
 * MSI-X included, until they are emulated.
 */
#include "vpci.h"

#include "lib/fault.h"
#include "lib/lockorder.h"
#include "lib/string.h"

#define PAGE_SZ		4096ull
#define CAP_WALK_MAX	48

/* Command bits the guest controls; I/O decoding stays off. */
#define CMD_GUEST_BITS	(PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER | PCI_COMMAND_PARITY | \
			 PCI_COMMAND_SERR | PCI_COMMAND_INTX_OFF)

static uint32_t host_rd(struct vpci_dev *vdev, unsigned int off, unsigned int size)
{
	const struct pci_cfg_ops *c = vdev->vd->env->cfg;

	return c->read(c->ctx, vdev->pdev->f.sbdf, off, size);
}

static void host_wr(struct vpci_dev *vdev, unsigned int off, unsigned int size, uint32_t v)
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

/* Remove the pages of the MSI-X table and PBA if BAR i holds them. */
static int cut_msix(const struct pci_dev *pdev, unsigned int i, uint64_t gbase,
		    struct rangeset *rs)
{
	int ret = 0;

	if (pdev->f.msix.table_bar == (int)i && pdev->f.msix.table_size)
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
	if (rangeset_add(&todo, gs, ge) || cut_msix(vdev->pdev, i, b->guest, &todo) ||
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
	return host_rd(vdev, r->arg, r->size);
}

static uint32_t cmd_read(struct vpci_dev *vdev, const struct vpci_reg *r)
{
	return vdev->cmd;
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
	host = host_rd(vdev, PCI_COMMAND, 2);
	host_wr(vdev, PCI_COMMAND, 2, (host & ~CMD_GUEST_BITS) | (val & CMD_GUEST_BITS));
	return 0;
}

static uint32_t status_read(struct vpci_dev *vdev, const struct vpci_reg *r)
{
	uint32_t s = host_rd(vdev, PCI_STATUS, 2) & ~PCI_STATUS_CAP_LIST;

	return s | (vdev->cap_first ? PCI_STATUS_CAP_LIST : 0);
}

static int status_write(struct vpci_dev *vdev, const struct vpci_reg *r, uint32_t val,
			uint32_t clear)
{
	if (clear)
		host_wr(vdev, PCI_STATUS, 2, clear);
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
	return host_rd(vdev, PCI_HEADER_TYPE, 1) & 0x7f;	/* one function per slot */
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
	return 0;
}

/* Shared domain lock + device lock. Ignored while decoding (BAR-3). */
static int bar_write(struct vpci_dev *vdev, const struct vpci_reg *r, uint32_t val,
		     uint32_t clear)
{
	struct vpci_bar *b = &vdev->bar[r->arg & 7];

	lock_assert(spin_is_locked(&vdev->pdev->lock));
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

/* ---- capabilities ---- */

static uint32_t cap_hdr_read(struct vpci_dev *vdev, const struct vpci_reg *r)
{
	uint32_t v = host_rd(vdev, r->off, 4) & ~0xff00u;

	return v | (r->arg << 8);	/* next: the next capability we show */
}

static unsigned int cap_len(uint8_t id)
{
	return id == PCI_CAP_ID_PM ? 8 : id == PCI_CAP_ID_EXP ? 0x3c : 0;
}

static int add_reg(struct vpci_dev *vdev, struct vpci_reg r)
{
	if (vdev->nr_regs == VPCI_MAX_REGS)
		return -1;
	vdev->regs[vdev->nr_regs++] = r;
	return 0;
}

/* Link the capabilities drivers need; the rest are not in the list. */
static int add_caps(struct vpci_dev *vdev)
{
	uint8_t shown[CAP_WALK_MAX];
	unsigned int n = 0, steps, i, k;
	unsigned int pos;

	if (!(host_rd(vdev, PCI_STATUS, 2) & PCI_STATUS_CAP_LIST))
		return 0;
	pos = host_rd(vdev, PCI_CAPABILITY_LIST, 1) & 0xfc;
	for (steps = 0; pos >= 0x40 && steps < CAP_WALK_MAX; steps++) {
		uint32_t hdr = host_rd(vdev, pos, 2);

		if (cap_len(hdr & 0xff))
			shown[n++] = pos;
		pos = (hdr >> 8) & 0xfc;
	}
	vdev->cap_first = n ? shown[0] : 0;
	for (i = 0; i < n; i++) {
		unsigned int len = cap_len(host_rd(vdev, shown[i], 1));

		if (len > 0x100u - shown[i])
			len = 0x100u - shown[i];	/* the list lives in the first 256 bytes */

		if (add_reg(vdev, (struct vpci_reg){ .off = shown[i], .size = 4, .ro = ~0u,
				.read = cap_hdr_read, .arg = i + 1 < n ? shown[i + 1] : 0 }))
			return -1;
		for (k = 4; k < len; k += 4)
			if (add_reg(vdev, (struct vpci_reg){ .off = shown[i] + k, .size = 4,
					.ro = ~0u, .read = host_reg_read, .arg = shown[i] + k }))
				return -1;
	}
	return 0;
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
		{ .off = PCI_VENDOR_ID, .size = 4, .ro = ~0u, .read = host_reg_read,
		  .arg = PCI_VENDOR_ID },
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
		{ .off = PCI_INTERRUPT_PIN, .size = 1, .ro = ~0u, .read = host_reg_read,
		  .arg = PCI_INTERRUPT_PIN },
		{ .off = PCI_INTERRUPT_PIN + 1, .size = 2, .ro = ~0u, .read = host_reg_read,
		  .arg = PCI_INTERRUPT_PIN + 1 },
	};
	unsigned int i;

	vdev->nr_regs = 0;
	for (i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		add_reg(vdev, fixed[i]);
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
	if (add_caps(vdev))
		return -1;
	sort_regs(vdev);
	vdev->int_line = 0xff;
	return 0;
}
