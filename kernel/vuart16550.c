// SPDX-License-Identifier: GPL-2.0-only
#include "vuart16550.h"

#include "arch/guest.h"
#include "domain.h"
#include "irq.h"

enum {
	REG_DATA, REG_IER, REG_IIR_FCR, REG_LCR, REG_MCR, REG_LSR, REG_MSR, REG_SCR,
};

#define IER_RDA		0x01	/* received data available */
#define IER_THRE	0x02	/* transmit holding register empty */
#define IER_RLS		0x04	/* receiver line status */
#define IER_MS		0x08	/* modem status */

#define IIR_NONE	0x01
#define IIR_MS		0x00
#define IIR_THRE	0x02
#define IIR_RDA		0x04
#define IIR_RLS		0x06
#define IIR_TIMEOUT	0x0c
#define IIR_FIFO_ON	0xc0

#define FCR_ENABLE	0x01
#define FCR_CLEAR_RX	0x02
#define FCR_KEPT	0xc9	/* enable, DMA mode, trigger level */

#define LCR_DLAB	0x80
#define MCR_DTR		0x01
#define MCR_RTS		0x02
#define MCR_OUT1	0x04
#define MCR_OUT2	0x08
#define MCR_LOOP	0x10

#define LSR_DR		0x01
#define LSR_OE		0x02
#define LSR_THRE	0x20
#define LSR_TEMT	0x40

#define MSR_CTS		0x10
#define MSR_DSR		0x20
#define MSR_RI		0x40
#define MSR_DCD		0x80

/* The modem inputs: in loopback the outputs wired back, otherwise a
 * line that is always connected and ready. */
static uint8_t msr_lines(uint8_t mcr)
{
	if (!(mcr & MCR_LOOP))
		return MSR_DCD | MSR_DSR | MSR_CTS;
	return (mcr & MCR_DTR ? MSR_DSR : 0) | (mcr & MCR_RTS ? MSR_CTS : 0) |
	       (mcr & MCR_OUT1 ? MSR_RI : 0) | (mcr & MCR_OUT2 ? MSR_DCD : 0);
}

/* Delta bits (MSR 0-3) for a change of the inputs from old to new: RI
 * reports its trailing edge only. */
static uint8_t msr_deltas(uint8_t old, uint8_t new)
{
	uint8_t changed = old ^ new;

	return (changed & MSR_CTS ? 0x01 : 0) | (changed & MSR_DSR ? 0x02 : 0) |
	       ((old & ~new) & MSR_RI ? 0x04 : 0) | (changed & MSR_DCD ? 0x08 : 0);
}

static unsigned int rx_trigger(const struct vuart16550 *u)
{
	static const unsigned int level[4] = { 1, 4, 8, 14 };

	return level[u->fcr >> 6];
}

/* The highest-priority pending cause, as IIR bits 0-3 (caller holds
 * u->lock). Below the trigger level, received data is reported as a
 * timeout at once: no time passes for a virtual UART. */
static uint8_t iir_cause(const struct vuart16550 *u)
{
	if ((u->ier & IER_RLS) && u->overrun)
		return IIR_RLS;
	if ((u->ier & IER_RDA) && u->rx.count) {
		if ((u->fcr & FCR_ENABLE) && u->rx.count < rx_trigger(u))
			return IIR_TIMEOUT;
		return IIR_RDA;
	}
	if ((u->ier & IER_THRE) && u->thr_irq)
		return IIR_THRE;
	if ((u->ier & IER_MS) && u->msr_delta)
		return IIR_MS;
	return IIR_NONE;
}

bool vuart16550_irq_pending(struct domain *d)
{
	struct vuart16550 *u = &d->vuart16550;
	bool level;

	spin_lock(&u->lock);
	level = iir_cause(u) != IIR_NONE;
	spin_unlock(&u->lock);
	return level;
}

/* After every change; the lock is dropped first (docs/locking.md). */
static void update_irq(struct domain *d)
{
	virq_set_level(d, GUEST_VUART_IRQ, vuart16550_irq_pending(d));
}

static void rx_push(struct vuart16550 *u, char c)
{
	if (!vuart_rx_push(&u->rx, c))
		u->overrun = true;
}

static uint8_t read_iir(struct vuart16550 *u)
{
	uint8_t cause = iir_cause(u);

	/* Reading IIR is how a driver acknowledges THR empty. */
	if (cause == IIR_THRE)
		u->thr_irq = false;
	return cause | (u->fcr & FCR_ENABLE ? IIR_FIFO_ON : 0);
}

/* With LCR.DLAB, registers 0 and 1 are the divisor latch instead. */
static uint8_t *divisor_latch(struct vuart16550 *u, unsigned int reg)
{
	if (!(u->lcr & LCR_DLAB) || reg > REG_IER)
		return NULL;
	return reg == REG_DATA ? &u->dll : &u->dlm;
}

