// SPDX-License-Identifier: GPL-2.0-only
/* Reserved memory of a board's device tree; see resmem.h. */
#include "lib/resmem.h"

#include <stdbool.h>

#include "lib/printf.h"
#include "lib/string.h"

static bool usable(uint64_t base, uint64_t size)
{
	return size && base + size > base;
}

static int walk_memreserve(const struct fdt *fdt, resmem_fn fn, void *ctx,
			   char what[RESMEM_WHAT_LEN])
{
	uint64_t base, size;
	int i, ret;

	for (i = 0; !fdt_memreserve(fdt, i, &base, &size); i++) {
		fmt_snprintf(what, RESMEM_WHAT_LEN, "/memreserve/ %d", i);
		if (!size)
			continue;	/* no bytes: nothing to keep */
		if (!usable(base, size))
			return -FDT_ERR_BADVALUE;
		ret = fn(ctx, base, size, what);
		if (ret)
			return ret;
	}
	return 0;
}

static bool disabled(const struct fdt *fdt, int node)
{
	const char *status;

	return !fdt_read_string(fdt, node, "status", &status) && strcmp(status, "okay") &&
	       strcmp(status, "ok");
}

static int walk_node(const struct fdt *fdt, int node, resmem_fn fn, void *ctx,
		     char what[RESMEM_WHAT_LEN])
{
	uint64_t base, size;
	int i, n, ret;

	fmt_snprintf(what, RESMEM_WHAT_LEN, "/reserved-memory/%s", fdt_node_name(fdt, node));
	if (!fdt_has_prop(fdt, node, "reg") || disabled(fdt, node))
		return 0;	/* dynamic (size, alloc-ranges), or not in use */
	n = fdt_reg_count(fdt, node);
	if (n <= 0)
		return -FDT_ERR_BADVALUE;
	for (i = 0; i < n; i++) {
		if (fdt_reg(fdt, node, i, &base, &size) || !usable(base, size))
			return -FDT_ERR_BADVALUE;
		ret = fn(ctx, base, size, what);
		if (ret)
			return ret;
	}
	return 0;
}

int resmem_walk(const struct fdt *fdt, resmem_fn fn, void *ctx, char what[RESMEM_WHAT_LEN])
{
	int parent, node, ret;

	what[0] = 0;
	ret = walk_memreserve(fdt, fn, ctx, what);
	if (ret)
		return ret;
	parent = fdt_path_offset(fdt, "/reserved-memory");
	for (node = parent < 0 ? parent : fdt_first_child(fdt, parent); node >= 0;
	     node = fdt_next_sibling(fdt, node)) {
		ret = walk_node(fdt, node, fn, ctx, what);
		if (ret)
			return ret;
	}
	return 0;
}

struct find_ctx {
	uint64_t base, end;
	uint64_t *rbase, *rsize;
};

static int overlaps(void *ctx, uint64_t base, uint64_t size, const char *what)
{
	struct find_ctx *c = ctx;

	if (base >= c->end || base + size <= c->base)
		return 0;
	*c->rbase = base;
	*c->rsize = size;
	return 1;
}

int resmem_find(const struct fdt *fdt, uint64_t base, uint64_t size, uint64_t *rbase,
		uint64_t *rsize, char what[RESMEM_WHAT_LEN])
{
	struct find_ctx c = { base, base + size, rbase, rsize };

	return resmem_walk(fdt, overlaps, &c, what);
}
