// SPDX-License-Identifier: GPL-2.0-only
/* The board description: the board's device tree with its PCI inventory
 * (vpci/pci_inventory.h) merged into the host bridge node. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "lib/fault.h"
#include "owner.h"
#include "pci_dt.h"
#include "pci_inventory.h"
#include "plan.h"

int plan_fail(struct plan *p, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(p->err, sizeof(p->err), fmt, ap);
	va_end(ap);
	return -1;
}

void *plan_calloc(size_t n, size_t size)
{
	return fault_fail() ? NULL : calloc(n, size);
}

void plan_free(struct plan *p)
{
	free(p->board.funcs);
	free(p->board.pins);
	free(p->board.nodes);
	free(p->board.devs);
	free(p->board.blob);
	free(p->part_blob);
	p->board.funcs = NULL;
	p->board.pins = NULL;
	p->board.nodes = NULL;
	p->board.devs = NULL;
	p->board.blob = p->part_blob = NULL;
}

/* A copy of size bytes at data as a device tree, checked by the shared
 * reader; *blob owns the copy (plan_free). name is for messages. */
int plan_use_dtb(struct plan *p, const char *name, const void *data, size_t size,
		 struct fdt *fdt, void **blob)
{
	int ret;

	*blob = plan_calloc(1, size ? size : 1);
	if (!*blob)
		return plan_fail(p, "%s: out of memory", name);
	memcpy(*blob, data, size);
	ret = fdt_init(fdt, *blob, size);
	if (ret)
		return plan_fail(p, "%s: not a usable device tree: %s", name, fdt_strerror(ret));
	return 0;
}

/* A whole device-tree blob from a file. */
int plan_load_dtb(struct plan *p, const char *path, struct fdt *fdt, void **blob)
{
	FILE *f = fopen(path, "rb");
	void *buf;
	long size;
	int ret;

	if (!f)
		return plan_fail(p, "%s: cannot open", path);
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	rewind(f);
	buf = size > 0 ? plan_calloc(1, size) : NULL;
	if (!buf || fread(buf, 1, size, f) != (size_t)size) {
		fclose(f);
		free(buf);
		return plan_fail(p, "%s: %s", path, size > 0 && !buf ? "out of memory" :
				 "cannot read");
	}
	fclose(f);
	ret = plan_use_dtb(p, path, buf, size, fdt, blob);
	free(buf);
	return ret;
}

static bool is_type(const struct fdt *fdt, int node, const char *type)
{
	const char *t;

	return !fdt_read_string(fdt, node, "device_type", &t) && !strcmp(t, type);
}

/* reg of node's children is read with 1 or 2 cells for each number. */
static int reg_cells(struct plan *p, int node)
{
	const struct fdt *fdt = &p->board.fdt;
	uint32_t ac = 2, sc = 1;	/* the defaults when absent */

	fdt_read_u32(fdt, node, "#address-cells", &ac);
	fdt_read_u32(fdt, node, "#size-cells", &sc);
	if (ac < 1 || ac > 2 || sc < 1 || sc > 2)
		return plan_fail(p, "board: %s has #address-cells = <%u> and #size-cells = <%u>; the memory nodes' reg needs 1 or 2 of each",
				 node == fdt_root(fdt) ? "/" : fdt_node_name(fdt, node), ac, sc);
	return 0;
}

/* Reserved memory is never guest RAM: whole pages around it go. */
static int drop_reserved(void *ctx, uint64_t base, uint64_t size, const char *what)
{
	struct plan *p = ctx;
	uint64_t start = base & ~0xfffull, end = base + size;

	end = end > ~0xfffull ? ~0xfffull : (end + 0xfff) & ~0xfffull;
	if (rangeset_remove(&p->board.ram, start, end))
		return plan_fail(p, "board: out of memory for the RAM map (more than %d pieces)",
				 PLAN_MAX_RAM);
	return 0;
}

static int read_reserved(struct plan *p)
{
	struct plan_board *b = &p->board;
	char what[RESMEM_WHAT_LEN];
	int ret = resmem_walk(&b->fdt, drop_reserved, p, what);

	if (ret == -FDT_ERR_BADVALUE)
		return plan_fail(p, "board: %s: reg is not a usable range", what);
	b->reserved_bytes = b->ram_bytes - rangeset_total(&b->ram);
	return ret;
}

static int read_memory(struct plan *p)
{
	struct plan_board *b = &p->board;
	int node, i, n;

	rangeset_init(&b->ram, b->ram_storage, PLAN_MAX_RAM);
	for (node = fdt_first_child(&b->fdt, fdt_root(&b->fdt)); node >= 0;
	     node = fdt_next_sibling(&b->fdt, node)) {
		if (!is_type(&b->fdt, node, "memory"))
			continue;
		if (reg_cells(p, fdt_root(&b->fdt)))
			return -1;
		n = fdt_reg_count(&b->fdt, node);
		for (i = 0; i < n; i++) {
			uint64_t base, size;

			if (fdt_reg(&b->fdt, node, i, &base, &size) || !size ||
			    base + size < base)
				return plan_fail(p, "board: memory node %s: bad reg entry %d",
						 fdt_node_name(&b->fdt, node), i);
			if (rangeset_add(&b->ram, base, base + size))
				return plan_fail(p, "board: out of memory for the RAM map (more than %d pieces)",
						 PLAN_MAX_RAM);
		}
	}
	if (!b->ram.nr)
		return plan_fail(p, "board: no memory node");
	b->ram_bytes = rangeset_total(&b->ram);
	return read_reserved(p);
}

