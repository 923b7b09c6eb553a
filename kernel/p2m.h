/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A guest's physical-to-machine map (stage 2 on arm64, nested paging on
 * x86): what guest physical addresses reach which host memory, and how.
 * One per domain. The walk is kernel/pgtable.c; the architecture gives
 * the descriptor format (arch/pte.h), the attributes of each mapping
 * type and the TLB flush. An IOMMU that shares the CPU's tables flushes
 * here too (iommu/iommu.h).
 *
 * Locking: p2m->lock (lock level LOCK_P2M, innermost) protects the
 * tables and the page reserve once the guest may run. While the domain
 * is being built, before any of its vCPUs runs, the same calls are made
 * from the boot CPU alone; they take the lock anyway.
 *
 * Table pages: from the pool, or, after p2m_use_reserve(), only from a
 * reserve filled outside every lock (p2m_refill()), so that a map under
 * the vPCI locks never allocates (VPCI-8).
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
 * the tables) can still reach it: the TLBs are flushed (BAR-2). */
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

/* ---- what the architecture provides ---- */

/* Start level of a guest's tables (arm64: 1, for 39-bit IPAs). */
int arch_p2m_start_level(void);
/* Descriptor attribute bits for a mapping of this type. */
uint64_t arch_p2m_attrs(enum p2m_type type);
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
