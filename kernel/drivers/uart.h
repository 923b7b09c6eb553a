/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Console UART drivers. kernel/console.c offers the node that
 * /chosen/stdout-path names to each of the board's drivers
 * (platform_uart_drivers[]) until one takes it; a new UART is one more
 * driver here and a line in the board's drivers.c, not a change to the
 * console.
 */
#ifndef TESSERA_DRIVERS_UART_H
#define TESSERA_DRIVERS_UART_H

#include <stdbool.h>
#include <stdint.h>

struct fdt;

struct uart {
	const struct uart_driver *drv;
	uintptr_t base;
	int irq;		/* host line for input, or -1 */
	bool on_pci;		/* a PCI function: dom_xen keeps it (HID-1) */
	uint32_t sbdf;
};

struct uart_driver {
	const char *name;
	/* Take node if it is this driver's UART: fill u, make it usable;
	 * set u->drv to a variant of the driver if another serves it. */
	bool (*probe)(const struct fdt *fdt, int node, struct uart *u);
	/* After PCI enumeration (optional): find u's input interrupt. */
	void (*late_init)(const struct fdt *fdt, struct uart *u);
	void (*putc)(uintptr_t base, char c);
	int (*getc)(uintptr_t base);	/* -1 if nothing is waiting */
	void (*enable_rx)(uintptr_t base);
};

extern const struct uart_driver pl011_uart_driver;
extern const struct uart_driver pci_uart_driver;
extern const struct uart_driver isa_uart_driver;
extern const struct uart_driver imx_uart_driver;

/* The board's drivers, tried in order, NULL-terminated
 * (platform/$(PLATFORM)/drivers.c). */
extern const struct uart_driver *const platform_uart_drivers[];

#endif
