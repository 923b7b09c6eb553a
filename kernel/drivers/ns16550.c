// SPDX-License-Identifier: GPL-2.0-only
#include "drivers/ns16550.h"

#include <stdbool.h>

#include "arch.h"

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

/* A memory BAR is read as memory; an I/O BAR through the host bridge's
 * I/O space (arch_pci_io: ports on x86, a memory window on arm64). */
static uint8_t rd(uintptr_t base, unsigned int reg, bool io)
{
	uint32_t v;

	if (!io)
		return *(volatile uint8_t *)(base + reg);
	arch_pci_io(base + reg, 1, false, &v);
	return (uint8_t)v;
}

static void wr(uintptr_t base, unsigned int reg, uint8_t v, bool io)
{
	uint32_t val = v;

	if (io)
		arch_pci_io(base + reg, 1, true, &val);
	else
		*(volatile uint8_t *)(base + reg) = v;
}

static void init(uintptr_t base, bool io)
{
	wr(base, IER, 0, io);
	wr(base, LCR, LCR_DLAB, io);
	wr(base, RBR, DIVISOR_115200 & 0xff, io);
	wr(base, IER, DIVISOR_115200 >> 8, io);
	wr(base, LCR, LCR_8N1, io);
	wr(base, FCR, FCR_ENABLE, io);
	wr(base, MCR, MCR_DTR_RTS_OUT2, io);
}

static void putc_at(uintptr_t base, char c, bool io)
{
	while (!(rd(base, LSR, io) & LSR_THRE))
		;
	wr(base, RBR, (uint8_t)c, io);
}

static int getc_at(uintptr_t base, bool io)
{
	if (!(rd(base, LSR, io) & LSR_DR))
		return -1;
	return rd(base, RBR, io);
}

void ns16550_init(uintptr_t base)
{
	init(base, false);
}

void ns16550_putc(uintptr_t base, char c)
{
	putc_at(base, c, false);
}

int ns16550_getc(uintptr_t base)
{
	return getc_at(base, false);
}

void ns16550_enable_rx(uintptr_t base)
{
	wr(base, IER, IER_RX, false);
}

void ns16550_io_init(uintptr_t base)
{
	init(base, true);
}

void ns16550_io_putc(uintptr_t base, char c)
{
	putc_at(base, c, true);
}

int ns16550_io_getc(uintptr_t base)
{
	return getc_at(base, true);
}

void ns16550_io_enable_rx(uintptr_t base)
{
	wr(base, IER, IER_RX, true);
}
