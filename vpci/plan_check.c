// SPDX-License-Identifier: GPL-2.0-only
#include "plan_check.h"

#include "irq.h"
#include "lib/printf.h"
#include "lib/sort.h"
#include "owner.h"

#define PAGE_SHIFT_4K	12

bool plan_owner_is_guest(uint16_t owner)
{
	return owner != OWNER_DOM_XEN && owner != OWNER_DOM_IO;
}

static const char *name(struct plan_check *pc, uint16_t owner)
{
	return pc->owner_name(pc->ctx, owner);
}

static bool bar_is_mem(const struct pci_bar *b)
{
	return b->size && b->kind != PCI_BAR_IO && b->kind != PCI_BAR_NONE;
}

static struct plan_span span_of(uint32_t dev, unsigned int bar, unsigned int what,
				uint64_t addr, uint64_t size)
{
	return (struct plan_span){ .first = addr >> PAGE_SHIFT_4K,
				   .last = (addr + size - 1) >> PAGE_SHIFT_4K,
				   .dev = dev, .bar = bar, .what = what };
}

/* The MSI-X structure at BAR bar + off, size bytes, of guest function i. */
static int add_msix(struct plan_check *pc, unsigned int *n, uint32_t i, unsigned int what,
		    int bar, uint32_t off, uint32_t size)
{
	const struct pci_func *f = &pc->devs[i].f;
	const char *s = what == PLAN_SPAN_MSIX_TABLE ? "table" : "PBA";
	char sa[16];

	if (bar < 0 || !size)
		return 0;
	if (bar > 5 || !bar_is_mem(&f->bar[bar]) || (uint64_t)off + size > f->bar[bar].size) {
		pci_sbdf_str(f->sbdf, sa);
		fmt_snprintf(pc->err, sizeof(pc->err),
			     "%s: its MSI-X %s (BAR %d, offset 0x%x) is not inside a memory BAR",
			     sa, s, bar, off);
		return -1;
	}
	pc->spans[(*n)++] = span_of(i, bar, what, f->bar[bar].addr + off, size);
	return 0;
}

/* Spans of every memory BAR, and of the MSI-X structures of guest functions. */
static int collect_spans(struct plan_check *pc, unsigned int *n)
{
	uint32_t i;
	unsigned int b;
	char sa[16];

	*n = 0;
	for (i = 0; i < pc->nr; i++) {
		const struct pci_dev *d = &pc->devs[i];
		bool guest = plan_owner_is_guest(d->owner);

		for (b = 0; b < PCI_MAX_BARS; b++) {
			const struct pci_bar *x = &d->f.bar[b];

			if (!bar_is_mem(x))
				continue;
			if (!x->addr && guest) {
				pci_sbdf_str(d->f.sbdf, sa);
				fmt_snprintf(pc->err, sizeof(pc->err),
					     "%s: BAR %u was not given an address by the firmware",
					     sa, b);
				return -1;
			}
			if (x->addr)
				pc->spans[(*n)++] = span_of(i, b, PLAN_SPAN_BAR, x->addr, x->size);
		}
		if (guest && (add_msix(pc, n, i, PLAN_SPAN_MSIX_TABLE, d->f.msix.table_bar,
				       d->f.msix.table, d->f.msix.table_size) ||
			      add_msix(pc, n, i, PLAN_SPAN_MSIX_PBA, d->f.msix.pba_bar,
				       d->f.msix.pba, d->f.msix.pba_size)))
			return -1;
	}
	return 0;
}

static int cmp_span(const void *a, const void *b, void *ctx)
{
	const struct plan_span *x = a, *y = b;

	if (x->first != y->first)
		return x->first < y->first ? -1 : 1;
	if (x->dev != y->dev)
		return x->dev < y->dev ? -1 : 1;
	if (x->what != y->what)
		return x->what < y->what ? -1 : 1;
	return x->bar - y->bar;
}

static uint64_t span_addr(struct plan_check *pc, const struct plan_span *s)
{
	const struct pci_func *f = &pc->devs[s->dev].f;

	if (s->what == PLAN_SPAN_BAR)
		return f->bar[s->bar].addr;
	return f->bar[s->bar].addr +
	       (s->what == PLAN_SPAN_MSIX_TABLE ? f->msix.table : f->msix.pba);
}

