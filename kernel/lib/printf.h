/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Formatted output into a buffer, without libc. Supports %c %s %d %i %u
 * %x %X %p %%, the l/ll/z length modifiers, field width, '0' and '-'
 * flags, and precision for %s. Prefixed so hosted builds can link libc.
 */
#ifndef TESSERA_LIB_PRINTF_H
#define TESSERA_LIB_PRINTF_H

#include <stdarg.h>
#include <stddef.h>

/* Room for one message line (printk, the loader, the planner's refusal):
 * messages that name things stay well inside it. */
#define PRINT_LINE_MAX	1024

/* Like vsnprintf(): returns the length the output would have had. */
int fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));
int fmt_snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
