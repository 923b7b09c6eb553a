// SPDX-License-Identifier: GPL-2.0-only
/*
 * The guest's virtual ITS (vits.h): registers, the command queue, and
 * message translation. What a guest can get wrong and what then happens
 * is docs/security.md ("Hostile MSI"): a command that names what is
 * not its own is dropped and said once, never acted on; nothing stops
 * the guest. No system register is touched here (fuzz-vits).
 */
#include "vits.h"

#include "arch.h"
#include "arch/guest.h"
#include "domain.h"
#include "irq.h"
#include "lib/lockorder.h"
#include "pci_assign.h"
#include "vgic_irq.h"

/* The control frame, then GITS_TRANSLATER in the translation frame. */
#define GITS_CTLR		0x0000
#define GITS_IIDR		0x0004
#define GITS_TYPER		0x0008
#define GITS_CBASER		0x0080
#define GITS_CWRITER		0x0088
#define GITS_CREADR		0x0090
#define GITS_PIDR2		0xffe8
#define GITS_TRANSLATER		(GUEST_GITS_DOORBELL - GUEST_GITS_BASE)
#define GITS_CTLR_ENABLED	(1u << 0)
#define GITS_CTLR_QUIESCENT	(1u << 31)
#define GITS_CBASER_VALID	(1ull << 63)
#define GITS_CBASER_MASK	0xb8effffffffffcffull	/* Valid, caches, address, size */
#define ITS_PA_MASK		0x000ffffffffff000ull	/* bits 51:12 */
#define ITS_IIDR		0x00000054	/* implementer 'T', as the vGIC's */
#define PIDR2_GICV3		0x30

/*
 * GITS_TYPER: physical LPIs, 8-byte ITT entries (for the ITT the guest
 * allocates and the vITS never uses), 16-bit EventIDs and DeviceIDs,
 * collections targeted by processor number (PTA = 0), one collection per
 * vCPU held in "hardware" (HCC), so no collection table.
 */
#define ITE_BYTES		8
#define TYPER_FIXED		(1ull | (ITE_BYTES - 1ull) << 4 | 15ull << 8 | 15ull << 13)
#define TYPER_HCC_SHIFT		24

/* Commands (the first byte of each 32-byte entry). */
#define CMD_MOVI		0x01
#define CMD_INT			0x03
#define CMD_CLEAR		0x04
#define CMD_SYNC		0x05
#define CMD_MAPD		0x08
#define CMD_MAPC		0x09
#define CMD_MAPTI		0x0a
#define CMD_MAPI		0x0b
#define CMD_INV			0x0c
#define CMD_INVALL		0x0d
#define CMD_MOVALL		0x0e
#define CMD_DISCARD		0x0f
#define CMD_BYTES		32

/*
 * Commands run per trap (a CWRITER write or a CREADR read): a queue of
 * up to 32768 commands is worked through a bounded slice at a time,
 * while the guest polls CREADR as drivers do, so no trap runs long.
 */
#define VITS_CMDS_PER_TRAP	128
/*
 * The largest ITT a MAPD may declare, in EventID bits: what its function
 * can send, rounded up to a power of two, but at least 32 events, as
 * Linux asks for DeviceID 0 (and 2 for a single vector). Declaring costs
 * nothing (the ITT is not read); mapping beyond the vectors is refused.
 */
#define ITT_MIN_BITS		5

/* The first thing the guest got wrong in one trap, said after the lock is dropped. */
struct vits_note {
	int kind;		/* enum domain_note, or -1: nothing */
	const char *what;	/* the command or register */
	const char *fmt;	/* "%s" for what, then three unsigned long longs */
	unsigned long long a, b, c;
};

/* One trap's outcome: vCPUs to kick and what to say, both after unlocking. */
struct vits_out {
	uint32_t kicks;
	struct vits_note note;
};

static __attribute__((noinline)) void note(struct vits_out *o, int kind, const char *what, const char *fmt,
		 unsigned long long a, unsigned long long b, unsigned long long c)
{
	if (o->note.kind < 0)
		o->note = (struct vits_note){ kind, what, fmt, a, b, c };
}

/* Names for the notes, by command number (a table without pointers:
 * no relocations in the image). */
