/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Virtual GIC for guests, the host's version: a GICv3 (an emulated
 * distributor and one emulated redistributor per vCPU, vgic.c; the CPU
 * interface through ICH_* system registers) or a GICv2 (an emulated
 * distributor, vgic_v2.c; the CPU interface is the hardware's GICV frame).
 * Both over one interrupt state (vgic_irq.h) and one list-register
 * manager (vgic_lr.c). Guest register layout is Xen's arm64 guest
 * layout, so guest trees match Xen's.
 *
 * Isolation: all state is per domain or per vCPU; a guest's SGIs can
 * only name its own vCPUs and its distributor only its own interrupts.
 */
#ifndef TESSERA_ARM64_VGIC_H
#define TESSERA_ARM64_VGIC_H

#include <stdbool.h>
#include <stdint.h>

#include "arch/domain.h"
#include "arch/guest.h"
#include "irq.h"

struct vcpu;
struct domain;

int vgic_domain_init(struct domain *d);
/* The same for a virtual GICv2 (vgic_v2.c): its distributor only; the
 * caller maps the GICV frame at GUEST_GICC_BASE. */
int vgic_v2_domain_init(struct domain *d);
/* The calling CPU's GIC interface, before entering v for the first time. */
void vgic_vcpu_reset(struct vcpu *v);
/* Around each stay in the hypervisor: read back / refill list registers. */
void vgic_sync(struct vcpu *v);
void vgic_flush(struct vcpu *v);
/* The guest wrote ICC_SGI1R_EL1 (trapped). */
void vgic_sgi1r(struct vcpu *v, uint64_t val);
/* The physical virtual-timer interrupt fired on this CPU. */
void vgic_vtimer_fired(struct vcpu *v);

#endif
