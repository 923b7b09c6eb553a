// SPDX-License-Identifier: GPL-2.0-only
/*
 * The virtual GICv2 distributor (boards with a GICv2): the register
 * layout of IHI 0048B over the same interrupt state as the GICv3's
 * (vgic_irq.h). The CPU interface is the hardware's GICV frame, mapped
 * by the caller of vgic_v2_domain_init(); the list registers are
 * vgic_lr.c's. No system register is touched here (host-compilable).
 *
 * Isolation as for the GICv3: the banked SGI and PPI registers are the
 * accessing vCPU's own, ITARGETSR names only this domain's vCPUs and
 * GICD_SGIR reaches only them.
 */
#include "vgic.h"

#include "arch.h"
#include "lib/lockorder.h"
#include "vgic_irq.h"

#define GICD_CTLR	0x0000
#define GICD_TYPER	0x0004
#define GICD_IIDR	0x0008
#define GICD_ITARGETSR	0x0800
#define GICD_SGIR	0x0f00
#define GICD_CPENDSGIR	0x0f10
#define GICD_SPENDSGIR	0x0f20
#define GICD_PIDR2	0x0fe8
#define PIDR2_GICV2	0x20		/* ArchRev 2 */
#define SGIR_FILTER(v)	(((v) >> 24) & 3)
#define SGIR_LIST(v)	(((v) >> 16) & 0xff)
#define SGIR_INTID(v)	((v) & 0xf)
#define NR_SGIS		16

/* GICD_SGIR: filter 0 the target list, 1 all but the sender, 2 the
 * sender; only this guest's vCPUs are ever named (bits of vCPUs it
 * lacks are dropped). Takes the vgic lock (virq_inject). */
static void sgir_write(struct vcpu *v, uint32_t val)
{
	struct domain *d = v->dom;
	unsigned int i, filter = SGIR_FILTER(val);

	for (i = 0; i < d->nr_vcpus; i++) {
		bool to = filter == 0 ? SGIR_LIST(val) & (1u << i) :
			  filter == 1 ? i != v->id : filter == 2 && i == v->id;

		if (to)
			virq_inject(&d->vcpus[i], SGIR_INTID(val));
	}
}

/* ITARGETSR, byte n of INTID first + n: SGIs and PPIs read their own
 * vCPU (read-only); an SPI goes to the lowest vCPU of the mask, or to
 * none if the mask names none of this domain's. */
static void targets(struct domain *d, struct vcpu *v, unsigned int first, unsigned int size,
		    bool write, uint64_t *val)
{
	uint32_t mine = (1u << d->nr_vcpus) - 1;
	unsigned int i;

	lock_assert(spin_is_locked(&d->arch.vgic.lock));
	for (i = 0; i < size && first + i < VGIC_NR_IRQS; i++) {
		unsigned int intid = first + i;
		struct vgic_irq *irq = irq_of(d, v, intid);
		uint32_t mask = (*val >> (8 * i)) & 0xff & mine;

		if (intid < VGIC_NR_PRIVATE) {
			if (!write)
				*val |= (uint64_t)(1u << v->id) << (8 * i);
		} else if (write) {
			irq->target = mask ? __builtin_ctz(mask) : VGIC_NO_TARGET;
		} else if (irq->target < d->nr_vcpus) {
			*val |= (uint64_t)(1u << irq->target) << (8 * i);
		}
	}
}

/* SPENDSGIR/CPENDSGIR: a byte per SGI of the accessing vCPU. The source
 * CPU is not kept: a pending SGI reads as sent by vCPU 0. */
static void sgi_pend(struct domain *d, struct vcpu *v, unsigned int sgi, bool set,
		     bool write, uint64_t *val)
{
	unsigned int i;

	lock_assert(spin_is_locked(&d->arch.vgic.lock));

	for (i = 0; i < 4 && sgi + i < NR_SGIS; i++) {
		struct vgic_irq *irq = irq_of(d, v, sgi + i);

		if (!write) {
			*val |= (uint64_t)irq->pending << (8 * i);
		} else if ((*val >> (8 * i)) & 0xff) {
			irq->pending = set;
			if (set)
				mark_candidate(d, v, sgi + i);
		}
	}
}

static void dist_regs(struct vcpu *v, uint64_t off, unsigned int size, bool write, uint64_t *r)
{
	struct domain *d = v->dom;
	struct vgic *g = &d->arch.vgic;

	if (off == GICD_CTLR && size == 4) {
		if (write)
			g->ctlr = *r & 3;
		*r = g->ctlr;
	} else if (off == GICD_TYPER && size == 4) {
		*r = (VGIC_NR_IRQS / 32 - 1) | (d->nr_vcpus - 1) << 5;
	} else if (off == GICD_IIDR && size == 4) {
		*r = TESSERA_IIDR;
	} else if (off == GICD_PIDR2 && size == 4) {
		*r = PIDR2_GICV2;
	} else if (off >= GICD_ITARGETSR && off < GICD_ITARGETSR + 0x400 && (size == 1 || size == 4)) {
		targets(d, v, off - GICD_ITARGETSR, size, write, r);
	} else if (off >= GICD_CPENDSGIR && off < GICD_SPENDSGIR + 0x10 && size == 4) {
		sgi_pend(d, v, (off & 0xc), off >= GICD_SPENDSGIR, write, r);
	} else {
		vgic_irq_regs(d, v, 0, VGIC_NR_IRQS, off, size, write, r);
	}
}

static int gicd_v2_access(struct vcpu *v, void *priv, uint64_t off, unsigned int size,
			  bool write, uint64_t *val)
{
	struct domain *d = v->dom;
	uint64_t r = write ? *val : 0;	/* dist_regs() reads the value from it */

	if (off == GICD_SGIR) {
		if (write && size == 4)
			sgir_write(v, *val);
		else if (!write)
			*val = 0;	/* write-only */
		return 0;
	}
	spin_lock(&d->arch.vgic.lock);
	dist_regs(v, off, size, write, &r);
	if (!write)
		*val = r;
	spin_unlock(&d->arch.vgic.lock);
	if (write)
		vgic_kick_others(d, v);
	return 0;
}

int vgic_v2_domain_init(struct domain *d)
{
	struct mmio_region gicd = {
		.base = GUEST_GICD_BASE, .size = GUEST_GICV2_GICD_SIZE,
		.name = "vGIC distributor", .access = gicd_v2_access,
	};
	unsigned int i;

	spin_lock_init(&d->arch.vgic.lock);
	spin_lock(&d->arch.vgic.lock);
	for (i = 0; i < VGIC_NR_SPIS; i++)
		irq_reset(&d->arch.vgic.spi[i], false);
	d->arch.vgic.v2 = true;
	spin_unlock(&d->arch.vgic.lock);
	return domain_add_mmio(d, &gicd);
}