static const char cmd_names[16][8] = {
	[CMD_MOVI] = "MOVI", [CMD_INT] = "INT", [CMD_CLEAR] = "CLEAR", [CMD_SYNC] = "SYNC",
	[CMD_MAPD] = "MAPD", [CMD_MAPC] = "MAPC", [CMD_MAPTI] = "MAPTI", [CMD_MAPI] = "MAPI",
	[CMD_INV] = "INV", [CMD_INVALL] = "INVALL", [CMD_MOVALL] = "MOVALL",
	[CMD_DISCARD] = "DISCARD",
};

#define F_FOREIGN	"vITS: %s: DeviceID 0x%llx is not its function's, dropped"
#define F_UNMAPPED	"vITS: %s: DeviceID 0x%llx event %llu not mapped, dropped"
#define F_COLL		"vITS: %s: collection %llu or vCPU %llu not below %llu, dropped"

/* ---- lookups ---- */

static int dev_of(const struct vits *its, uint32_t devid)
{
	unsigned int i;

	for (i = 0; i < its->nr_dev; i++)
		if (its->dev[i].devid == devid)
			return i;
	return -1;
}

static int ite_of(const struct vits *its, int dev, uint32_t event)
{
	unsigned int s;

	for (s = 0; s < VGIC_NR_LPIS; s++)
		if (its->ite[s].intid && its->ite[s].dev == dev && its->ite[s].event == event)
			return s;
	return -1;
}

static int slot_of_intid(const struct vits *its, uint32_t intid)
{
	unsigned int s;

	for (s = 0; s < VGIC_NR_LPIS; s++)
		if (its->ite[s].intid == intid)
			return s;
	return -1;
}

/* A slot still in a list register stays taken until the guest is done
 * with it (vgic_sync), so an LR never names a slot's new owner. */
static int free_slot(const struct domain *d)
{
	unsigned int s;

	for (s = 0; s < VGIC_NR_LPIS; s++)
		if (!d->arch.vgic.its.ite[s].intid && d->arch.vgic.lpi[s].lr < 0)
			return s;
	return -1;
}

/* ---- vLPI state ---- */

static void lpi_pend(struct domain *d, unsigned int slot, struct vits_out *o)
{
	struct vgic_irq *irq = &d->arch.vgic.lpi[slot];

	irq->pending = true;
	mark_candidate(d, NULL, VGIC_LPI_IDX(slot));
	if (irq->target < d->nr_vcpus)
		o->kicks |= 1u << irq->target;
}

/*
 * Priority and enable of the LPI in slot from the guest's property
 * table (GICR_PROPBASER of its collection's redistributor; all of them
 * hold the same table): only when the guest asks (MAPTI, MAPI, INV,
 * INVALL), as the architecture lets an ITS cache it. An entry outside
 * the guest's RAM, or beyond the table's IDbits, leaves it disabled.
 */
static void lpi_props(struct domain *d, unsigned int slot, struct vits_out *o)
{
	struct vgic_irq *irq = &d->arch.vgic.lpi[slot];
	unsigned int intid = d->arch.vgic.its.ite[slot].intid;
	struct vcpu *rv = &d->vcpus[irq->target < d->nr_vcpus ? irq->target : 0];
	uint64_t pb = rv->arch.vgic.propbaser;
	uint64_t gpa = (pb & ITS_PA_MASK) + intid - GUEST_LPI_BASE;
	const volatile uint8_t *prop;

	irq->enabled = false;
	if (intid >= 2ull << (pb & 0x1f))
		return;
	prop = domain_ram(d, gpa, 1);
	if (!prop) {
		note(o, NOTE_ITS_TABLE, "property table",
		     "vITS: %s of LPI %llu at 0x%llx not in its RAM, LPI disabled", intid, gpa, 0);
		return;
	}
	irq->priority = *prop & 0xfc;
	irq->enabled = *prop & 1;
	if (irq->pending)
		lpi_pend(d, slot, o);
}

static void lpi_target(struct domain *d, unsigned int slot, unsigned int vcpu,
		       struct vits_out *o)
{
	d->arch.vgic.lpi[slot].target = vcpu;
	if (d->arch.vgic.lpi[slot].pending)
		lpi_pend(d, slot, o);
}

/* No longer pending; out of a list register too if the guest has not
 * taken it yet (vgic_lr.c does that on the vCPU holding it). */
static void lpi_unpend(struct domain *d, unsigned int slot, struct vits_out *o)
{
	struct vgic_irq *irq = &d->arch.vgic.lpi[slot];

	irq->pending = false;
	if (irq->lr < 0)
		return;
	irq->withdraw = true;
	mark_candidate(d, NULL, VGIC_LPI_IDX(slot));
	o->kicks = (1u << d->nr_vcpus) - 1;	/* whichever vCPU holds it */
}

