// SPDX-License-Identifier: GPL-2.0-only
/* The plan for people (a table), for programs (JSON) and as a picture
 * (SVG: the memory map and who owns which PCI function). */
#include <stdlib.h>
#include <string.h>

#include "owner.h"
#include "pci_dt.h"
#include "plan.h"

static const char *kind_name(const struct pci_bar *b)
{
	return pci_bar_kind_name(b->kind);
}

/* The guest function for board function fn, or NULL. */
static const struct plan_dev *assigned(const struct plan *p, unsigned int fn,
				       const struct plan_domain **dom)
{
	unsigned int i, k;

	for (i = 0; i < p->nr_domains; i++)
		for (k = 0; k < p->dom[i].nr_dev; k++)
			if (p->dom[i].dev[k].func == fn) {
				*dom = &p->dom[i];
				return &p->dom[i].dev[k];
			}
	return NULL;
}

static void cpu_list(const struct plan_domain *d, char *buf, size_t len)
{
	unsigned int v;
	size_t n = 0;

	buf[0] = 0;
	for (v = 0; v < d->nr_vcpus && n < len; v++)
		n += snprintf(buf + n, len - n, "%s%u", v ? "," : "", d->cpu[v]);
}

/* Does an SMMU translate any of the board's functions (pci_dma_translated)? */
static bool board_translates(const struct plan *p)
{
	unsigned int i;

	for (i = 0; i < p->board.nr_funcs; i++)
		if (p->board.devs[i].dma.translated)
			return true;
	return false;
}

static const struct pci_dev *sort_devs;

static int cmp_sid(const void *a, const void *b)
{
	const struct pci_stream *x = &sort_devs[*(const unsigned int *)a].dma;
	const struct pci_stream *y = &sort_devs[*(const unsigned int *)b].dma;

	if (x->sid != y->sid)
		return x->sid < y->sid ? -1 : 1;
	return *(const unsigned int *)a < *(const unsigned int *)b ? -1 : 1;
}

/*
 * Whose translation each translated stream gets at boot: the guest that
 * owns a function of that stream id (the plan check leaves at most one),
 * else none: quarantine. ctx[i] is a guest's owner id, or OWNER_DOM_IO.
 */
static int stream_contexts(const struct plan *p, uint16_t *ctx)
{
	const struct plan_board *b = &p->board;
	unsigned int *idx = calloc(b->nr_funcs + 1, sizeof(*idx)), n = 0, s, e, k;

	if (!idx)
		return -1;
	for (k = 0; k < b->nr_funcs; k++) {
		ctx[k] = OWNER_DOM_IO;
		if (b->devs[k].dma.translated && b->devs[k].dma.has_sid)
			idx[n++] = k;
	}
	sort_devs = b->devs;
	qsort(idx, n, sizeof(*idx), cmp_sid);
	for (s = 0; s < n; s = e) {
		uint16_t owner = OWNER_DOM_IO;

		for (e = s; e < n && b->devs[idx[e]].dma.sid == b->devs[idx[s]].dma.sid; e++)
			if (plan_owner_is_guest(b->devs[idx[e]].owner))
				owner = b->devs[idx[e]].owner;
		for (k = s; k < e; k++)
			ctx[idx[k]] = owner;
	}
	free(idx);
	return 0;
}

/* One function's DMA: requester id, stream id and whose tables. */
static void write_dma_row(const struct plan *p, unsigned int i, uint16_t ctx, FILE *f)
{
	const struct pci_dev *d = &p->board.devs[i];
	char s[16], via[16];

	pci_sbdf_str(d->f.sbdf, s);
	fprintf(f, "%-13s rid 0x%04x ", s, d->dma.rid);
	if (!d->dma.translated || !d->dma.has_sid)
		fprintf(f, "untranslated (no IOMMU covers it)");
	else if (plan_owner_is_guest(ctx))
		fprintf(f, "sid 0x%x -> %s's tables", d->dma.sid, plan_owner_name(p, ctx));
	else
		fprintf(f, "sid 0x%x -> quarantine (DMA aborted)", d->dma.sid);
	if (d->dma.via >= 0) {
		const struct pci_func *br = &p->board.devs[d->dma.via].f;

		pci_sbdf_str(br->sbdf, via);
		fprintf(f, " (DMA alias of the %s %s)", pci_bridge_kind_name(br->bridge_kind), via);
	}
	fprintf(f, "\n");
}

