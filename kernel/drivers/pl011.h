/* SPDX-License-Identifier: GPL-2.0-only */
/* Arm PL011 UART: polled output and input for the hypervisor console. */
#ifndef TESSERA_DRIVERS_PL011_H
#define TESSERA_DRIVERS_PL011_H

#include <stdint.h>

#define PL011_DR	0x000
#define PL011_FR	0x018
#define PL011_FR_RXFE	(1u << 4)
#define PL011_FR_TXFF	(1u << 5)
#define PL011_FR_TXFE	(1u << 7)
#define PL011_IMSC	0x038
#define PL011_INT_RX	(1u << 4)
#define PL011_INT_RT	(1u << 6)

void pl011_putc(uintptr_t base, char c);
/* -1 if no character is waiting. */
int pl011_getc(uintptr_t base);

#endif