static void ite_free(struct domain *d, unsigned int slot, struct vits_out *o)
{
	d->arch.vgic.its.ite[slot].intid = 0;
	d->arch.vgic.lpi[slot].enabled = false;
	lpi_unpend(d, slot, o);
}

/* ---- commands ---- */

static void cmd_mapd(struct domain *d, int dev, const uint64_t *c, struct vits_out *o)
{
	struct vits *its = &d->arch.vgic.its;
	unsigned int bits = (c[1] & 0x1f) + 1, need = ITT_MIN_BITS, s;

	if (dev < 0) {
		note(o, NOTE_ITS_CMD, "MAPD", F_FOREIGN, c[0] >> 32, 0, 0);
		return;
	}
	while ((1u << need) < its->dev[dev].nvec)
		need++;
	if ((c[2] >> 63) && bits > need) {
		note(o, NOTE_ITS_CMD, "MAPD",
		     "vITS: %s: DeviceID 0x%llx ITT of %llu bits for %llu vectors, dropped", c[0] >> 32, bits, its->dev[dev].nvec);
		return;
	}
	/* A new ITT, or none: the old one's events are gone. */
	for (s = 0; s < VGIC_NR_LPIS; s++)
		if (its->ite[s].intid && its->ite[s].dev == dev)
			ite_free(d, s, o);
	its->dev[dev].mapped = c[2] >> 63;
	its->dev[dev].ev_bits = bits;
}

static void cmd_mapc(struct domain *d, const uint64_t *c, struct vits_out *o)
{
	struct vits *its = &d->arch.vgic.its;
	unsigned int icid = c[2] & 0xffff, s;
	uint64_t rd = c[2] >> 16 & 0x7ffffffffull;
	bool valid = c[2] >> 63;

	if (icid >= d->nr_vcpus || (valid && rd >= d->nr_vcpus)) {
		note(o, NOTE_ITS_CMD, "MAPC", F_COLL, icid, rd, d->nr_vcpus);
		return;
	}
	its->coll[icid] = valid ? rd : VGIC_NO_TARGET;
	for (s = 0; s < VGIC_NR_LPIS; s++)
		if (its->ite[s].intid && its->ite[s].icid == icid)
			lpi_target(d, s, its->coll[icid], o);
}

static void cmd_mapti(struct domain *d, int dev, unsigned int op, const uint64_t *c,
		      struct vits_out *o)
{
	struct vits *its = &d->arch.vgic.its;
	uint32_t devid = c[0] >> 32, event = c[1], icid = c[2] & 0xffff;
	uint32_t intid = op == CMD_MAPI ? event : c[1] >> 32;
	const char *name = cmd_names[op];
	int slot, other;

	if (dev < 0 || !its->dev[dev].mapped) {
		note(o, NOTE_ITS_CMD, name, dev < 0 ? F_FOREIGN : F_UNMAPPED, devid, event, 0);
		return;
	}
	if (event >= its->dev[dev].nvec || event >= 1u << its->dev[dev].ev_bits) {
		note(o, NOTE_ITS_CMD, name,
		     "vITS: %s: DeviceID 0x%llx event %llu not below %llu vectors, dropped", devid, event, its->dev[dev].nvec);
		return;
	}
	slot = ite_of(its, dev, event);
	other = slot_of_intid(its, intid);
	if (intid < GUEST_LPI_BASE || intid >= 1u << GUEST_LPI_ID_BITS ||
	    (other >= 0 && other != slot)) {
		note(o, NOTE_ITS_CMD, name,
		     "vITS: %s: DeviceID 0x%llx event %llu to INTID %llu, not a free LPI, dropped", devid, event, intid);
		return;
	}
	if (icid >= d->nr_vcpus) {
		note(o, NOTE_ITS_CMD, name, F_COLL, icid, 0, d->nr_vcpus);
		return;
	}
	if (slot < 0)
		slot = free_slot(d);
	if (slot < 0) {
		note(o, NOTE_ITS_CMD, name,
		     "vITS: %s: DeviceID 0x%llx event %llu, all %llu vLPIs mapped, dropped", devid, event, VGIC_NR_LPIS);
		return;
	}
	its->ite[slot] = (struct vits_ite){ .intid = intid, .dev = dev, .icid = icid,
					    .event = event };
	d->arch.vgic.lpi[slot].pending = false;
	d->arch.vgic.lpi[slot].target = its->coll[icid];
	lpi_props(d, slot, o);
}