static int write_dma(const struct plan *p, FILE *f)
{
	uint16_t *ctx = calloc(p->board.nr_funcs + 1, sizeof(*ctx));
	unsigned int i;

	if (!ctx || stream_contexts(p, ctx)) {
		free(ctx);
		return -1;
	}
	fprintf(f, "\nDMA           requester id, stream id -> whose translation\n");
	for (i = 0; i < p->board.nr_funcs; i++)
		write_dma_row(p, i, ctx[i], f);
	free(ctx);
	return 0;
}

/* The host pages [first, last] of an MSI-X structure at BAR bar + off. */
static void msix_pages(const struct pci_func *fn, int bar, uint32_t off, uint32_t size,
		       uint64_t *first, uint64_t *last)
{
	uint64_t at = fn->bar[bar].addr + off;

	*first = at & ~0xfffull;
	*last = (at + size - 1) & ~0xfffull;
}

/* An assigned function's interrupts beside INTx: what the hypervisor
 * emulates, and the MSI-X pages it keeps from the guest (BAR-1). */
static void write_msi_row(const struct plan *p, const struct plan_domain *d,
			  const struct plan_dev *pd, FILE *f)
{
	const struct pci_func *fn = &p->board.funcs[pd->func];
	const struct pci_msix *m = &fn->msix;
	uint64_t t0, t1, p0, p1;
	char s[16];

	pci_sbdf_str(fn->sbdf, s);
	fprintf(f, "%-13s %-8s ", s, d->name);
	if (fn->is_vf) {
		fprintf(f, "VF: its MSI/MSI-X capabilities are read from the VF at boot; its MSI-X pages are trapped there\n");
		return;
	}
	if (m->table_bar >= 0) {
		msix_pages(fn, m->table_bar, m->table, m->table_size, &t0, &t1);
		msix_pages(fn, m->pba_bar, m->pba, m->pba_size, &p0, &p1);
		fprintf(f, "MSI-X %u vectors", m->entries);
		if (m->entries > VPCI_MSI_MAX_VEC)	/* vpci_msi.c shows at most these */
			fprintf(f, " (the guest sees %u)", VPCI_MSI_MAX_VEC);
		fprintf(f, ", table BAR %d+0x%x, PBA BAR %d+0x%x: trapped, host page(s) 0x%llx",
			m->table_bar, m->table, m->pba_bar, m->pba, (unsigned long long)t0);
		if (t1 != t0)
			fprintf(f, "-0x%llx", (unsigned long long)t1);
		if (p0 < t0 || p0 > t1)
			fprintf(f, ", 0x%llx", (unsigned long long)p0);
		if (p1 != p0 && (p1 < t0 || p1 > t1))
			fprintf(f, "-0x%llx", (unsigned long long)p1);
	}
	if (fn->msi.vectors)
		fprintf(f, "%sMSI %u vector%s, %s-bit%s", m->table_bar >= 0 ? "; " : "",
			fn->msi.vectors, fn->msi.vectors > 1 ? "s" : "", fn->msi.addr64 ? "64" : "32",
			fn->msi.maskable ? ", per-vector mask" : "");
	if (m->table_bar < 0 && !fn->msi.vectors)
		fprintf(f, "none (INTx only)");
	fprintf(f, "\n");
}

static void write_msi(const struct plan *p, FILE *f)
{
	unsigned int i, k, n = 0;

	for (i = 0; i < p->nr_domains; i++)
		n += p->dom[i].nr_dev;
	if (!n)
		return;
	fprintf(f, "\nMSI           guest    MSI/MSI-X (emulated; " GUEST_MSI_DELIVERY
		   "), MSI-X table and PBA pages\n");
	for (i = 0; i < p->nr_domains; i++)
		for (k = 0; k < p->dom[i].nr_dev; k++)
			write_msi_row(p, &p->dom[i], &p->dom[i].dev[k], f);
}

