// SPDX-License-Identifier: GPL-2.0-only
#include "vuart.h"

#include "console.h"
#include "domain.h"
#include "lib/printf.h"

static void line_emit(struct domain *d, struct vuart_out *o, bool line_end)
{
	char prefix[DOMAIN_NAME_LEN + 4];

	if (!o->len && !line_end)
		return;
	o->line[o->len] = 0;
	fmt_snprintf(prefix, sizeof(prefix), "[%s] ", d->name);
	console_guest_write(o, prefix, o->line, line_end);
	o->len = 0;
}

void vuart_out_flush(struct domain *d, struct vuart_out *o)
{
	line_emit(d, o, false);
}

/* Once somebody types to the guest that has the focus, its output goes
 * out as it comes, so line editing and prompts work. */
static void putc_interactive(struct domain *d, struct vuart_out *o, char c)
{
	char prefix[DOMAIN_NAME_LEN + 4];
	char raw[2] = { c, 0 };

	line_emit(d, o, false);
	fmt_snprintf(prefix, sizeof(prefix), "[%s] ", d->name);
	if (c && c != '\n')
		console_guest_write(o, prefix, raw, false);
	else if (c == '\n')
		console_guest_write(o, prefix, "", true);
}

/* Buffered lines are a log: escape sequences (ESC [ ... final) are
 * dropped, so a guest cannot drive the user's terminal through them.
 * True if c belongs to one. */
static bool in_escape(struct vuart_out *o, char c)
{
	if (o->esc == 1) {
		o->esc = c == '[' ? 2 : 0;
		return true;
	}
	if (o->esc == 2) {
		if (c >= 0x40 && c <= 0x7e)
			o->esc = 0;
		return true;
	}
	if (c == 0x1b) {
		o->esc = 1;
		return true;
	}
	return false;
}

void vuart_out_putc(struct domain *d, struct vuart_out *o, char c)
{
	if (o->interactive && console_has_focus(d)) {
		putc_interactive(d, o, c);
		return;
	}
	/* Otherwise a line at a time, so guests' lines never interleave. */
	if (c == '\r')
		return;
	if (c == '\n') {
		line_emit(d, o, true);
		return;
	}
	if (in_escape(o, c))
		return;
	/* Other control characters are shown as '.'. */
	if ((c < 0x20 && c != '\t') || c == 0x7f)
		c = '.';
	o->line[o->len++] = c;
	if (o->len == VUART_LINE_LEN - 1)
		line_emit(d, o, false);
}

bool vuart_rx_push(struct vuart_rx *r, char c)
{
	if (r->count == VUART_RX_FIFO)
		return false;
	r->buf[(r->head + r->count) % VUART_RX_FIFO] = c;
	r->count++;
	return true;
}

int vuart_rx_pop(struct vuart_rx *r)
{
	int c;

	if (!r->count)
		return -1;
	c = (uint8_t)r->buf[r->head];
	r->head = (r->head + 1) % VUART_RX_FIFO;
	r->count--;
	return c;
}
