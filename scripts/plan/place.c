// SPDX-License-Identifier: GPL-2.0-only
/*
 * Deciding the partition: owners, CPUs, RAM, virtual SBDFs, guest BAR
 * addresses and INTx lines, in partition order, then the checks the
 * hypervisor repeats at boot (vpci/plan_check.c).
 */
#include <stdlib.h>
#include <string.h>

#include "owner.h"
#include "pci_dt.h"
#include "plan.h"
#include "plan_check.h"

#define PAGE_4K	4096ull

const char *plan_owner_name(const struct plan *p, uint16_t owner)
{
	if (owner == OWNER_DOM_XEN)
		return "dom_xen";
	if (owner == OWNER_DOM_IO)
		return "dom_io";
	return owner >= 1 && owner <= p->nr_domains ? p->dom[owner - 1].name : "?";
}

static const char *owner_cb(void *ctx, uint16_t owner)
{
	return plan_owner_name(ctx, owner);
}

static void sbdf_of(const struct plan *p, unsigned int fn, char s[16])
{
	pci_sbdf_str(p->board.funcs[fn].sbdf, s);
}

/* The console named by stdout-path, if it is a function of the bridge. */
static void find_console(struct plan *p)
{
	const struct fdt *fdt = &p->board.fdt;
	const uint8_t *reg;
	int node, len;
	uint32_t hi;

	if (!p->console[0] || p->board.pcie < 0)
		return;
	node = fdt_path_offset(fdt, p->console);
	if (node < 0 || fdt_parent(fdt, node) != p->board.pcie)
		return;
	reg = fdt_getprop(fdt, node, "reg", &len);
	if (!reg || len < 4)
		return;
	hi = fdt_cells_to_u64(reg, 1);
	p->console_func = plan_find_func(p, PCI_SBDF(0, hi >> 16 & 0xff, hi >> 11 & 0x1f,
						     hi >> 8 & 7));
}

static int own(struct plan *p, unsigned int fn, uint16_t owner)
{
	struct pci_dev *d = &p->board.devs[fn];
	char s[16];

	if (d->owner != OWNER_DOM_IO && (d->owner != owner || owner < OWNER_DOM_XEN)) {
		sbdf_of(p, fn, s);
		if (d->owner == owner)
			return plan_fail(p, "%s is given to %s twice", s, plan_owner_name(p, owner));
		return plan_fail(p, "%s is given to %s but already belongs to %s", s,
				 plan_owner_name(p, owner), plan_owner_name(p, d->owner));
	}
	d->owner = owner;
	return 0;
}

static int decide_owners(struct plan *p)
{
	unsigned int i, k;

	find_console(p);
	if (p->console_func >= 0 && own(p, p->console_func, OWNER_DOM_XEN))
		return -1;
	for (i = 0; i < p->nr_hidden; i++) {
		int fn = plan_find_func(p, p->hidden[i]);
		char s[16];

		if (fn < 0) {
			pci_sbdf_str(p->hidden[i], s);
			return plan_fail(p, "hidden device: the board has no PCI function %s", s);
		}
		if (own(p, fn, OWNER_DOM_XEN))
			return -1;
	}
	/* A PF the hypervisor drives for its VFs (tessera,vf-macs). */
	for (i = 0; i < p->nr_sriov; i++)
		if (plan_sriov_served(&p->sriov[i]) &&
		    own(p, plan_find_func(p, p->sriov[i].pf_sbdf), OWNER_DOM_XEN))
			return -1;
	for (i = 0; i < p->board.nr_funcs; i++) {
		const struct pci_func *f = &p->board.funcs[i];

		if (pci_func_kept_by_hypervisor(f))
			p->board.devs[i].owner = OWNER_DOM_XEN;	/* fabric, exit device */
	}
	for (i = 0; i < p->nr_domains; i++)
		for (k = 0; k < p->dom[i].nr_dev; k++) {
			unsigned int fn = p->dom[i].dev[k].func;
			char s[16];

			if (pci_func_kept_by_hypervisor(&p->board.funcs[fn])) {
				sbdf_of(p, fn, s);
				return plan_fail(p, "%s: %s %s", p->dom[i].name, s,
						 pci_func_kept_reason(&p->board.funcs[fn]));
			}
			if (own(p, fn, i + 1))
				return -1;
		}
	return 0;
}