/* MOVALL: what targets one vCPU targets another (collections stay). */
static void cmd_movall(struct domain *d, const uint64_t *c, struct vits_out *o)
{
	uint64_t from = c[2] >> 16 & 0x7ffffffffull, to = c[3] >> 16 & 0x7ffffffffull;
	unsigned int s;

	if (from >= d->nr_vcpus || to >= d->nr_vcpus) {
		note(o, NOTE_ITS_CMD, "MOVALL", F_COLL, 0, from >= d->nr_vcpus ? from : to,
		     d->nr_vcpus);
		return;
	}
	for (s = 0; s < VGIC_NR_LPIS; s++)
		if (d->arch.vgic.its.ite[s].intid && d->arch.vgic.lpi[s].target == from)
			lpi_target(d, s, to, o);
}

static void cmd_invall(struct domain *d, const uint64_t *c, struct vits_out *o)
{
	unsigned int icid = c[2] & 0xffff, s;

	if (icid >= d->nr_vcpus) {
		note(o, NOTE_ITS_CMD, "INVALL", F_COLL, icid, 0, d->nr_vcpus);
		return;
	}
	for (s = 0; s < VGIC_NR_LPIS; s++)
		if (d->arch.vgic.its.ite[s].intid && d->arch.vgic.its.ite[s].icid == icid)
			lpi_props(d, s, o);
}

/* The commands that name one mapped event: INT, CLEAR, DISCARD, INV, MOVI. */
static void cmd_event(struct domain *d, int dev, unsigned int op, const uint64_t *c,
		      struct vits_out *o)
{
	struct vits *its = &d->arch.vgic.its;
	uint32_t devid = c[0] >> 32, event = c[1], icid = c[2] & 0xffff;
	int slot = dev >= 0 && its->dev[dev].mapped ? ite_of(its, dev, event) : -1;

	if (slot < 0) {
		note(o, NOTE_ITS_CMD, cmd_names[op], dev < 0 ? F_FOREIGN : F_UNMAPPED, devid,
		     event, 0);
		return;
	}
	switch (op) {
	case CMD_INT:
		lpi_pend(d, slot, o);
		break;
	case CMD_CLEAR:
		lpi_unpend(d, slot, o);
		break;
	case CMD_DISCARD:
		ite_free(d, slot, o);
		break;
	case CMD_INV:
		lpi_props(d, slot, o);
		break;
	case CMD_MOVI:
		if (icid >= d->nr_vcpus) {
			note(o, NOTE_ITS_CMD, "MOVI", F_COLL, icid, 0, d->nr_vcpus);
			return;
		}
		its->ite[slot].icid = icid;
		lpi_target(d, slot, its->coll[icid], o);
		break;
	}
}

static void run_cmd(struct domain *d, const uint64_t *c, struct vits_out *o)
{
	unsigned int op = c[0] & 0xff;
	int dev = dev_of(&d->arch.vgic.its, c[0] >> 32);

	switch (op) {
	case CMD_SYNC:
		break;		/* every command is done when the next one starts */
	case CMD_MAPD:
		cmd_mapd(d, dev, c, o);
		break;
	case CMD_MAPC:
		cmd_mapc(d, c, o);
		break;
	case CMD_MAPTI: case CMD_MAPI:
		cmd_mapti(d, dev, op, c, o);
		break;
	case CMD_MOVALL:
		cmd_movall(d, c, o);
		break;
	case CMD_INVALL:
		cmd_invall(d, c, o);
		break;
	case CMD_INT: case CMD_CLEAR: case CMD_DISCARD: case CMD_INV: case CMD_MOVI:
		cmd_event(d, dev, op, c, o);
		break;
	default:
		note(o, NOTE_ITS_CMD, "command",
		     "vITS: %s 0x%llx unknown, dropped", op, 0, 0);
	}
}

static uint64_t queue_bytes(const struct vits *its)
{
	return ((its->cbaser & 0xff) + 1) * 4096;
}

