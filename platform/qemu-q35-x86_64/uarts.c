// SPDX-License-Identifier: GPL-2.0-only
/* The console UART drivers the hypervisor tries on q35, in order. */
#include <stddef.h>

#include "drivers/uart.h"

const struct uart_driver *const platform_uart_drivers[] = {
	&isa_uart_driver,
	&pci_uart_driver,
	NULL,
};
