// SPDX-License-Identifier: GPL-2.0-only
/*
 * The vGIC's emulated half: distributor and redistributor registers,
 * SGIs, and the virtual lines of kernel/irq.h. No system register is
 * touched here, so it builds on the host too (fuzz-vgic); the list
 * registers are vgic_lr.c.
 */
#include "vgic.h"

#include "arch.h"
#include "lib/lockorder.h"
#include "vgic_irq.h"
#include "vits.h"

/* Distributor and redistributor registers. */
#define GICD_CTLR	0x0000
#define GICD_TYPER	0x0004
#define GICD_IIDR	0x0008
#define GICD_IGROUPR	0x0080
#define GICD_ISENABLER	0x0100
#define GICD_ICENABLER	0x0180
#define GICD_ISPENDR	0x0200
#define GICD_ICPENDR	0x0280
#define GICD_ISACTIVER	0x0300
#define GICD_ICACTIVER	0x0380
#define GICD_IPRIORITYR	0x0400
#define GICD_ICFGR	0x0c00
#define GICD_IROUTER	0x6000
#define GIC_PIDR2	0xffe8
#define GICD_CTLR_ARE	(1u << 4)
#define GICD_CTLR_DS	(1u << 6)
#define GICR_CTLR	0x0000
#define GICR_IIDR	0x0004
#define GICR_TYPER	0x0008
#define GICR_WAKER	0x0014
#define GICR_PROPBASER	0x0070
#define GICR_PENDBASER	0x0078
#define GICR_SGI_BASE	0x10000
#define GICD_TYPER_LPIS	(1u << 17)
#define GICR_CTLR_LPIS	(1u << 0)	/* EnableLPIs */
#define GICR_TYPER_PLPIS (1u << 0)
#define GICR_PENDBASER_PTZ (1ull << 62)	/* write-only: reads 0 */

#define PIDR2_GICV3	0x30

void virq_inject(struct vcpu *target, unsigned int intid)
{
	struct domain *d = target->dom;

	spin_lock(&d->arch.vgic.lock);
	irq_of(d, target, intid)->pending = true;
	mark_candidate(d, target, intid);
	spin_unlock(&d->arch.vgic.lock);
	arch_kick(target->pcpu);
}

void virq_set_level(struct domain *d, unsigned int intid, bool level)
{
	struct vgic_irq *irq = irq_of(d, NULL, intid);
	bool rise;
	unsigned int target;

	if (!irq)
		return;
	spin_lock(&d->arch.vgic.lock);
	rise = level && !irq->line;
	irq->line = level;
	if (level)
		mark_candidate(d, NULL, intid);
	target = irq->target;
	spin_unlock(&d->arch.vgic.lock);
	if (rise && target < d->nr_vcpus)
		arch_kick(d->vcpus[target].pcpu);
}

void virq_bind_host(struct domain *d, unsigned int intid, unsigned int host_spi)
{
	struct vgic_irq *irq = irq_of(d, NULL, intid);

	spin_lock(&d->arch.vgic.lock);
	irq->host_spi = host_spi;
	irq->edge = false;
	spin_unlock(&d->arch.vgic.lock);
}

void virq_host_fired(struct domain *d, unsigned int intid)
{
	virq_set_level(d, intid, true);
}

void virq_reset_lines(struct domain *d)
{
	unsigned int i;

	spin_lock(&d->arch.vgic.lock);
	d->arch.vgic.ctlr = 0;
	for (i = 0; i < VGIC_NR_SPIS; i++) {
		uint16_t host = d->arch.vgic.spi[i].host_spi;

		irq_reset(&d->arch.vgic.spi[i], false);
		d->arch.vgic.spi[i].host_spi = host;
	}
	vits_reset(d);
	spin_unlock(&d->arch.vgic.lock);
}

void vgic_vtimer_fired(struct vcpu *v)
{
	spin_lock(&v->dom->arch.vgic.lock);
	v->arch.vgic.priv[GUEST_VTIMER_IRQ].pending = true;
	mark_candidate(v->dom, v, GUEST_VTIMER_IRQ);
	spin_unlock(&v->dom->arch.vgic.lock);
}