static int virt_intid(const struct plan *p, const struct plan_dev *pd, unsigned int slot)
{
	unsigned int pin = p->board.pins[pd->func];

	return pd->host_intid < 0 ? -1 : (int)GUEST_VPCI_INTX_IRQ(slot, pin);
}

/* Whether x at slot pairs with every device placed so far: two share a
 * virtual INTx line exactly when they share a host one (plan_check.c). */
static bool slot_pairs(const struct plan *p, const struct plan_domain *d,
		       const struct plan_dev *x, unsigned int slot)
{
	int v = virt_intid(p, x, slot);
	unsigned int k;

	for (k = 0; k < d->nr_dev && v >= 0; k++) {
		const struct plan_dev *y = &d->dev[k];

		if (y != x && y->vsbdf && y->virt_intid >= 0 &&
		    (y->virt_intid == v) != (y->host_intid == x->host_intid))
			return false;
	}
	return true;
}

/* Explicit virtual slots first, then for the others in node order the
 * lowest free slot whose INTx line pairs with the host's (docs/planner.md). */
static int virtual_slots(struct plan *p, struct plan_domain *d)
{
	uint32_t used = 1;	/* slot 0: the (absent) host bridge */
	unsigned int k, slot;
	char s[16];

	for (k = 0; k < d->nr_dev; k++) {
		uint32_t v = d->dev[k].vsbdf;

		if (!v)
			continue;
		pci_sbdf_str(v, s);
		if ((v & 0xffff0007u) || PCI_SBDF_BUS(v) || !PCI_SBDF_DEV(v))
			return plan_fail(p, "%s: %s: guest SBDF %s must be 0000:00:dd.0, dd 01-1f",
					 d->name, d->dev[k].node, s);
		if (used & 1u << PCI_SBDF_DEV(v))
			return plan_fail(p, "%s: guest SBDF %s is used twice", d->name, s);
		used |= 1u << PCI_SBDF_DEV(v);
		d->dev[k].virt_intid = virt_intid(p, &d->dev[k], PCI_SBDF_DEV(v));
	}
	for (k = 0; k < d->nr_dev; k++) {
		struct plan_dev *x = &d->dev[k];

		if (x->vsbdf)
			continue;
		for (slot = 1; slot < 32 && ((used & 1u << slot) || !slot_pairs(p, d, x, slot));
		     slot++)
			;
		if (slot == 32) {
			sbdf_of(p, x->func, s);
			return plan_fail(p, "%s: no free virtual slot for %s whose INTx line pairs with the host's",
					 d->name, s);
		}
		used |= 1u << slot;
		x->vsbdf = PCI_SBDF(0, 0, slot, 0);
		x->virt_intid = virt_intid(p, x, slot);
	}
	return 0;
}

static int take_cpu(struct plan *p, int *owner, const struct plan_domain *d, unsigned int c)
{
	int i = (int)(d - p->dom);

	if (owner[c] == i)
		return plan_fail(p, "%s: cpupool %s lists %s twice", d->name, d->pool,
				 p->board.cpus[c].path);
	if (owner[c] >= 0)
		return plan_fail(p, "%s: cpupool %s: %s is already %s's", d->name, d->pool,
				 p->board.cpus[c].path, p->dom[owner[c]].name);
	owner[c] = i;
	return 0;
}

/* Guests with a cpupool keep its CPUs, whatever the node order; the
 * others' vCPUs take the lowest free CPUs, guests in partition order. */
