/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Virtual GICv3 for guests: an emulated distributor and one emulated
 * redistributor per vCPU (MMIO traps), and the CPU interface through the
 * hardware's list registers (ICH_LR<n>_EL2). Guest register layout is
 * Xen's arm64 guest layout, so guest trees match Xen's.
 *
 * Isolation: all state is per domain or per vCPU; a guest's SGIs can
 * only name its own vCPUs and its distributor only its own interrupts.
 */
#ifndef TESSERA_ARM64_VGIC_H
#define TESSERA_ARM64_VGIC_H

#include <stdbool.h>
#include <stdint.h>

#include "lib/spinlock.h"

#define GUEST_GICD_BASE		0x03001000ull
#define GUEST_GICD_SIZE		0x10000ull
#define GUEST_GICR_BASE		0x03020000ull
#define GUEST_GICR_STRIDE	0x20000ull	/* RD_base + SGI_base */

#define VGIC_NR_PRIVATE		32
#define VGIC_NR_SPIS		32	/* INTIDs 32..63 */
#define VGIC_NR_IRQS		(VGIC_NR_PRIVATE + VGIC_NR_SPIS)
#define VGIC_MAX_LRS		16

/* Interrupts the hypervisor itself raises in guests. */
#define VIRQ_VTIMER		27	/* virtual timer PPI, linked to the physical one */
#define VIRQ_VPL011		32	/* SPI 0 (Xen's GUEST_VPL011_SPI) */

struct vgic_irq {
	uint8_t priority;
	bool enabled;
	bool pending;		/* latched: edge, SGI, or set by ISPENDR */
	bool line;		/* level-sensitive input is high */
	bool active;
	bool edge;		/* ICFGR: edge-triggered */
	bool group1;
	bool hw;		/* linked to the same physical INTID */
	int8_t lr;		/* list register holding it, or -1 */
	uint8_t target;		/* SPIs: vCPU from IROUTER */
	uint16_t host_spi;	/* physical SPI driving line (PCI INTx), or 0 */
};

struct vcpu;
struct domain;

/*
 * Candidates: a bit per INTID that may be deliverable (pending, or a
 * level line high), set under the vgic lock wherever that becomes true
 * and cleared lazily by vgic_flush(), which looks at nothing else. So a
 * trap with nothing to deliver touches no interrupt state (make bench).
 */
struct vgic_cpu {
	struct vgic_irq priv[VGIC_NR_PRIVATE];	/* under the domain's vgic lock */
	uint32_t candidates;			/* SGIs and PPIs, see above */
	bool asleep;				/* GICR_WAKER.ProcessorSleep */
	int8_t lr_irq[VGIC_MAX_LRS];		/* INTID in each LR, or -1 */
	uint16_t lr_used;			/* bit per LR holding an INTID */
	uint32_t hcr;				/* last ICH_HCR_EL2 written */
};

struct vgic {
	spinlock_t lock;	/* every vgic_irq of the domain and its vCPUs */
	uint32_t ctlr;		/* GICD_CTLR group enables */
	uint32_t spi_candidates;	/* as vgic_cpu.candidates, for SPIs */
	struct vgic_irq spi[VGIC_NR_SPIS];
};

int vgic_domain_init(struct domain *d);
/* The calling CPU's GIC interface, before entering v for the first time. */
void vgic_vcpu_reset(struct vcpu *v);
/* Around each stay in the hypervisor: read back / refill list registers. */
void vgic_sync(struct vcpu *v);
void vgic_flush(struct vcpu *v);
/* Raise an edge interrupt (SGI, PPI) on target. */
void vgic_inject(struct vcpu *target, unsigned int intid);
/* Set a level-sensitive SPI's input line. */
void vgic_set_level(struct domain *d, unsigned int intid, bool level);
/*
 * Drive a level SPI from a physical SPI (a PCI function's INTx): the
 * physical one is masked while the guest handles the virtual one and
 * unmasked when the guest completes it, so a line still asserted fires
 * again. vgic_host_spi_fired() is called with the physical one masked.
 */
void vgic_bind_host_spi(struct domain *d, unsigned int intid, unsigned int host_spi);
void vgic_host_spi_fired(struct domain *d, unsigned int intid);
/* Forget the line state of every SPI (guest reset). */
void vgic_reset_spis(struct domain *d);
/* The guest wrote ICC_SGI1R_EL1 (trapped). */
void vgic_sgi1r(struct vcpu *v, uint64_t val);
/* The physical virtual-timer interrupt fired on this CPU. */
void vgic_vtimer_fired(struct vcpu *v);

#endif