/* ICC_SGI1R_EL1: only this guest's vCPUs can be named (Aff0 = vCPU id). */
void vgic_sgi1r(struct vcpu *v, uint64_t val)
{
	struct domain *d = v->dom;
	unsigned int intid = (val >> 24) & 0xf, i;
	bool all_others = val & (1ull << 40);
	uint16_t targets = val & 0xffff;

	if (!all_others && (val & (0xffull << 16 | 0xffull << 32 | 0xffull << 48)))
		return;		/* Aff1..3 name no vCPU of ours */
	for (i = 0; i < d->nr_vcpus; i++) {
		if (all_others ? i == v->id : !(targets & (1u << i)))
			continue;
		virq_inject(&d->vcpus[i], intid);
	}
}

/* Register emulation, shared by the distributor (SPIs) and each
 * redistributor's SGI frame (SGIs and PPIs of its vCPU). */

enum bitreg { B_GROUP, B_SENABLE, B_CENABLE, B_SPEND, B_CPEND, B_SACTIVE, B_CACTIVE };

static uint32_t bits_read(struct vgic_irq *irq, enum bitreg r)
{
	switch (r) {
	case B_GROUP: return irq->group1;
	case B_SENABLE: case B_CENABLE: return irq->enabled;
	case B_SPEND: case B_CPEND:
		return irq->pending || irq->lr >= 0 || (!irq->edge && irq->line);
	case B_SACTIVE: case B_CACTIVE: return irq->active;
	}
	return 0;
}

static void bits_write(struct vgic_irq *irq, enum bitreg r, bool set)
{
	switch (r) {
	case B_GROUP: irq->group1 = set; break;
	case B_SENABLE: if (set) irq->enabled = true; break;
	case B_CENABLE: if (set) irq->enabled = false; break;
	case B_SPEND: if (set) irq->pending = true; break;
	case B_CPEND: if (set) irq->pending = false; break;
	/* Active state is the list registers' business: not writable. */
	case B_SACTIVE: case B_CACTIVE: break;
	}
}

static const struct { uint32_t base; enum bitreg r; } bitregs[] = {
	{ GICD_IGROUPR, B_GROUP }, { GICD_ISENABLER, B_SENABLE }, { GICD_ICENABLER, B_CENABLE },
	{ GICD_ISPENDR, B_SPEND }, { GICD_ICPENDR, B_CPEND }, { GICD_ISACTIVER, B_SACTIVE },
	{ GICD_ICACTIVER, B_CACTIVE },
};

/* Registers laid out per INTID: bits, bytes, 2-bit fields (vgic_irq.h). */
void vgic_irq_regs(struct domain *d, struct vcpu *v, unsigned int first, unsigned int count,
		   uint64_t off, unsigned int size, bool write, uint64_t *val)
{
	unsigned int i, k;

	lock_assert(spin_is_locked(&d->arch.vgic.lock));

	for (k = 0; k < sizeof(bitregs) / sizeof(bitregs[0]); k++) {
		uint32_t b = bitregs[k].base;

		if (off < b || off >= b + VGIC_NR_IRQS / 8 || size != 4)
			continue;
		for (i = 0; i < 32; i++) {
			unsigned int intid = (off - b) * 8 + i;
			struct vgic_irq *irq = intid >= first && intid < first + count ?
				irq_of(d, v, intid) : NULL;

			if (!irq)
				continue;
			if (write) {
				bits_write(irq, bitregs[k].r, (*val >> i) & 1);
				if (bitregs[k].r == B_SPEND && ((*val >> i) & 1))
					mark_candidate(d, v, intid);
			} else
				*val |= (uint64_t)bits_read(irq, bitregs[k].r) << i;
		}
		return;
	}
	if (off >= GICD_IPRIORITYR && off + size <= GICD_IPRIORITYR + VGIC_NR_IRQS &&
	    (size == 1 || size == 4)) {
		for (i = 0; i < size; i++) {
			unsigned int intid = off - GICD_IPRIORITYR + i;
			struct vgic_irq *irq = intid >= first && intid < first + count ?
				irq_of(d, v, intid) : NULL;

			if (!irq)
				continue;
			if (write)
				irq->priority = *val >> (8 * i);
			else
				*val |= (uint64_t)irq->priority << (8 * i);
		}
		return;
	}
	if (off >= GICD_ICFGR && off < GICD_ICFGR + VGIC_NR_IRQS / 4 && size == 4) {
		for (i = 0; i < 16; i++) {
			unsigned int intid = (off - GICD_ICFGR) * 4 + i;
			struct vgic_irq *irq = intid >= first && intid < first + count ?
				irq_of(d, v, intid) : NULL;

			if (!irq)
				continue;
			if (write && intid >= 16) {	/* SGIs are always edge */
				irq->edge = (*val >> (2 * i + 1)) & 1;
				/* A high line that is level-triggered now can be
				 * delivered: a candidate again (fuzz-vgic). */
				if (!irq->edge && irq->line)
					mark_candidate(d, v, intid);
			} else if (!write)
				*val |= (uint64_t)irq->edge << (2 * i + 1);
		}
	}
}

