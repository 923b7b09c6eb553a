// SPDX-License-Identifier: GPL-2.0-only
/*
 * make inspect on x86 (arch.h): q35 describes itself in ACPI and the
 * UEFI memory map, not in a device tree, so the board's RAM, CPUs and
 * PCI host bridge are printed here as the device-tree source the planner
 * reads (docs/planner.md, "x86 boards"), inside the root node.
 */
#include "arch.h"

#include <stddef.h>

#include "acpi.h"
#include "lib/bootinfo.h"
#include "pci_root.h"
#include "printk.h"

static bool is_ram(const struct bootinfo_mem *m)
{
	/* What the loader loaded is free again at the next boot. */
	return m->type == BOOTMEM_USABLE || m->type == BOOTMEM_LOADED;
}

/* RAM as one memory node, neighbouring pieces joined, page 0 too: the
 * planner keeps the boot's own room out of it (docs/planner.md). */
static void print_memory(const struct bootinfo *bi)
{
	unsigned int i = 0, n = 0;

	printk("\tmemory@0 {\n\t\tdevice_type = \"memory\";\n\t\treg = ");
	while (i < bi->nr_mem) {
		uint64_t base = bi->mem[i].base, end;

		if (!is_ram(&bi->mem[i++]))
			continue;
		end = base + bi->mem[i - 1].size;
		while (i < bi->nr_mem && is_ram(&bi->mem[i]) && bi->mem[i].base == end)
			end += bi->mem[i++].size;
		printk("%s<0x%llx 0x%08llx 0x%llx 0x%08llx>", n++ ? ",\n\t\t\t" : "",
		       (unsigned long long)(base >> 32), (unsigned long long)(base & 0xffffffffu),
		       (unsigned long long)((end - base) >> 32),
		       (unsigned long long)((end - base) & 0xffffffffu));
	}
	printk(";\n\t};\n");
}

static void print_cpu(void *ctx, uint32_t apic_id)
{
	(void)ctx;
	printk("\t\tcpu@%x {\n\t\t\tdevice_type = \"cpu\";\n\t\t\treg = <0x%x>;\t/* APIC ID */\n\t\t};\n",
	       apic_id, apic_id);
}

void arch_inspect_board(const struct bootinfo *bi)
{
	printk("/* q35 as its firmware describes it: the UEFI memory map, the ACPI MADT, MCFG and DSDT */\n");
	printk("/ {\n");
	print_memory(bi);
	printk("\tcpus {\n\t\t#address-cells = <1>;\n\t\t#size-cells = <0>;\n");
	acpi_for_each_cpu(print_cpu, NULL);
	printk("\t};\n");
	pci_root_print();
	printk("};\n");
}