/* x and y share a page: is that allowed? */
static int check_pair(struct plan_check *pc, const struct plan_span *x, const struct plan_span *y)
{
	const struct pci_dev *dx = &pc->devs[x->dev], *dy = &pc->devs[y->dev];
	char sa[16], sb[16];

	if (x->what != PLAN_SPAN_BAR && y->what != PLAN_SPAN_BAR)
		return 0;	/* table and PBA may share their pages */
	if (x->what == PLAN_SPAN_BAR && y->what == PLAN_SPAN_BAR) {
		if (dx->owner == dy->owner ||
		    (!plan_owner_is_guest(dx->owner) && !plan_owner_is_guest(dy->owner)))
			return 0;
		if (!plan_owner_is_guest(dx->owner)) {
			const struct plan_span *t = x;

			x = y;
			y = t;
			dx = &pc->devs[x->dev];
			dy = &pc->devs[y->dev];
		}
		pci_sbdf_str(dx->f.sbdf, sa);
		pci_sbdf_str(dy->f.sbdf, sb);
		fmt_snprintf(pc->err, sizeof(pc->err),
			     "%s BAR %u (0x%llx) shares a page with %s BAR %u (0x%llx) of %s",
			     sa, x->bar, (unsigned long long)span_addr(pc, x), sb, y->bar,
			     (unsigned long long)span_addr(pc, y), name(pc, dy->owner));
		return -1;
	}
	if (x->what == PLAN_SPAN_BAR) {	/* the MSI-X one first */
		const struct plan_span *t = x;

		x = y;
		y = t;
		dx = &pc->devs[x->dev];
		dy = &pc->devs[y->dev];
	}
	if (x->dev == y->dev && x->bar == y->bar)
		return 0;
	pci_sbdf_str(dx->f.sbdf, sa);
	pci_sbdf_str(dy->f.sbdf, sb);
	fmt_snprintf(pc->err, sizeof(pc->err),
		     "%s: its MSI-X %s (0x%llx) shares a page with %s BAR %u (0x%llx) of %s; the guest never gets that page",
		     sa, x->what == PLAN_SPAN_MSIX_TABLE ? "table" : "PBA",
		     (unsigned long long)span_addr(pc, x), sb, y->bar,
		     (unsigned long long)span_addr(pc, y), name(pc, dy->owner));
	return -1;
}

/* Sort the spans by page and look only at neighbours that share one. */
static int check_pages(struct plan_check *pc)
{
	unsigned int n, i, j;

	if (collect_spans(pc, &n))
		return -1;
	sort_heap(pc->spans, n, sizeof(*pc->spans), cmp_span, NULL);
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n && pc->spans[j].first <= pc->spans[i].last; j++)
			if (check_pair(pc, &pc->spans[i], &pc->spans[j]))
				return -1;
	return 0;
}

/* A guest function whose every BAR was dropped (pci_bar_usable) can do
 * nothing for its guest: refused, with the first BAR's reason. */
static int check_usable(struct plan_check *pc, const struct pci_dev *d)
{
	unsigned int b, first = 0;
	char sa[16];

	for (b = 0; b < PCI_MAX_BARS; b++)
		if (d->f.bar[b].size && b != 6)
			return 0;
	if (!d->f.unusable || !plan_owner_is_guest(d->owner))
		return 0;
	while (!(d->f.unusable >> first & 1))
		first++;
	pci_sbdf_str(d->f.sbdf, sa);
	fmt_snprintf(pc->err, sizeof(pc->err),
		     "%s (%s): no BAR a guest can use: BAR %u is unassigned or outside the host bridge's windows",
		     sa, name(pc, d->owner), first);
	return -1;
}

/*
 * I/O BARs are forwarded access by access, so they may share pages, but
 * a guest's I/O BAR overlaps no port of another owner's I/O BAR.
 */
