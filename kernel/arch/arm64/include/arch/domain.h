/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * arm64: what a domain and a vCPU carry for the architecture (embedded
 * in struct domain and struct vcpu, kernel/domain.h): the virtual GICv3
 * state and the guest register frame. Only arch code looks inside.
 */
#ifndef TESSERA_ARCH_DOMAIN_H
#define TESSERA_ARCH_DOMAIN_H

#include <stdbool.h>
#include <stdint.h>

#include "arch/cpu.h"
#include "lib/spinlock.h"

#define VGIC_NR_PRIVATE		32
#define VGIC_NR_SPIS		32	/* INTIDs 32..63 */
#define VGIC_NR_IRQS		(VGIC_NR_PRIVATE + VGIC_NR_SPIS)
#define VGIC_MAX_LRS		16

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

struct domain_arch {
	struct vgic vgic;
	uint64_t vtcr, vttbr;	/* stage 2 of this domain, as loaded */
};

struct vcpu_arch {
	struct cpu_regs regs;
	struct vgic_cpu vgic;
};

#endif
