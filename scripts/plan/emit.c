// SPDX-License-Identifier: GPL-2.0-only
/*
 * What the loader and the hypervisor boot from: the boot tree (the
 * board's tree, included, plus /chosen with every guest resolved), each
 * guest's own tree, and the loader's config file. Deterministic: only
 * the plan decides what is written (PLAN-3).
 */
#include <string.h>

#include "owner.h"
#include "plan.h"

static void cells64(FILE *f, uint64_t v)
{
	fprintf(f, "0x%x 0x%08x", (unsigned int)(v >> 32), (unsigned int)v);
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
	fprintf(f, "\t\t\t};\n\n");
}

static void write_module(FILE *f, const char *node, const char *compat, const char *file,
			 const char *bootargs)
{
	fprintf(f, "\t\t\t%s {\n", node);
	fprintf(f, "\t\t\t\tcompatible = \"%s\", \"multiboot,module\";\n", compat);
	fprintf(f, "\t\t\t\txen,uefi-binary = \"%s\";\n", file);
	if (bootargs)
		fprintf(f, "\t\t\t\tbootargs = \"%s\";\n", bootargs);
	fprintf(f, "\t\t\t};\n");
}

static void write_domain(const struct plan *p, const struct plan_domain *d, FILE *f)
{
	char dtb[PLAN_NAME + 8];
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
	if (d->vpl011)
		fprintf(f, "\t\t\tvpl011;\n");
	if (d->direct_map)
		fprintf(f, "\t\t\tdirect-map;\n");
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
	snprintf(dtb, sizeof(dtb), "%s.dtb", d->name);
	write_module(f, "device-tree", "tessera,guest-device-tree", dtb, NULL);
	fprintf(f, "\t\t};\n");
}

int plan_write_boot_dts(const struct plan *p, FILE *f)
{
	unsigned int i;
	char s[16];

	fprintf(f, "// SPDX-License-Identifier: GPL-2.0-only\n");
	fprintf(f, "/* Boot device tree written by scripts/plan: every address resolved. */\n");
	fprintf(f, "/dts-v1/;\n/include/ \"board.dts\"\n\n/ {\n\tchosen {\n");
	if (p->console[0])
		fprintf(f, "\t\tstdout-path = \"%s\";\n\n", p->console);
	for (i = 0; i < p->nr_hidden; i++) {
		pci_sbdf_str(p->hidden[i], s);
		fprintf(f, "\t\thidden-%u {\n\t\t\tcompatible = \"tessera,hidden-pci-device\";\n", i);
		fprintf(f, "\t\t\ttessera,sbdf = \"%s\";\n\t\t};\n\n", s);
	}
	for (i = 0; i < p->nr_domains; i++) {
		if (i)
			fprintf(f, "\n");
		write_domain(p, &p->dom[i], f);
	}
	fprintf(f, "\t};\n};\n");
	return ferror(f) ? -1 : 0;
}

static void write_vpci_node(FILE *f)
{
	unsigned int slot, pin;

	fprintf(f, "\tpcie@%llx {\n\t\tcompatible = \"pci-host-ecam-generic\";\n",
		GUEST_VPCI_ECAM_BASE);
	fprintf(f, "\t\tdevice_type = \"pci\";\n\t\t#address-cells = <3>;\n");
	fprintf(f, "\t\t#size-cells = <2>;\n\t\t#interrupt-cells = <1>;\n");
	fprintf(f, "\t\treg = <0x0 0x%08llx 0x0 0x%llx>;\n\t\tbus-range = <0x0 0x0>;\n",
		GUEST_VPCI_ECAM_BASE, GUEST_VPCI_ECAM_SIZE);
	fprintf(f, "\t\tlinux,pci-domain = <0>;\n\t\tdma-coherent;\n");
	fprintf(f, "\t\tranges = <0x01000000 0x0 0x0 0x0 0x%08llx 0x0 0x%08llx>,\n",
		GUEST_VPCI_IO_BASE, GUEST_VPCI_IO_SIZE);
	fprintf(f, "\t\t\t <0x02000000 0x0 0x%08llx 0x0 0x%08llx 0x0 0x%08llx>,\n",
		GUEST_VPCI_MEM_BASE, GUEST_VPCI_MEM_BASE, GUEST_VPCI_MEM_SIZE);
	fprintf(f, "\t\t\t <0x43000000 0x%llx 0x0 0x%llx 0x0 0x%llx 0x0>;\n",
		GUEST_VPCI_MEM64_BASE >> 32, GUEST_VPCI_MEM64_BASE >> 32, GUEST_VPCI_MEM64_SIZE >> 32);
	fprintf(f, "\t\tinterrupt-map-mask = <0x1800 0 0 7>;\n\t\tinterrupt-map =");
	for (slot = 0; slot < 4; slot++)
		for (pin = 1; pin <= 4; pin++)
			fprintf(f, "\n\t\t\t<0x%04x 0 0 %u &gic 0 %u 4>%s", slot << 11, pin,
				GUEST_VPCI_INTX_IRQ(slot, pin) - 32,
				slot == 3 && pin == 4 ? ";" : ",");
	fprintf(f, "\n\t};\n\n");
}

