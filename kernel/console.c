// SPDX-License-Identifier: GPL-2.0-only
#include "console.h"

#include "drivers/uart.h"
#include "lib/caps.h"
#include "lib/fdt.h"
#include "lib/spinlock.h"


static struct uart uart = { .irq = -1 };
static spinlock_t console_lock = SPINLOCK_INIT;
/* Before the MMU is on, memory is Device memory, where exclusive
 * accesses are not guaranteed to work: take no lock until then. */
static bool use_lock;

bool console_present(void)
{
	return uart.drv;
}

bool console_init(const struct fdt *fdt)
{
	int chosen = fdt_path_offset(fdt, "/chosen");
	const char *path;
	unsigned int i;
	int node;

	if (chosen < 0 || fdt_read_string(fdt, chosen, "stdout-path", &path))
		return false;
	node = caps_console_node(fdt, path);
	if (node < 0 || !caps_console_supported(&platform_caps, fdt, node))
		return false;
	for (i = 0; platform_uart_drivers[i]; i++) {
		struct uart u = { .irq = -1 };

		if (platform_uart_drivers[i]->probe(fdt, node, &u)) {
			if (!u.drv)	/* a probe may pick a variant */
				u.drv = platform_uart_drivers[i];
			uart = u;
			return true;
		}
	}
	return false;
}

bool console_pci_function(uint32_t *sbdf)
{
	if (uart.on_pci)
		*sbdf = uart.sbdf;
	return uart.on_pci;
}

void console_late_init(const struct fdt *fdt)
{
	if (uart.drv && uart.drv->late_init)
		uart.drv->late_init(fdt, &uart);
}

int console_irq(void)
{
	return uart.irq;
}

void console_enable_rx(void)
{
	uart.drv->enable_rx(uart.base);
}

int console_getc(void)
{
	return uart.drv ? uart.drv->getc(uart.base) : -1;
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
			uart.drv->putc(uart.base, '\r');
		uart.drv->putc(uart.base, *s);
	}
}

void console_write_line(const char *line)
{
	if (!uart.drv)
		return;
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
	if (!uart.drv)
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
	if (uart.drv)
		emit(s);
}
