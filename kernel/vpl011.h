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

#define VPL011_LINE_LEN		160
/* Deeper than a real PL011's 32: the console cannot push back, so a
 * pasted line must fit until the guest reads it. */
#define VPL011_RX_FIFO		1024

struct domain;

struct vpl011 {
	spinlock_t lock;	/* all fields below; vCPUs share the UART */
	uint32_t ibrd, fbrd, lcr_h, cr, ifls, imsc, dmacr;
	unsigned int len;
	char line[VPL011_LINE_LEN];
	bool interactive;	/* somebody has typed to it */
	uint8_t esc;		/* inside an escape sequence (buffered lines) */
	unsigned int rx_head, rx_count;
	char rx[VPL011_RX_FIFO];
};

int vpl011_init(struct domain *d);
/* A character typed on the console for this guest; dropped if the
 * guest has not read the previous VPL011_RX_FIFO ones. */
void vpl011_rx(struct domain *d, char c);
/* Emit a partial line, e.g. when the guest stops mid-line. */
void vpl011_flush(struct domain *d);

#endif
