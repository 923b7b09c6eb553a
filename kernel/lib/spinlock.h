/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Ticket spinlock on compiler atomics, so the same code runs at EL2 and
 * in host tests (where ThreadSanitizer understands it). Fair: CPUs get
 * the lock in arrival order. Never allocate while holding one (VPCI-8).
 */
#ifndef TESSERA_LIB_SPINLOCK_H
#define TESSERA_LIB_SPINLOCK_H

#include <stdbool.h>
#include <stdint.h>

typedef struct {
	uint32_t next;
	uint32_t owner;
} spinlock_t;

#define SPINLOCK_INIT	{ 0, 0 }

static inline void cpu_relax(void)
{
#if defined(__aarch64__)
	asm volatile("yield" ::: "memory");
#elif defined(__x86_64__)
	asm volatile("pause" ::: "memory");
#endif
}

static inline void spin_lock_init(spinlock_t *l)
{
	__atomic_store_n(&l->next, 0, __ATOMIC_RELAXED);
	__atomic_store_n(&l->owner, 0, __ATOMIC_RELAXED);
}

static inline void spin_lock(spinlock_t *l)
{
	uint32_t t = __atomic_fetch_add(&l->next, 1, __ATOMIC_RELAXED);

	while (__atomic_load_n(&l->owner, __ATOMIC_ACQUIRE) != t)
		cpu_relax();
}

static inline void spin_unlock(spinlock_t *l)
{
	__atomic_store_n(&l->owner, l->owner + 1, __ATOMIC_RELEASE);
}

static inline bool spin_is_locked(spinlock_t *l)
{
	return __atomic_load_n(&l->owner, __ATOMIC_RELAXED) !=
	       __atomic_load_n(&l->next, __ATOMIC_RELAXED);
}

#endif
