// SPDX-License-Identifier: GPL-2.0-only
#include "printk.h"

#include <stdarg.h>

#include "console.h"
#include "lib/printf.h"

void printk(const char *fmt, ...)
{
	char line[PRINT_LINE_MAX];
	va_list ap;

	va_start(ap, fmt);
	fmt_vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	console_write_line(line);
}
