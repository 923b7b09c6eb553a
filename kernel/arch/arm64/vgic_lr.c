// SPDX-License-Identifier: GPL-2.0-only
/*
 * The vGIC's CPU-interface half: the hardware list registers, read back
 * after every exit (vgic_sync) and refilled before every entry
 * (vgic_flush), in one layout for both GICs (vgic_lr_hw.h). The emulated
 * distributors and redistributors are vgic.c and vgic_v2.c.
 */
#include "vgic.h"

#include "gic.h"
#include "lib/caps.h"
#include "sysreg.h"
#include "vgic_irq.h"
#include "vgic_lr_hw.h"

/* This CPU's list registers: the host GIC's kind (set on each CPU by
 * vgic_vcpu_reset() before its first entry; the same for all CPUs). */
static const struct vgic_lr_hw *hw;
static unsigned int nr_lrs;

static uint64_t read_lr(unsigned int n)
{
	return hw->read(n);
}

static void write_lr(unsigned int n, uint64_t lr)
{
	hw->write(n, lr);
}

void vgic_vcpu_reset(struct vcpu *v)
{
	struct domain *d = v->dom;
	unsigned int i;

	hw = gic_is_v2() ? &vgic_lr_v2 : &vgic_lr_v3;
	spin_lock(&d->arch.vgic.lock);
	for (i = 0; i < VGIC_NR_PRIVATE; i++)
		irq_reset(&v->arch.vgic.priv[i], i < 16);
	v->arch.vgic.priv[GUEST_VTIMER_IRQ].hw = true;
	v->arch.vgic.asleep = true;
	for (i = 0; i < VGIC_MAX_LRS; i++)
		v->arch.vgic.lr_irq[i] = -1;
	v->arch.vgic.lr_used = 0;
	v->arch.vgic.candidates = 0;
	v->arch.vgic.hcr = LR_HCR_EN;
	v->arch.vgic.lpis_enabled = false;
	v->arch.vgic.propbaser = v->arch.vgic.pendbaser = 0;
	spin_unlock(&d->arch.vgic.lock);
	nr_lrs = hw->reset();
	if (nr_lrs > VGIC_MAX_LRS)
		nr_lrs = VGIC_MAX_LRS;
	/* A timer left running by a previous run must not fire into this one. */
	write_sysreg(cntv_ctl_el0, 0);
	write_sysreg(cntp_ctl_el0, 0);
	gic_deactivate(GUEST_VTIMER_IRQ);
	isb();
}

/* Read back the list registers: what the guest completed is free again. */
void vgic_sync(struct vcpu *v)
{
	struct domain *d = v->dom;
	unsigned int i;

	if (!v->arch.vgic.lr_used)
		return;		/* nothing in flight: the common trap */
	spin_lock(&d->arch.vgic.lock);
	for (i = 0; i < nr_lrs; i++) {
		int idx = v->arch.vgic.lr_irq[i];
		struct vgic_irq *irq;
		uint64_t lr;

		if (idx < 0)
			continue;
		irq = irq_at(d, v, idx);
		lr = read_lr(i);
		irq->active = lr & LR_ACTIVE;
		if (!(lr & LR_STATE_MASK)) {
			if (irq->host_spi) {
				/* Done with it: look at the physical line again. */
				irq->line = false;
				irq_unmask(irq->host_spi);
			}
			irq->lr = -1;
			irq->withdraw = false;
			v->arch.vgic.lr_irq[i] = -1;
			v->arch.vgic.lr_used &= ~(1u << i);
			write_lr(i, 0);	/* also clears its EOI maintenance status */
		}
	}
	spin_unlock(&d->arch.vgic.lock);
}

static bool deliverable(const struct vgic *g, const struct vgic_irq *irq)
{
	return irq->enabled && irq->lr < 0 && (irq->pending || (!irq->edge && irq->line)) &&
	       (g->ctlr & (irq->group1 ? 2u : 1u));
}

static int free_lr(struct vcpu *v)
{
	unsigned int i;

	for (i = 0; i < nr_lrs; i++)
		if (v->arch.vgic.lr_irq[i] < 0)
			return i;
	return -1;
}

/*
 * An LPI the guest CLEARed or DISCARDed (vits.c) leaves the list register
 * of v that holds it if the guest has not taken it yet; the vCPU holding
 * it does this (the LR is its own), the others leave the flag.
 */
static void withdraw_lpi(struct vcpu *v, unsigned int idx, struct vgic_irq *irq)
{
	if (irq->lr < 0) {
		irq->withdraw = false;
		return;
	}
	if (v->arch.vgic.lr_irq[irq->lr] != (int)idx)
		return;
	if ((read_lr(irq->lr) & LR_STATE_MASK) == LR_PENDING) {
		write_lr(irq->lr, 0);
		v->arch.vgic.lr_irq[irq->lr] = -1;
		v->arch.vgic.lr_used &= ~(1u << irq->lr);
		irq->lr = -1;
	}
	irq->withdraw = false;
}

