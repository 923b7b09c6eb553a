// SPDX-License-Identifier: GPL-2.0-only
/*
 * SR-IOV: the VFs a partition names are not in the inventory (the
 * discovery boot leaves VF Enable off). Here they are made what the
 * hypervisor will find at boot after it enables them (vpci/pci_host.c,
 * tessera,sriov-pf): VF 0's BARs placed, each VF a function with the
 * PF's vendor, the VF device id and its share of the VF BARs, its SBDF
 * from First VF Offset and VF Stride (pci_sriov_vf_sbdf). The same
 * check as the hypervisor's decides whether the PF can enable them
 * (plan_check_sriov); who owns what is checked with every other
 * function (plan_check_all refuses a PF with VFs given to a guest).
 */
#include <stdlib.h>
#include <string.h>

#include "igb_pf.h"
#include "owner.h"
#include "pci_dt.h"
#include "plan.h"

#define SZ_4G		(1ull << 32)
#define SZ_1M		(1ull << 20)
#define PAGE_4K		4096ull

/* Free PCI memory below 4 GiB: the host bridge's untranslated memory
 * windows there, without every BAR and without the span each bridge
 * forwards (the inventory has no bridge windows: the span of the BARs
 * below the bridge, in the 1 MiB units bridge windows have). */
static int vf_bar_room(struct plan *p, struct rangeset *room)
{
	const struct plan_board *b = &p->board;
	struct pci_window w;
	unsigned int i, k, j;
	int bad = 0;

	for (i = 0; !pci_bridge_window(&b->fdt, b->pcie, i, &w); i++)
		if ((w.space == 2 || w.space == 3) && w.pci == w.cpu && w.pci < SZ_4G && w.size)
			bad |= rangeset_add(room, w.pci, w.pci + w.size > SZ_4G ? SZ_4G :
					    w.pci + w.size);
	for (i = 0; i < b->nr_funcs; i++) {
		const struct pci_func *f = &b->funcs[i];
		uint64_t lo = ~0ull, hi = 0;

		for (k = 0; k < PCI_MAX_BARS; k++)
			if (f->bar[k].size && f->bar[k].kind != PCI_BAR_IO && f->bar[k].addr)
				bad |= rangeset_remove(room, f->bar[k].addr & ~(PAGE_4K - 1),
						       (f->bar[k].addr + f->bar[k].size +
							PAGE_4K - 1) & ~(PAGE_4K - 1));
		if (f->header != 1)
			continue;
		for (j = 0; j < b->nr_funcs; j++) {
			const struct pci_func *g = &b->funcs[j];

			if (PCI_SBDF_BUS(g->sbdf) < f->secondary ||
			    PCI_SBDF_BUS(g->sbdf) > f->subordinate)
				continue;
			/* Only the span below 4 GiB: a bridge's prefetchable
			 * window may be above it, apart from the other. */
			for (k = 0; k < PCI_MAX_BARS; k++)
				if (g->bar[k].size && g->bar[k].kind != PCI_BAR_IO && g->bar[k].addr &&
				    g->bar[k].addr < SZ_4G) {
					lo = g->bar[k].addr < lo ? g->bar[k].addr : lo;
					hi = g->bar[k].addr + g->bar[k].size > hi ?
					     g->bar[k].addr + g->bar[k].size : hi;
				}
		}
		if (hi)
			bad |= rangeset_remove(room, lo & ~(SZ_1M - 1), (hi + SZ_1M - 1) & ~(SZ_1M - 1));
	}
	return bad ? plan_fail(p, "out of memory for the map of PCI memory") : 0;
}

static int no_room(struct plan *p, const struct pci_func *pf, unsigned int bar, unsigned int nr,
		   const struct rangeset *room)
{
	uint64_t largest = 0;
	char s[16];
	size_t i;

	for (i = 0; i < room->nr; i++)
		if (room->r[i].end - room->r[i].start > largest)
			largest = room->r[i].end - room->r[i].start;
	pci_sbdf_str(pf->sbdf, s);
	return plan_fail(p, "%s: VF BAR %u of %u VFs (%u x 0x%llx bytes) does not fit below 4 GiB: the host bridge's windows there have 0x%llx bytes free, the largest piece 0x%llx (VF BARs go below 4 GiB: QEMU's igbvf decodes only their low 32 bits)",
			 s, bar, nr, nr, (unsigned long long)pf->sriov.vf_bar[bar].size,
			 (unsigned long long)rangeset_total(room), (unsigned long long)largest);
}

/* VF 0's BARs of e, largest first, each nr VFs' worth at the lowest free
 * address aligned to one VF's BAR (plan_check_sriov's rule). */
static int place_vf_bars(struct plan *p, struct plan_sriov *e, const struct pci_func *pf,
			 struct rangeset *room)
{
	const struct pci_sriov *s = &pf->sriov;
	bool done[PCI_SRIOV_NUM_BARS] = { false };
	unsigned int n, i, big;