static int read_cpus(struct plan *p)
{
	struct plan_board *b = &p->board;
	int cpus = fdt_path_offset(&b->fdt, "/cpus"), node;

	for (node = cpus < 0 ? cpus : fdt_first_child(&b->fdt, cpus); node >= 0;
	     node = fdt_next_sibling(&b->fdt, node)) {
		uint64_t mpidr, size;

		if (!is_type(&b->fdt, node, "cpu"))
			continue;
		if (b->nr_cpus == PLAN_MAX_CPUS || fdt_reg(&b->fdt, node, 0, &mpidr, &size))
			return plan_fail(p, "board: cpu node %s: no usable reg",
					 fdt_node_name(&b->fdt, node));
		b->cpus[b->nr_cpus].mpidr = mpidr;
		snprintf(b->cpus[b->nr_cpus].path, sizeof(b->cpus[0].path), "/cpus/%s",
			 fdt_node_name(&b->fdt, node));
		b->nr_cpus++;
	}
	if (!b->nr_cpus)
		return plan_fail(p, "board: no cpu nodes under /cpus");
	return 0;
}

/* As the hypervisor does (vpci/pci_host.c): a BAR no guest can be given
 * (pci_bar_usable) is never given to anyone. */
static void drop_stray_bars(struct plan_board *b, struct pci_func *f)
{
	unsigned int i;

	for (i = 0; i < PCI_MAX_BARS; i++) {
		struct pci_bar *bar = &f->bar[i];

		if (bar->size && !pci_bar_usable(&b->fdt, b->pcie, bar)) {
			bar->size = 0;
			bar->kind = PCI_BAR_NONE;
			f->unusable |= 1u << i;
		}
	}
}

static int read_pci(struct plan *p)
{
	struct plan_board *b = &p->board;
	const uint8_t *range;
	char err[PRINT_LINE_MAX];
	uint32_t bus_up[PCI_NR_BUSES];
	int n, len;
	unsigned int i;

	if (b->pcie < 0)
		return 0;
	b->pcie_name = fdt_node_name(&b->fdt, b->pcie);
	range = fdt_getprop(&b->fdt, b->pcie, "bus-range", &len);
	b->root_bus = range && len == 8 ? fdt_cells_to_u64(range, 1) : 0;
	n = pci_inventory_read(&b->fdt, b->pcie, b->funcs, b->pins, b->nodes, b->max_funcs, err,
			       sizeof(err));
	if (n < 0)
		return plan_fail(p, "board: %s", err);
	b->nr_funcs = n;
	for (i = 0; i < b->nr_funcs; i++) {
		drop_stray_bars(b, &b->funcs[i]);
		memset(&b->devs[i], 0, sizeof(b->devs[i]));
		b->devs[i].f = b->funcs[i];
		b->devs[i].owner = OWNER_DOM_IO;
		b->devs[i].intx = -1;
	}
	pci_dma_streams(&b->fdt, b->pcie, b->root_bus, b->devs, b->nr_funcs, bus_up);
	return 0;
}

int plan_check_board_caps(struct plan *p)
{
	if (!caps_check_board(&platform_caps, &p->board.fdt, p->console[0] ? p->console : NULL,
			      p->unsupported, sizeof(p->unsupported)))
		return 0;
	if (!p->allow_unsupported)
		return plan_fail(p, "board: Tessera (%s) cannot boot it: %s", platform_caps.platform,
				 p->unsupported);
	fprintf(stderr, "plan: warning: board: Tessera (%s) cannot boot it: %s\n",
		platform_caps.platform, p->unsupported);
	return 0;
}

int plan_find_func(const struct plan *p, uint32_t sbdf)
{
	unsigned int lo = 0, hi = p->board.nr_funcs;

	while (lo < hi) {	/* funcs are in SBDF order */
		unsigned int mid = (lo + hi) / 2;

		if (p->board.funcs[mid].sbdf == sbdf)
			return mid;
		if (p->board.funcs[mid].sbdf < sbdf)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* Room for the functions the inventory lists: its nodes below the host
 * bridge bound them (at most PLAN_MAX_FUNCS are read). */
static int board_alloc(struct plan *p)
{
	struct plan_board *b = &p->board;
	unsigned int n = 1;
	int node, depth = 0;

	b->pcie = fdt_next_compatible(&b->fdt, -1, "pci-host-ecam-generic");
	p->console_func = -1;
	if (b->pcie >= 0)
		for (node = fdt_next_node(&b->fdt, b->pcie, &depth); node >= 0 && depth > 0 &&
		     n < PLAN_MAX_FUNCS; node = fdt_next_node(&b->fdt, node, &depth))
			n++;
	b->max_funcs = n;
	b->funcs = plan_calloc(n, sizeof(*b->funcs));
	b->pins = plan_calloc(n, sizeof(*b->pins));
	b->nodes = plan_calloc(n, sizeof(*b->nodes));
	b->devs = plan_calloc(n, sizeof(*b->devs));
	return !b->funcs || !b->pins || !b->nodes || !b->devs ?
	       plan_fail(p, "out of memory") : 0;
}

static int board_read(struct plan *p)
{
	return board_alloc(p) || read_memory(p) || read_cpus(p) || read_pci(p) ? -1 : 0;
}

int plan_board_load(struct plan *p, const char *path)
{
	return plan_load_dtb(p, path, &p->board.fdt, &p->board.blob) || board_read(p) ? -1 : 0;
}

int plan_board_load_mem(struct plan *p, const void *data, size_t size)
{
	return plan_use_dtb(p, "board", data, size, &p->board.fdt, &p->board.blob) ||
	       board_read(p) ? -1 : 0;
}