void vgic_kick_others(struct domain *d, struct vcpu *self)
{
	unsigned int i;

	for (i = 0; i < d->nr_vcpus; i++)
		if (&d->vcpus[i] != self)
			arch_kick(d->vcpus[i].pcpu);
}

static int gicd_access(struct vcpu *v, void *priv, uint64_t off, unsigned int size,
		       bool write, uint64_t *val)
{
	struct domain *d = v->dom;
	struct vgic *g = &d->arch.vgic;
	uint64_t r = write ? *val : 0;	/* vgic_irq_regs() reads the value from it */

	spin_lock(&g->lock);
	if (off == GICD_CTLR && size == 4) {
		if (write)
			g->ctlr = *val & 3;
		r = g->ctlr | GICD_CTLR_ARE | GICD_CTLR_DS;
	} else if (off == GICD_TYPER && size == 4) {
		/* 10 ID bits; with a vITS, LPIs and their ID bits too. */
		r = g->its.present ? GICD_TYPER_LPIS | (GUEST_LPI_ID_BITS - 1u) << 19 : 9u << 19;
		r |= VGIC_NR_IRQS / 32 - 1;
	} else if (off == GICD_IIDR && size == 4) {
		r = TESSERA_IIDR;
	} else if (off == GIC_PIDR2 && size == 4) {
		r = PIDR2_GICV3;
	} else if (off >= GICD_IROUTER + 8 * VGIC_NR_PRIVATE &&
		   off < GICD_IROUTER + 8 * VGIC_NR_IRQS && (size == 8 || size == 4)) {
		struct vgic_irq *irq = irq_of(d, NULL, (off - GICD_IROUTER) / 8);

		/* Aff0 names a vCPU; 1-of-N routing goes to vCPU 0. */
		if (write && !(off & 4)) {
			uint64_t aff0 = *val & 0xff;

			irq->target = (*val & (1u << 31)) || aff0 >= d->nr_vcpus ? 0 : aff0;
		}
		r = off & 4 ? 0 : irq->target;
	} else {
		vgic_irq_regs(d, NULL, VGIC_NR_PRIVATE, VGIC_NR_SPIS, off, size, write, &r);
	}
	spin_unlock(&g->lock);
	if (write)
		vgic_kick_others(d, v);
	else
		*val = r;
	return 0;
}

/*
 * A 64-bit register read or written whole or by 32-bit halves; bits
 * outside wmask keep their value. The caller checks the offset.
 */
static uint64_t reg64(uint64_t *reg, uint64_t off, unsigned int size, bool write, uint64_t val,
		      uint64_t wmask)
{
	unsigned int shift = off & 4 ? 32 : 0;
	uint64_t field = size == 8 ? ~0ull : 0xffffffffull << shift;

	if (write && (size == 8 || size == 4))
		*reg = (*reg & ~(field & wmask)) | (val << shift & field & wmask);
	return size == 8 ? *reg : size == 4 ? *reg >> shift & 0xffffffff : 0;
}

