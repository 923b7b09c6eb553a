// SPDX-License-Identifier: GPL-2.0-only
/* The plan for people (a table), for programs (JSON) and as a picture
 * (SVG: the memory map and who owns which PCI function). */
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
		if (pci_dma_translated(&p->board.fdt, p->board.pcie, p->board.funcs[i].sbdf & 0xffff))
			return true;
	return false;
}

int plan_write_report(const struct plan *p, FILE *f)
{
	const struct plan_board *b = &p->board;
	unsigned int i, k;
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
			ram, (unsigned long long)d->ram_ipa, d->vpl011 ? "vpl011 " : "",
			d->direct_map ? "direct-map" : "");
	}
	fprintf(f, "\n%-13s %-9s %-6s %-8s %-7s %-8s %s\n", "PCI function", "id", "class",
		"owner", "guest", "RID", "BARs (host -> guest), INTx (host -> guest INTID)");
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
		fprintf(f, "%-13s %04x:%04x %06x %-8s %-7s 0x%04x ", s, fn->vendor, fn->device,
			fn->class, plan_owner_name(p, b->devs[i].owner), v, fn->sbdf & 0xffff);
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
		if ((int)i == p->console_func)
			fprintf(f, " (console)");
		fprintf(f, "\n");
	}
	if (!board_translates(p)) {
		fprintf(f, "\nNo IOMMU on this board: a function's stream id is its requester id (RID); guests\n"
			   "owning functions run direct-mapped. dom_xen: kept by the hypervisor;\n"
			   "dom_io: quarantined (decoding, bus mastering and INTx off).\n");
		return ferror(f) ? -1 : 0;
	}
	fprintf(f, "\nAn SMMUv3 translates the DMA of the functions its iommu-map covers\n"
		   "(stage 2, the guest's own tables): their guests need no direct-map;\n"
		   "a guest owning any other function runs direct-mapped. dom_xen: kept\n"
		   "by the hypervisor; dom_io: quarantined (decoding, bus mastering and\n"
		   "INTx off, %s).\n",
		p->quarantine == PCI_QUARANTINE_SCRATCH ?
		"DMA to a scratch page of its own, zeroed each time it enters quarantine:\n"
		"tessera,iommu-quarantine" : "DMA aborted");
	return ferror(f) ? -1 : 0;
}

int plan_write_json(const struct plan *p, FILE *f)
{
	const struct plan_board *b = &p->board;
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
			(unsigned long long)d->mem, d->vpl011 ? "true" : "false",
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
			fprintf(f, "]}");
		}
		fprintf(f, "%s]}", d->nr_dev ? "\n    " : "");
	}
	fprintf(f, "\n  ],\n  \"pci\": [");
	for (i = 0; i < b->nr_funcs; i++) {
		pci_sbdf_str(b->funcs[i].sbdf, s);
		fprintf(f, "%s\n    {\"sbdf\": \"%s\", \"vendor\": %u, \"device\": %u, \"class\": %u, "
			   "\"owner\": \"%s\", \"rid\": %u, \"console\": %s}",
			i ? "," : "", s, b->funcs[i].vendor, b->funcs[i].device, b->funcs[i].class,
			plan_owner_name(p, b->devs[i].owner), b->funcs[i].sbdf & 0xffff,
			(int)i == p->console_func ? "true" : "false");
	}
	fprintf(f, "\n  ]\n}\n");
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
