// SPDX-License-Identifier: GPL-2.0-only
/*
 * Device-tree interrupt specifiers on x86_64: none. x86 boards describe
 * their interrupts in ACPI, so a boot tree's "interrupts" are never
 * decoded (shared with the planner and the host tests). Also the host
 * MSI vectors' rule, which the planner checks a plan against.
 */
#include "irq.h"
#include "traps.h"

int irq_dt_decode(const struct fdt *fdt, int ctrl, const uint8_t *spec, unsigned int ncells)
{
	(void)fdt;
	(void)ctrl;
	(void)spec;
	(void)ncells;
	return -1;
}

int irq_dt_of_node(const struct fdt *fdt, int node, unsigned int index)
{
	(void)fdt;
	(void)node;
	(void)index;
	return -1;
}

unsigned int host_msi_first(unsigned int used, unsigned int nvec)
{
	unsigned int block = 1;

	while (block < nvec && block < 32)
		block <<= 1;
	return (used + block - 1) & ~(block - 1);
}

unsigned int irq_msi_fit(const unsigned int *nvec, unsigned int n, const char **budget)
{
	unsigned int used = 0, i, first;

	*budget = "the 160 host vectors for guests' functions (each function's aligned to its count's power of two, up to 32)";
	for (i = 0; i < n; i++) {
		if (!nvec[i])
			continue;
		first = host_msi_first(used, nvec[i]);
		if (first + nvec[i] > HOST_MSI_VECTORS)
			return i;
		used = first + nvec[i];
	}
	return n;
}
