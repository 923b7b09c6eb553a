// SPDX-License-Identifier: GPL-2.0-only
#include "console.h"

#include <stdarg.h>

#include "drivers/pl011.h"
#include "lib/fdt.h"
#include "lib/printf.h"
#include "lib/spinlock.h"
#include "lib/string.h"

static uintptr_t uart_base;
static spinlock_t console_lock = SPINLOCK_INIT;
/* Before the MMU is on, memory is Device memory, where exclusive
 * accesses are not guaranteed to work: take no lock until then. */
static bool use_lock;

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
	return true;
}

void console_enable_lock(void)
{
	use_lock = true;
}

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
	emit(line);
	if (use_lock)
		spin_unlock(&console_lock);
}

void console_emergency_puts(const char *s)
{
	if (uart_base)
		emit(s);
}
