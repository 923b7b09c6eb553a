/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The console's side of a guest's emulated UART, whichever it is
 * (d->uart): the console and the domain lifecycle call these, never a
 * UART model directly.
 */
#ifndef TESSERA_GUEST_CONSOLE_H
#define TESSERA_GUEST_CONSOLE_H

#include <stdbool.h>

#include "arch/guest.h"

struct domain;

/* A 16550 needs the architecture to route its I/O ports: arch/guest.h
 * names the base port where it does (x86). Elsewhere the 16550 code is
 * not called, and the link drops it. */
#ifdef GUEST_VUART_16550_PORT
#define GUEST_CONSOLE_HAS_16550	true
#else
#define GUEST_CONSOLE_HAS_16550	false
#endif
/* Likewise the PL011, at an MMIO address (arm64); x86 has none. */
#ifdef GUEST_VUART_BASE
#define GUEST_CONSOLE_HAS_PL011	true
#else
#define GUEST_CONSOLE_HAS_PL011	false
#endif

/* Set up d's UART (d->uart, from the boot tree); 0, or -1. */
int guest_console_init(struct domain *d);
/* A character typed while d has the focus; dropped if d has no UART. */
void guest_console_rx(struct domain *d, char c);
/* Emit d's unfinished output line (d stops, or crashed). */
void guest_console_flush(struct domain *d);

#endif
