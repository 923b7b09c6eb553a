// SPDX-License-Identifier: GPL-2.0-only
#include "vpl011.h"

#include <stddef.h>

#include "arch/guest.h"
#include "console.h"
#include "domain.h"
#include "drivers/pl011.h"
#include "irq.h"

#define UARTRSR		0x004
#define UARTIBRD	0x024
#define UARTFBRD	0x028
#define UARTLCR_H	0x02c
#define UARTCR		0x030
#define UARTIFLS	0x034
#define UARTIMSC	0x038
#define UARTRIS		0x03c
#define UARTMIS		0x040
#define UARTICR		0x044
#define UARTDMACR	0x048
#define UARTPERIPHID0	0xfe0

/* PL011 r1p5 identification, read by Linux's AMBA bus. */
static const uint8_t pl011_id[8] = { 0x11, 0x10, 0x34, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };

#define INT_RX		(1u << 4)
#define INT_TX		(1u << 5)
#define INT_RT		(1u << 6)

/* Raw interrupt status, from the state (caller holds u->lock): output
 * leaves at once, so the transmit FIFO always has room. */
static uint32_t raw_status(const struct vpl011 *u)
{
	return INT_TX | (u->rx.count ? INT_RX | INT_RT : 0);
}

static void update_irq(struct domain *d)
{
	struct vpl011 *u = &d->vpl011;
	bool level;

	spin_lock(&u->lock);
	level = raw_status(u) & u->imsc;
	spin_unlock(&u->lock);
	virq_set_level(d, GUEST_VUART_IRQ, level);
}

static uint32_t *reg_of(struct vpl011 *u, uint64_t off)
{
	switch (off) {
	case UARTIBRD: return &u->ibrd;
	case UARTFBRD: return &u->fbrd;
	case UARTLCR_H: return &u->lcr_h;
	case UARTCR: return &u->cr;
	case UARTIFLS: return &u->ifls;
	case UARTIMSC: return &u->imsc;
	case UARTDMACR: return &u->dmacr;
	}
	return NULL;
}

static int vpl011_access(struct vcpu *v, void *priv, uint64_t off,
			 unsigned int size, bool write, uint64_t *val)
{
	struct domain *d = v->dom;
	struct vpl011 *u = priv;
	uint32_t *r;

	spin_lock(&u->lock);
	if (off == PL011_DR) {
		if (write) {
			vuart_out_putc(d, &u->out, (char)*val);
		} else {
			int c = vuart_rx_pop(&u->rx);

			*val = c < 0 ? 0 : (uint64_t)c;
		}
	} else if (off == PL011_FR && !write) {
		*val = PL011_FR_TXFE | (u->rx.count ? 0 : PL011_FR_RXFE);
	} else if (off == UARTRIS && !write) {
		*val = raw_status(u);
	} else if (off == UARTMIS && !write) {
		*val = raw_status(u) & u->imsc;
	} else if ((r = reg_of(u, off))) {
		/* The driver masking its transmit interrupt means it has
		 * nothing more to send: show an unfinished line (a prompt). */
		if (write && off == UARTIMSC && (u->imsc & INT_TX) && !(*val & INT_TX))
			vuart_out_flush(d, &u->out);
		if (write)
			*r = (uint32_t)*val;
		else
			*val = *r;
	} else if (off >= UARTPERIPHID0 && off < UARTPERIPHID0 + 32 && !(off & 3)) {
		if (!write)
			*val = pl011_id[(off - UARTPERIPHID0) / 4];
	} else if (!write) {
		*val = 0;	/* RSR, RIS, MIS, reserved: read as zero */
	}
	/* Writes elsewhere (ICR, RSR, reserved) are ignored: the status
	 * follows the state, so there is nothing to clear. */
	spin_unlock(&u->lock);
	update_irq(d);
	return 0;
}

void vpl011_rx(struct domain *d, char c)
{
	struct vpl011 *u = &d->vpl011;

	spin_lock(&u->lock);
	u->out.interactive = true;
	vuart_rx_push(&u->rx, c);
	spin_unlock(&u->lock);
	update_irq(d);
}

int vpl011_init(struct domain *d)
{
	struct mmio_region r = {
		.base = GUEST_VUART_BASE,
		.size = GUEST_VUART_SIZE,
		.name = "vpl011",
		.access = vpl011_access,
		.priv = &d->vpl011,
	};

	spin_lock_init(&d->vpl011.lock);
	d->vpl011.cr = 0x300;	/* TXE | RXE, the reset value */
	return domain_add_mmio(d, &r);
}

void vpl011_flush(struct domain *d)
{
	spin_lock(&d->vpl011.lock);
	vuart_out_flush(d, &d->vpl011.out);
	spin_unlock(&d->vpl011.lock);
}
