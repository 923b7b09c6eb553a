// SPDX-License-Identifier: GPL-2.0-only
/* The board description: the board's device tree with its PCI inventory
 * (vpci/pci_inventory.h) merged into the host bridge node. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

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

/* A whole device-tree blob from a file, checked by the shared reader. */
int plan_load_dtb(struct plan *p, const char *path, struct fdt *fdt, void **blob)
{
	FILE *f = fopen(path, "rb");
	long size;
	int ret;

	if (!f)
		return plan_fail(p, "%s: cannot open", path);
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	rewind(f);
	*blob = malloc(size > 0 ? size : 1);
	if (!*blob || size <= 0 || fread(*blob, 1, size, f) != (size_t)size) {
		fclose(f);
		return plan_fail(p, "%s: cannot read", path);
	}
	fclose(f);
	ret = fdt_init(fdt, *blob, size);
	if (ret)
		return plan_fail(p, "%s: not a usable device tree: %s", path, fdt_strerror(ret));
	return 0;
}

static bool is_type(const struct fdt *fdt, int node, const char *type)
{
	const char *t;

	return !fdt_read_string(fdt, node, "device_type", &t) && !strcmp(t, type);
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
		n = fdt_reg_count(&b->fdt, node);
		for (i = 0; i < n; i++) {
			uint64_t base, size;

			if (fdt_reg(&b->fdt, node, i, &base, &size) || !size ||
			    rangeset_add(&b->ram, base, base + size))
				return plan_fail(p, "board: memory node %s: bad reg entry %d",
						 fdt_node_name(&b->fdt, node), i);
		}
	}
	if (!b->ram.nr)
		return plan_fail(p, "board: no memory node");
	/* The firmware's own data at the bottom of the first bank. */
	rangeset_remove(&b->ram, b->ram.r[0].start, b->ram.r[0].start + PLAN_RAM_SKIP);
	return 0;
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

/* As the hypervisor does (vpci/pci_host.c): a BAR outside the bridge's
 * untranslated memory windows is never given to anyone. */
static void drop_stray_bars(struct plan_board *b, struct pci_func *f)
{
	unsigned int i;

	for (i = 0; i < PCI_MAX_BARS; i++) {
		struct pci_bar *bar = &f->bar[i];

		if (bar->size && bar->kind != PCI_BAR_IO &&
		    pci_bridge_to_cpu(&b->fdt, b->pcie, 2, bar->addr, bar->size) != bar->addr) {
			bar->size = 0;
			bar->kind = PCI_BAR_NONE;
		}
	}
}

static int read_pci(struct plan *p)
{
	struct plan_board *b = &p->board;
	const uint8_t *range;
	char err[128];
	int n, len;
	unsigned int i;

	b->pcie = fdt_next_compatible(&b->fdt, -1, "pci-host-ecam-generic");
	if (b->pcie < 0)
		return 0;
	b->pcie_name = fdt_node_name(&b->fdt, b->pcie);
	range = fdt_getprop(&b->fdt, b->pcie, "bus-range", &len);
	b->root_bus = range && len == 8 ? fdt_cells_to_u64(range, 1) : 0;
	n = pci_inventory_read(&b->fdt, b->pcie, b->funcs, b->pins, b->nodes, PLAN_MAX_FUNCS, err,
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

int plan_board_load(struct plan *p, const char *path)
{
	struct plan_board *b = &p->board;

	b->funcs = calloc(PLAN_MAX_FUNCS, sizeof(*b->funcs));
	b->pins = calloc(PLAN_MAX_FUNCS, sizeof(*b->pins));
	b->nodes = calloc(PLAN_MAX_FUNCS, sizeof(*b->nodes));
	b->devs = calloc(PLAN_MAX_FUNCS, sizeof(*b->devs));
	b->pcie = -1;
	p->console_func = -1;
	if (!b->funcs || !b->pins || !b->nodes || !b->devs)
		return plan_fail(p, "out of memory");
	if (plan_load_dtb(p, path, &b->fdt, &b->blob))
		return -1;
	return read_memory(p) || read_cpus(p) || read_pci(p) ? -1 : 0;
}
