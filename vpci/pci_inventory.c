// SPDX-License-Identifier: GPL-2.0-only
#include "pci_inventory.h"

#include <stdarg.h>

#include "lib/printf.h"

#define LINE	256

uint32_t pci_bar_phys_hi(const struct pci_func *f, unsigned int bar)
{
	const struct pci_bar *b = &f->bar[bar];
	uint32_t space = b->kind == PCI_BAR_IO ? 1 : b->kind == PCI_BAR_MEM64 ? 3 : 2;
	uint32_t reg = bar == 6 ? (f->header == 1 ? PCI_ROM_ADDRESS1 : PCI_ROM_ADDRESS) :
		       PCI_BAR0 + 4 * bar;

	return (b->prefetch ? 1u << 30 : 0) | space << 24 | PCI_SBDF_BUS(f->sbdf) << 16 |
	       (f->sbdf & 0xff) << 8 | reg;
}

static void emit(inventory_out out, void *ctx, unsigned int depth, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void emit(inventory_out out, void *ctx, unsigned int depth, const char *fmt, ...)
{
	char line[LINE];
	unsigned int i;
	va_list ap;

	for (i = 0; i < depth && i < 16; i++)
		line[i] = '\t';
	va_start(ap, fmt);
	fmt_vsnprintf(line + i, sizeof(line) - i, fmt, ap);
	va_end(ap);
	out(ctx, line);
}

static void write_bars(const struct pci_func *f, unsigned int depth, inventory_out out,
		       void *ctx)
{
	unsigned int i, n = 0, last = 0;

	for (i = 0; i < PCI_MAX_BARS; i++)
		if (f->bar[i].size) {
			n++;
			last = i;
		}
	if (!n)
		return;
	emit(out, ctx, depth, "assigned-addresses =");
	for (i = 0; i < PCI_MAX_BARS; i++) {
		const struct pci_bar *b = &f->bar[i];

		if (!b->size)
			continue;
		emit(out, ctx, depth + 1, "<0x%08x 0x%x 0x%08x 0x%x 0x%08x>%s\t/* %s%s */",
		     pci_bar_phys_hi(f, i), (unsigned int)(b->addr >> 32), (unsigned int)b->addr,
		     (unsigned int)(b->size >> 32), (unsigned int)b->size, i == last ? ";" : ",",
		     i == 6 ? "ROM" : pci_bar_kind_name(b->kind), b->prefetch ? " prefetchable" : "");
	}
}

static void write_bus(const struct pci_func *funcs, const uint8_t *pins, unsigned int n,
		      unsigned int bus, unsigned int depth, inventory_out out, void *ctx)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		const struct pci_func *f = &funcs[i];

		if (PCI_SBDF_BUS(f->sbdf) != bus)
			continue;
		emit(out, ctx, depth, "%s@%x,%x {", f->header == 1 ? "pci" : "dev",
		     PCI_SBDF_DEV(f->sbdf), PCI_SBDF_FN(f->sbdf));
		emit(out, ctx, depth + 1, "reg = <0x%08x 0 0 0 0>;",
		     PCI_SBDF_BUS(f->sbdf) << 16 | (f->sbdf & 0xff) << 8);
		emit(out, ctx, depth + 1, "vendor-id = <0x%04x>;", f->vendor);
		emit(out, ctx, depth + 1, "device-id = <0x%04x>;", f->device);
		emit(out, ctx, depth + 1, "class-code = <0x%06x>;", f->class);
		if (pins[i] >= 1 && pins[i] <= 4)
			emit(out, ctx, depth + 1, "interrupts = <%u>;", pins[i]);
		write_bars(f, depth + 1, out, ctx);
		if (f->header == 1) {
			emit(out, ctx, depth + 1, "#address-cells = <3>;");
			emit(out, ctx, depth + 1, "#size-cells = <2>;");
			emit(out, ctx, depth + 1, "bus-range = <0x%x 0x%x>;", f->secondary,
			     f->subordinate);
			if (f->secondary > bus)	/* a bus below cannot loop back up */
				write_bus(funcs, pins, n, f->secondary, depth + 1, out, ctx);
		}
		emit(out, ctx, depth, "};");
	}
}

void pci_inventory_write(const struct pci_func *funcs, const uint8_t *pins, unsigned int n,
			 unsigned int root_bus, const char *bridge_name, inventory_out out,
			 void *ctx)
{
	emit(out, ctx, 0, "/* PCI inventory: %u functions */", n);
	emit(out, ctx, 0, "/ {");
	emit(out, ctx, 1, "%s {", bridge_name);
	write_bus(funcs, pins, n, root_bus, 2, out, ctx);
	emit(out, ctx, 1, "};");
	emit(out, ctx, 0, "};");
}