static int place_cpus(struct plan *p)
{
	int owner[PLAN_MAX_CPUS];
	unsigned int i, v, c = 0, used = 0;

	memset(owner, 0xff, sizeof(owner));
	for (i = 0; i < p->nr_domains; i++)
		for (v = 0; p->dom[i].pinned && v < p->dom[i].nr_vcpus; v++, used++)
			if (take_cpu(p, owner, &p->dom[i], p->dom[i].cpu[v]))
				return -1;
	for (i = 0; i < p->nr_domains; i++) {
		struct plan_domain *d = &p->dom[i];

		if (d->pinned)
			continue;
		if (used + d->nr_vcpus > p->board.nr_cpus)
			return plan_fail(p, "%s: needs %u CPUs, but only %u of the board's %u are left",
					 d->name, d->nr_vcpus, p->board.nr_cpus - used,
					 p->board.nr_cpus);
		for (v = 0; v < d->nr_vcpus; v++, used++) {
			while (owner[c] >= 0)
				c++;
			owner[c] = i;
			d->cpu[v] = c;
		}
	}
	return 0;
}

/* The firmware's data and the loader's files at the top of RAM, the
 * hypervisor's allocations at the bottom (PLAN_FW_TOP ... in plan.h). */
static void keep_boot_room(struct plan *p)
{
	struct rangeset *ram = &p->board.ram;
	uint64_t top = PLAN_FW_TOP + PLAN_HYP_IMAGE + PLAN_LOADER_MISC + p->file_bytes +
		       (p->board.fdt.bufsize + PLAN_TREE_ROOM) + p->nr_domains * PLAN_TREE_ROOM;
	uint64_t bottom = PLAN_HYP_POOL, n;

	p->board.boot_bytes = 0;
	while (top && ram->nr) {
		const struct range *r = &ram->r[ram->nr - 1];

		n = r->end - r->start < top ? r->end - r->start : top;
		rangeset_remove(ram, r->end - n, r->end);	/* shrinks: cannot fail */
		p->board.boot_bytes += n;
		top -= n;
	}
	while (bottom && ram->nr) {
		const struct range *r = &ram->r[0];

		n = r->end - r->start < bottom ? r->end - r->start : bottom;
		rangeset_remove(ram, r->start, r->start + n);
		p->board.boot_bytes += n;
		bottom -= n;
	}
}

static int take_ram(struct plan *p, struct plan_domain *d)
{
	/* Taking it out may split a range: without room for that the RAM
	 * would stay free and go to the next guest too. */
	if (rangeset_remove(&p->board.ram, d->ram_pa, d->ram_pa + d->mem))
		return plan_fail(p, "%s: out of memory for the RAM map (more than %d pieces)",
				 d->name, PLAN_MAX_RAM);
	d->ram_ipa = d->direct_map ? d->ram_pa : GUEST_RAM0_BASE;
	return 0;
}

/* Why a given xen,static-mem range is not free: the first thing it hits. */
static int static_mem_taken(struct plan *p, const struct plan_domain *d)
{
	char what[RESMEM_WHAT_LEN];
	uint64_t rb, rs;
	unsigned int i;

	if (resmem_find(&p->board.fdt, d->ram_pa, d->mem, &rb, &rs, what) > 0)
		return plan_fail(p, "%s: xen,static-mem 0x%llx+0x%llx overlaps reserved memory 0x%llx+0x%llx (%s)",
				 d->name, (unsigned long long)d->ram_pa,
				 (unsigned long long)d->mem, (unsigned long long)rb,
				 (unsigned long long)rs, what);
	for (i = 0; &p->dom[i] != d; i++)
		if (p->dom[i].static_mem && p->dom[i].ram_pa < d->ram_pa + d->mem &&
		    d->ram_pa < p->dom[i].ram_pa + p->dom[i].mem)
			return plan_fail(p, "%s: xen,static-mem 0x%llx+0x%llx overlaps %s's",
					 d->name, (unsigned long long)d->ram_pa,
					 (unsigned long long)d->mem, p->dom[i].name);
	return plan_fail(p, "%s: xen,static-mem 0x%llx+0x%llx is not free RAM: outside the board's memory, or where the firmware, the loader's files or the hypervisor go (docs/planner.md)",
			 d->name, (unsigned long long)d->ram_pa, (unsigned long long)d->mem);
}