static int check_io(struct plan_check *pc)
{
	unsigned int n = 0, i, j, b;
	uint32_t k;
	char sa[16], sb[16];

	for (k = 0; k < pc->nr; k++) {
		if (check_usable(pc, &pc->devs[k]))
			return -1;
		for (b = 0; b < 6; b++) {
			const struct pci_bar *x = &pc->devs[k].f.bar[b];

			if (x->size && x->kind == PCI_BAR_IO)
				pc->spans[n++] = (struct plan_span){ .first = x->addr,
					.last = x->addr + x->size - 1, .dev = k, .bar = b };
		}
	}
	sort_heap(pc->spans, n, sizeof(*pc->spans), cmp_span, NULL);
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n && pc->spans[j].first <= pc->spans[i].last; j++) {
			const struct pci_dev *x = &pc->devs[pc->spans[i].dev];
			const struct pci_dev *y = &pc->devs[pc->spans[j].dev];

			if (x->owner == y->owner ||
			    (!plan_owner_is_guest(x->owner) && !plan_owner_is_guest(y->owner)))
				continue;
			if (!plan_owner_is_guest(x->owner)) {
				const struct pci_dev *t = x;

				x = y;
				y = t;
			}
			pci_sbdf_str(x->f.sbdf, sa);
			pci_sbdf_str(y->f.sbdf, sb);
			fmt_snprintf(pc->err, sizeof(pc->err),
				     "%s (%s) and %s (%s) have overlapping I/O BARs at port 0x%llx",
				     sa, name(pc, x->owner), sb, name(pc, y->owner),
				     (unsigned long long)pc->spans[j].first);
			return -1;
		}
	return 0;
}

/* What a group of pc->order shares. */
enum group_by { BY_SLOT, BY_INTX, BY_STREAM };

/* Order pc->order by key (SBDF's slot, INTx or stream id), then SBDF. */
struct order_ctx {
	const struct pci_dev *devs;
	enum group_by by;
};

/*
 * A bridge or host bridge makes no DMA of its own: the stream id of a
 * conventional PCI-to-PCI bridge is that of the functions behind it, so
 * it takes no part in the stream check.
 */
static bool is_fabric(const struct pci_func *f)
{
	return f->header == 1 || (f->class >> 8) == 0x0600;
}

/* -1: takes no part in the grouping. */
static int64_t order_key(const struct order_ctx *o, uint32_t i)
{
	const struct pci_dev *d = &o->devs[i];

	if (o->by == BY_INTX)
		return d->intx;
	if (o->by == BY_STREAM)
		return d->dma.translated && d->dma.has_sid && !is_fabric(&d->f) ?
		       (int64_t)d->dma.sid : -1;
	/* VFs are not the functions of a multi-function device: each is
	 * its own function of one PF, with its own requester id, and
	 * VFs of one PF sit in one slot by their stride (igb: 2). */
	return d->f.is_vf ? -1 : (int64_t)(d->f.sbdf & ~7u);
}

static int cmp_order(const void *a, const void *b, void *ctx)
{
	const struct order_ctx *o = ctx;
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	int64_t kx = order_key(o, x), ky = order_key(o, y);

	if (kx != ky)
		return kx < ky ? -1 : 1;
	if (o->devs[x].f.sbdf != o->devs[y].f.sbdf)
		return o->devs[x].f.sbdf < o->devs[y].f.sbdf ? -1 : 1;
	return x < y ? -1 : x > y;
}

static void sort_order(struct plan_check *pc, enum group_by by)
{
	struct order_ctx o = { pc->devs, by };
	uint32_t i;

	for (i = 0; i < pc->nr; i++)
		pc->order[i] = i;
	sort_heap(pc->order, pc->nr, sizeof(*pc->order), cmp_order, &o);
}

/* Does d count in its group? dom_io's functions may share a slot with a
 * guest's (each function has its own requester id), not a stream: the
 * IOMMU would give the quarantined one the guest's translation. */
static bool counts(const struct pci_dev *d, enum group_by by)
{
	if (by == BY_INTX)
		return d->intx_used;
	return by == BY_STREAM || d->owner != OWNER_DOM_IO;
}

/* Why a and b, of one stream id, share it: the bridge that aliases
 * them, or iommu-map sending two requester ids to one stream. */
static void stream_reason(const struct plan_check *pc, const struct pci_dev *a,
			  const struct pci_dev *b, char *buf, unsigned int len)
{
	const struct pci_dev *x = a->dma.via >= 0 ? a : b;
	char sb[16];

	if (a->dma.rid != b->dma.rid) {
		fmt_snprintf(buf, len, "the host bridge's iommu-map sends requester ids 0x%04x and 0x%04x to it",
			     a->dma.rid, b->dma.rid);
	} else if (x->dma.via >= 0) {
		const struct pci_func *br = &pc->devs[x->dma.via].f;

		pci_sbdf_str(br->sbdf, sb);
		fmt_snprintf(buf, len, "DMA alias of the %s %s",
			     pci_bridge_kind_name(br->bridge_kind), sb);
	} else {
		fmt_snprintf(buf, len, "one requester id 0x%04x", a->dma.rid);
	}
}

