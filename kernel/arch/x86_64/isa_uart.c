// SPDX-License-Identifier: GPL-2.0-only
/*
 * The host console on a PC: a 16550 at an I/O port (COM1 at 0x3f8),
 * named in the boot tree as an "ns16550a" node under an ISA bus node
 * whose reg's first cell is 1 (I/O space), as the ISA binding has it:
 *	isa { compatible = "isa"; #address-cells = <2>; #size-cells = <1>;
 *	      serial@i3f8 { compatible = "ns16550a"; reg = <1 0x3f8 8>; }; };
 * Its interrupt is the PC's for the port (COM1 and COM3: ISA IRQ 4,
 * COM2 and COM4: IRQ 3), routed through the board's IOAPIC (irq.c).
 */
#include "drivers/uart.h"

#include "lib/fdt.h"
#include "x86.h"

#define RBR		0
#define IER		1
#define FCR		2
#define LCR		3
#define MCR		4
#define LSR		5
#define LSR_DR		(1u << 0)
#define LSR_THRE	(1u << 5)
#define ISA_IO_SPACE	1ull

static void isa_putc(uintptr_t base, char c)
{
	while (!(inb((uint16_t)(base + LSR)) & LSR_THRE))
		;
	outb((uint16_t)(base + RBR), (uint8_t)c);
}

static int isa_getc(uintptr_t base)
{
	if (!(inb((uint16_t)(base + LSR)) & LSR_DR))
		return -1;
	return inb((uint16_t)(base + RBR));
}

#define IER_RX		0x01
#define MCR_DTR_RTS	0x03
#define MCR_OUT2	0x08	/* on a PC, gates the UART's interrupt line */

static void isa_enable_rx(uintptr_t base)
{
	outb((uint16_t)(base + MCR), MCR_DTR_RTS | MCR_OUT2);
	outb((uint16_t)(base + IER), IER_RX);
}

/* The ISA IRQ a PC gives the UART at this port, or -1. */
static int pc_uart_irq(uintptr_t port)
{
	if (port == 0x3f8 || port == 0x3e8)
		return 4;
	if (port == 0x2f8 || port == 0x2e8)
		return 3;
	return -1;
}

static bool isa_probe(const struct fdt *fdt, int node, struct uart *u)
{
	int parent = fdt_parent(fdt, node);
	uint64_t addr, size;

	if (!fdt_is_compatible(fdt, node, "ns16550a") || parent < 0 ||
	    !fdt_is_compatible(fdt, parent, "isa") || fdt_reg(fdt, node, 0, &addr, &size) ||
	    addr >> 32 != ISA_IO_SPACE || (addr & 0xffffffffu) > 0xfff8)
		return false;
	u->base = addr & 0xffff;
	u->irq = pc_uart_irq(u->base);
	/* 115200 8N1, FIFOs on; the firmware may have left it otherwise. */
	outb((uint16_t)(u->base + IER), 0);
	outb((uint16_t)(u->base + LCR), 0x80);
	outb((uint16_t)(u->base + RBR), 1);
	outb((uint16_t)(u->base + IER), 0);
	outb((uint16_t)(u->base + LCR), 0x03);
	outb((uint16_t)(u->base + FCR), 0x07);
	outb((uint16_t)(u->base + MCR), MCR_DTR_RTS);
	return true;
}

const struct uart_driver isa_uart_driver = {
	.name = "isa-16550",
	.probe = isa_probe,
	.putc = isa_putc,
	.getc = isa_getc,
	.enable_rx = isa_enable_rx,
};