/* Run up to VITS_CMDS_PER_TRAP commands between CREADR and CWRITER. */
static void run_queue(struct domain *d, struct vits_out *o)
{
	struct vits *its = &d->arch.vgic.its;
	uint64_t size = queue_bytes(its), base = its->cbaser & ITS_PA_MASK;
	const volatile uint64_t *q = domain_ram(d, base, size);
	unsigned int n, i;

	lock_assert(spin_is_locked(&d->arch.vgic.lock));
	if (!its->enabled || !(its->cbaser & GITS_CBASER_VALID) || its->creadr == its->cwriter)
		return;
	if (!q) {
		note(o, NOTE_ITS_QUEUE, "command queue",
		     "vITS: %s at 0x%llx, %llu bytes, not in its RAM: commands dropped", base, size, 0);
		its->creadr = its->cwriter;
		return;
	}
	for (n = 0; n < VITS_CMDS_PER_TRAP && its->creadr != its->cwriter; n++) {
		uint64_t c[4];

		/* A copy: the guest may rewrite the entry meanwhile. */
		for (i = 0; i < 4; i++)
			c[i] = q[its->creadr / 8 + i];
		run_cmd(d, c, o);
		its->creadr = (its->creadr + CMD_BYTES) % size;
	}
}

void vits_reset(struct domain *d)
{
	struct vits *its = &d->arch.vgic.its;
	unsigned int i;

	lock_assert(spin_is_locked(&d->arch.vgic.lock));
	its->enabled = false;
	its->cbaser = its->cwriter = its->creadr = 0;
	for (i = 0; i < its->nr_dev; i++)
		its->dev[i].mapped = false;
	for (i = 0; i < VITS_NR_COLL; i++)
		its->coll[i] = VGIC_NO_TARGET;
	for (i = 0; i < VGIC_NR_LPIS; i++) {
		its->ite[i].intid = 0;
		irq_reset(&d->arch.vgic.lpi[i], true);
		d->arch.vgic.lpi[i].group1 = true;	/* LPIs are always group 1 */
		d->arch.vgic.lpi[i].target = VGIC_NO_TARGET;
	}
	d->arch.vgic.lpi_candidates = 0;
}

/* ---- registers ---- */

/* A 64-bit register, whole or by 32-bit halves. */
static uint64_t half(uint64_t reg, uint64_t off, unsigned int size)
{
	return size == 8 ? reg : off & 4 ? reg >> 32 : reg & 0xffffffff;
}

static uint64_t merge(uint64_t reg, uint64_t off, unsigned int size, uint64_t val)
{
	if (size == 8)
		return val;
	return off & 4 ? (reg & 0xffffffff) | val << 32 : (reg & ~0xffffffffull) | (uint32_t)val;
}

static void write_cwriter(struct domain *d, uint64_t val, struct vits_out *o)
{
	struct vits *its = &d->arch.vgic.its;
	uint64_t off = val & ~1ull;	/* bit 0: Retry, nothing to retry here */

	if ((off & (CMD_BYTES - 1)) || off >= queue_bytes(its)) {
		note(o, NOTE_ITS_QUEUE, "CWRITER",
		     "vITS: %s 0x%llx not a command in its %llu-byte queue, ignored", val, queue_bytes(its), 0);
		return;
	}
	its->cwriter = off;
}

/* Registers of the control frame; vgic lock held. Returns what a read reads. */
static uint64_t its_regs(struct domain *d, uint64_t off, unsigned int size, bool write,
			 uint64_t val, struct vits_out *o)
{
	struct vits *its = &d->arch.vgic.its;
	uint64_t reg = off & ~7ull;

	if (off == GITS_CTLR && size == 4) {
		if (write)
			its->enabled = val & GITS_CTLR_ENABLED;
		/* Always quiescent: every command is done by the time it traps. */
		return (its->enabled ? GITS_CTLR_ENABLED : 0) | GITS_CTLR_QUIESCENT;
	}
	if (off == GITS_IIDR && size == 4)
		return ITS_IIDR;
	if (off == GITS_PIDR2 && size == 4)
		return PIDR2_GICV3;
	if (size != 8 && size != 4)
		return 0;
	if (size == 8 && (off & 7))
		return 0;
	switch (reg) {
	case GITS_TYPER:
		return half(TYPER_FIXED | (uint64_t)d->nr_vcpus << TYPER_HCC_SHIFT, off, size);
	case GITS_CBASER:
		/* Fixed while enabled; a new queue starts empty (CWRITER
		 * too, so it is always inside the queue). */
		if (write && !its->enabled) {
			its->cbaser = merge(its->cbaser, off, size, val) & GITS_CBASER_MASK;
			its->creadr = its->cwriter = 0;
		}
		return half(its->cbaser, off, size);
	case GITS_CWRITER:
		if (write)
			write_cwriter(d, merge(its->cwriter, off, size, val), o);
		return half(its->cwriter, off, size);
	case GITS_CREADR:
		return half(its->creadr, off, size);
	}
	return 0;	/* GITS_BASER<n>: no table of any type; the rest RAZ/WI */
}

