// SPDX-License-Identifier: GPL-2.0-only
#include "drivers/pl011.h"

#include "drivers/uart.h"
#include "irq.h"
#include "lib/fdt.h"

static inline uint32_t rd(uintptr_t base, unsigned int off)
{
	return *(volatile uint32_t *)(base + off);
}

void pl011_putc(uintptr_t base, char c)
{
	while (rd(base, PL011_FR) & PL011_FR_TXFF)
		;
	*(volatile uint32_t *)(base + PL011_DR) = (uint8_t)c;
}

int pl011_getc(uintptr_t base)
{
	if (rd(base, PL011_FR) & PL011_FR_RXFE)
		return -1;
	return rd(base, PL011_DR) & 0xff;
}

/* PL011_IMSC: receive and receive-timeout interrupts. */
static void pl011_enable_rx(uintptr_t base)
{
	*(volatile uint32_t *)(base + PL011_IMSC) = PL011_INT_RX | PL011_INT_RT;
}

static bool pl011_probe(const struct fdt *fdt, int node, struct uart *u)
{
	uint64_t base, size;

	if (!fdt_is_compatible(fdt, node, "arm,pl011") || fdt_reg(fdt, node, 0, &base, &size))
		return false;
	u->base = base;
	u->irq = irq_dt_of_node(fdt, node, 0);
	return true;
}

const struct uart_driver pl011_uart_driver = {
	.name = "pl011",
	.probe = pl011_probe,
	.putc = pl011_putc,
	.getc = pl011_getc,
	.enable_rx = pl011_enable_rx,
};
