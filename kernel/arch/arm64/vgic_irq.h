/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The vGIC's interrupt state as both halves use it: the emulated
 * distributor and redistributors (vgic.c for a GICv3, vgic_v2.c for a
 * GICv2; host-compilable) and the list registers (vgic_lr.c, EL2 only).
 * Private to kernel/arch/arm64/.
 */
#ifndef TESSERA_ARM64_VGIC_IRQ_H
#define TESSERA_ARM64_VGIC_IRQ_H

#include "domain.h"
#include "lib/string.h"

#define TESSERA_IIDR	0x00000054	/* implementer 'T', both versions */

/*
 * The distributor registers GICv3 and GICv2 lay out alike (IGROUPR to
 * ICACTIVER, IPRIORITYR, ICFGR) at offset off, for INTIDs in [first,
 * first + count) as vCPU v sees them; the rest reads as zero and
 * ignores writes. *val is the value written, or gets the value read
 * (zero it first). Vgic lock held.
 */
void vgic_irq_regs(struct domain *d, struct vcpu *v, unsigned int first, unsigned int count,
		   uint64_t off, unsigned int size, bool write, uint64_t *val);
/* Kick d's vCPUs but self: a write may have made something deliverable. */
void vgic_kick_others(struct domain *d, struct vcpu *self);

/* The interrupt intid as seen by vCPU v (private ones are per vCPU). */
static inline struct vgic_irq *irq_of(struct domain *d, struct vcpu *v, unsigned int intid)
{
	if (intid < VGIC_NR_PRIVATE)
		return v ? &v->arch.vgic.priv[intid] : NULL;
	if (intid < VGIC_NR_IRQS)
		return &d->arch.vgic.spi[intid - VGIC_NR_PRIVATE];
	return NULL;
}

/* By index: an INTID below VGIC_NR_IRQS, or VGIC_LPI_IDX(slot) (what
 * candidates and lr_irq hold). */
static inline struct vgic_irq *irq_at(struct domain *d, struct vcpu *v, unsigned int idx)
{
	if (idx >= VGIC_NR_IRQS)
		return &d->arch.vgic.lpi[idx - VGIC_NR_IRQS];
	return irq_of(d, v, idx);
}

/* Index idx may be deliverable now: vgic_flush() is to look at it. Vgic lock held. */
static inline void mark_candidate(struct domain *d, struct vcpu *v, unsigned int idx)
{
	if (idx < VGIC_NR_PRIVATE)
		v->arch.vgic.candidates |= 1u << idx;
	else if (idx < VGIC_NR_IRQS)
		d->arch.vgic.spi_candidates |= 1u << (idx - VGIC_NR_PRIVATE);
	else if (idx < VGIC_LPI_IDX(VGIC_NR_LPIS))
		d->arch.vgic.lpi_candidates |= 1ull << (idx - VGIC_NR_IRQS);
}

static inline void irq_reset(struct vgic_irq *irq, bool edge)
{
	memset(irq, 0, sizeof(*irq));
	irq->edge = edge;
	irq->lr = -1;
}

/*
 * Candidates are cleared lazily (struct vgic_cpu): intid stops being one
 * once it is neither pending nor a level line that is high. True if it
 * was dropped. Vgic lock held.
 */
static inline bool drop_idle_candidate(struct domain *d, struct vcpu *v, unsigned int idx,
				       const struct vgic_irq *irq)
{
	if (irq->pending || irq->withdraw || (!irq->edge && irq->line))
		return false;
	if (idx < VGIC_NR_PRIVATE)
		v->arch.vgic.candidates &= ~(1u << idx);
	else if (idx < VGIC_NR_IRQS)
		d->arch.vgic.spi_candidates &= ~(1u << (idx - VGIC_NR_PRIVATE));
	else
		d->arch.vgic.lpi_candidates &= ~(1ull << (idx - VGIC_NR_IRQS));
	return true;
}

/* The LPI slot's INTID as the guest sees it (0: free). Vgic lock held. */
static inline unsigned int lpi_intid(const struct domain *d, unsigned int slot)
{
	return d->arch.vgic.its.ite[slot].intid;
}

#endif
