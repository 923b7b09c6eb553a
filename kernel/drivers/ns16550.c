// SPDX-License-Identifier: GPL-2.0-only
#include "drivers/ns16550.h"

#define RBR		0	/* receive buffer (read), transmit holding (write) */
#define IER		1
#define IER_RX		(1u << 0)
#define FCR		2
#define FCR_ENABLE	0x07	/* FIFOs on, both cleared */
#define LCR		3
#define LCR_8N1		0x03
#define LCR_DLAB	0x80	/* registers 0 and 1 are the divisor */
#define MCR		4
#define MCR_DTR_RTS_OUT2 0x0b	/* OUT2 gates the interrupt on PC-style boards */
#define LSR		5
#define LSR_DR		(1u << 0)
#define LSR_THRE	(1u << 5)
#define DIVISOR_115200	1	/* from the usual 1.8432 MHz clock */

static inline uint8_t rd(uintptr_t base, unsigned int reg)
{
	return *(volatile uint8_t *)(base + reg);
}

static inline void wr(uintptr_t base, unsigned int reg, uint8_t v)
{
	*(volatile uint8_t *)(base + reg) = v;
}

void ns16550_init(uintptr_t base)
{
	wr(base, IER, 0);
	wr(base, LCR, LCR_DLAB);
	wr(base, RBR, DIVISOR_115200 & 0xff);
	wr(base, IER, DIVISOR_115200 >> 8);
	wr(base, LCR, LCR_8N1);
	wr(base, FCR, FCR_ENABLE);
	wr(base, MCR, MCR_DTR_RTS_OUT2);
}

void ns16550_putc(uintptr_t base, char c)
{
	while (!(rd(base, LSR) & LSR_THRE))
		;
	wr(base, RBR, c);
}

int ns16550_getc(uintptr_t base)
{
	if (!(rd(base, LSR) & LSR_DR))
		return -1;
	return rd(base, RBR);
}

void ns16550_enable_rx(uintptr_t base)
{
	wr(base, IER, IER_RX);
}