/* Its LPI registers (with a vITS): the tables are where the guest says;
 * only the property table is read (vits.c); they are fixed while LPIs
 * are enabled, as the architecture allows. */
static uint64_t gicr_lpi_regs(struct domain *d, struct vcpu *rv, uint64_t off, unsigned int size,
			      bool write, uint64_t val)
{
	struct vgic_cpu *c = &rv->arch.vgic;
	bool fixed = c->lpis_enabled || !d->arch.vgic.its.present;
	uint64_t r;

	if ((off & ~7ull) == GICR_PROPBASER)
		return reg64(&c->propbaser, off, size, write && !fixed, val, VGIC_PROPBASER_MASK);
	r = reg64(&c->pendbaser, off, size, write && !fixed, val, VGIC_PENDBASER_MASK);
	c->pendbaser &= ~GICR_PENDBASER_PTZ;
	return r;
}

static int gicr_access(struct vcpu *v, void *priv, uint64_t off, unsigned int size,
		       bool write, uint64_t *val)
{
	struct domain *d = v->dom;
	struct vcpu *rv = &d->vcpus[off / GUEST_GICR_STRIDE];	/* whose frame */
	uint64_t r = write ? *val : 0;	/* vgic_irq_regs() reads the value from it */
	bool lpis = d->arch.vgic.its.present;

	off %= GUEST_GICR_STRIDE;
	spin_lock(&d->arch.vgic.lock);
	if (off == GICR_CTLR && size == 4) {
		/* Pending LPIs stay candidates while they cannot go, so
		 * enabling needs nothing more than the kick below. */
		if (write && lpis)
			rv->arch.vgic.lpis_enabled = *val & GICR_CTLR_LPIS;
		r = rv->arch.vgic.lpis_enabled ? GICR_CTLR_LPIS : 0;
	} else if (off == GICR_TYPER && (size == 8 || size == 4)) {
		r = (uint64_t)rv->id << 32 | rv->id << 8 |
		    (rv->id == d->nr_vcpus - 1 ? 1u << 4 : 0) | (lpis ? GICR_TYPER_PLPIS : 0);
	} else if (off == GICR_TYPER + 4 && size == 4) {
		r = rv->id;
	} else if (off >= GICR_PROPBASER && off < GICR_PENDBASER + 8 &&
		   (size == 8 ? !(off & 7) : size == 4)) {
		r = gicr_lpi_regs(d, rv, off, size, write, *val);
	} else if (off == GICR_IIDR && size == 4) {
		r = TESSERA_IIDR;
	} else if (off == GICR_WAKER && size == 4) {
		if (write)
			rv->arch.vgic.asleep = *val & 2;
		r = rv->arch.vgic.asleep ? 6 : 0;	/* ChildrenAsleep follows */
	} else if (off == GIC_PIDR2 && size == 4) {
		r = PIDR2_GICV3;
	} else if (off >= GICR_SGI_BASE) {
		vgic_irq_regs(d, rv, 0, VGIC_NR_PRIVATE, off - GICR_SGI_BASE, size, write, &r);
	}
	spin_unlock(&d->arch.vgic.lock);
	if (write && rv != v)
		arch_kick(rv->pcpu);
	if (!write)
		*val = r;
	return 0;
}

int vgic_domain_init(struct domain *d)
{
	struct mmio_region gicd = {
		.base = GUEST_GICD_BASE, .size = GUEST_GICD_SIZE,
		.name = "vGIC distributor", .access = gicd_access,
	};
	struct mmio_region gicr = {
		.base = GUEST_GICR_BASE, .size = GUEST_GICR_STRIDE * d->nr_vcpus,
		.name = "vGIC redistributor", .access = gicr_access,
	};
	unsigned int i;

	spin_lock_init(&d->arch.vgic.lock);
	spin_lock(&d->arch.vgic.lock);
	for (i = 0; i < VGIC_NR_SPIS; i++)
		irq_reset(&d->arch.vgic.spi[i], false);
	vits_reset(d);
	spin_unlock(&d->arch.vgic.lock);
	return domain_add_mmio(d, &gicd) || domain_add_mmio(d, &gicr) ? -1 : 0;
}
