// SPDX-License-Identifier: GPL-2.0-only
#include "owner.h"

#include <stddef.h>

#include "lib/fault.h"

void owner_init(struct owner_registry *reg)
{
	spin_lock_init(&reg->lock);
	reg->nr = 0;
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

int owner_reserve(struct owner_registry *reg, uint32_t sbdf, uint16_t owner, uint32_t vsbdf,
		  uint16_t *clash)
{
	struct owner_entry *e;
	unsigned int i;
	int ret = 0;

	spin_lock(&reg->lock);
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
	e->state = OWN_RESERVED;
	e->gen++;
out:
	spin_unlock(&reg->lock);
	return ret;
}

/* Move sbdf's entry from state `from` to `to`. */
static int transition(struct owner_registry *reg, uint32_t sbdf, uint8_t from, uint8_t to)
{
	struct owner_entry *e;
	int ret = 0;

	spin_lock(&reg->lock);
	e = find(reg, sbdf);
	if (!e)
		ret = -OWN_ENOENT;
	else if (e->state != from)
		ret = e->state == OWN_ACTIVE ? -OWN_ESTATE : -OWN_EBUSY;
	else {
		e->state = to;
		e->gen++;
	}
	spin_unlock(&reg->lock);
	return ret;
}

int owner_activate(struct owner_registry *reg, uint32_t sbdf)
{
	return transition(reg, sbdf, OWN_RESERVED, OWN_ACTIVE);
}

int owner_undo(struct owner_registry *reg, uint32_t sbdf)
{
	return transition(reg, sbdf, OWN_RESERVED, OWN_FREE);
}

int owner_remove_begin(struct owner_registry *reg, uint32_t sbdf)
{
	return transition(reg, sbdf, OWN_ACTIVE, OWN_TEARDOWN);
}

int owner_remove_end(struct owner_registry *reg, uint32_t sbdf)
{
	return transition(reg, sbdf, OWN_TEARDOWN, OWN_FREE);
}

int owner_lookup(struct owner_registry *reg, uint32_t sbdf, uint16_t *owner)
{
	struct owner_entry *e;
	int ret = 0;

	spin_lock(&reg->lock);
	e = find(reg, sbdf);
	if (!e)
		ret = -OWN_ENOENT;
	else if (e->state != OWN_ACTIVE)
		ret = -OWN_EBUSY;
	else
		*owner = e->owner;
	spin_unlock(&reg->lock);
	return ret;
}
