/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Reader/writer spinlock on compiler atomics (runs at EL2 and under
 * ThreadSanitizer in host tests). Writers are preferred: once a writer
 * waits, new readers hold back, so a stream of config reads cannot
 * starve a command-register write. There is no read-to-write upgrade
 * (VPCI-4): a reader that needs to write drops the lock and starts over.
 */
#ifndef TESSERA_LIB_RWLOCK_H
#define TESSERA_LIB_RWLOCK_H

#include "spinlock.h"

#define RW_WRITER	(1u << 31)

typedef struct {
	uint32_t state;		/* RW_WRITER, or the number of readers */
	uint32_t writers_waiting;
} rwlock_t;

static inline void rwlock_init(rwlock_t *l)
{
	__atomic_store_n(&l->state, 0, __ATOMIC_RELAXED);
	__atomic_store_n(&l->writers_waiting, 0, __ATOMIC_RELAXED);
}

static inline void read_lock(rwlock_t *l)
{
	for (;;) {
		while (__atomic_load_n(&l->writers_waiting, __ATOMIC_RELAXED) ||
		       (__atomic_load_n(&l->state, __ATOMIC_RELAXED) & RW_WRITER))
			cpu_relax();
		if (!(__atomic_fetch_add(&l->state, 1, __ATOMIC_ACQUIRE) & RW_WRITER))
			return;
		__atomic_fetch_sub(&l->state, 1, __ATOMIC_RELAXED);
	}
}

static inline void read_unlock(rwlock_t *l)
{
	__atomic_fetch_sub(&l->state, 1, __ATOMIC_RELEASE);
}

static inline void write_lock(rwlock_t *l)
{
	uint32_t free_state;

	__atomic_fetch_add(&l->writers_waiting, 1, __ATOMIC_RELAXED);
	for (;;) {
		free_state = 0;
		if (__atomic_compare_exchange_n(&l->state, &free_state, RW_WRITER, false,
						__ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
			break;
		cpu_relax();
	}
	__atomic_fetch_sub(&l->writers_waiting, 1, __ATOMIC_RELAXED);
}

static inline void write_unlock(rwlock_t *l)
{
	__atomic_fetch_and(&l->state, ~RW_WRITER, __ATOMIC_RELEASE);
}

static inline bool rw_is_write_locked(rwlock_t *l)
{
	return __atomic_load_n(&l->state, __ATOMIC_RELAXED) & RW_WRITER;
}

#endif
