// SPDX-License-Identifier: GPL-2.0-only
/* The virtual IOAPIC (vioapic.h); the 82093AA's registers, version 0x20. */
#include "vioapic.h"

#include "domain.h"
#include "vlapic.h"

#define IOREGSEL	0x00
#define IOWIN		0x10
#define IOEOI		0x40
#define REG_ID		0x00
#define REG_VER		0x01
#define REG_ARB		0x02
#define REG_REDIR	0x10
#define VERSION		(((VIOAPIC_PINS - 1u) << 16) | 0x20)
#define RTE_MASKED	(1ull << 16)
#define RTE_LEVEL	(1ull << 15)
#define RTE_REMOTE_IRR	(1ull << 14)
#define RTE_LOGICAL	(1ull << 11)
#define RTE_DELIVERY(e)	(((e) >> 8) & 7)
#define RTE_LOWEST	1
#define RTE_WRITABLE	(0xff0000000001afffull)	/* not delivery status, remote IRR */

void vioapic_init(struct domain *d)
{
	struct vioapic *io = &d->arch.ioapic;
	unsigned int i;

	spin_lock_init(&io->lock);
	io->sel = 0;
	io->level = 0;
	for (i = 0; i < VIOAPIC_PINS; i++)
		io->redir[i] = RTE_MASKED;
}

/* Under io->lock. The destination is read as each vCPU's local APIC
 * mode reads it (vlapic_accepts_ioapic); a physical one (but the xAPIC
 * broadcast 0xff) and lowest priority go to the first that accepts. */
static void fire(struct domain *d, struct vioapic *io, unsigned int pin)
{
	uint64_t e = io->redir[pin];
	uint8_t dest = (uint8_t)(e >> 56);
	bool logical = e & RTE_LOGICAL;
	unsigned int i;

	if (e & RTE_MASKED || ((e & RTE_LEVEL) && (e & RTE_REMOTE_IRR)))
		return;
	if (e & RTE_LEVEL)
		io->redir[pin] |= RTE_REMOTE_IRR;
	for (i = 0; i < d->nr_vcpus; i++)
		if (vlapic_accepts_ioapic(&d->vcpus[i], dest, logical)) {
			vlapic_post(&d->vcpus[i], (uint8_t)e, e & RTE_LEVEL);
			if ((!logical && dest != 0xff) || RTE_DELIVERY(e) == RTE_LOWEST)
				break;	/* 0xff: an xAPIC broadcast */
		}
}

void vioapic_set_level(struct domain *d, unsigned int pin, bool level)
{
	struct vioapic *io = &d->arch.ioapic;
	bool was;

	if (pin >= VIOAPIC_PINS)
		return;
	spin_lock(&io->lock);
	was = io->level & (1u << pin);
	if (level)
		io->level |= 1u << pin;
	else
		io->level &= ~(1u << pin);
	if (level && (!was || (io->redir[pin] & RTE_LEVEL)))
		fire(d, io, pin);
	spin_unlock(&io->lock);
}

void vioapic_eoi(struct domain *d, uint8_t vector)
{
	struct vioapic *io = &d->arch.ioapic;
	unsigned int i;

	spin_lock(&io->lock);
	for (i = 0; i < VIOAPIC_PINS; i++) {
		if ((uint8_t)io->redir[i] != vector || !(io->redir[i] & RTE_REMOTE_IRR))
			continue;
		io->redir[i] &= ~RTE_REMOTE_IRR;
		if (io->level & (1u << i))
			fire(d, io, i);
	}
	spin_unlock(&io->lock);
}

static uint32_t reg_read(struct vioapic *io)
{
	unsigned int r = io->sel & 0xff, pin = (r - REG_REDIR) / 2;

	if (r == REG_VER)
		return VERSION;
	if (r == REG_ID || r == REG_ARB || r < REG_REDIR || pin >= VIOAPIC_PINS)
		return 0;
	return r & 1 ? (uint32_t)(io->redir[pin] >> 32) : (uint32_t)io->redir[pin];
}

static void reg_write(struct domain *d, struct vioapic *io, uint32_t val)
{
	unsigned int r = io->sel & 0xff, pin = (r - REG_REDIR) / 2;
	uint64_t e;

	if (r < REG_REDIR || pin >= VIOAPIC_PINS)
		return;
	e = io->redir[pin];
	if (r & 1)
		e = (e & 0xffffffffull) | ((uint64_t)val << 32);
	else
		e = (e & ~0xffffffffull) | val;
	io->redir[pin] = (e & RTE_WRITABLE) | (io->redir[pin] & RTE_REMOTE_IRR);
	if (io->level & (1u << pin))
		fire(d, io, pin);	/* unmasked with the line high */
}

bool vioapic_mmio(struct domain *d, uint64_t off, bool write, uint32_t *val)
{
	struct vioapic *io = &d->arch.ioapic;

	if (off != IOREGSEL && off != IOWIN && off != IOEOI)
		return false;
	spin_lock(&io->lock);
	if (off == IOREGSEL) {
		if (write)
			io->sel = *val;
		else
			*val = io->sel;
	} else if (off == IOWIN) {
		if (write)
			reg_write(d, io, *val);
		else
			*val = reg_read(io);
	} else if (!write) {
		*val = 0;
	}
	spin_unlock(&io->lock);
	if (off == IOEOI && write)
		vioapic_eoi(d, (uint8_t)*val);
	return true;
}