/* The PFs whose VFs the plan enables, and who keeps each PF. */
static void write_sriov(const struct plan *p, FILE *f)
{
	unsigned int i, k;
	char s[16];

	if (!p->nr_sriov)
		return;
	fprintf(f, "\nSR-IOV        VFs enabled at boot, VF 0's BARs (VF n's at + n x size)\n");
	for (i = 0; i < p->nr_sriov; i++) {
		const struct plan_sriov *e = &p->sriov[i];
		int fn = plan_find_func(p, e->pf_sbdf);
		const struct pci_func *pf = &p->board.funcs[fn];
		uint16_t owner = p->board.devs[fn].owner;

		pci_sbdf_str(e->pf_sbdf, s);
		fprintf(f, "%-13s %u of %u VFs (VF %04x:%04x); the PF is %s", s, e->nr, pf->sriov.total,
			pf->vendor, pf->sriov.vf_device, plan_sriov_served(e) ?
			"kept by the hypervisor (dom_xen), which serves its VFs' mailbox" :
			owner == OWNER_DOM_XEN ? "kept by the hypervisor (dom_xen)" :
			"quarantined (dom_io)");
		for (k = 0; k < PCI_SRIOV_NUM_BARS; k++)
			if (e->bar_addr[k])
				fprintf(f, " %u:%s 0x%llx+%ux0x%llx", k,
					kind_name(&pf->sriov.vf_bar[k]),
					(unsigned long long)e->bar_addr[k], e->nr,
					(unsigned long long)pf->sriov.vf_bar[k].size);
		fprintf(f, "\n");
		for (k = 0; plan_sriov_served(e) && k < e->nr; k++)
			fprintf(f, "%-13s VF %u's MAC %02x:%02x:%02x:%02x:%02x:%02x\n", "", k,
				e->mac[k][0], e->mac[k][1], e->mac[k][2], e->mac[k][3],
				e->mac[k][4], e->mac[k][5]);
	}
}

int plan_write_report(const struct plan *p, FILE *f)
{
	const struct plan_board *b = &p->board;
	unsigned int i, k, n;
	char cpus[64], s[16], v[16];

	fprintf(f, "Tessera partition plan\n\nboard: %u CPUs, %u PCI functions\n\n", b->nr_cpus,
		b->nr_funcs);
	if (p->unsupported[0])
		fprintf(f, "NOT BOOTABLE: Tessera (%s) cannot boot this board: %s\n\n",
			platform_caps.platform, p->unsupported);
	fprintf(f, "%-12s %5s %-12s %-28s %-12s %s\n", "guest", "vCPUs", "CPUs",
		"RAM (host physical)", "RAM (guest)", "notes");
	for (i = 0; i < p->nr_domains; i++) {
		const struct plan_domain *d = &p->dom[i];
		char ram[40];

		cpu_list(d, cpus, sizeof(cpus));
		snprintf(ram, sizeof(ram), "0x%llx+%lluM", (unsigned long long)d->ram_pa,
			 (unsigned long long)(d->mem >> 20));
		fprintf(f, "%-12s %5u %-12s %-28s 0x%-10llx %s%s\n", d->name, d->nr_vcpus, cpus,
			ram, (unsigned long long)d->ram_ipa, d->uart == GUEST_UART_PL011 ? "vpl011 " :
			d->uart == GUEST_UART_16550 ? "vuart-16550 " : "",
			d->direct_map ? "direct-map" : "");
	}
	fprintf(f, "\n%-13s %-9s %-6s %-8s %-7s %s\n", "PCI function", "id", "class",
		"owner", "guest", "BARs (host -> guest), INTx (host -> guest INTID)");
	for (i = 0; i < b->nr_funcs; i++) {
		const struct pci_func *fn = &b->funcs[i];
		const struct plan_domain *d = NULL;
		const struct plan_dev *pd = assigned(p, i, &d);

		pci_sbdf_str(fn->sbdf, s);
		if (pd)
			snprintf(v, sizeof(v), "%02x:%02x.%u", PCI_SBDF_BUS(pd->vsbdf),
				 PCI_SBDF_DEV(pd->vsbdf), PCI_SBDF_FN(pd->vsbdf));
		else
			snprintf(v, sizeof(v), "-");
		fprintf(f, "%-13s %04x:%04x %06x %-8s %-7s", s, fn->vendor, fn->device,
			fn->class, plan_owner_name(p, b->devs[i].owner), v);
		for (k = 0; k < PCI_MAX_BARS; k++) {
			const struct pci_bar *bar = &fn->bar[k];

			if (!bar->size)
				continue;
			fprintf(f, " %u:%s 0x%llx+0x%llx", k, kind_name(bar),
				(unsigned long long)bar->addr, (unsigned long long)bar->size);
			if (pd && pd->guest_bar[k])
				fprintf(f, "->0x%llx", (unsigned long long)pd->guest_bar[k]);
		}
		if (pd && pd->host_intid >= 0)
			fprintf(f, " INTx %d->%d", pd->host_intid, pd->virt_intid);
		for (k = 0; pd && k < pd->nr_kept; k++)	/* HID-2, shared */
			fprintf(f, " hypervisor keeps %u+0x%llx+0x%llx (reads 0x%08x)", pd->kept[k].bar,
				(unsigned long long)pd->kept[k].off,
				(unsigned long long)pd->kept[k].size, pd->kept_read);
		if ((int)i == p->console_func)
			fprintf(f, " (console)");
		fprintf(f, "\n");
	}
	write_msi(p, f);
	write_sriov(p, f);
	if (b->nr_funcs && write_dma(p, f))
		return -1;
	if (!board_translates(p)) {
		fprintf(f, "\nNo IOMMU on this board: no function's DMA is translated; guests\n"
			   "owning functions run direct-mapped. dom_xen: kept by the hypervisor;\n"
			   "dom_io: quarantined (decoding, bus mastering and INTx off).\n");
		return ferror(f) ? -1 : 0;
	}
	fprintf(f, "\n" GUEST_DMA_TRANSLATION ": their guests need no direct-map; a guest owning any other\n"
		   "function runs direct-mapped. dom_xen: kept by the hypervisor; dom_io:\n"
		   "quarantined (decoding, bus mastering and INTx off, %s).\n",
		p->quarantine == PCI_QUARANTINE_SCRATCH ?
		"DMA to a scratch page of its own, zeroed each time it enters quarantine:\n"
		"tessera,iommu-quarantine" : "DMA aborted");
	fprintf(f, "A blocked DMA is logged once per device and counted; its guest keeps\n"
		   "running unless it has tessera,dma-fault = \"stop\":");
	for (i = 0, n = 0; i < p->nr_domains; i++)
		if (p->dom[i].dma_fault_stops)
			fprintf(f, "%s %s", n++ ? "," : "", p->dom[i].name);
	fprintf(f, "%s.\n", n ? " is stopped" : " none here");
	return ferror(f) ? -1 : 0;
}

