/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Who owns each PCI function: one guest, dom_xen (kept by the
 * hypervisor) or dom_io (quarantined). docs/requirements.md OWN-1..OWN-5.
 *
 * Assignment is three steps so that the slow work (IOMMU context, BAR
 * mapping, vPCI state) runs without the registry lock:
 *   owner_reserve()   name taken, state RESERVED     (short lock)
 *   ... slow work ...
 *   owner_activate()  or owner_undo() on failure     (short lock)
 * Removal likewise: owner_remove_begin() (one caller wins, state
 * TEARDOWN), the slow teardown, owner_remove_end(). A lookup of an entry
 * that is RESERVED or TEARDOWN answers busy, never "not found".
 *
 * The second step re-checks, after the lock was dropped and taken again,
 * that the entry is still the one the first step left, by generation
 * number (VPCI-7): owner_reserve() and owner_remove_begin() hand out the
 * entry's generation, owner_activate(), owner_undo() and
 * owner_remove_end() take it and answer -OWN_ESTATE if the entry has
 * changed meanwhile (undone and reserved again, perhaps by someone else,
 * or in another slot). Generations come from one counter per registry,
 * so no two states of any entry share one.
 *
 * Locking: reg->lock protects every entry and the counter; it is held
 * only inside these functions and never across slow work (OWN-5), and it
 * is the outermost lock (LOCK_PDEV_LIST in lib/lockorder.h, checked on
 * every acquisition). No allocation anywhere.
 */
#ifndef TESSERA_VPCI_OWNER_H
#define TESSERA_VPCI_OWNER_H

#include <stdint.h>

#include "lib/spinlock.h"

#define OWNER_DOM_XEN	0xfff0u
#define OWNER_DOM_IO	0xfff1u
#define OWNER_MAX	1024	/* functions tracked */
#define VSBDF_NONE	0xffffffffu

enum owner_state { OWN_FREE, OWN_RESERVED, OWN_ACTIVE, OWN_TEARDOWN };

#define OWN_EEXIST	1	/* the function already has an owner */
#define OWN_EVSBDF	2	/* the virtual SBDF is taken in that guest */
#define OWN_EBUSY	3	/* being assigned or torn down: retry */
#define OWN_ENOENT	4	/* no such entry */
#define OWN_ENOSPC	5	/* registry full */
#define OWN_ESTATE	6	/* not in the state this step needs */

struct owner_entry {
	uint32_t sbdf;
	uint32_t vsbdf;		/* in the owner guest, or VSBDF_NONE */
	uint16_t owner;		/* domain id, OWNER_DOM_XEN or OWNER_DOM_IO */
	uint8_t state;		/* enum owner_state */
	uint32_t gen;		/* reg->gen at its last state change (VPCI-7) */
};

struct owner_registry {
	spinlock_t lock;
	uint32_t gen;		/* bumped at every state change of any entry */
	unsigned int nr;
	struct owner_entry e[OWNER_MAX];
};

void owner_init(struct owner_registry *reg);
/* On 0, *gen is the reservation's generation. On -OWN_EEXIST /
 * -OWN_EVSBDF, *clash (if given) is the other owner. */
int owner_reserve(struct owner_registry *reg, uint32_t sbdf, uint16_t owner, uint32_t vsbdf,
		  uint16_t *clash, uint32_t *gen);
/* gen: what owner_reserve() gave; -OWN_ESTATE if the entry changed since. */
int owner_activate(struct owner_registry *reg, uint32_t sbdf, uint32_t gen);
int owner_undo(struct owner_registry *reg, uint32_t sbdf, uint32_t gen);
/* 0 and *owner if ACTIVE; -OWN_EBUSY; -OWN_ENOENT. */
int owner_lookup(struct owner_registry *reg, uint32_t sbdf, uint16_t *owner);
/* On 0, *gen is the teardown's generation, for owner_remove_end(). */
int owner_remove_begin(struct owner_registry *reg, uint32_t sbdf, uint32_t *gen);
int owner_remove_end(struct owner_registry *reg, uint32_t sbdf, uint32_t gen);

#endif
