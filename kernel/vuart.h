/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the guests' virtual UARTs (vpl011.c, vuart16550.c) share: output
 * to the hypervisor console a line at a time, prefixed with the guest's
 * name, and a deep receive FIFO the console fills while the guest has
 * the focus. Neither has a lock: the UART that embeds them holds its own
 * around every call.
 */
#ifndef TESSERA_VUART_H
#define TESSERA_VUART_H

#include <stdbool.h>
#include <stdint.h>

#define VUART_LINE_LEN		160
/* Deeper than a real UART's 16 or 32: the console cannot push back, so
 * a pasted line must fit until the guest reads it. */
#define VUART_RX_FIFO		1024

struct domain;

struct vuart_out {
	unsigned int len;
	char line[VUART_LINE_LEN];
	bool interactive;	/* somebody has typed to it */
	uint8_t esc;		/* inside an escape sequence (buffered lines) */
};

struct vuart_rx {
	unsigned int head, count;
	char buf[VUART_RX_FIFO];
};

/* A character the guest transmitted. */
void vuart_out_putc(struct domain *d, struct vuart_out *o, char c);
/* Emit a partial line (a prompt, or the guest stopped mid-line). */
void vuart_out_flush(struct domain *d, struct vuart_out *o);

/* False (c dropped) if the FIFO is full. */
bool vuart_rx_push(struct vuart_rx *r, char c);
/* The oldest character, or -1 if the FIFO is empty. */
int vuart_rx_pop(struct vuart_rx *r);
static inline void vuart_rx_clear(struct vuart_rx *r)
{
	r->head = r->count = 0;
}

#endif