/* "rid": the requester id its DMA carries, "alias_of": the bridge that
 * gives it that id, "sid" and "context": whose translation it gets. */
static void write_json_dma(const struct plan *p, unsigned int i, uint16_t ctx, FILE *f)
{
	const struct pci_stream *dma = &p->board.devs[i].dma;
	char s[16];

	fprintf(f, "\"rid\": %u, \"alias_of\": ", dma->rid);
	if (dma->via >= 0) {
		pci_sbdf_str(p->board.devs[dma->via].f.sbdf, s);
		fprintf(f, "\"%s\", ", s);
	} else {
		fprintf(f, "null, ");
	}
	if (!dma->translated || !dma->has_sid)
		fprintf(f, "\"sid\": null, \"context\": \"untranslated\"}");
	else
		fprintf(f, "\"sid\": %u, \"context\": \"%s\"}", dma->sid,
			plan_owner_is_guest(ctx) ? plan_owner_name(p, ctx) : "quarantine");
}

/* "msi", "msix": the host function's capabilities (null: none), or
 * "at_boot" for a VF, whose capabilities the hypervisor reads then.
 * "trapped": the MSI-X structure's host pages, kept from the guest. */
static void write_json_msi(const struct pci_func *fn, FILE *f)
{
	const struct pci_msix *m = &fn->msix;
	uint64_t t0, t1, p0, p1;

	if (fn->is_vf) {
		fprintf(f, "\"msi\": \"at_boot\", \"msix\": \"at_boot\"");
		return;
	}
	if (fn->msi.vectors)
		fprintf(f, "\"msi\": {\"vectors\": %u, \"addr64\": %s, \"maskable\": %s}, ",
			fn->msi.vectors, fn->msi.addr64 ? "true" : "false",
			fn->msi.maskable ? "true" : "false");
	else
		fprintf(f, "\"msi\": null, ");
	if (m->table_bar < 0) {
		fprintf(f, "\"msix\": null");
		return;
	}
	msix_pages(fn, m->table_bar, m->table, m->table_size, &t0, &t1);
	msix_pages(fn, m->pba_bar, m->pba, m->pba_size, &p0, &p1);
	fprintf(f, "\"msix\": {\"vectors\": %u, \"guest_vectors\": %u, \"table\": {\"bar\": %d, \"offset\": %u, \"size\": %u}, "
		   "\"pba\": {\"bar\": %d, \"offset\": %u, \"size\": %u}, "
		   "\"trapped\": [[%llu, %llu], [%llu, %llu]]}",
		m->entries, m->entries < VPCI_MSI_MAX_VEC ? m->entries : VPCI_MSI_MAX_VEC,
		m->table_bar, m->table, m->table_size, m->pba_bar, m->pba, m->pba_size,
		(unsigned long long)t0, (unsigned long long)t1 + 0x1000,
		(unsigned long long)p0, (unsigned long long)p1 + 0x1000);
}

