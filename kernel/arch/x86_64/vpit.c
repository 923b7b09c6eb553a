// SPDX-License-Identifier: GPL-2.0-only
/*
 * The guests' 8254 counters (vpit.h), timed by the TSC: a counter's
 * value is its initial count less the 1.193182 MHz ticks since it was
 * loaded. Modes 0 and 1 count once to zero and wrap; modes 2 and 3
 * reload (mode 3 is read as mode 2: Linux reads only channel 2 in mode
 * 0). Channel 2 counts whatever its gate says, and OUT2 (port 0x61
 * bit 5) is high from its terminal count on. No counter raises an
 * interrupt. Register layout from the Intel 8254 data sheet.
 */
#include "vpit.h"

#include "acpi.h"
#include "domain.h"
#include "lib/spinlock.h"
#include "x86.h"

#define PIT_CH0		0x40
#define PIT_CONTROL	0x43
#define PORT_61		0x61
#define PIT_HZ		1193182ull
#define CW_CHANNEL(c)	((c) >> 6)
#define CW_ACCESS(c)	(((c) >> 4) & 3)
#define CW_MODE(c)	(((c) >> 1) & 7)
#define CW_READBACK	3
#define RB_NO_COUNT	(1u << 5)	/* read-back: do not latch the count */
#define P61_GATE_SPK	0x03
#define P61_OUT2	(1u << 5)

static uint64_t ticks_since(const struct vpit_channel *c)
{
	uint64_t hz = acpi_tsc_hz(), d = rdtsc() - c->load_tsc;

	/* In two parts, so that nothing overflows 64 bits. */
	return hz ? d / hz * PIT_HZ + d % hz * PIT_HZ / hz : 0;
}

static uint32_t initial(const struct vpit_channel *c)
{
	return c->count ? c->count : 0x10000u;
}

static uint16_t value(const struct vpit_channel *c)
{
	uint64_t t;

	if (!c->loaded)
		return c->count;
	t = ticks_since(c);
	if (c->mode == 2 || c->mode == 3)
		return (uint16_t)(initial(c) - t % initial(c));
	return (uint16_t)(initial(c) - t);	/* wraps past zero, as the 8254 does */
}

static bool out_high(const struct vpit_channel *c)
{
	return c->loaded && (c->mode == 2 || c->mode == 3 || ticks_since(c) >= initial(c));
}

static void control(struct vpit *p, uint8_t cw)
{
	struct vpit_channel *c;
	unsigned int i;

	if (CW_CHANNEL(cw) == CW_READBACK) {
		for (i = 0; i < 3; i++)
			if ((cw & (2u << i)) && !(cw & RB_NO_COUNT) && !p->ch[i].latched) {
				p->ch[i].latch = value(&p->ch[i]);
				p->ch[i].latched = true;
			}
		return;
	}
	c = &p->ch[CW_CHANNEL(cw)];
	if (!CW_ACCESS(cw)) {		/* counter latch command */
		if (!c->latched) {
			c->latch = value(c);
			c->latched = true;
		}
		return;
	}
	c->access = CW_ACCESS(cw);
	c->mode = CW_MODE(cw) & 3;	/* 6, 7 are 2, 3; the strobes 4, 5 count as 0, 1 */
	c->loaded = c->latched = c->read_msb = c->write_msb = false;
}

static void write_count(struct vpit_channel *c, uint8_t v)
{
	if (c->access == 3 && !c->write_msb) {
		c->write_lsb = v;
		c->write_msb = true;
		return;
	}
	c->count = c->access == 1 ? v : c->access == 2 ? (uint16_t)(v << 8) :
		   (uint16_t)(v << 8 | c->write_lsb);
	c->write_msb = false;
	c->load_tsc = rdtsc();
	c->loaded = true;
}

static uint8_t read_count(struct vpit_channel *c)
{
	uint16_t v = c->latched ? c->latch : value(c);
	bool msb = c->access == 2 || (c->access == 3 && c->read_msb);

	if (c->access == 3)
		c->read_msb = !c->read_msb;
	if (c->latched && (c->access != 3 || !c->read_msb))
		c->latched = false;	/* both bytes of a latch read */
	return msb ? (uint8_t)(v >> 8) : (uint8_t)v;
}

bool vpit_io(struct vcpu *v, uint16_t port, bool write, uint32_t *val)
{
	struct vpit *p = &v->dom->arch.pit;

	if ((port < PIT_CH0 || port > PIT_CONTROL) && port != PORT_61)
		return false;
	spin_lock(&p->lock);
	if (port == PORT_61 && write)
		p->port61 = *val & P61_GATE_SPK;
	else if (port == PORT_61)
		*val = p->port61 | (out_high(&p->ch[2]) ? P61_OUT2 : 0);
	else if (port == PIT_CONTROL && write)
		control(p, (uint8_t)*val);
	else if (port == PIT_CONTROL)
		*val = 0xff;	/* write-only */
	else if (write)
		write_count(&p->ch[port - PIT_CH0], (uint8_t)*val);
	else
		*val = read_count(&p->ch[port - PIT_CH0]);
	spin_unlock(&p->lock);
	return true;
}