/*
 * Put index idx (an INTID, or an LPI slot) in a free list register if it
 * can go; false if none is free. An LPI goes to its collection's vCPU
 * once that vCPU's redistributor has LPIs enabled; it is edge, so no
 * maintenance interrupt.
 */
static bool flush_one(struct vcpu *v, unsigned int idx)
{
	struct domain *d = v->dom;
	struct vgic_irq *irq = irq_at(d, v, idx);
	bool lpi = idx >= VGIC_NR_IRQS;
	uint64_t lr;
	int n;

	if (irq->withdraw)
		withdraw_lpi(v, idx, irq);
	if (drop_idle_candidate(d, v, idx, irq))
		return true;
	if ((idx >= VGIC_NR_PRIVATE && irq->target != v->id) || !deliverable(&d->arch.vgic, irq) ||
	    (lpi && !v->arch.vgic.lpis_enabled))
		return true;
	n = free_lr(v);
	if (n < 0)
		return false;
	lr = LR_PENDING | (uint64_t)irq->priority << LR_PRIO_SHIFT |
	     (lpi ? lpi_intid(d, idx - VGIC_NR_IRQS) : idx);
	if (irq->group1)
		lr |= LR_GROUP1;
	if (irq->hw)
		lr |= LR_HW | (uint64_t)idx << LR_PINTID_SHIFT;
	else if (!irq->edge)
		lr |= LR_EOI;	/* re-check the line when it is done */
	write_lr(n, lr);
	irq->lr = n;
	irq->pending = false;
	v->arch.vgic.lr_irq[n] = idx;
	v->arch.vgic.lr_used |= 1u << n;
	return true;
}

/*
 * Where the GIC's virtual interrupt output reaches no CPU (platform_caps),
 * the guest is interrupted by HCR_EL2.VI instead, held while a list
 * register is pending. The guest's acknowledge leaves none pending; the
 * "no pending" maintenance interrupt it returns (NPIE) brings
 * the CPU back here to drop the line, so the guest is not interrupted
 * again for an interrupt it already has. Returns the HCR bits
 * that takes.
 */
static uint32_t raise_virq(struct vcpu *v)
{
	uint64_t hcr = read_sysreg(hcr_el2);
	bool pending = false;
	unsigned int i;

	for (i = 0; i < nr_lrs && !pending; i++)
		if ((v->arch.vgic.lr_used & (1u << i)) &&
		    (read_lr(i) & LR_STATE_MASK) == LR_PENDING)
			pending = true;
	if (pending != !!(hcr & HCR_VI)) {
		write_sysreg(hcr_el2, pending ? hcr | HCR_VI : hcr & ~HCR_VI);
		isb();
	}
	return pending ? LR_HCR_NPIE : 0;
}

/*
 * Put what is pending for v into free list registers, lowest INTID
 * first. Only candidates are looked at; with none (read without the
 * lock: whoever sets one kicks this CPU afterwards, or it is seen at
 * the next trap, as before) the lock is not taken at all.
 */
void vgic_flush(struct vcpu *v)
{
	struct domain *d = v->dom;
	bool overflow = false;
	uint64_t todo;
	uint32_t hcr;

	if (__atomic_load_n(&v->arch.vgic.candidates, __ATOMIC_RELAXED) ||
	    __atomic_load_n(&d->arch.vgic.spi_candidates, __ATOMIC_RELAXED) ||
	    __atomic_load_n(&d->arch.vgic.lpi_candidates, __ATOMIC_RELAXED)) {
		spin_lock(&d->arch.vgic.lock);
		todo = v->arch.vgic.candidates | (uint64_t)d->arch.vgic.spi_candidates << VGIC_NR_PRIVATE;
		while (todo && !overflow) {
			unsigned int intid = __builtin_ctzll(todo);

			todo &= todo - 1;
			overflow = !flush_one(v, intid);
		}
		/* Then the LPIs, by slot. */
		todo = d->arch.vgic.lpi_candidates;
		while (todo && !overflow) {
			unsigned int slot = __builtin_ctzll(todo);

			todo &= todo - 1;
			overflow = !flush_one(v, VGIC_LPI_IDX(slot));
		}
		spin_unlock(&d->arch.vgic.lock);
	}
	/* Underflow maintenance interrupt: told when list registers free up. */
	hcr = LR_HCR_EN | (overflow ? LR_HCR_UIE : 0);
	if (platform_caps.virq_unwired)
		hcr |= raise_virq(v);
	if (hcr != v->arch.vgic.hcr) {
		v->arch.vgic.hcr = hcr;
		hw->hcr(hcr);
	}
}

