// SPDX-License-Identifier: GPL-2.0-only
/* The drivers the hypervisor tries on QEMU's virt board, in order. */
#include <stddef.h>

#include "drivers/uart.h"
#include "iommu.h"

const struct uart_driver *const platform_uart_drivers[] = {
	&pl011_uart_driver,
	&pci_uart_driver,
	NULL,
};

const struct iommu_driver *const platform_iommu_drivers[] = {
	&smmuv3_driver,
	NULL,
};
