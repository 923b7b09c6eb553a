// SPDX-License-Identifier: GPL-2.0-only
/* The console UART drivers the hypervisor tries on the i.MX 8M Plus EVK. */
#include <stddef.h>

#include "drivers/uart.h"

const struct uart_driver *const platform_uart_drivers[] = {
	&imx_uart_driver,
	NULL,
};