	for (n = 0; n < PCI_SRIOV_NUM_BARS; n++) {
		for (i = 0, big = PCI_SRIOV_NUM_BARS; i < PCI_SRIOV_NUM_BARS; i++)
			if (s->vf_bar[i].size && !done[i] &&
			    (big == PCI_SRIOV_NUM_BARS || s->vf_bar[i].size > s->vf_bar[big].size))
				big = i;
		if (big == PCI_SRIOV_NUM_BARS)
			return 0;
		done[big] = true;
		if (!e->nr || e->nr > s->total)
			continue;	/* plan_check_sriov says why */
		if (rangeset_find_free(room, e->nr * s->vf_bar[big].size, s->vf_bar[big].size, 0,
				       &e->bar_addr[big]))
			return no_room(p, pf, big, e->nr, room);
		if (rangeset_remove(room, e->bar_addr[big],
				    e->bar_addr[big] + e->nr * s->vf_bar[big].size))
			return plan_fail(p, "out of memory for the map of PCI memory");
	}
	return 0;
}

/* The inventory has no bridge windows: VF BARs of a PF behind a bridge
 * would have to be inside its window, which the planner cannot see. */
static int pf_on_root_bus(struct plan *p, const struct pci_func *pf)
{
	char s[16];

	if (PCI_SBDF_BUS(pf->sbdf) == p->board.root_bus)
		return 0;
	pci_sbdf_str(pf->sbdf, s);
	return plan_fail(p, "%s: its VFs' BARs would have to be inside the window of the bridge above it, which the inventory does not carry; only PFs on the root bus get VFs planned",
			 s);
}

/* The board's arrays with room for extra more functions. */
static int grow(struct plan *p, unsigned int extra)
{
	struct plan_board *b = &p->board;
	unsigned int n = b->nr_funcs + extra + 1;
	struct pci_func *funcs = plan_calloc(n, sizeof(*funcs));
	uint8_t *pins = plan_calloc(n, sizeof(*pins));
	int *nodes = plan_calloc(n, sizeof(*nodes));
	struct pci_dev *devs = plan_calloc(n, sizeof(*devs));

	if (!funcs || !pins || !nodes || !devs) {
		free(funcs);
		free(pins);
		free(nodes);
		free(devs);
		return plan_fail(p, "out of memory");
	}
	memcpy(funcs, b->funcs, b->nr_funcs * sizeof(*funcs));
	memcpy(pins, b->pins, b->nr_funcs * sizeof(*pins));
	memcpy(nodes, b->nodes, b->nr_funcs * sizeof(*nodes));
	free(b->funcs);
	free(b->pins);
	free(b->nodes);
	free(b->devs);
	b->funcs = funcs;
	b->pins = pins;
	b->nodes = nodes;
	b->devs = devs;
	b->max_funcs = n;
	return 0;
}

/*
 * e's MACs as the hypervisor will read them (tessera,vf-macs): one for
 * each enabled VF, the PF an 82576 with its BAR 0, each VF with its
 * register page, and the list passing the hypervisor's own check.
 */
static int check_vf_macs(struct plan *p, const struct plan_sriov *e, const struct pci_func *pf,
			 unsigned int *served)
{
	uint8_t bytes[6 * PCI_SRIOV_MAX_MACS];
	char s[16], why[160];
	unsigned int i;

	if (!plan_sriov_served(e))
		return 0;
	pci_sbdf_str(pf->sbdf, s);
	for (i = 0; i < e->nr; i++)
		if (i >= PCI_SRIOV_MAX_MACS || !e->has_mac[i])
			return plan_fail(p, "%s: a VF of it has a local-mac-address, so each of its %u enabled VFs needs one (tessera,vf-macs), but VF %u has none",
					 s, e->nr, i);
	*served += e->nr;
	if (igb_pf_can_serve(pf, s, *served, why, sizeof(why)))
		return plan_fail(p, "%s (from the VFs' local-mac-address)", why);
	for (i = 0; i < e->nr; i++)
		memcpy(bytes + 6 * i, e->mac[i], 6);
	if (pci_sriov_macs_check(s, bytes, 6 * e->nr, e->nr, why, sizeof(why)))
		return plan_fail(p, "%s", why);
	return 0;
}

