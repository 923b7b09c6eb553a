// SPDX-License-Identifier: GPL-2.0-only
#include "pci_host.h"

#include "console.h"
#include "lib/fdt.h"
#include "lib/printf.h"

struct pci_func pci_host_funcs[PCI_HOST_MAX_FUNCS];
unsigned int pci_host_nr_funcs;

static uintptr_t ecam_base;
static unsigned int ecam_bus0;

/* ECAM: each function has 4 KiB of config space at bus/dev/fn offsets.
 * Accesses keep their size: a read-modify-write of a wider word would
 * write back write-1-to-clear status bits. */
static volatile void *ecam_addr(uint32_t sbdf, unsigned int off)
{
	return (volatile void *)(ecam_base + ((uintptr_t)(PCI_SBDF_BUS(sbdf) - ecam_bus0) << 20) +
				 ((sbdf & 0xff) << 12) + off);
}

static uint32_t ecam_read(void *ctx, uint32_t sbdf, unsigned int off, unsigned int size)
{
	volatile void *a = ecam_addr(sbdf, off);

	if (size == 1)
		return *(volatile uint8_t *)a;
	if (size == 2)
		return *(volatile uint16_t *)a;
	return *(volatile uint32_t *)a;
}

static void ecam_write(void *ctx, uint32_t sbdf, unsigned int off, unsigned int size, uint32_t v)
{
	volatile void *a = ecam_addr(sbdf, off);

	if (size == 1)
		*(volatile uint8_t *)a = v;
	else if (size == 2)
		*(volatile uint16_t *)a = v;
	else
		*(volatile uint32_t *)a = v;
}

static const struct pci_cfg_ops ecam_ops = { ecam_read, ecam_write, NULL };

static void log_func(const struct pci_func *f)
{
	char line[200];
	int i, n;

	n = fmt_snprintf(line, sizeof(line), "%04x:%02x:%02x.%u %04x:%04x class %06x%s",
			 f->sbdf >> 16, PCI_SBDF_BUS(f->sbdf), PCI_SBDF_DEV(f->sbdf),
			 PCI_SBDF_FN(f->sbdf), f->vendor, f->device, f->class,
			 f->header == 1 ? " bridge" : "");
	for (i = 0; i < PCI_MAX_BARS && n < (int)sizeof(line); i++) {
		const struct pci_bar *b = &f->bar[i];

		if (b->size)
			n += fmt_snprintf(line + n, sizeof(line) - n, " %s%s 0x%llx+0x%llx",
					  pci_bar_kind_name(b->kind), b->prefetch ? "-pf" : "",
					  (unsigned long long)b->addr, (unsigned long long)b->size);
	}
	printk("tessera: pci %s\n", line);
}

int pci_host_init(const struct fdt *fdt)
{
	int node = fdt_next_compatible(fdt, -1, "pci-host-ecam-generic");
	uint64_t base, size;
	unsigned int first = 0, last, i;
	const uint8_t *range;
	int len;

	if (node < 0)
		return 0;
	if (fdt_reg(fdt, node, 0, &base, &size) || size < (1u << 20)) {
		printk("tessera: warning: %s: no usable ECAM window\n", fdt_node_name(fdt, node));
		return -1;
	}
	last = (size >> 20) - 1;
	range = fdt_getprop(fdt, node, "bus-range", &len);
	if (range && len == 8) {
		first = fdt_cells_to_u64(range, 1);
		last = fdt_cells_to_u64(range + 4, 1);
	}
	/* Never look outside the window, whatever bus-range says. */
	if (last > first + (size >> 20) - 1)
		last = first + (size >> 20) - 1;
	ecam_base = base;
	ecam_bus0 = first;
	pci_host_nr_funcs = pci_enumerate(&ecam_ops, 0, first, last, pci_host_funcs,
					  PCI_HOST_MAX_FUNCS);
	if (pci_host_nr_funcs > PCI_HOST_MAX_FUNCS) {
		printk("tessera: warning: %u PCI functions, only the first %u kept\n",
		       pci_host_nr_funcs, PCI_HOST_MAX_FUNCS);
		pci_host_nr_funcs = PCI_HOST_MAX_FUNCS;
	}
	printk("tessera: pci: %u functions on buses %02x-%02x, ECAM at 0x%llx\n",
	       pci_host_nr_funcs, first, last, (unsigned long long)base);
	for (i = 0; i < pci_host_nr_funcs; i++)
		log_func(&pci_host_funcs[i]);
	return 0;
}
