// SPDX-License-Identifier: GPL-2.0-only
/*
 * GIC interrupt specifiers in device trees (the arm,gic-v3 and
 * arm,gic-400 bindings: <type number flags>, type 0 for an SPI). Shared
 * with the planner and the host tests, which plan for arm64 boards; so
 * is what the host ITS has for guests' functions (irq_msi_fit).
 */
#include "irq.h"

#include "gic_its_limits.h"
#include "lib/fdt.h"

#define GIC_SPEC_SPI	0
#define GIC_SPI_BASE	32	/* SPI n is INTID 32 + n */
#define GIC_NR_SPIS	988	/* INTIDs 32..1019 */

int irq_dt_decode(const struct fdt *fdt, int ctrl, const uint8_t *spec, unsigned int ncells)
{
	uint64_t n;

	if (ncells != 3 || fdt_cells_to_u64(spec, 1) != GIC_SPEC_SPI)
		return -1;
	n = fdt_cells_to_u64(spec + 4, 1);
	return n < GIC_NR_SPIS ? (int)(GIC_SPI_BASE + n) : -1;
}

/* interrupt-parent, inherited from the nearest ancestor that says. */
static int interrupt_parent(const struct fdt *fdt, int node)
{
	uint32_t ph;

	for (; node >= 0; node = fdt_parent(fdt, node))
		if (!fdt_read_u32(fdt, node, "interrupt-parent", &ph))
			return fdt_node_by_phandle(fdt, ph);
	return -1;
}

int irq_dt_of_node(const struct fdt *fdt, int node, unsigned int index)
{
	int ctrl = interrupt_parent(fdt, node), len;
	const uint8_t *p = fdt_getprop(fdt, node, "interrupts", &len);
	uint32_t cells;

	if (!p || ctrl < 0 || fdt_read_u32(fdt, ctrl, "#interrupt-cells", &cells) ||
	    cells < 1 || cells > 4 || (uint64_t)(index + 1) * 4 * cells > (uint64_t)len)
		return -1;
	return irq_dt_decode(fdt, ctrl, p + 4 * cells * index, cells);
}

/* As gic_its_boot.c hands them out: one ITS device per function, its
 * LPIs consecutive from the first. */
unsigned int irq_msi_fit(const unsigned int *nvec, unsigned int n, const char **budget)
{
	unsigned int used = 0, devs = 0, i;

	*budget = "the host ITS's 32 devices and 8192 LPIs for guests' functions";
	for (i = 0; i < n; i++) {
		if (!nvec[i])
			continue;
		if (devs == ITS_MAX_DEVS || nvec[i] > ITS_NR_LPIS - used)
			return i;
		devs++;
		used += nvec[i];
	}
	return n;
}
