// SPDX-License-Identifier: GPL-2.0-only
#include "guest_console.h"

#include "domain.h"

int guest_console_init(struct domain *d)
{
	switch (d->uart) {
	case GUEST_UART_PL011:
		return GUEST_CONSOLE_HAS_PL011 ? vpl011_init(d) : -1;
	case GUEST_UART_16550:
		return GUEST_CONSOLE_HAS_16550 ? vuart16550_init(d) : -1;
	case GUEST_UART_NONE:
		break;
	}
	return 0;
}

void guest_console_rx(struct domain *d, char c)
{
	switch (d->uart) {
	case GUEST_UART_PL011:
		if (GUEST_CONSOLE_HAS_PL011)
			vpl011_rx(d, c);
		break;
	case GUEST_UART_16550:
		if (GUEST_CONSOLE_HAS_16550)
			vuart16550_rx(d, c);
		break;
	case GUEST_UART_NONE:
		break;
	}
}

void guest_console_flush(struct domain *d)
{
	switch (d->uart) {
	case GUEST_UART_PL011:
		if (GUEST_CONSOLE_HAS_PL011)
			vpl011_flush(d);
		break;
	case GUEST_UART_16550:
		if (GUEST_CONSOLE_HAS_16550)
			vuart16550_flush(d);
		break;
	case GUEST_UART_NONE:
		break;
	}
}
