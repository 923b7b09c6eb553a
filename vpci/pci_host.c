// SPDX-License-Identifier: GPL-2.0-only
#include "pci_host.h"

#include "console.h"
#include "lib/fdt.h"
#include "lib/printf.h"
#include "owner.h"
#include "pci_inventory.h"

struct pci_dev pci_host_devs[PCI_HOST_MAX_FUNCS];
unsigned int pci_host_nr_devs;
static struct pci_func funcs[PCI_HOST_MAX_FUNCS];
static int host_node = -1;

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

const struct pci_cfg_ops pci_host_cfg = { ecam_read, ecam_write, NULL };

static void drop_stray_bars(const struct fdt *fdt, struct pci_dev *pdev);

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
	host_node = node;
	pci_host_nr_devs = pci_enumerate(&pci_host_cfg, 0, first, last, funcs,
					 PCI_HOST_MAX_FUNCS);
	if (pci_host_nr_devs > PCI_HOST_MAX_FUNCS) {
		printk("tessera: warning: %u PCI functions, only the first %u kept\n",
		       pci_host_nr_devs, PCI_HOST_MAX_FUNCS);
		pci_host_nr_devs = PCI_HOST_MAX_FUNCS;
	}
	printk("tessera: pci: %u functions on buses %02x-%02x, ECAM at 0x%llx\n",
	       pci_host_nr_devs, first, last, (unsigned long long)base);
	for (i = 0; i < pci_host_nr_devs; i++) {
		struct pci_dev *pdev = &pci_host_devs[i];

		pdev->f = funcs[i];
		spin_lock_init(&pdev->lock);
		pdev->owner = OWNER_DOM_IO;
		pdev->intx = -1;
		vpci_find_msix(&pci_host_cfg, pdev);
		log_func(&pdev->f);
		drop_stray_bars(fdt, pdev);
	}
	return 0;
}

uint64_t pci_bridge_to_cpu(const struct fdt *fdt, int bridge, unsigned int space,
			   uint64_t addr, uint64_t size)
{
	int len, pos, pac = fdt_address_cells(fdt, fdt_parent(fdt, bridge)), entry;
	const uint8_t *r = fdt_getprop(fdt, bridge, "ranges", &len);

	entry = 4 * (3 + pac + 2);
	for (pos = 0; r && pac > 0 && pos + entry <= len; pos += entry) {
		unsigned int type = (fdt_cells_to_u64(r + pos, 1) >> 24) & 3;
		uint64_t child = fdt_cells_to_u64(r + pos + 4, 2);
		uint64_t parent = fdt_cells_to_u64(r + pos + 12, pac);
		uint64_t wsize = fdt_cells_to_u64(r + pos + 12 + 4 * pac, 2);

		if ((type == space || (space == 2 && type == 3)) && addr >= child &&
		    size <= wsize && addr - child <= wsize - size)
			return parent + (addr - child);
	}
	return 0;
}

/*
 * A memory BAR is used only if it lies in one of the host bridge's
 * memory windows, untranslated. Firmware may leave a BAR, typically a
 * ROM, unassigned or holding a sizing pattern; mapping that into a guest
 * could reach anything, RAM included.
 */
static bool bar_in_windows(const struct fdt *fdt, const struct pci_bar *b)
{
	return b->size && pci_bridge_to_cpu(fdt, host_node, 2, b->addr, b->size) == b->addr;
}

static void drop_stray_bars(const struct fdt *fdt, struct pci_dev *pdev)
{
	unsigned int i;

	for (i = 0; i < PCI_MAX_BARS; i++) {
		struct pci_bar *b = &pdev->f.bar[i];

		if (!b->size || b->kind == PCI_BAR_IO || bar_in_windows(fdt, b))
			continue;
		printk("tessera: pci %02x:%02x.%u: BAR %u at 0x%llx is outside the host bridge's windows; not used\n",
		       PCI_SBDF_BUS(pdev->f.sbdf), PCI_SBDF_DEV(pdev->f.sbdf),
		       PCI_SBDF_FN(pdev->f.sbdf), i, (unsigned long long)b->addr);
		b->size = 0;
		b->kind = PCI_BAR_NONE;
	}
}

