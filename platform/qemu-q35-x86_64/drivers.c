// SPDX-License-Identifier: GPL-2.0-only
/* The drivers the hypervisor tries on QEMU's q35 board, in order. The
 * IOMMU (AMD-Vi) comes with x86 PCI assignment; until then none. */
#include <stddef.h>

#include "drivers/uart.h"
#include "iommu.h"

const struct uart_driver *const platform_uart_drivers[] = {
	&isa_uart_driver,
	NULL,
};

const struct iommu_driver *const platform_iommu_drivers[] = {
	NULL,
};