static void refuse_pair(struct plan_check *pc, const struct pci_dev *a, const struct pci_dev *b,
			enum group_by by)
{
	char sa[16], sb[16], why[96], harm[96] = "";

	pci_sbdf_str(a->f.sbdf, sa);
	pci_sbdf_str(b->f.sbdf, sb);
	if (by == BY_INTX) {
		fmt_snprintf(pc->err, sizeof(pc->err),
			     "%s (%s) and %s (%s) share the INTx line INTID %d", sa,
			     name(pc, a->owner), sb, name(pc, b->owner), a->intx);
	} else if (by == BY_SLOT) {
		fmt_snprintf(pc->err, sizeof(pc->err),
			     "%s (%s) and %s (%s) are functions of one device; give them to one owner",
			     sa, name(pc, a->owner), sb, name(pc, b->owner));
	} else {
		/* Guests' contexts are set up after quarantine: the other
		 * owner's function would get the guest's translation. */
		stream_reason(pc, a, b, why, sizeof(why));
		if (!plan_owner_is_guest(b->owner))
			fmt_snprintf(harm, sizeof(harm), ": the %s function would reach %s's memory",
				     name(pc, b->owner), name(pc, a->owner));
		fmt_snprintf(pc->err, sizeof(pc->err),
			     "%s (%s) and %s (%s) share stream id 0x%x (%s)%s; give them to one owner",
			     sa, name(pc, a->owner), sb, name(pc, b->owner), a->dma.sid, why, harm);
	}
}

/*
 * Within one group (same slot, INTx line or stream id) [s, e) of
 * pc->order: the first two distinct owners among the members that
 * count, so that each guest member can be paired with one of another
 * owner in O(1).
 */
static int check_group(struct plan_check *pc, unsigned int s, unsigned int e, enum group_by by)
{
	const struct pci_dev *o1 = NULL, *o2 = NULL;
	unsigned int k;

	for (k = s; k < e && !o2; k++) {
		const struct pci_dev *d = &pc->devs[pc->order[k]];

		if (!counts(d, by))
			continue;
		if (!o1)
			o1 = d;
		else if (d->owner != o1->owner)
			o2 = d;
	}
	for (k = s; k < e && o1; k++) {
		const struct pci_dev *a = &pc->devs[pc->order[k]], *b;

		if (!plan_owner_is_guest(a->owner))
			continue;
		b = o1->owner != a->owner ? o1 : o2;
		if (!b)
			continue;
		refuse_pair(pc, a, b, by);
		return -1;
	}
	return 0;
}

/* Group pc->order (sorted by slot, INTx or stream) and check each group. */
static int check_groups(struct plan_check *pc, enum group_by by)
{
	struct order_ctx o = { pc->devs, by };
	unsigned int s, e;

	sort_order(pc, by);
	for (s = 0; s < pc->nr; s = e) {
		int64_t key = order_key(&o, pc->order[s]);

		for (e = s + 1; e < pc->nr && order_key(&o, pc->order[e]) == key; e++)
			;
		if (key >= 0 && check_group(pc, s, e, by))
			return -1;
	}
	return 0;
}

/*
 * A PF with VFs enabled stays with dom_xen or dom_io: its driver would
 * control its VFs (resets, addresses, queues), which belong to others.
 */
static int check_pfs(struct plan_check *pc)
{
	unsigned int i;
	char sa[16];

	for (i = 0; i < pc->nr; i++) {
		const struct pci_dev *d = &pc->devs[i];

		if (!d->f.sriov.num || !plan_owner_is_guest(d->owner))
			continue;
		pci_sbdf_str(d->f.sbdf, sa);
		fmt_snprintf(pc->err, sizeof(pc->err),
			     "%s has %u SR-IOV virtual functions enabled, so it cannot be given to %s: a PF's driver controls its VFs",
			     sa, d->f.sriov.num, name(pc, d->owner));
		return -1;
	}
	return 0;
}

