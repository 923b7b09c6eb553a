/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The console's side of a guest's emulated UART, whichever it is
 * (d->uart): the console and the domain lifecycle call these, never a
 * UART model directly.
 */
#ifndef TESSERA_GUEST_CONSOLE_H
#define TESSERA_GUEST_CONSOLE_H

#include <stdbool.h>

#include "guest_uart.h"

struct domain;


/* Set up d's UART (d->uart, from the boot tree); 0, or -1. */
int guest_console_init(struct domain *d);
/* A character typed while d has the focus; dropped if d has no UART. */
void guest_console_rx(struct domain *d, char c);
/* Emit d's unfinished output line (d stops, or crashed). */
void guest_console_flush(struct domain *d);

#endif
