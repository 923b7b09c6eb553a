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
 * Locking: reg->lock protects every entry; it is held only inside these
 * functions and never across slow work (OWN-5). No allocation anywhere.
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
	uint32_t gen;		/* bumped at every state change (VPCI-7) */
};

struct owner_registry {
	spinlock_t lock;
	unsigned int nr;
	struct owner_entry e[OWNER_MAX];
};

void owner_init(struct owner_registry *reg);
/* On -OWN_EEXIST / -OWN_EVSBDF, *clash (if given) is the other owner. */
int owner_reserve(struct owner_registry *reg, uint32_t sbdf, uint16_t owner, uint32_t vsbdf,
		  uint16_t *clash);
int owner_activate(struct owner_registry *reg, uint32_t sbdf);
int owner_undo(struct owner_registry *reg, uint32_t sbdf);
/* 0 and *owner if ACTIVE; -OWN_EBUSY; -OWN_ENOENT. */
int owner_lookup(struct owner_registry *reg, uint32_t sbdf, uint16_t *owner);
int owner_remove_begin(struct owner_registry *reg, uint32_t sbdf);
int owner_remove_end(struct owner_registry *reg, uint32_t sbdf);

#endif
