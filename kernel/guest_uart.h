/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A domain's console UART binding (docs/bindings.md): Xen's vpl011, or
 * tessera,vuart = "16550". Read with one function by the hypervisor
 * (kernel/dom0less.c) and the planner, so that the planner refuses
 * exactly what the boot would.
 */
#ifndef TESSERA_GUEST_UART_H
#define TESSERA_GUEST_UART_H

#include <stdbool.h>

#include "arch/guest.h"

struct fdt;

enum guest_uart { GUEST_UART_NONE, GUEST_UART_PL011, GUEST_UART_16550 };

/* Which models the architecture can give a guest: arch/guest.h names
 * the 16550's I/O port where there is one (x86) and the PL011's MMIO
 * window where there is one (arm64). */
#ifdef GUEST_VUART_16550_PORT
#define GUEST_CONSOLE_HAS_16550	true
#else
#define GUEST_CONSOLE_HAS_16550	false
#endif
#ifdef GUEST_VUART_BASE
#define GUEST_CONSOLE_HAS_PL011	true
#else
#define GUEST_CONSOLE_HAS_PL011	false
#endif

/* The UART the domain node dn asks for in *out; NULL, or why it cannot
 * have it (a sentence for "<guest>: <why>"). */
const char *guest_uart_read(const struct fdt *fdt, int dn, enum guest_uart *out);

#endif
