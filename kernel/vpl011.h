/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A virtual PL011 per guest (Xen's "vpl011"), at Xen's guest address.
 * Output goes to the hypervisor console a line at a time, prefixed with
 * the guest's name. Input comes from the hypervisor console while this
 * guest has the focus (console.h). The UART interrupt (SPI 0, INTID 32)
 * is level-sensitive: high while (RIS & IMSC) != 0.
 */
#ifndef TESSERA_VPL011_H
#define TESSERA_VPL011_H

#include <stdint.h>

#include "lib/spinlock.h"
#include "vuart.h"

struct domain;

struct vpl011 {
	spinlock_t lock;	/* all fields below; vCPUs share the UART */
	uint32_t ibrd, fbrd, lcr_h, cr, ifls, imsc, dmacr;
	struct vuart_out out;
	struct vuart_rx rx;
};

int vpl011_init(struct domain *d);
/* A character typed on the console for this guest; dropped if the
 * guest has not read the previous VUART_RX_FIFO ones. */
void vpl011_rx(struct domain *d, char c);
/* Emit a partial line, e.g. when the guest stops mid-line. */
void vpl011_flush(struct domain *d);

#endif
