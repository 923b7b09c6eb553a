// SPDX-License-Identifier: GPL-2.0-only
#include "owner.h"

#include <stddef.h>

#include "lib/fault.h"
#include "lib/lockorder.h"

void owner_init(struct owner_registry *reg)
{
	spin_lock_init(&reg->lock);
	reg->gen = 0;
	reg->nr = 0;
}

/* The registry lock is the outermost of all (docs/locking.md). */
static void reg_lock(struct owner_registry *reg)
{
	lock_order_take(LOCK_PDEV_LIST);
	spin_lock(&reg->lock);
}

static void reg_unlock(struct owner_registry *reg)
{
	spin_unlock(&reg->lock);
	lock_order_drop(LOCK_PDEV_LIST);
}

/* Caller holds reg->lock. */
static struct owner_entry *find(struct owner_registry *reg, uint32_t sbdf)
{
	unsigned int i;

	for (i = 0; i < reg->nr; i++)
		if (reg->e[i].sbdf == sbdf && reg->e[i].state != OWN_FREE)
			return &reg->e[i];
	return NULL;
}

static struct owner_entry *free_slot(struct owner_registry *reg)
{
	unsigned int i;

	for (i = 0; i < reg->nr; i++)
		if (reg->e[i].state == OWN_FREE)
			return &reg->e[i];
	return reg->nr < OWNER_MAX ? &reg->e[reg->nr++] : NULL;
}

/* Caller holds reg->lock. Every state change gets a generation of its own. */
static void set_state(struct owner_registry *reg, struct owner_entry *e, uint8_t state)
{
	e->state = state;
	e->gen = ++reg->gen;
}

int owner_reserve(struct owner_registry *reg, uint32_t sbdf, uint16_t owner, uint32_t vsbdf,
		  uint16_t *clash, uint32_t *gen)
{
	struct owner_entry *e;
	unsigned int i;
	int ret = 0;

	reg_lock(reg);
	e = find(reg, sbdf);
	if (e) {
		/* Taken, or being assigned: a second owner is refused. Being
		 * torn down: the name is free soon, so retry. */
		ret = e->state == OWN_TEARDOWN ? -OWN_EBUSY : -OWN_EEXIST;
		if (clash)
			*clash = e->owner;
		goto out;
	}
	for (i = 0; vsbdf != VSBDF_NONE && i < reg->nr; i++)
		if (reg->e[i].state != OWN_FREE && reg->e[i].owner == owner &&
		    reg->e[i].vsbdf == vsbdf) {
			ret = -OWN_EVSBDF;
			if (clash)
				*clash = owner;
			goto out;
		}
	e = fault_fail() ? NULL : free_slot(reg);
	if (!e) {
		ret = -OWN_ENOSPC;
		goto out;
	}
	e->sbdf = sbdf;
	e->vsbdf = vsbdf;
	e->owner = owner;
	set_state(reg, e, OWN_RESERVED);
	*gen = e->gen;
out:
	reg_unlock(reg);
	return ret;
}

/*
 * Move sbdf's entry from state `from` to `to`. With gen, only if the
 * entry is still at that generation: the lock was dropped since the step
 * that handed it out, and the same name may now be someone else's entry
 * (VPCI-7). With new_gen, the generation of the new state.
 */
static int transition(struct owner_registry *reg, uint32_t sbdf, const uint32_t *gen,
		      uint8_t from, uint8_t to, uint32_t *new_gen)
{
	struct owner_entry *e;
	int ret = 0;

	reg_lock(reg);
	e = find(reg, sbdf);
	if (!e)
		ret = -OWN_ENOENT;
	else if (gen && e->gen != *gen)
		ret = -OWN_ESTATE;
	else if (e->state != from)
		ret = e->state == OWN_ACTIVE ? -OWN_ESTATE : -OWN_EBUSY;
	else {
		set_state(reg, e, to);
		if (new_gen)
			*new_gen = e->gen;
	}
	reg_unlock(reg);
	return ret;
}

int owner_activate(struct owner_registry *reg, uint32_t sbdf, uint32_t gen)
{
	return transition(reg, sbdf, &gen, OWN_RESERVED, OWN_ACTIVE, NULL);
}

int owner_undo(struct owner_registry *reg, uint32_t sbdf, uint32_t gen)
{
	return transition(reg, sbdf, &gen, OWN_RESERVED, OWN_FREE, NULL);
}

int owner_remove_begin(struct owner_registry *reg, uint32_t sbdf, uint32_t *gen)
{
	return transition(reg, sbdf, NULL, OWN_ACTIVE, OWN_TEARDOWN, gen);
}

int owner_remove_end(struct owner_registry *reg, uint32_t sbdf, uint32_t gen)
{
	return transition(reg, sbdf, &gen, OWN_TEARDOWN, OWN_FREE, NULL);
}

int owner_lookup(struct owner_registry *reg, uint32_t sbdf, uint16_t *owner)
{
	struct owner_entry *e;
	int ret = 0;

	reg_lock(reg);
	e = find(reg, sbdf);
	if (!e)
		ret = -OWN_ENOENT;
	else if (e->state != OWN_ACTIVE)
		ret = -OWN_EBUSY;
	else
		*owner = e->owner;
	reg_unlock(reg);
	return ret;
}