/* "sriov" (only when the plan enables VFs): each PF, how many VFs, VF
 * 0's BAR addresses and who keeps the PF. */
static void write_json_sriov(const struct plan *p, FILE *f)
{
	unsigned int i, k, n;
	char s[16];

	if (!p->nr_sriov)
		return;
	fprintf(f, ",\n  \"sriov\": [");
	for (i = 0; i < p->nr_sriov; i++) {
		const struct plan_sriov *e = &p->sriov[i];
		int fn = plan_find_func(p, e->pf_sbdf);

		pci_sbdf_str(e->pf_sbdf, s);
		fprintf(f, "%s\n    {\"pf\": \"%s\", \"pf_owner\": \"%s\", \"vfs\": %u, \"vf_bars\": [",
			i ? "," : "", s, plan_owner_name(p, p->board.devs[fn].owner), e->nr);
		for (k = 0, n = 0; k < PCI_SRIOV_NUM_BARS; k++)
			if (e->bar_addr[k])
				fprintf(f, "%s{\"bar\": %u, \"vf0\": %llu, \"size\": %llu}",
					n++ ? ", " : "", k, (unsigned long long)e->bar_addr[k],
					(unsigned long long)p->board.funcs[fn].sriov.vf_bar[k].size);
		fprintf(f, "], \"vf_macs\": %s", plan_sriov_served(e) ? "[" : "null");
		for (k = 0; plan_sriov_served(e) && k < e->nr; k++)
			fprintf(f, "%s\"%02x:%02x:%02x:%02x:%02x:%02x\"", k ? ", " : "",
				e->mac[k][0], e->mac[k][1], e->mac[k][2], e->mac[k][3],
				e->mac[k][4], e->mac[k][5]);
		fprintf(f, "%s}", plan_sriov_served(e) ? "]" : "");
	}
	fprintf(f, "\n  ]");
}

int plan_write_json(const struct plan *p, FILE *f)
{
	const struct plan_board *b = &p->board;
	uint16_t *ctx = calloc(b->nr_funcs + 1, sizeof(*ctx));
	unsigned int i, k, v;
	char s[16];

	fprintf(f, "{\n  \"guests\": [");
	for (i = 0; i < p->nr_domains; i++) {
		const struct plan_domain *d = &p->dom[i];

		fprintf(f, "%s\n    {\"name\": \"%s\", \"vcpus\": %u, \"cpus\": [", i ? "," : "",
			d->name, d->nr_vcpus);
		for (v = 0; v < d->nr_vcpus; v++)
			fprintf(f, "%s%u", v ? ", " : "", d->cpu[v]);
		fprintf(f, "], \"ram_host\": %llu, \"ram_guest\": %llu, \"ram_bytes\": %llu, "
			   "\"vpl011\": %s, \"direct_map\": %s, \"pci\": [",
			(unsigned long long)d->ram_pa, (unsigned long long)d->ram_ipa,
			(unsigned long long)d->mem, d->uart == GUEST_UART_PL011 ? "true" : "false",
			d->direct_map ? "true" : "false");
		for (k = 0; k < d->nr_dev; k++) {
			const struct plan_dev *pd = &d->dev[k];
			unsigned int j, n = 0;

			pci_sbdf_str(b->funcs[pd->func].sbdf, s);
			fprintf(f, "%s\n      {\"host\": \"%s\", ", k ? "," : "", s);
			pci_sbdf_str(pd->vsbdf, s);
			fprintf(f, "\"guest\": \"%s\", \"intx_host\": %d, \"intx_guest\": %d, \"bars\": [",
				s, pd->host_intid, pd->virt_intid);
			for (j = 0; j < PCI_MAX_BARS; j++)
				if (pd->guest_bar[j])
					fprintf(f, "%s{\"bar\": %u, \"host\": %llu, \"guest\": %llu, \"size\": %llu}",
						n++ ? ", " : "", j,
						(unsigned long long)b->funcs[pd->func].bar[j].addr,
						(unsigned long long)pd->guest_bar[j],
						(unsigned long long)b->funcs[pd->func].bar[j].size);
			fprintf(f, "], ");
			write_json_msi(&b->funcs[pd->func], f);
			fprintf(f, "}");
		}
		fprintf(f, "%s]}", d->nr_dev ? "\n    " : "");
	}
	fprintf(f, "\n  ],\n  \"pci\": [");
	if (b->nr_funcs && (!ctx || stream_contexts(p, ctx))) {
		free(ctx);
		return -1;
	}
	for (i = 0; i < b->nr_funcs; i++) {
		pci_sbdf_str(b->funcs[i].sbdf, s);
		fprintf(f, "%s\n    {\"sbdf\": \"%s\", \"vendor\": %u, \"device\": %u, \"class\": %u, "
			   "\"owner\": \"%s\", \"console\": %s, ",
			i ? "," : "", s, b->funcs[i].vendor, b->funcs[i].device, b->funcs[i].class,
			plan_owner_name(p, b->devs[i].owner),
			(int)i == p->console_func ? "true" : "false");
		write_json_dma(p, i, ctx[i], f);
	}
	free(ctx);
	fprintf(f, "\n  ]");
	write_json_sriov(p, f);
	fprintf(f, "\n}\n");
	return ferror(f) ? -1 : 0;
}