int plan_write_guest_dts(const struct plan *p, const struct plan_domain *d, FILE *f)
{
	unsigned int v;

	fprintf(f, "// SPDX-License-Identifier: GPL-2.0-only\n");
	fprintf(f, "/* Device tree of guest %s, written by scripts/plan. */\n/dts-v1/;\n\n/ {\n",
		d->name);
	fprintf(f, "\t#address-cells = <2>;\n\t#size-cells = <2>;\n");
	fprintf(f, "\tcompatible = \"tessera,guest\";\n\tinterrupt-parent = <&gic>;\n\n");
	fprintf(f, "\tmemory@%llx {\n\t\tdevice_type = \"memory\";\n\t\treg = <",
		(unsigned long long)d->ram_ipa);
	cells64(f, d->ram_ipa);
	fprintf(f, " ");
	cells64(f, d->mem);
	fprintf(f, ">;\n\t};\n\n\tcpus {\n\t\t#address-cells = <1>;\n\t\t#size-cells = <0>;\n");
	for (v = 0; v < d->nr_vcpus; v++)
		fprintf(f, "\n\t\tcpu@%u {\n\t\t\tdevice_type = \"cpu\";\n\t\t\tcompatible = \"arm,armv8\";\n\t\t\treg = <%u>;\n\t\t\tenable-method = \"psci\";\n\t\t};\n",
			v, v);
	fprintf(f, "\t};\n\n\tpsci {\n\t\tcompatible = \"arm,psci-1.0\", \"arm,psci-0.2\";\n");
	fprintf(f, "\t\tmethod = \"hvc\";\n\t};\n\n");
	fprintf(f, "\tgic: interrupt-controller@%llx {\n\t\tcompatible = \"arm,gic-v3\";\n",
		GUEST_GICD_BASE);
	fprintf(f, "\t\t#interrupt-cells = <3>;\n\t\t#address-cells = <0>;\n");
	fprintf(f, "\t\tinterrupt-controller;\n\t\t#redistributor-regions = <1>;\n");
	fprintf(f, "\t\treg = <0x0 0x%08llx 0x0 0x%llx>, <0x0 0x%08llx 0x0 0x%llx>;\n\t};\n\n",
		GUEST_GICD_BASE, GUEST_GICD_SIZE, GUEST_GICR_BASE,
		GUEST_GICR_STRIDE * d->nr_vcpus);
	fprintf(f, "\ttimer {\n\t\tcompatible = \"arm,armv8-timer\";\n");
	fprintf(f, "\t\tinterrupts = <1 13 0x308>, <1 14 0x308>, <1 11 0x308>, <1 10 0x308>;\n\t};\n\n");
	if (d->vpl011) {
		fprintf(f, "\tuartclk: clock-24mhz {\n\t\tcompatible = \"fixed-clock\";\n");
		fprintf(f, "\t\t#clock-cells = <0>;\n\t\tclock-frequency = <24000000>;\n\t};\n\n");
		fprintf(f, "\tpl011@%llx {\n\t\tcompatible = \"arm,pl011\", \"arm,primecell\";\n",
			GUEST_VUART_BASE);
		fprintf(f, "\t\treg = <0x0 0x%08llx 0x0 0x%llx>;\n\t\tinterrupts = <0 %u 4>;\n",
			GUEST_VUART_BASE, GUEST_VUART_SIZE, GUEST_VUART_IRQ - 32);
		fprintf(f, "\t\tclocks = <&uartclk>, <&uartclk>;\n");
		fprintf(f, "\t\tclock-names = \"uartclk\", \"apb_pclk\";\n\t};\n\n");
	}
	if (d->nr_dev)
		write_vpci_node(f);
	fprintf(f, "\tchosen {\n");
	if (d->vpl011)
		fprintf(f, "\t\tstdout-path = \"/pl011@%llx\";\n", GUEST_VUART_BASE);
	fprintf(f, "\t\tbootargs = \"\";\n\t};\n};\n");
	return ferror(f) ? -1 : 0;
}

int plan_write_cfg(const struct plan *p, FILE *f)
{
	fprintf(f, "# Tessera loader configuration (docs/boot.md), written by scripts/plan\n");
	fprintf(f, "[global]\ndefault=tessera\n\n[tessera]\nhypervisor=tessera.bin\n");
	fprintf(f, "dtb=boot.dtb\noptions=\n");
	return ferror(f) ? -1 : 0;
}
