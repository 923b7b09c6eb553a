// SPDX-License-Identifier: GPL-2.0-only
#include "console.h"

#include <stdarg.h>

#include "drivers/pl011.h"
#include "lib/fdt.h"
#include "lib/printf.h"
#include "lib/spinlock.h"
#include "lib/string.h"

static uintptr_t uart_base;
static int uart_irq = -1;
static spinlock_t console_lock = SPINLOCK_INIT;
/* Before the MMU is on, memory is Device memory, where exclusive
 * accesses are not guaranteed to work: take no lock until then. */
static bool use_lock;

static int gic_spi_of(const struct fdt *fdt, int node);

bool console_init(const struct fdt *fdt)
{
	int chosen = fdt_path_offset(fdt, "/chosen");
	const char *path;
	char buf[128];
	uint64_t size;
	int node;
	size_t n;

	if (chosen < 0 || fdt_read_string(fdt, chosen, "stdout-path", &path))
		return false;
	/* "path:options" -- drop the options */
	for (n = 0; path[n] && path[n] != ':' && n < sizeof(buf) - 1; n++)
		buf[n] = path[n];
	buf[n] = 0;
	node = fdt_path_offset(fdt, buf);
	if (node < 0 || !fdt_is_compatible(fdt, node, "arm,pl011"))
		return false;
	if (fdt_reg(fdt, node, 0, (uint64_t *)&uart_base, &size))
		return false;
	uart_irq = gic_spi_of(fdt, node);
	return true;
}

/* The first interrupt of node, if it is a GIC SPI (3-cell specifier). */
static int gic_spi_of(const struct fdt *fdt, int node)
{
	const uint8_t *p;
	int len;

	p = fdt_getprop(fdt, node, "interrupts", &len);
	if (!p || len < 12 || fdt_cells_to_u64(p, 1) != 0)
		return -1;
	return 32 + (int)fdt_cells_to_u64(p + 4, 1);
}

int console_irq(void)
{
	return uart_irq;
}

void console_enable_rx(void)
{
	/* Receive and receive-timeout interrupts. */
	*(volatile uint32_t *)(uart_base + PL011_IMSC) = PL011_INT_RX | PL011_INT_RT;
}

int console_getc(void)
{
	return uart_base ? pl011_getc(uart_base) : -1;
}

void console_enable_lock(void)
{
	use_lock = true;
}

/* Whose unfinished line the cursor is on, or NULL. Under console_lock. */
static const void *partial_owner;

static void emit(const char *s)
{
	for (; *s; s++) {
		if (*s == '\n')
			pl011_putc(uart_base, '\r');
		pl011_putc(uart_base, *s);
	}
}

void printk(const char *fmt, ...)
{
	char line[256];
	va_list ap;

	if (!uart_base)
		return;
	va_start(ap, fmt);
	fmt_vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (use_lock)
		spin_lock(&console_lock);
	if (partial_owner) {
		emit("\n");
		partial_owner = NULL;
	}
	emit(line);
	if (use_lock)
		spin_unlock(&console_lock);
}

void console_guest_write(const void *owner, const char *prefix, const char *text,
			 bool line_end)
{
	if (!uart_base)
		return;
	if (use_lock)
		spin_lock(&console_lock);
	if (partial_owner != owner) {
		if (partial_owner)
			emit("\n");
		emit(prefix);
	}
	emit(text);
	if (line_end)
		emit("\n");
	partial_owner = line_end ? NULL : owner;
	if (use_lock)
		spin_unlock(&console_lock);
}

void console_emergency_puts(const char *s)
{
	if (uart_base)
		emit(s);
}