static int ram_does_not_fit(struct plan *p, const struct plan_domain *d, uint64_t guests)
{
	const struct plan_board *b = &p->board;

	return plan_fail(p, "%s: %llu MiB of RAM do not fit: %llu MiB of the board's RAM are left, in %zu piece(s); of its %llu MiB, other guests have %llu, reserved memory %llu, firmware, loader and hypervisor %llu",
			 d->name, (unsigned long long)(d->mem >> 20),
			 (unsigned long long)(rangeset_total(&b->ram) >> 20), b->ram.nr,
			 (unsigned long long)(b->ram_bytes >> 20),
			 (unsigned long long)(guests >> 20),
			 (unsigned long long)(b->reserved_bytes >> 20),
			 (unsigned long long)(b->boot_bytes >> 20));
}

/*
 * RAM: guests with xen,static-mem keep their range, whatever the node
 * order; the others get the lowest free 2 MiB aligned range, in
 * partition order. A guest with a PCI function no IOMMU translates
 * runs direct-mapped (the hypervisor's rule: pci_dma_translated() of
 * the requester id its DMA carries, pci_dma_streams()).
 */
static bool needs_direct_map(const struct plan *p, const struct plan_domain *d)
{
	unsigned int i;

	for (i = 0; i < d->nr_dev; i++)
		if (!p->board.devs[d->dev[i].func].dma.translated)
			return true;
	return false;
}

static int place_ram(struct plan *p)
{
	uint64_t guests = 0;
	unsigned int pass, i;

	keep_boot_room(p);
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < p->nr_domains; i++) {
			struct plan_domain *d = &p->dom[i];

			if (d->static_mem != !pass)
				continue;
			d->direct_map = d->direct_map || needs_direct_map(p, d);
			if (d->static_mem && !rangeset_contains(&p->board.ram, d->ram_pa,
								 d->ram_pa + d->mem))
				return static_mem_taken(p, d);
			if (d->static_mem && d->direct_map && !guest_direct_map_fits(d->ram_pa, d->mem))
				return plan_fail(p, "%s: direct-map RAM 0x%llx+0x%llx overlaps the guest's emulated devices",
						 d->name, (unsigned long long)d->ram_pa,
						 (unsigned long long)d->mem);
			if (!d->static_mem &&
			    (rangeset_find_free(&p->board.ram, d->mem, SZ_2MB, GUEST_RAM0_BASE,
						&d->ram_pa) ||
			     (d->direct_map && !guest_direct_map_fits(d->ram_pa, d->mem))))
				return ram_does_not_fit(p, d, guests);
			if (take_ram(p, d))
				return -1;
			guests += d->mem;
		}
	return 0;
}

struct bar_ref {
	unsigned int dev, bar;
	uint64_t size;
};

static int by_size(const void *a, const void *b)
{
	const struct bar_ref *x = a, *y = b;

	if (x->size != y->size)
		return x->size < y->size ? 1 : -1;
	return x->dev != y->dev ? (int)x->dev - (int)y->dev : (int)x->bar - (int)y->bar;
}

/* An I/O BAR: a port in the guest's I/O window aligned to its size.
 * Its accesses are forwarded, so no page alignment is needed. */
static int place_io_bar(struct plan *p, struct plan_domain *d, const struct bar_ref *r,
			uint64_t *next)
{
	uint64_t at = (*next + r->size - 1) & ~(r->size - 1);
	char s[16];

	if (at + r->size > GUEST_VPCI_IO_SIZE) {
		sbdf_of(p, d->dev[r->dev].func, s);
		return plan_fail(p, "%s: %s I/O BAR %u (0x%llx bytes) does not fit in the guest's I/O window",
				 d->name, s, r->bar, (unsigned long long)r->size);
	}
	d->dev[r->dev].guest_bar[r->bar] = at;
	*next = at + r->size;
	return 0;
}

