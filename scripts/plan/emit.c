// SPDX-License-Identifier: GPL-2.0-only
/*
 * What the loader and the hypervisor boot from: the boot tree (the
 * board's tree, included, plus /chosen with every guest resolved), each
 * guest's own tree (a blob, from the shared builder), and the loader's
 * config file. Deterministic: only
 * the plan decides what is written (PLAN-3).
 */
#include <string.h>

#include "arch/guest_tree.h"
#include "owner.h"
#include "plan.h"

static void cells64(FILE *f, uint64_t v)
{
	fprintf(f, "0x%x 0x%08x", (unsigned int)(v >> 32), (unsigned int)v);
}

/* s as a DTS string literal: dtc reads back exactly s. */
static void put_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		unsigned char c = *s;

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c < 0x20 || c >= 0x7f)
			fprintf(f, "\\x%02x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

/* name = "value";, at depth tabs. */
static void put_string_prop(FILE *f, unsigned int depth, const char *name, const char *value)
{
	fprintf(f, "%.*s%s = ", (int)depth, "\t\t\t\t\t\t", name);
	put_string(f, value);
	fprintf(f, ";\n");
}

static void write_pci_device(const struct plan *p, const struct plan_dev *pd, FILE *f)
{
	const struct pci_func *fn = &p->board.funcs[pd->func];
	char s[16], v[16];
	unsigned int i, n;

	pci_sbdf_str(fn->sbdf, s);
	pci_sbdf_str(pd->vsbdf, v);
	fprintf(f, "\t\t\t%s {\n", pd->node);
	fprintf(f, "\t\t\t\tcompatible = \"tessera,pci-device\";\n");
	fprintf(f, "\t\t\t\ttessera,sbdf = \"%s\";\n", s);
	fprintf(f, "\t\t\t\ttessera,guest-sbdf = \"%s\";\n", v);
	fprintf(f, "\t\t\t\tvendor-id = <0x%04x>;\n", fn->vendor);
	fprintf(f, "\t\t\t\tdevice-id = <0x%04x>;\n", fn->device);
	for (i = 0, n = 0; i < PCI_MAX_BARS; i++)
		if (pd->guest_bar[i]) {
			fprintf(f, n++ ? ",\n\t\t\t\t\t<%u " : "\t\t\t\ttessera,bar-sizes = <%u ", i);
			cells64(f, fn->bar[i].size);
			fprintf(f, ">");
		}
	if (n)
		fprintf(f, ";\n");
	for (i = 0, n = 0; i < PCI_MAX_BARS; i++)
		if (pd->guest_bar[i]) {
			fprintf(f, n++ ? ",\n\t\t\t\t\t<%u " : "\t\t\t\ttessera,guest-bars = <%u ", i);
			cells64(f, pd->guest_bar[i]);
			fprintf(f, ">");
		}
	if (n)
		fprintf(f, ";\n");
	for (i = 0; i < pd->nr_regs; i++)	/* re-checked at boot */
		fprintf(f, "%s<%u 0x%llx 0x%llx>%s", i ? "\t\t\t\t\t" : "\t\t\t\ttessera,registers = ",
			pd->regs[i].bar, (unsigned long long)pd->regs[i].off,
			(unsigned long long)pd->regs[i].size, i + 1 < pd->nr_regs ? ",\n" : ";\n");
	for (i = 0; i < pd->nr_kept; i++)	/* the partition's, as it said them */
		fprintf(f, "%s<%u 0x%llx 0x%llx>%s",
			i ? "\t\t\t\t\t" : "\t\t\t\ttessera,hypervisor-ranges = ", pd->kept[i].bar,
			(unsigned long long)pd->kept[i].off, (unsigned long long)pd->kept[i].size,
			i + 1 < pd->nr_kept ? ",\n" : ";\n");
	if (pd->nr_kept)
		fprintf(f, "\t\t\t\ttessera,hypervisor-ranges-read = <0x%08x>;\n", pd->kept_read);
	fprintf(f, "\t\t\t};\n\n");
}

static void write_module(FILE *f, const char *node, const char *compat, const char *file,
			 const char *bootargs)
{
	fprintf(f, "\t\t\t%s {\n", node);
	fprintf(f, "\t\t\t\tcompatible = \"%s\", \"multiboot,module\";\n", compat);
	put_string_prop(f, 4, "xen,uefi-binary", file);
	if (bootargs)
		put_string_prop(f, 4, "bootargs", bootargs);
	fprintf(f, "\t\t\t};\n");
}

static void write_domain(const struct plan *p, const struct plan_domain *d, FILE *f)
{
	char desc[PLAN_NAME + 8];
	unsigned int k;

	fprintf(f, "\t\tcpupool-%s {\n\t\t\tcompatible = \"xen,cpupool\";\n", d->name);
	fprintf(f, "\t\t\tcpupool-cpus = <");
	for (k = 0; k < d->nr_vcpus; k++)
		fprintf(f, "%s&{%s}", k ? " " : "", p->board.cpus[d->cpu[k]].path);
	fprintf(f, ">;\n\t\t};\n\n");
	fprintf(f, "\t\t%s {\n", d->name);
	fprintf(f, "\t\t\tcompatible = \"xen,domain\";\n");
	fprintf(f, "\t\t\t#address-cells = <1>;\n\t\t\t#size-cells = <1>;\n");
	fprintf(f, "\t\t\tmemory = <");
	cells64(f, d->mem >> 10);
	fprintf(f, ">;\t/* KiB: %llu MiB */\n", (unsigned long long)(d->mem >> 20));
	fprintf(f, "\t\t\tcpus = <%u>;\n", d->nr_vcpus);
	fprintf(f, "\t\t\tdomain-cpupool = <&{/chosen/cpupool-%s}>;\n", d->name);
	if (d->uart == GUEST_UART_PL011)
		fprintf(f, "\t\t\tvpl011;\n");
	if (d->uart == GUEST_UART_16550)
		fprintf(f, "\t\t\ttessera,vuart = \"16550\";\n");
	if (d->direct_map)
		fprintf(f, "\t\t\tdirect-map;\n");
	if (d->dma_fault_stops)
		fprintf(f, "\t\t\ttessera,dma-fault = \"stop\";\n");
	fprintf(f, "\t\t\t#xen,static-mem-address-cells = <2>;\n");
	fprintf(f, "\t\t\t#xen,static-mem-size-cells = <2>;\n");
	fprintf(f, "\t\t\txen,static-mem = <");
	cells64(f, d->ram_pa);
	fprintf(f, " ");
	cells64(f, d->mem);
	fprintf(f, ">;\n\n");
	for (k = 0; k < d->nr_dev; k++)
		write_pci_device(p, &d->dev[k], f);
	write_module(f, "kernel", "multiboot,kernel", d->kernel, d->bootargs);
	if (d->ramdisk)
		write_module(f, "ramdisk", "multiboot,ramdisk", d->ramdisk, NULL);
	snprintf(desc, sizeof(desc), "%s" GUEST_DESC_FILE_EXT, d->name);
	write_module(f, GUEST_DESC_NODE, GUEST_DESC_COMPAT, desc, NULL);
	fprintf(f, "\t\t};\n");
}

/* The hypervisor enables these VFs at boot, before owners are decided
 * (docs/bindings.md, tessera,sriov-pf). */
static void write_sriov_pf(const struct plan_sriov *e, unsigned int index, FILE *f)
{
	unsigned int i, n = 0;
	char s[16];

	pci_sbdf_str(e->pf_sbdf, s);
	fprintf(f, "\t\tsriov-%u {\n\t\t\tcompatible = \"tessera,sriov-pf\";\n", index);
	fprintf(f, "\t\t\ttessera,sbdf = \"%s\";\n", s);
	fprintf(f, "\t\t\ttessera,sriov-vfs = <%u>;\n", e->nr);
	for (i = 0; i < PCI_SRIOV_NUM_BARS; i++)
		if (e->bar_addr[i]) {
			fprintf(f, n++ ? ",\n\t\t\t\t<%u " : "\t\t\ttessera,vf-bars = <%u ", i);
			cells64(f, e->bar_addr[i]);
			fprintf(f, ">");
		}
	if (n)
		fprintf(f, ";\t/* VF 0's; VF n's at + n x its size */\n");
	for (i = 0; plan_sriov_served(e) && i < e->nr; i++)
		fprintf(f, "%s%02x %02x %02x %02x %02x %02x%s", i ? "\n\t\t\t\t" :
			"\t\t\ttessera,vf-macs = [", e->mac[i][0], e->mac[i][1], e->mac[i][2],
			e->mac[i][3], e->mac[i][4], e->mac[i][5],
			i + 1 < e->nr ? "" : "];\t/* VF 0's first: the PF is served */\n");
	fprintf(f, "\t\t};\n\n");
}

int plan_write_boot_dts(const struct plan *p, FILE *f)
{
	unsigned int i;
	char s[16];

	fprintf(f, "// SPDX-License-Identifier: GPL-2.0-only\n");
	fprintf(f, "/* Boot device tree written by scripts/plan: every address resolved. */\n");
	fprintf(f, "/dts-v1/;\n/include/ \"board.dts\"\n\n/ {\n\tchosen {\n");
	if (p->console[0]) {
		put_string_prop(f, 2, "stdout-path", p->console);
		fprintf(f, "\n");
	}
	if (p->quarantine == PCI_QUARANTINE_SCRATCH)
		fprintf(f, "\t\ttessera,iommu-quarantine = \"scratch-page\";\n\n");
	for (i = 0; i < p->nr_hidden; i++) {
		pci_sbdf_str(p->hidden[i], s);
		fprintf(f, "\t\thidden-%u {\n\t\t\tcompatible = \"tessera,hidden-pci-device\";\n", i);
		fprintf(f, "\t\t\ttessera,sbdf = \"%s\";\n\t\t};\n\n", s);
	}
	for (i = 0; i < p->nr_sriov; i++)
		write_sriov_pf(&p->sriov[i], i, f);
	for (i = 0; i < p->nr_domains; i++) {
		if (i)
			fprintf(f, "\n");
		write_domain(p, &p->dom[i], f);
	}
	fprintf(f, "\t};\n};\n");
	return ferror(f) ? -1 : 0;
}

/* The guest's own tree, from the builder the loader also uses (a Xen
 * tree without tessera,guest-device-tree modules gets the same). */
int plan_write_guest_dtb(const struct plan *p, const struct plan_domain *d, FILE *f)
{
	static uint8_t buf[GUEST_TREE_MAX_SIZE];
	struct guest_tree_desc desc = {
		.ram_base = d->ram_ipa,
		.ram_size = d->mem,
		.nr_vcpus = d->nr_vcpus,
		.vpl011 = d->uart == GUEST_UART_PL011,
		.vpci = d->nr_dev > 0,
	};
	int size;

	guest_tree_board(&desc, &p->board.fdt);
	size = guest_tree_build(&desc, buf, sizeof(buf));

	if (size < 0 || fwrite(buf, 1, size, f) != (size_t)size)
		return -1;
	return ferror(f) ? -1 : 0;
}

int plan_write_cfg(const struct plan *p, FILE *f)
{
	fprintf(f, "# Tessera loader configuration (docs/boot.md), written by scripts/plan\n");
	fprintf(f, "[global]\ndefault=tessera\n\n[tessera]\nhypervisor=tessera.bin\n");
	fprintf(f, "dtb=boot.dtb\noptions=\n");
	return ferror(f) ? -1 : 0;
}
