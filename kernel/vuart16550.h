/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A virtual 16550A per guest: the x86 guests' console at I/O port 0x3f8
 * (the arch decodes the port access and calls in with reg = port - base).
 * Output goes to the hypervisor console a line at a time, prefixed with
 * the guest's name; input comes from the console while this guest has
 * the focus (console.h), into a receive FIFO deeper than the chip's 16.
 * Transmission is instant: THR and the shift register are always empty.
 * The interrupt line (GUEST_VUART_IRQ) is high while IIR names a cause;
 * it is not gated by MCR.OUT2 (board wiring, which guests set anyway).
 */
#ifndef TESSERA_VUART16550_H
#define TESSERA_VUART16550_H

#include <stdbool.h>
#include <stdint.h>

#include "lib/spinlock.h"
#include "vuart.h"

#define VUART16550_NR_REGS	8

struct domain;

struct vuart16550 {
	spinlock_t lock;	/* all fields below; vCPUs and the console share it */
	uint8_t ier, fcr, lcr, mcr, scr, dll, dlm;
	uint8_t msr_delta;	/* MSR bits 0-3, cleared when MSR is read */
	bool overrun;		/* LSR.OE: a character was dropped */
	bool thr_irq;		/* THR-empty interrupt latched, not yet seen */
	struct vuart_out out;
	struct vuart_rx rx;
};

/* Reset state; 0 (the arch maps the ports). */
int vuart16550_init(struct domain *d);
/* A guest's byte access to register reg (0-7); others read 0xff. */
uint8_t vuart16550_read(struct domain *d, unsigned int reg);
void vuart16550_write(struct domain *d, unsigned int reg, uint8_t val);
/* A character typed on the console for this guest; dropped (LSR.OE) if
 * the guest has not read the previous VUART_RX_FIFO ones. */
void vuart16550_rx(struct domain *d, char c);
/* Emit a partial line, e.g. when the guest stops mid-line. */
void vuart16550_flush(struct domain *d);
/* The interrupt line's level: IIR names a cause. */
bool vuart16550_irq_pending(struct domain *d);

#endif