static int add_vfs(struct plan *p, struct plan_sriov *e, struct rangeset *room,
		   unsigned int *n, unsigned int *served)
{
	struct plan_board *b = &p->board;
	struct plan_check pc = { 0 };
	int fn = plan_find_func(p, e->pf_sbdf);
	struct pci_func *pf = &b->funcs[fn];
	unsigned int i;

	if (pf_on_root_bus(p, pf) || place_vf_bars(p, e, pf, room))
		return -1;
	/* The hypervisor's own check on the tessera,sriov-pf written. */
	if (plan_check_sriov(&pc, pf, e->nr, e->bar_addr))
		return plan_fail(p, "the partition names VF %u of %04x:%02x:%02x.%u, so %u VFs must be enabled: %s",
				 e->nr - 1, e->pf_sbdf >> 16, PCI_SBDF_BUS(e->pf_sbdf),
				 PCI_SBDF_DEV(e->pf_sbdf), PCI_SBDF_FN(e->pf_sbdf), e->nr, pc.err);
	if (check_vf_macs(p, e, pf, served))
		return -1;
	for (i = 0; i < PCI_SRIOV_NUM_BARS; i++)
		pf->sriov.vf_bar[i].addr = e->bar_addr[i];
	pf->sriov.num = e->nr;
	for (i = 0; i < e->nr; i++) {
		if (*n + 1 >= b->max_funcs)	/* grow() counted only what passes */
			return plan_fail(p, "out of room for VFs");
		/* As the boot will find it, but for the class and capabilities
		 * (the VF's own header is not readable before VF Enable). */
		if (pci_sriov_vf_model(pf, i, &b->funcs[*n]))
			return plan_fail(p, "VF %u of a PF is past its segment's last requester id", i);
		b->pins[*n] = 0;	/* VFs have no INTx */
		b->nodes[*n] = -1;
		(*n)++;
	}
	return 0;
}

static const struct pci_func *sort_funcs_of;

static int cmp_index(const void *a, const void *b)
{
	uint32_t x = sort_funcs_of[*(const unsigned int *)a].sbdf;
	uint32_t y = sort_funcs_of[*(const unsigned int *)b].sbdf;

	return x < y ? -1 : x > y;
}

/* Back in SBDF order (plan_find_func), pins and nodes along; devs is
 * scratch here. A VF on an SBDF the board already has is refused. */
static int sort_funcs(struct plan *p, unsigned int n)
{
	struct plan_board *b = &p->board;
	unsigned int *idx = plan_calloc(n, 3 * sizeof(*idx)), i;
	char s[16];
	int ret = 0;

	if (!idx)
		return plan_fail(p, "out of memory");
	for (i = 0; i < n; i++) {
		idx[i] = i;
		idx[n + i] = b->pins[i];
		idx[2 * n + i] = b->nodes[i];
		b->devs[i].f = b->funcs[i];
	}
	sort_funcs_of = b->funcs;
	qsort(idx, n, sizeof(*idx), cmp_index);
	for (i = 0; i < n; i++) {
		b->funcs[i] = b->devs[idx[i]].f;
		b->pins[i] = idx[n + idx[i]];
		b->nodes[i] = idx[2 * n + idx[i]];
		if (!ret && i && b->funcs[i].sbdf == b->funcs[i - 1].sbdf) {
			pci_sbdf_str(b->funcs[i].sbdf, s);
			ret = plan_fail(p, "%s: a VF the plan enables would have the SBDF of a function the board has, or of another VF",
					s);
		}
	}
	free(idx);
	return ret;
}

/* Every partition function's index again, by SBDF (a VF's from its PF). */
static int resolve_devs(struct plan *p)
{
	unsigned int i, k;

	for (i = 0; i < p->nr_domains; i++)
		for (k = 0; k < p->dom[i].nr_dev; k++) {
			struct plan_dev *pd = &p->dom[i].dev[k];

			if (pd->vf >= 0)
				pci_sriov_vf_sbdf(&p->board.funcs[plan_find_func(p, pd->pf_sbdf)],
						  pd->vf, &pd->sbdf);
			pd->func = plan_find_func(p, pd->sbdf);
		}
	return 0;
}

int plan_enable_vfs(struct plan *p)
{
	struct plan_board *b = &p->board;
	struct rangeset room;
	struct range *storage;
	unsigned int i, extra = 0, n, served = 0;
	uint32_t bus_up[PCI_NR_BUSES];
	int ret;

	if (!p->nr_sriov)
		return 0;
	for (i = 0; i < p->nr_sriov; i++)
		extra += p->sriov[i].nr <= b->funcs[plan_find_func(p, p->sriov[i].pf_sbdf)].sriov.total ?
			 p->sriov[i].nr : 0;
	if (grow(p, extra))
		return -1;
	/* Each BAR and bridge span cuts at most one more piece. */
	storage = plan_calloc(2 * b->nr_funcs + 16, sizeof(*storage));
	if (!storage)
		return plan_fail(p, "out of memory");
	rangeset_init(&room, storage, 2 * b->nr_funcs + 16);
	ret = vf_bar_room(p, &room);
	for (i = 0, n = b->nr_funcs; !ret && i < p->nr_sriov; i++)
		ret = add_vfs(p, &p->sriov[i], &room, &n, &served);
	free(storage);
	if (ret || sort_funcs(p, n))
		return -1;
	b->nr_funcs = n;
	for (i = 0; i < n; i++) {
		memset(&b->devs[i], 0, sizeof(b->devs[i]));
		b->devs[i].f = b->funcs[i];
		b->devs[i].owner = OWNER_DOM_IO;
		b->devs[i].intx = -1;
	}
	pci_dma_streams(&b->fdt, b->pcie, b->root_bus, b->devs, b->nr_funcs, bus_up);
	return resolve_devs(p);
}