static int vits_access(struct vcpu *v, void *priv, uint64_t off, unsigned int size, bool write,
		       uint64_t *val)
{
	struct domain *d = v->dom;
	struct vits_out o = { .note.kind = -1 };
	uint64_t r = 0;
	unsigned int i;

	spin_lock(&d->arch.vgic.lock);
	if (off >= GITS_TRANSLATER - 4 && off < GITS_TRANSLATER + 4) {
		/* Only a function's own message carries a DeviceID. */
		note(&o, NOTE_ITS_DOORBELL, write ? "write" : "read",
		     "vITS: CPU %s of GITS_TRANSLATER ignored", 0, 0, 0);
	} else if (off < GITS_TRANSLATER) {
		r = its_regs(d, off, size, write, *val, &o);
		/* Commands run on CWRITER writes and CREADR reads (polling). */
		if ((off & ~7ull) == GITS_CWRITER || (off & ~7ull) == GITS_CREADR ||
		    off == GITS_CTLR) {
			run_queue(d, &o);
			if (!write && (off & ~7ull) == GITS_CREADR)
				r = half(d->arch.vgic.its.creadr, off, size);
		}
	}
	spin_unlock(&d->arch.vgic.lock);
	if (o.note.kind >= 0)
		domain_note_once(d, o.note.kind, o.note.fmt, o.note.what, o.note.a, o.note.b,
				 o.note.c);
	for (i = 0; i < d->nr_vcpus; i++)
		if ((o.kicks & (1u << i)) && i != v->id)
			arch_kick(d->vcpus[i].pcpu);
	if (!write)
		*val = r;
	return 0;
}

/* ---- messages ---- */

bool virq_msi(struct domain *d, uint32_t vdevid, uint64_t addr, uint32_t data)
{
	struct vits *its = &d->arch.vgic.its;
	struct vits_out o = { .note.kind = -1 };
	int dev, slot = -1;
	unsigned int i;

	if (addr != GUEST_GITS_DOORBELL)
		return false;
	spin_lock(&d->arch.vgic.lock);
	dev = dev_of(its, vdevid);
	if (its->enabled && dev >= 0 && its->dev[dev].mapped)
		slot = ite_of(its, dev, data);
	if (slot >= 0)
		lpi_pend(d, slot, &o);
	spin_unlock(&d->arch.vgic.lock);
	for (i = 0; i < d->nr_vcpus; i++)
		if (o.kicks & (1u << i))
			arch_kick(d->vcpus[i].pcpu);
	return slot >= 0;
}

int virq_msi_init(struct domain *d)
{
	struct mmio_region r = {
		.base = GUEST_GITS_BASE, .size = GUEST_GITS_SIZE,
		.name = "vITS", .access = vits_access,
	};
	struct vits *its = &d->arch.vgic.its;
	struct vits_dev devs[VITS_MAX_DEVS];
	unsigned int slot, n = 0;

	_Static_assert(MAX_VCPUS <= VITS_NR_COLL, "a collection per vCPU");
	/* A GICv2 has no ITS to model, and GICv2m is not emulated: the
	 * functions' MSI stays hidden (no host ITS either), INTx only. */
	if (d->arch.vgic.v2)
		return 0;
	/* Bus 0, function 0 of each slot: the guest's requester ids. */
	for (slot = 0; slot < 32 && n < VITS_MAX_DEVS; slot++) {
		unsigned int nvec = pci_msi_vectors(d, slot << 3);

		if (nvec)
			devs[n++] = (struct vits_dev){ .devid = slot << 3, .nvec = nvec };
	}
	spin_lock(&d->arch.vgic.lock);
	its->present = true;
	its->nr_dev = n;
	for (slot = 0; slot < n; slot++)
		its->dev[slot] = devs[slot];
	vits_reset(d);
	spin_unlock(&d->arch.vgic.lock);
	return domain_add_mmio(d, &r);
}
