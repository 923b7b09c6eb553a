/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A guest's physical-to-machine map (stage 2 on arm64, nested paging on
 * x86): what guest physical addresses reach which host memory, and how.
 * One per domain. The walk is kernel/pgtable.c; the architecture gives
 * the descriptor format (arch/pte.h), the attributes of each mapping
 * type and the TLB flush. An IOMMU that shares the CPU's tables flushes
 * here too (iommu/iommu.h).
 *
 * The DMA mirror: an IOMMU that cannot walk the CPU's tables (an SMMU
 * with stage 1 only) asks for a second table of the same map in a format
 * it walks (p2m_mirror_enable()); one that can, but must also reach the
 * MSI doorbell, which the CPUs must not, asks for a copy in the CPU's
 * format. From then on p2m_map() and p2m_unmap()
 * change both under p->lock, so a device never reaches what the guest's
 * CPUs cannot; what was mapped before is copied when it is enabled.
 *
 * Locking: p2m->lock (lock level LOCK_P2M, innermost) protects the
 * tables and the page reserve once the guest may run. While the domain
 * is being built, before any of its vCPUs runs, the same calls are made
 * from the boot CPU alone; they take the lock anyway.
 *
 * Table pages: from the pool, or, after p2m_use_reserve(), only from a
 * reserve filled outside every lock (p2m_refill()), so that a map under
 * the vPCI locks never allocates (VPCI-8). The mirror's pages come from
 * the same place.
 */
#ifndef TESSERA_P2M_H
#define TESSERA_P2M_H

#include <stdbool.h>
#include <stdint.h>

#include "lib/spinlock.h"
#include "pgtable.h"

#define P2M_RESERVE_MAX	64	/* table pages kept ready */
#define P2M_RESERVE_LOW	16	/* p2m_refill() tops up below this */

enum p2m_type {
	P2M_RAM,		/* guest RAM: normal memory, read/write/execute */
	P2M_RAM_RO,		/* RAM the guest may read but not write */
	P2M_DEVICE,		/* device registers (BARs): device memory, no execute */
};

struct mm_pool;

struct p2m {
	spinlock_t lock;
	struct pgtable pt;
	bool mirrored;			/* dma mirrors pt */
	bool mirror_cpu_format;		/* dma in pt's own format */
	struct pgtable dma;		/* the DMA mirror, if mirrored */
	struct mm_pool *pool;
	unsigned int vmid;		/* the TLB tag (VMID, ASID) */
	bool from_reserve;		/* tables only from reserve[] */
	unsigned int nr_reserve;
	uint64_t reserve[P2M_RESERVE_MAX];
};

int p2m_init(struct p2m *p, struct mm_pool *pool, unsigned int vmid);
/* Map [gpa, gpa+size) to [hpa, hpa+size) as type, in the largest blocks
 * alignment allows (BAR-6). 0, or -PGT_*; nothing is left mapped on
 * failure. */
int p2m_map(struct p2m *p, uint64_t gpa, uint64_t hpa, uint64_t size, enum p2m_type type);
/* Unmap [gpa, gpa+size); when this returns no CPU (or device sharing
 * the tables or walking the mirror) can still reach it: the TLBs are
 * flushed (BAR-2). On failure the mirror may have lost more than the
 * CPU's tables (never the reverse). */
int p2m_unmap(struct p2m *p, uint64_t gpa, uint64_t size);
/* 0 and the host address gpa reaches, or -1 if it is unmapped. */
int p2m_lookup(struct p2m *p, uint64_t gpa, uint64_t *hpa);
/* From now on take table pages from the reserve only; fill it. */
void p2m_use_reserve(struct p2m *p);
/* Outside every lock: top the reserve up from the pool. */
void p2m_refill(struct p2m *p);
/* The root table's physical address (for the arch's translation
 * registers). */
uint64_t p2m_root(const struct p2m *p);
/* Keep a DMA mirror from now on, holding everything mapped so far; 0 or
 * -PGT_ENOMEM (no mirror then). Idempotent. cpu_format: in the CPU's
 * own descriptor format, for an IOMMU that walks that format but must
 * reach what the CPUs must not (p2m_map_dma_only); otherwise in the
 * format arch_p2m_mirror_attrs() converts to. */
int p2m_mirror_enable(struct p2m *p, bool cpu_format);
/* Map [gpa, gpa+size) to hpa as device memory in the mirror only: the
 * guest's devices reach it, its CPUs never (an MSI doorbell, which a
 * CPU write would reach with a DeviceID nobody chose). 0, -PGT_EINVAL
 * without a mirror, or -PGT_ENOMEM. */
int p2m_map_dma_only(struct p2m *p, uint64_t gpa, uint64_t hpa, uint64_t size);
/* The mirror's root table (physical), for the IOMMU. */
uint64_t p2m_mirror_root(const struct p2m *p);

/* ---- what the architecture provides ---- */

/* Start level of a guest's tables (arm64: 1, for 39-bit IPAs). */
int arch_p2m_start_level(void);
/* Descriptor attribute bits for a mapping of this type. */
uint64_t arch_p2m_attrs(enum p2m_type type);
/* The mirror's attribute bits for a leaf mapped with these
 * (arch_p2m_attrs()) in the CPU's tables. */
uint64_t arch_p2m_mirror_attrs(uint64_t attrs);
/* Invalidate every cached translation of p on every CPU; p->lock held. */
void arch_p2m_flush(struct p2m *p);

/* How the CPU walks every p2m (4 KiB granule), for an IOMMU that walks
 * the same tables. */
struct p2m_walk {
	unsigned int ia_bits;		/* guest physical address bits */
	unsigned int start_level;
	unsigned int pa_bits;		/* output address bits */
};
void arch_p2m_walk(struct p2m_walk *w);

#endif