int plan_check_sriov(struct plan_check *pc, const struct pci_func *pf, unsigned int nr,
		     const uint64_t bar_addr[PCI_SRIOV_NUM_BARS])
{
	const struct pci_sriov *s = &pf->sriov;
	uint32_t last;
	unsigned int i;
	char sa[16];

	pci_sbdf_str(pf->sbdf, sa);
	pc->err[0] = 0;
	if (!s->pos) {
		fmt_snprintf(pc->err, sizeof(pc->err),
			     "%s has no SR-IOV capability: tessera,sriov-vfs cannot enable VFs on it",
			     sa);
		return -1;
	}
	if (!nr || nr > s->total) {
		fmt_snprintf(pc->err, sizeof(pc->err),
			     "%s: tessera,sriov-vfs = <%u>, but it has from 1 to %u VFs (TotalVFs)",
			     sa, nr, s->total);
		return -1;
	}
	if (pci_sriov_vf_sbdf(pf, nr - 1, &last)) {
		fmt_snprintf(pc->err, sizeof(pc->err),
			     "%s: VF %u would have a requester id past ffff (offset %u, stride %u)",
			     sa, nr - 1, s->offset, s->stride);
		return -1;
	}
	for (i = 0; i < PCI_SRIOV_NUM_BARS; i++) {
		const struct pci_bar *b = &s->vf_bar[i];
		uint64_t addr = bar_addr[i] ? bar_addr[i] : b->addr;

		if (!b->size)
			continue;
		if (!addr || (addr & (b->size - 1)) || b->size * nr / nr != b->size ||
		    addr + b->size * nr < addr) {
			fmt_snprintf(pc->err, sizeof(pc->err),
				     "%s: VF BAR %u (0x%llx per VF) has no usable address 0x%llx: the plan's tessera,vf-bars must place it (aligned to its size)",
				     sa, i, (unsigned long long)b->size, (unsigned long long)addr);
			return -1;
		}
	}
	return 0;
}

int plan_check_all(struct plan_check *pc)
{
	pc->err[0] = 0;
	return check_pfs(pc) || check_pages(pc) || check_io(pc) || check_groups(pc, BY_SLOT) ||
	       check_groups(pc, BY_STREAM) || check_groups(pc, BY_INTX) ? -1 : 0;
}

/* Offsets within one BAR: a BAR of 4 KiB or more starts on a page, so
 * in-BAR pages are the host's pages. */
static bool on_pages(uint64_t off, uint64_t size, uint64_t soff, uint64_t ssize)
{
	return ssize && size && off >> PAGE_SHIFT_4K <= (soff + ssize - 1) >> PAGE_SHIFT_4K &&
	       soff >> PAGE_SHIFT_4K <= (off + size - 1) >> PAGE_SHIFT_4K;
}

int plan_check_msix_regs(struct plan_check *pc, const struct pci_dev *a,
			 const struct plan_regs *regs, unsigned int n)
{
	const struct pci_msix *m = &a->f.msix;
	unsigned int i;
	char sa[16];

	for (i = 0; i < n; i++) {
		const struct plan_regs *r = &regs[i];
		bool table = m->table_bar == r->bar &&
			     on_pages(r->off, r->size, m->table, m->table_size);
		bool pba = m->pba_bar == r->bar &&
			   on_pages(r->off, r->size, m->pba, m->pba_size);

		if (!table && !pba)
			continue;
		pci_sbdf_str(a->f.sbdf, sa);
		fmt_snprintf(pc->err, sizeof(pc->err),
			     "%s: registers at BAR %u offset 0x%llx (0x%llx bytes) share a page with its MSI-X %s; the guest never gets that page",
			     sa, r->bar, (unsigned long long)r->off, (unsigned long long)r->size,
			     table ? "table" : "PBA");
		return -1;
	}
	return 0;
}

/* Why the kept range r of a cannot be, or NULL. */
static const char *kept_error(const struct pci_dev *a, const struct plan_regs *r)
{
	const struct pci_msix *m = &a->f.msix;
	const struct pci_bar *b = r->bar < 6 ? &a->f.bar[r->bar] : NULL;

	if (!b || (b->kind != PCI_BAR_MEM32 && b->kind != PCI_BAR_MEM64) || !b->size)
		return "is not in a memory BAR of the function";
	if (!r->size || (r->off | r->size) & 3)
		return "is not whole aligned dwords";
	if (r->off >= b->size || r->size > b->size - r->off)
		return "runs past the end of its BAR";
	if ((m->table_bar == r->bar && on_pages(r->off, r->size, m->table, m->table_size)) ||
	    (m->pba_bar == r->bar && on_pages(r->off, r->size, m->pba, m->pba_size)))
		return "shares a page with its MSI-X table or PBA, which vPCI emulates whole";
	return NULL;
}

