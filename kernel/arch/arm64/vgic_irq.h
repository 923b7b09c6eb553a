/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The vGIC's interrupt state as both halves use it: the emulated
 * distributor and redistributors (vgic.c, host-compilable) and the list
 * registers (vgic_lr.c, EL2 only). Private to kernel/arch/arm64/.
 */
#ifndef TESSERA_ARM64_VGIC_IRQ_H
#define TESSERA_ARM64_VGIC_IRQ_H

#include "domain.h"
#include "lib/string.h"

/* The interrupt intid as seen by vCPU v (private ones are per vCPU). */
static inline struct vgic_irq *irq_of(struct domain *d, struct vcpu *v, unsigned int intid)
{
	if (intid < VGIC_NR_PRIVATE)
		return v ? &v->arch.vgic.priv[intid] : NULL;
	if (intid < VGIC_NR_IRQS)
		return &d->arch.vgic.spi[intid - VGIC_NR_PRIVATE];
	return NULL;
}

/* intid may be deliverable now: vgic_flush() is to look at it. Vgic lock held. */
static inline void mark_candidate(struct domain *d, struct vcpu *v, unsigned int intid)
{
	if (intid < VGIC_NR_PRIVATE)
		v->arch.vgic.candidates |= 1u << intid;
	else if (intid < VGIC_NR_IRQS)
		d->arch.vgic.spi_candidates |= 1u << (intid - VGIC_NR_PRIVATE);
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
static inline bool drop_idle_candidate(struct domain *d, struct vcpu *v, unsigned int intid,
				       const struct vgic_irq *irq)
{
	if (irq->pending || (!irq->edge && irq->line))
		return false;
	if (intid < VGIC_NR_PRIVATE)
		v->arch.vgic.candidates &= ~(1u << intid);
	else
		d->arch.vgic.spi_candidates &= ~(1u << (intid - VGIC_NR_PRIVATE));
	return true;
}

#endif
