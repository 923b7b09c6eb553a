// SPDX-License-Identifier: GPL-2.0-only
/*
 * The firmware (or, under QEMU, the model's reset) has set the line up;
 * the hypervisor only makes sure both directions are on and never
 * touches the baud rate.
 */
#include "drivers/imx_uart.h"

#include "drivers/uart.h"
#include "irq.h"
#include "lib/fdt.h"

static inline uint32_t rd(uintptr_t base, unsigned int off)
{
	return *(volatile uint32_t *)(base + off);
}

static inline void wr(uintptr_t base, unsigned int off, uint32_t val)
{
	*(volatile uint32_t *)(base + off) = val;
}

static void imx_uart_putc(uintptr_t base, char c)
{
	while (rd(base, IMX_UTS) & IMX_UTS_TXFULL)
		;
	wr(base, IMX_UTXD, (uint8_t)c);
}

static int imx_uart_getc(uintptr_t base)
{
	if (rd(base, IMX_UTS) & IMX_UTS_RXEMPTY)
		return -1;
	return rd(base, IMX_URXD) & IMX_URXD_DATA;
}

/* Level interrupt while the receive FIFO holds a character. */
static void imx_uart_enable_rx(uintptr_t base)
{
	wr(base, IMX_UCR4, rd(base, IMX_UCR4) | IMX_UCR4_DREN);
}

static bool imx_uart_probe(const struct fdt *fdt, int node, struct uart *u)
{
	uint64_t base, size;

	if ((!fdt_is_compatible(fdt, node, "fsl,imx8mp-uart") &&
	     !fdt_is_compatible(fdt, node, "fsl,imx6q-uart")) ||
	    fdt_reg(fdt, node, 0, &base, &size))
		return false;
	u->base = base;
	u->irq = irq_dt_of_node(fdt, node, 0);
	wr(base, IMX_UCR1, rd(base, IMX_UCR1) | IMX_UCR1_UARTEN);
	/* SRST written as 0 would reset the UART. */
	wr(base, IMX_UCR2, rd(base, IMX_UCR2) | IMX_UCR2_SRST | IMX_UCR2_RXEN | IMX_UCR2_TXEN);
	return true;
}

const struct uart_driver imx_uart_driver = {
	.name = "imx-uart",
	.probe = imx_uart_probe,
	.putc = imx_uart_putc,
	.getc = imx_uart_getc,
	.enable_rx = imx_uart_enable_rx,
};
