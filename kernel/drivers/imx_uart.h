/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The i.MX UART (i.MX 6 to 8, fsl,imx8mp-uart): polled output and input
 * for the hypervisor console. Registers as in the i.MX 8M Plus
 * reference manual, chapter UART.
 */
#ifndef TESSERA_DRIVERS_IMX_UART_H
#define TESSERA_DRIVERS_IMX_UART_H

#define IMX_URXD		0x00
#define IMX_URXD_DATA		0xffu
#define IMX_UTXD		0x40
#define IMX_UCR1		0x80
#define IMX_UCR1_UARTEN		(1u << 0)
#define IMX_UCR2		0x84
#define IMX_UCR2_SRST		(1u << 0)	/* active low: keep it 1 */
#define IMX_UCR2_RXEN		(1u << 1)
#define IMX_UCR2_TXEN		(1u << 2)
#define IMX_UCR4		0x8c
#define IMX_UCR4_DREN		(1u << 0)	/* receive data ready interrupt */
#define IMX_UTS			0xb4
#define IMX_UTS_TXFULL		(1u << 4)
#define IMX_UTS_RXEMPTY		(1u << 5)

#endif
