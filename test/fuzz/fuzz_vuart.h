/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The console and the interrupt controller, as the virtual UART fuzz
 * targets (fuzz_vpl011.c, fuzz_vuart16550.c) stand in for them: one
 * target includes this once. A line that reaches the console is checked
 * (kernel/vuart.c's promises): never longer than VUART_LINE_LEN, and a
 * buffered one holds no escape or control character.
 */
#ifndef TESSERA_FUZZ_VUART_H
#define TESSERA_FUZZ_VUART_H

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "arch/guest.h"
#include "console.h"
#include "irq.h"
#include "vuart.h"

static bool focus, level, level_set;
static unsigned int lines;

bool console_has_focus(const struct domain *d)
{
	return focus;
}

void virq_set_level(struct domain *d, unsigned int virq, bool l)
{
	if (virq != GUEST_VUART_IRQ)
		abort();
	level = l;
	level_set = true;
}

void console_guest_write(const void *owner, const char *prefix, const char *text,
			 bool line_end)
{
	size_t n = strlen(text);
	const char *c;

	if (n >= VUART_LINE_LEN)
		abort();
	/* Interactive output goes out as typed (one character at a time);
	 * everything else is a buffered line and must be clean. */
	if (n > 1 || line_end)
		for (c = text; *c; c++)
			if (*c == 0x1b || ((unsigned char)*c < 0x20 && *c != '\t') || *c == 0x7f)
				abort();
	lines++;
}

#endif