static uint8_t read_reg(struct vuart16550 *u, unsigned int reg)
{
	uint8_t *latch = divisor_latch(u, reg);
	uint8_t v;
	int c;

	if (latch)
		return *latch;
	switch (reg) {
	case REG_DATA:
		c = vuart_rx_pop(&u->rx);
		return c < 0 ? 0 : (uint8_t)c;
	case REG_IER:
		return u->ier;
	case REG_IIR_FCR:
		return read_iir(u);
	case REG_LCR:
		return u->lcr;
	case REG_MCR:
		return u->mcr;
	case REG_LSR:
		v = LSR_THRE | LSR_TEMT | (u->rx.count ? LSR_DR : 0) | (u->overrun ? LSR_OE : 0);
		u->overrun = false;
		return v;
	case REG_MSR:
		v = msr_lines(u->mcr) | u->msr_delta;
		u->msr_delta = 0;
		return v;
	case REG_SCR:
		return u->scr;
	}
	return 0xff;	/* beyond the eight registers: nothing decodes it */
}

static void write_data(struct domain *d, struct vuart16550 *u, uint8_t val)
{
	if (u->mcr & MCR_LOOP)
		rx_push(u, (char)val);
	else
		vuart_out_putc(d, &u->out, (char)val);
	u->thr_irq = true;	/* sent at once: THR is empty again */
}

static void write_ier(struct domain *d, struct vuart16550 *u, uint8_t val)
{
	val &= 0x0f;
	/* Enabling THR empty while THR is empty raises it at once (Linux's
	 * start_tx relies on that); disabling it means the driver has
	 * nothing more to send: show an unfinished line (a prompt). */
	if ((val & IER_THRE) && !(u->ier & IER_THRE))
		u->thr_irq = true;
	if (!(val & IER_THRE) && (u->ier & IER_THRE))
		vuart_out_flush(d, &u->out);
	u->ier = val;
}

static void write_fcr(struct vuart16550 *u, uint8_t val)
{
	uint8_t fcr = val & FCR_ENABLE ? val & FCR_KEPT : 0;

	/* Switching the FIFOs on or off empties them, as on the chip. */
	if ((val & FCR_CLEAR_RX) || ((fcr ^ u->fcr) & FCR_ENABLE))
		vuart_rx_clear(&u->rx);
	u->fcr = fcr;
}

static void write_mcr(struct vuart16550 *u, uint8_t val)
{
	val &= 0x1f;
	u->msr_delta |= msr_deltas(msr_lines(u->mcr), msr_lines(val));
	u->mcr = val;
}

static void write_reg(struct domain *d, struct vuart16550 *u, unsigned int reg, uint8_t val)
{
	uint8_t *latch = divisor_latch(u, reg);

	if (latch) {
		*latch = val;
		return;
	}
	switch (reg) {
	case REG_DATA:
		write_data(d, u, val);
		break;
	case REG_IER:
		write_ier(d, u, val);
		break;
	case REG_IIR_FCR:
		write_fcr(u, val);
		break;
	case REG_LCR:
		u->lcr = val;
		break;
	case REG_MCR:
		write_mcr(u, val);
		break;
	case REG_SCR:
		u->scr = val;
		break;
	}
	/* LSR and MSR are read-only; beyond reg 7 nothing decodes. */
}

uint8_t vuart16550_read(struct domain *d, unsigned int reg)
{
	struct vuart16550 *u = &d->vuart16550;
	uint8_t v;

	spin_lock(&u->lock);
	v = read_reg(u, reg);
	spin_unlock(&u->lock);
	update_irq(d);
	return v;
}

void vuart16550_write(struct domain *d, unsigned int reg, uint8_t val)
{
	struct vuart16550 *u = &d->vuart16550;

	spin_lock(&u->lock);
	write_reg(d, u, reg, val);
	spin_unlock(&u->lock);
	update_irq(d);
}

void vuart16550_rx(struct domain *d, char c)
{
	struct vuart16550 *u = &d->vuart16550;

	spin_lock(&u->lock);
	u->out.interactive = true;
	rx_push(u, c);
	spin_unlock(&u->lock);
	update_irq(d);
}

void vuart16550_flush(struct domain *d)
{
	spin_lock(&d->vuart16550.lock);
	vuart_out_flush(d, &d->vuart16550.out);
	spin_unlock(&d->vuart16550.lock);
}

int vuart16550_init(struct domain *d)
{
	struct vuart16550 *u = &d->vuart16550;

	spin_lock_init(&u->lock);
	/* Reset values: everything 0 but the divisor (115200 baud from
	 * the PC's 1.8432 MHz clock) and THR empty. */
	u->ier = u->fcr = u->lcr = u->mcr = u->scr = u->dlm = u->msr_delta = 0;
	u->dll = 1;
	u->overrun = u->thr_irq = false;
	vuart_rx_clear(&u->rx);
	u->out.len = u->out.esc = 0;
	return 0;
}
