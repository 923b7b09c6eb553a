/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * arm64: what a domain and a vCPU carry for the architecture (embedded
 * in struct domain and struct vcpu, kernel/domain.h): the virtual GIC
 * state (GICv3 or GICv2) and the guest register frame. Only arch code looks inside.
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
/*
 * vLPIs (guests with a vITS): at most VGIC_NR_LPIS are mapped at once
 * per domain, whatever INTIDs in GUEST_LPI_BASE.. they have. A MAPTI or
 * MAPI beyond that is dropped and said once (docs/security.md, "vITS");
 * Linux maps one per vector, so this is 64 vectors over all of a guest's
 * functions. Internally an LPI is index VGIC_NR_IRQS + its slot.
 */
#define VGIC_NR_LPIS		64
#define VGIC_LPI_IDX(slot)	(VGIC_NR_IRQS + (slot))
#define VGIC_NO_TARGET		0xff	/* an LPI whose collection is unmapped */
#define VITS_MAX_DEVS		8	/* = MAX_GUEST_PCI (kernel/pci_plan.h) */
#define VITS_NR_COLL		8	/* = MAX_VCPUS: GITS_TYPER.HCC, no collection table */

struct vgic_irq {
	uint8_t priority;
	bool enabled;
	bool pending;		/* latched: edge, SGI, or set by ISPENDR */
	bool line;		/* level-sensitive input is high */
	bool active;
	bool edge;		/* ICFGR: edge-triggered */
	bool group1;
	bool hw;		/* linked to the same physical INTID */
	bool withdraw;		/* LPIs: CLEARed or DISCARDed while in a list
				 * register: take it back if not yet taken */
	int8_t lr;		/* list register holding it, or -1 */
	uint8_t target;		/* SPIs: vCPU from IROUTER; LPIs: collection's */
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
	int16_t lr_irq[VGIC_MAX_LRS];		/* index (INTID, or LPI slot) in each LR, or -1 */
	uint16_t lr_used;			/* bit per LR holding an INTID */
	uint32_t hcr;				/* last ICH_HCR_EL2 written */
	/* Its redistributor's LPI registers (guests with a vITS). */
	bool lpis_enabled;			/* GICR_CTLR.EnableLPIs */
	uint64_t propbaser, pendbaser;		/* as the guest wrote them */
};

/*
 * The guest's virtual ITS (vits.c), under the vgic lock like the LPIs
 * it maps. Its interrupt translation tables live here, not in guest
 * memory: the guest names an ITT address in MAPD, but nothing is read
 * from or written to it.
 */
struct vits_dev {
	uint16_t devid;		/* virtual requester id */
	uint16_t nvec;		/* events its function can send (pci_msi_vectors) */
	bool mapped;		/* by MAPD V=1 */
	uint8_t ev_bits;	/* MAPD's ITT size: event ids below 1 << ev_bits */
};

struct vits_ite {		/* slot n maps to vgic.lpi[n] */
	uint16_t intid;		/* vLPI, or 0: slot free */
	uint8_t dev;		/* index in vits.dev[] */
	uint8_t icid;		/* collection */
	uint16_t event;
};

struct vits {
	bool present;		/* the guest owns PCI functions */
	bool enabled;		/* GITS_CTLR.Enabled */
	uint64_t cbaser, cwriter, creadr;
	unsigned int nr_dev;
	struct vits_dev dev[VITS_MAX_DEVS];
	uint8_t coll[VITS_NR_COLL];	/* collection -> vCPU, or VGIC_NO_TARGET */
	struct vits_ite ite[VGIC_NR_LPIS];
};

struct vgic {
	spinlock_t lock;	/* every vgic_irq of the domain and its vCPUs */
	bool v2;		/* a GICv2 (no redistributors, no vITS); set at init */
	uint32_t ctlr;		/* GICD_CTLR group enables */
	uint32_t spi_candidates;	/* as vgic_cpu.candidates, for SPIs */
	uint64_t lpi_candidates;	/* the same, a bit per LPI slot */
	struct vgic_irq spi[VGIC_NR_SPIS];
	struct vgic_irq lpi[VGIC_NR_LPIS];	/* edge, group 1, never active */
	struct vits its;
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
