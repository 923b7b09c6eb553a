// SPDX-License-Identifier: GPL-2.0-only
#include "pci_inventory.h"

#include <stdarg.h>

#include "lib/fdt.h"
#include "lib/printf.h"
#include "lib/string.h"
#include "plan_check.h"

#define LINE	256

/* tessera,bridge-kind, by enum pci_bridge_kind; absent: a PCIe port. */
static const char *const bridge_kinds[] = { "pcie-port", "pcie-to-pci", "pci-to-pci" };

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

/* The SR-IOV capability as enumeration found it, VF Enable off: its
 * VF BARs' sizes are each VF's (pci.c sized them). */
static void write_sriov(const struct pci_func *f, unsigned int depth, inventory_out out,
			void *ctx)
{
	const struct pci_sriov *s = &f->sriov;
	unsigned int i, n = 0, last = 0;

	emit(out, ctx, depth, "tessera,sriov = <0x%x %u %u 0x%x 0x%x 0x%04x>;%s", s->pos,
	     s->total, s->initial, s->offset, s->stride, s->vf_device,
	     "\t/* capability, TotalVFs, InitialVFs, VF offset, stride, VF device */");
	for (i = 0; i < PCI_SRIOV_NUM_BARS; i++)
		if (s->vf_bar[i].size) {
			n++;
			last = i;
		}
	if (!n)
		return;
	emit(out, ctx, depth, "tessera,sriov-vf-bars =");
	for (i = 0; i < PCI_SRIOV_NUM_BARS; i++) {
		const struct pci_bar *b = &s->vf_bar[i];

		if (!b->size)
			continue;
		emit(out, ctx, depth + 1, "<%u 0x%08x 0x%x 0x%08x>%s\t/* %s%s, per VF */", i,
		     (b->prefetch ? 1u << 30 : 0) | (b->kind == PCI_BAR_MEM64 ? 3u : 2u) << 24,
		     (unsigned int)(b->size >> 32), (unsigned int)b->size, i == last ? ";" : ",",
		     pci_bar_kind_name(b->kind), b->prefetch ? " prefetchable" : "");
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
		if (f->msix.table_bar >= 0)
			emit(out, ctx, depth + 1,
			     "tessera,msix = <%d 0x%x 0x%x %d 0x%x 0x%x>;\t/* table, PBA */",
			     f->msix.table_bar, f->msix.table, f->msix.table_size,
			     f->msix.pba_bar, f->msix.pba, f->msix.pba_size);
		if (f->msi.vectors)
			emit(out, ctx, depth + 1,
			     "tessera,msi = <%u %u %u>;\t/* vectors, 64-bit, per-vector mask */",
			     f->msi.vectors, f->msi.addr64, f->msi.maskable);
		if (f->sriov.pos)
			write_sriov(f, depth + 1, out, ctx);
		if (f->header == 1) {
			emit(out, ctx, depth + 1, "#address-cells = <3>;");
			emit(out, ctx, depth + 1, "#size-cells = <2>;");
			emit(out, ctx, depth + 1, "bus-range = <0x%x 0x%x>;", f->secondary,
			     f->subordinate);
			if (f->bridge_kind != PCI_BRIDGE_PCIE)
				emit(out, ctx, depth + 1, "tessera,bridge-kind = \"%s\";",
				     bridge_kinds[f->bridge_kind]);
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

/* ---- reading it back ---- */

struct reader {
	const struct fdt *fdt;
	struct pci_func *out;
	uint8_t *pins;
	int *nodes;
	unsigned int max, n;
	char *err;
	unsigned int errlen;
};

static int bad(struct reader *r, int node, const char *what)
{
	fmt_snprintf(r->err, r->errlen, "inventory node %s: %s", fdt_node_name(r->fdt, node), what);
	return -1;
}

/* One assigned-addresses entry into f's BARs. */
static int read_bar(struct reader *r, int node, struct pci_func *f, const uint8_t *e)
{
	uint32_t hi = fdt_cells_to_u64(e, 1), reg = hi & 0xff, space = (hi >> 24) & 3;
	unsigned int i = reg == PCI_ROM_ADDRESS || reg == PCI_ROM_ADDRESS1 ? 6 :
			 (reg - PCI_BAR0) / 4;
	struct pci_bar *b;

	if ((reg != PCI_ROM_ADDRESS && reg != PCI_ROM_ADDRESS1 &&
	     (reg < PCI_BAR0 || reg >= PCI_BAR0 + 24 || (reg & 3))) || !space ||
	    (hi & 0x00ffff00u) != ((PCI_SBDF_BUS(f->sbdf) << 16) | (f->sbdf & 0xff) << 8))
		return bad(r, node, "an assigned-addresses entry names another function or no BAR register");
	b = &f->bar[i];
	if (b->size)
		return bad(r, node, "a BAR appears twice in assigned-addresses");
	b->addr = fdt_cells_to_u64(e + 4, 2);
	b->size = fdt_cells_to_u64(e + 12, 2);
	b->prefetch = hi & (1u << 30);
	b->kind = i == 6 ? PCI_BAR_ROM : space == 1 ? PCI_BAR_IO :
		  space == 3 ? PCI_BAR_MEM64 : PCI_BAR_MEM32;
	if (!b->size || (b->size & (b->size - 1)))
		return bad(r, node, "a BAR size is not a power of two");
	return 0;
}

static int read_msix(struct reader *r, int node, struct pci_func *f)
{
	const uint8_t *c;
	uint32_t v[6];
	int len, i;

	c = fdt_getprop(r->fdt, node, "tessera,msix", &len);
	if (!c)
		return 0;
	if (len != 24)
		return bad(r, node, "tessera,msix must be <table-bar offset bytes pba-bar offset bytes>");
	for (i = 0; i < 6; i++)
		v[i] = fdt_cells_to_u64(c + 4 * i, 1);
	if (v[0] > 5 || v[3] > 5 || !v[2] || !v[5])
		return bad(r, node, "tessera,msix names no BAR or an empty table");
	f->msix = (struct pci_msix){ v[0], v[3], v[1], v[2], v[4], v[5], 0, v[2] / 16 };
	return 0;
}

static int read_msi(struct reader *r, int node, struct pci_func *f)
{
	const uint8_t *c;
	uint32_t v;
	int len;

	c = fdt_getprop(r->fdt, node, "tessera,msi", &len);
	if (!c)
		return 0;
	v = len == 12 ? fdt_cells_to_u64(c, 1) : 0;
	if (!v || v > 32 || (v & (v - 1)))
		return bad(r, node, "tessera,msi must be <vectors 64-bit per-vector-mask>, vectors 1, 2, 4, ... 32");
	/* msi.pos stays 0 (the inventory has no offset): vectors says it is there. */
	f->msi.vectors = v;
	f->msi.addr64 = fdt_cells_to_u64(c + 4, 1);
	f->msi.maskable = fdt_cells_to_u64(c + 8, 1);
	return 0;
}

/* One tessera,sriov-vf-bars entry <bar space size-hi size-lo>. */
static int read_vf_bar(struct reader *r, int node, struct pci_sriov *s, const uint8_t *e)
{
	uint32_t bar = fdt_cells_to_u64(e, 1), hi = fdt_cells_to_u64(e + 4, 1);
	uint32_t space = (hi >> 24) & 3;
	struct pci_bar *b;

	if (bar >= PCI_SRIOV_NUM_BARS || (space != 2 && space != 3) || (hi & 0xbcffffffu))
		return bad(r, node, "tessera,sriov-vf-bars entries are <bar 0x02000000|0x03000000 size-hi size-lo>, bar 0-5");
	b = &s->vf_bar[bar];
	if (b->size)
		return bad(r, node, "a VF BAR appears twice in tessera,sriov-vf-bars");
	b->size = fdt_cells_to_u64(e + 8, 2);
	b->kind = space == 3 ? PCI_BAR_MEM64 : PCI_BAR_MEM32;
	b->prefetch = hi & (1u << 30);
	if (b->size < 0x1000 || (b->size & (b->size - 1)))
		return bad(r, node, "a VF BAR size is not a power of two of at least 4 KiB");
	return 0;
}

static int read_sriov(struct reader *r, int node, struct pci_func *f)
{
	struct pci_sriov *s = &f->sriov;
	const uint8_t *c;
	uint32_t v[6];
	int len, i;

	c = fdt_getprop(r->fdt, node, "tessera,sriov", &len);
	if (!c)
		return 0;
	if (len != 24)
		return bad(r, node, "tessera,sriov must be <capability total-vfs initial-vfs vf-offset vf-stride vf-device>");
	for (i = 0; i < 6; i++)
		v[i] = fdt_cells_to_u64(c + 4 * i, 1);
	if (v[0] < PCI_EXT_CAP_START || v[0] > 0xffc || v[1] > 0xffff || v[2] > v[1] ||
	    v[3] > 0xffff || v[4] > 0xffff || v[5] > 0xffff)
		return bad(r, node, "tessera,sriov: capability 0x100-0xffc, InitialVFs <= TotalVFs, 16-bit fields");
	*s = (struct pci_sriov){ .pos = v[0], .total = v[1], .initial = v[2], .offset = v[3],
				 .stride = v[4], .vf_device = v[5] };
	c = fdt_getprop(r->fdt, node, "tessera,sriov-vf-bars", &len);
	if (c && (len <= 0 || len % 16))
		return bad(r, node, "tessera,sriov-vf-bars entries are 4 cells");
	for (i = 0; c && i < len; i += 16)
		if (read_vf_bar(r, node, s, c + i))
			return -1;
	return 0;
}

static int read_bridge_kind(struct reader *r, int node, struct pci_func *f)
{
	const char *kind;
	unsigned int i;

	if (fdt_read_string(r->fdt, node, "tessera,bridge-kind", &kind))
		return 0;
	for (i = 0; i < sizeof(bridge_kinds) / sizeof(bridge_kinds[0]); i++)
		if (!strcmp(kind, bridge_kinds[i])) {
			f->bridge_kind = i;
			return 0;
		}
	return bad(r, node, "tessera,bridge-kind must be \"pcie-port\", \"pcie-to-pci\" or \"pci-to-pci\"");
}

static int read_node(struct reader *r, int node, unsigned int depth)
{
	const uint8_t *reg, *aa, *range;
	struct pci_func *f;
	uint32_t v, hi;
	int len, alen, i;

	reg = fdt_getprop(r->fdt, node, "reg", &len);
	if (!reg || len != 20)
		return bad(r, node, "reg must be <phys.hi 0 0 0 0>");
	if (r->n == r->max)
		return bad(r, node, "more functions than the planner takes");
	hi = fdt_cells_to_u64(reg, 1);
	f = &r->out[r->n];
	memset(f, 0, sizeof(*f));
	f->sbdf = PCI_SBDF(0, (hi >> 16) & 0xff, (hi >> 11) & 0x1f, (hi >> 8) & 7);
	f->msix.table_bar = f->msix.pba_bar = -1;
	if (r->nodes)
		r->nodes[r->n] = node;
	if (fdt_read_u32(r->fdt, node, "vendor-id", &v))
		return bad(r, node, "no vendor-id");
	f->vendor = v;
	if (fdt_read_u32(r->fdt, node, "device-id", &v))
		return bad(r, node, "no device-id");
	f->device = v;
	if (fdt_read_u32(r->fdt, node, "class-code", &v))
		return bad(r, node, "no class-code");
	f->class = v & 0xffffff;
	r->pins[r->n] = fdt_read_u32(r->fdt, node, "interrupts", &v) || v > 4 ? 0 : v;
	aa = fdt_getprop(r->fdt, node, "assigned-addresses", &alen);
	if (aa && alen % 20)
		return bad(r, node, "assigned-addresses entries are 5 cells");
	for (i = 0; aa && i < alen; i += 20)
		if (read_bar(r, node, f, aa + i))
			return -1;
	if (read_msix(r, node, f) || read_msi(r, node, f) || read_sriov(r, node, f))
		return -1;
	range = fdt_getprop(r->fdt, node, "bus-range", &len);
	r->n++;
	if (!range)
		return 0;
	if (len != 8 || depth > 8)
		return bad(r, node, "bus-range must be <secondary subordinate>");
	f->header = 1;
	f->secondary = fdt_cells_to_u64(range, 1);
	f->subordinate = fdt_cells_to_u64(range + 4, 1);
	if (read_bridge_kind(r, node, f))
		return -1;
	for (node = fdt_first_child(r->fdt, node); node >= 0; node = fdt_next_sibling(r->fdt, node))
		if (read_node(r, node, depth + 1))
			return -1;
	return 0;
}

int pci_inventory_read(const struct fdt *fdt, int bridge_node, struct pci_func *out,
		       uint8_t *pins, int *nodes, unsigned int max, char *err,
		       unsigned int errlen)
{
	struct reader r = { fdt, out, pins, nodes, max, 0, err, errlen };
	unsigned int i, j;
	int node;

	for (node = fdt_first_child(fdt, bridge_node); node >= 0;
	     node = fdt_next_sibling(fdt, node))
		if (fdt_getprop(fdt, node, "vendor-id", NULL) && read_node(&r, node, 0))
			return -1;
	/* SBDF order, as enumeration gives it; a name twice is refused. */
	for (i = 1; i < r.n; i++)
		for (j = i; j > 0 && out[j - 1].sbdf >= out[j].sbdf; j--) {
			struct pci_func t = out[j];
			uint8_t p = pins[j];
			int nd = nodes ? nodes[j] : 0;

			if (out[j - 1].sbdf == t.sbdf) {
				char s[16];

				pci_sbdf_str(t.sbdf, s);
				fmt_snprintf(err, errlen, "inventory: %s appears twice", s);
				return -1;
			}
			out[j] = out[j - 1];
			pins[j] = pins[j - 1];
			out[j - 1] = t;
			pins[j - 1] = p;
			if (nodes) {
				nodes[j] = nodes[j - 1];
				nodes[j - 1] = nd;
			}
		}
	return r.n;
}

int pci_regs_read(const struct fdt *fdt, int node, const char *prop, struct plan_regs *out,
		  unsigned int max)
{
	const uint8_t *cells;
	int len, i, n = 0;

	cells = fdt_getprop(fdt, node, prop, &len);
	if (!cells)
		return 0;
	if (len <= 0 || len % 12 || (unsigned int)len / 12 > max)
		return -1;
	for (i = 0; i < len; i += 12, n++) {
		out[n].bar = fdt_cells_to_u64(cells + i, 1);
		out[n].off = fdt_cells_to_u64(cells + i + 4, 1);
		out[n].size = fdt_cells_to_u64(cells + i + 8, 1);
		if (out[n].bar > 5 || !out[n].size)
			return -1;
	}
	return n;
}

int pci_kept_read(const struct fdt *fdt, int node, struct plan_regs *out, unsigned int max,
		  uint32_t *read_value)
{
	const uint8_t *cell;
	int len, n = pci_regs_read(fdt, node, "tessera,hypervisor-ranges", out, max);

	*read_value = 0xffffffffu;
	cell = fdt_getprop(fdt, node, "tessera,hypervisor-ranges-read", &len);
	if (n < 0 || (cell && (len != 4 || !n)))
		return -1;
	if (cell)
		*read_value = (uint32_t)fdt_cells_to_u64(cell, 1);
	return n;
}

int pci_hidden_mode_read(const struct fdt *fdt, int node, const char **mode)
{
	*mode = "read-only";
	fdt_read_string(fdt, node, "tessera,hidden-mode", mode);
	return strcmp(*mode, "read-only") ? -1 : 0;
}
