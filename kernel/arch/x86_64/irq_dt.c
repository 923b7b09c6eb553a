// SPDX-License-Identifier: GPL-2.0-only
/*
 * Device-tree interrupt specifiers on x86_64: none. x86 boards describe
 * their interrupts in ACPI, so a boot tree's "interrupts" are never
 * decoded (shared with the planner and the host tests).
 */
#include "irq.h"

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