int plan_check_kept(struct plan_check *pc, const struct pci_dev *a, const struct plan_regs *r,
		    unsigned int n)
{
	unsigned int i;
	char sa[16];

	for (i = 0; i < n; i++) {
		const char *why = kept_error(a, &r[i]);

		if (!why)
			continue;
		pci_sbdf_str(a->f.sbdf, sa);
		fmt_snprintf(pc->err, sizeof(pc->err),
			     "%s: the hypervisor's range at BAR %u offset 0x%llx (0x%llx bytes) %s",
			     sa, r[i].bar, (unsigned long long)r[i].off,
			     (unsigned long long)r[i].size, why);
		return -1;
	}
	return 0;
}

int plan_check_guest_lines(struct plan_check *pc, const char *guest,
			   const struct plan_line *lines, unsigned int n, int vuart_intid)
{
	unsigned int a, b;
	char s1[16], s2[16];

	for (a = 0; a < n; a++) {
		const struct plan_line *x = &lines[a];

		if (x->host_intid < 0)
			continue;
		if (vuart_intid >= 0 && x->virt_intid == vuart_intid) {
			pci_sbdf_str(x->vsbdf, s1);
			fmt_snprintf(pc->err, sizeof(pc->err),
				     "%s: the INTx of virtual slot %s lands on the virtual UART's interrupt (INTID %d)",
				     guest, s1, vuart_intid);
			return -1;
		}
		for (b = a + 1; b < n; b++) {
			const struct plan_line *y = &lines[b];

			if (y->host_intid < 0 ||
			    (x->virt_intid == y->virt_intid) == (x->host_intid == y->host_intid))
				continue;
			pci_sbdf_str(x->vsbdf, s1);
			pci_sbdf_str(y->vsbdf, s2);
			fmt_snprintf(pc->err, sizeof(pc->err),
				     "%s: virtual slots %s and %s %s; choose virtual slots whose INTx lines pair with the host's",
				     guest, s1, s2, x->virt_intid == y->virt_intid ?
				     "share a virtual INTx line but not a host one" :
				     "share a host INTx line but not a virtual one");
			return -1;
		}
	}
	return 0;
}

int plan_check_matches(struct plan_check *pc, const struct pci_dev *a,
		       const struct plan_expect *e)
{
	char sa[16];
	unsigned int i;

	pci_sbdf_str(a->f.sbdf, sa);
	if ((e->vendor >= 0 && e->vendor != a->f.vendor) ||
	    (e->device >= 0 && e->device != a->f.device)) {
		fmt_snprintf(pc->err, sizeof(pc->err),
			     "%s is %04x:%04x, but the plan was made for %04x:%04x", sa,
			     a->f.vendor, a->f.device,
			     e->vendor >= 0 ? e->vendor : a->f.vendor,
			     e->device >= 0 ? e->device : a->f.device);
		return -1;
	}
	for (i = 0; i < PCI_MAX_BARS; i++)
		if (e->has_size[i] && e->bar_size[i] != a->f.bar[i].size) {
			fmt_snprintf(pc->err, sizeof(pc->err),
				     "%s BAR %u is 0x%llx bytes, but the plan was made for 0x%llx",
				     sa, i, (unsigned long long)a->f.bar[i].size,
				     (unsigned long long)e->bar_size[i]);
			return -1;
		}
	return 0;
}

int plan_check_msi_budget(struct plan_check *pc, const struct pci_dev *const *fn, unsigned int n)
{
	unsigned int nvec[PLAN_CHECK_MAX_MSI_FUNCS], i, k, sum = 0;
	const char *budget;
	char sb[16];

	if (n > PLAN_CHECK_MAX_MSI_FUNCS) {
		fmt_snprintf(pc->err, sizeof(pc->err), "%u guests' PCI functions, more than %u",
			     n, PLAN_CHECK_MAX_MSI_FUNCS);
		return -1;
	}
	for (i = 0; i < n; i++)
		nvec[i] = pci_msi_host_vectors(&fn[i]->f, VPCI_MSI_MAX_VEC);
	k = irq_msi_fit(nvec, n, &budget);
	if (k == n)
		return 0;
	for (i = 0; i < k; i++)
		sum += nvec[i];
	pci_sbdf_str(fn[k]->f.sbdf, sb);
	fmt_snprintf(pc->err, sizeof(pc->err),
		     "%s (%s) needs %u host message vectors, which %s cannot give after the %u guests' functions before it (%u vectors)",
		     sb, name(pc, fn[k]->owner), nvec[k], budget, k, sum);
	return -1;
}
