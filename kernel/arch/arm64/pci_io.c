// SPDX-License-Identifier: GPL-2.0-only
/* The host PCI bridge on arm64 (arch.h): the board's tree describes it,
 * and its I/O window is memory-mapped. */
#include "arch.h"

#include "lib/fdt.h"

const struct fdt *arch_pci_host_tree(const struct fdt *boot)
{
	return boot;
}

void arch_pci_io(uint64_t addr, unsigned int size, bool write, uint32_t *val)
{
	volatile void *a = (volatile void *)(uintptr_t)addr;

	if (write && size == 1)
		*(volatile uint8_t *)a = *val;
	else if (write && size == 2)
		*(volatile uint16_t *)a = *val;
	else if (write)
		*(volatile uint32_t *)a = *val;
	else if (size == 1)
		*val = *(volatile uint8_t *)a;
	else if (size == 2)
		*val = *(volatile uint16_t *)a;
	else
		*val = *(volatile uint32_t *)a;
}