/*
 * Guest BAR addresses: largest first, each aligned to its size and to a
 * page, keeping the host's offset in the page (the hypervisor maps whole
 * pages); 64-bit prefetchable BARs in the 64-bit window, the rest in the
 * 32-bit one; I/O BARs in the I/O window.
 */
static int place_bars(struct plan *p, struct plan_domain *d)
{
	struct bar_ref refs[PLAN_MAX_DEVS * PCI_MAX_BARS];
	uint64_t next[2] = { GUEST_VPCI_MEM_BASE, GUEST_VPCI_MEM64_BASE };
	const uint64_t end[2] = { GUEST_VPCI_MEM_BASE + GUEST_VPCI_MEM_SIZE,
				  GUEST_VPCI_MEM64_BASE + GUEST_VPCI_MEM64_SIZE };
	uint64_t next_io = GUEST_VPCI_IO_MIN;
	unsigned int n = 0, k, i;

	for (k = 0; k < d->nr_dev; k++)
		for (i = 0; i < PCI_MAX_BARS; i++) {
			const struct pci_bar *b = &p->board.funcs[d->dev[k].func].bar[i];

			/* With ranges the hypervisor keeps, vPCI offers no
			 * I/O BAR (vpci_add_device): none to place. */
			if (b->size && !(b->kind == PCI_BAR_IO && d->dev[k].nr_kept))
				refs[n++] = (struct bar_ref){ k, i, b->size };
		}
	qsort(refs, n, sizeof(refs[0]), by_size);
	for (i = 0; i < n; i++) {
		const struct pci_bar *b = &p->board.funcs[d->dev[refs[i].dev].func].bar[refs[i].bar];

		if (b->kind == PCI_BAR_IO) {
			if (place_io_bar(p, d, &refs[i], &next_io))
				return -1;
			continue;
		}
		/* The 64-bit window is prefetchable: others stay below 4 GiB. */
		unsigned int w = b->kind == PCI_BAR_MEM64 && b->prefetch;
		uint64_t align = b->size > PAGE_4K ? b->size : PAGE_4K;
		uint64_t at = (next[w] + align - 1) & ~(align - 1);
		char s[16];

		if (at + align > end[w]) {
			sbdf_of(p, d->dev[refs[i].dev].func, s);
			return plan_fail(p, "%s: %s BAR %u (0x%llx bytes) does not fit in the guest's %s BAR window",
					 d->name, s, refs[i].bar, (unsigned long long)b->size,
					 w ? "64-bit prefetchable" : "32-bit");
		}
		d->dev[refs[i].dev].guest_bar[refs[i].bar] = at + (b->addr & (PAGE_4K - 1));
		next[w] = at + align;
	}
	return 0;
}

/* The host line of pd's INTx (the virtual one comes with its slot). */
static int route_intx(struct plan *p, struct plan_domain *d, struct plan_dev *pd)
{
	const struct plan_board *b = &p->board;
	unsigned int pin = b->pins[pd->func];
	char s[16];

	pd->host_intid = pd->virt_intid = -1;
	if (!pin)
		return 0;
	if (!pci_bridge_routes_intx(&b->fdt, b->pcie)) {
		if (pci_func_has_msi(&b->funcs[pd->func]))
			return 0;
		sbdf_of(p, pd->func, s);
		return plan_fail(p, "%s: %s has neither MSI nor MSI-X, and this board's host bridge routes no INTx (no interrupt-map)",
				 d->name, s);
	}
	pd->host_intid = pci_intx_route(&b->fdt, b->pcie, b->funcs, b->nr_funcs, b->root_bus,
					b->funcs[pd->func].sbdf, pin);
	if (pd->host_intid < 32) {
		sbdf_of(p, pd->func, s);
		return plan_fail(p, "%s: %s INT%c is not in the host bridge's interrupt-map",
				 d->name, s, 'A' + pin - 1);
	}
	b->devs[pd->func].intx = pd->host_intid;
	b->devs[pd->func].intx_used = true;
	return 0;
}