static const char *const palette[] = {
	"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7",
};

static const char *colour(uint16_t owner)
{
	if (owner == OWNER_DOM_XEN)
		return "#555555";
	if (owner == OWNER_DOM_IO)
		return "#bbbbbb";
	return palette[(owner - 1) % 8];
}

int plan_write_svg(const struct plan *p, FILE *f)
{
	const struct plan_board *b = &p->board;
	uint64_t lo = ~0ull, hi = 0;
	unsigned int i, width = 900, rows = b->nr_funcs < 64 ? b->nr_funcs : 64;
	unsigned int height = 150 + 18 * (p->nr_domains + rows);
	char s[16];

	for (i = 0; i < p->nr_domains; i++) {
		if (p->dom[i].ram_pa < lo)
			lo = p->dom[i].ram_pa;
		if (p->dom[i].ram_pa + p->dom[i].mem > hi)
			hi = p->dom[i].ram_pa + p->dom[i].mem;
	}
	fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%u\" height=\"%u\" "
		   "font-family=\"monospace\" font-size=\"12\">\n", width, height);
	fprintf(f, "<text x=\"10\" y=\"20\" font-size=\"14\">Guest RAM (host physical "
		   "0x%llx-0x%llx)</text>\n", (unsigned long long)lo, (unsigned long long)hi);
	for (i = 0; i < p->nr_domains && hi > lo; i++) {
		const struct plan_domain *d = &p->dom[i];
		double x = 10 + 880.0 * (d->ram_pa - lo) / (hi - lo);
		double w = 880.0 * d->mem / (hi - lo);

		fprintf(f, "<rect x=\"%.1f\" y=\"30\" width=\"%.1f\" height=\"30\" fill=\"%s\" "
			   "stroke=\"black\"/>\n", x, w, colour(i + 1));
		fprintf(f, "<text x=\"%.1f\" y=\"50\" fill=\"white\">%s</text>\n", x + 4, d->name);
	}
	fprintf(f, "<text x=\"10\" y=\"90\" font-size=\"14\">Guests</text>\n");
	for (i = 0; i < p->nr_domains; i++) {
		const struct plan_domain *d = &p->dom[i];

		fprintf(f, "<rect x=\"10\" y=\"%u\" width=\"12\" height=\"12\" fill=\"%s\"/>\n",
			98 + 18 * i, colour(i + 1));
		fprintf(f, "<text x=\"28\" y=\"%u\">%s: %u vCPU(s), %llu MiB at 0x%llx%s</text>\n",
			108 + 18 * i, d->name, d->nr_vcpus, (unsigned long long)(d->mem >> 20),
			(unsigned long long)d->ram_pa, d->direct_map ? " (direct-map)" : "");
	}
	for (i = 0; i < rows; i++) {
		unsigned int y = 130 + 18 * (p->nr_domains + i);

		pci_sbdf_str(b->funcs[i].sbdf, s);
		fprintf(f, "<rect x=\"10\" y=\"%u\" width=\"12\" height=\"12\" fill=\"%s\"/>\n",
			y - 10, colour(b->devs[i].owner));
		fprintf(f, "<text x=\"28\" y=\"%u\">%s %04x:%04x -&gt; %s</text>\n", y, s,
			b->funcs[i].vendor, b->funcs[i].device, plan_owner_name(p, b->devs[i].owner));
	}
	fprintf(f, "</svg>\n");
	return ferror(f) ? -1 : 0;
}