struct pci_dev *pci_host_find(uint32_t sbdf)
{
	unsigned int i;

	for (i = 0; i < pci_host_nr_devs; i++)
		if (pci_host_devs[i].f.sbdf == sbdf)
			return &pci_host_devs[i];
	return NULL;
}

/* The bridge whose secondary bus is bus, or NULL on the root bus. */
static struct pci_dev *upstream_bridge(unsigned int bus)
{
	unsigned int i;

	if (bus == ecam_bus0)
		return NULL;
	for (i = 0; i < pci_host_nr_devs; i++) {
		struct pci_dev *b = &pci_host_devs[i];

		if (b->f.header == 1 && b->f.secondary == bus)
			return b;
	}
	return NULL;
}

/*
 * interrupt-map entries: child unit address (3 cells) and pin (1 cell),
 * the parent's phandle, the parent's unit address (its #address-cells)
 * and its interrupt specifier (#interrupt-cells; GIC: type, number, flags).
 */
static int intx_map_lookup(const struct fdt *fdt, uint32_t hi, unsigned int pin)
{
	const uint8_t *map, *mask;
	int len, mlen, pos = 0;
	uint32_t m[4] = { ~0u, ~0u, ~0u, ~0u };

	map = fdt_getprop(fdt, host_node, "interrupt-map", &len);
	mask = fdt_getprop(fdt, host_node, "interrupt-map-mask", &mlen);
	if (!map)
		return -1;
	if (mask && mlen == 16)
		for (int i = 0; i < 4; i++)
			m[i] = fdt_cells_to_u64(mask + 4 * i, 1);
	while (pos + 20 <= len) {
		const uint8_t *e = map + pos;
		uint32_t ehi = fdt_cells_to_u64(e, 1), epin = fdt_cells_to_u64(e + 12, 1);
		int parent = fdt_node_by_phandle(fdt, fdt_cells_to_u64(e + 16, 1));
		uint32_t pac = 0, pic = 0;

		if (parent < 0)
			return -1;
		fdt_read_u32(fdt, parent, "#address-cells", &pac);
		if (fdt_read_u32(fdt, parent, "#interrupt-cells", &pic) || pic != 3 ||
		    pos + 20 + 4 * (int)(pac + pic) > len)
			return -1;
		if ((hi & m[0]) == (ehi & m[0]) && (pin & m[3]) == (epin & m[3])) {
			const uint8_t *spec = e + 20 + 4 * pac;

			if (fdt_cells_to_u64(spec, 1) != 0)	/* GIC_SPI */
				return -1;
			return 32 + fdt_cells_to_u64(spec + 4, 1);
		}
		pos += 20 + 4 * (pac + pic);
	}
	return -1;
}

int pci_host_intx_intid(const struct fdt *fdt, uint32_t sbdf, unsigned int pin)
{
	struct pci_dev *bridge;

	if (host_node < 0 || pin < 1 || pin > 4)
		return -1;
	/* Below a bridge, INTx is rotated by the device number. */
	while ((bridge = upstream_bridge(PCI_SBDF_BUS(sbdf))) != NULL) {
		pin = (pin - 1 + PCI_SBDF_DEV(sbdf)) % 4 + 1;
		sbdf = bridge->f.sbdf;
	}
	return intx_map_lookup(fdt, (PCI_SBDF_BUS(sbdf) << 16) | ((sbdf & 0xff) << 8), pin);
}

static void print_line(void *ctx, const char *line)
{
	printk("%s\n", line);
}

void pci_host_print_inventory(const struct fdt *fdt)
{
	static uint8_t pins[PCI_HOST_MAX_FUNCS];
	unsigned int i;

	if (host_node < 0) {
		printk("tessera: inspect: no pci-host-ecam-generic node\n");
		return;
	}
	for (i = 0; i < pci_host_nr_devs; i++)
		pins[i] = pci_host_cfg.read(NULL, funcs[i].sbdf, PCI_INTERRUPT_PIN, 1);
	printk("--- tessera inventory begin ---\n");
	pci_inventory_write(funcs, pins, pci_host_nr_devs, ecam_bus0,
			    fdt_node_name(fdt, host_node), print_line, NULL);
	printk("--- tessera inventory end ---\n");
}