/* Host and virtual lines of one guest pair up one to one; no virtual
 * line lands on the virtual UART's. Registers the inventory names stay
 * off the MSI-X pages, and so do the ranges the hypervisor keeps. */
static int check_domain(struct plan *p, struct plan_check *pc, struct plan_domain *d)
{
	struct plan_line lines[PLAN_MAX_DEVS];
	unsigned int k;

	for (k = 0; k < d->nr_dev; k++) {
		const struct plan_dev *x = &d->dev[k];

		if (plan_check_msix_regs(pc, &p->board.devs[x->func], x->regs, x->nr_regs) ||
		    plan_check_kept(pc, &p->board.devs[x->func], x->kept, x->nr_kept))
			return plan_fail(p, "%s: %s", d->name, pc->err);
		lines[k] = (struct plan_line){ x->vsbdf, x->host_intid, x->virt_intid };
	}
	if (plan_check_guest_lines(pc, d->name, lines, d->nr_dev,
				   d->uart != GUEST_UART_NONE ? GUEST_VUART_IRQ : -1))
		return plan_fail(p, "%s", pc->err);
	return 0;
}

/* Host message vectors for every guest's functions, in the order the
 * hypervisor attaches them: the boot tree's (guests, then nodes). */
static int check_msi_budget(struct plan *p, struct plan_check *pc)
{
	const struct pci_dev *fn[PLAN_CHECK_MAX_MSI_FUNCS];
	unsigned int i, k, n = 0;

	for (i = 0; i < p->nr_domains; i++)
		for (k = 0; k < p->dom[i].nr_dev; k++) {
			if (n == PLAN_CHECK_MAX_MSI_FUNCS)
				return plan_fail(p, "more than %u guests' PCI functions",
						 PLAN_CHECK_MAX_MSI_FUNCS);
			fn[n++] = &p->board.devs[p->dom[i].dev[k].func];
		}
	if (plan_check_msi_budget(pc, fn, n))
		return plan_fail(p, "%s", pc->err);
	return 0;
}

static int check_all(struct plan *p)
{
	struct plan_check pc = {
		.devs = p->board.devs, .nr = p->board.nr_funcs, .owner_name = owner_cb, .ctx = p,
	};
	unsigned int i;
	int ret = 0;

	pc.spans = plan_calloc((size_t)p->board.nr_funcs * PLAN_SPANS_PER_FUNC + 1,
			       sizeof(*pc.spans));
	pc.order = plan_calloc(p->board.nr_funcs + 1, sizeof(*pc.order));
	if (!pc.spans || !pc.order)
		ret = plan_fail(p, "out of memory");
	else if (plan_check_all(&pc))
		ret = plan_fail(p, "%s", pc.err);
	for (i = 0; !ret && i < p->nr_domains; i++)
		ret = check_domain(p, &pc, &p->dom[i]);
	if (!ret)
		ret = check_msi_budget(p, &pc);
	free(pc.spans);
	free(pc.order);
	return ret;
}

int plan_compute(struct plan *p)
{
	unsigned int i, k;

	if (plan_check_board_caps(p) || plan_enable_vfs(p) || decide_owners(p) || place_cpus(p) ||
	    place_ram(p))
		return -1;
	if (p->console_func >= 0 && p->board.pins[p->console_func]) {
		struct pci_dev *c = &p->board.devs[p->console_func];

		c->intx = pci_intx_route(&p->board.fdt, p->board.pcie, p->board.funcs,
					 p->board.nr_funcs, p->board.root_bus, c->f.sbdf,
					 p->board.pins[p->console_func]);
		c->intx_used = c->intx >= 0;
	}
	for (i = 0; i < p->nr_domains; i++) {
		struct plan_domain *d = &p->dom[i];

		for (k = 0; k < d->nr_dev; k++)
			if (route_intx(p, d, &d->dev[k]))
				return -1;
		if (virtual_slots(p, d) || place_bars(p, d))
			return -1;
	}
	return check_all(p);
}
