/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A virtual PL011 per guest (Xen's "vpl011"), at Xen's guest address.
 * Output goes to the hypervisor console a line at a time, prefixed with
 * the guest's name. Input arrives with the console-switching issue.
 */
#ifndef TESSERA_VPL011_H
#define TESSERA_VPL011_H

#include <stdint.h>

#include "lib/spinlock.h"

#define GUEST_PL011_BASE	0x22000000ull
#define GUEST_PL011_SIZE	0x1000ull
#define VPL011_LINE_LEN		160

struct domain;

struct vpl011 {
	spinlock_t lock;	/* all fields below; vCPUs share the UART */
	uint32_t ibrd, fbrd, lcr_h, cr, ifls, imsc, dmacr;
	unsigned int len;
	char line[VPL011_LINE_LEN];
};

int vpl011_init(struct domain *d);
/* Emit a partial line, e.g. when the guest stops mid-line. */
void vpl011_flush(struct domain *d);

#endif
