/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A thread-safe vPCI environment for the concurrency tests: model host
 * functions (pci_model.h), a stage-2 stand-in that counts overlapping
 * or unmatched mappings instead of asserting (cmocka is not thread
 * safe), and malloc/free so that the sanitizers see every lifetime.
 */
#ifndef TESSERA_TEST_VPCI_ENV_H
#define TESSERA_TEST_VPCI_ENV_H

#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <time.h>

#include "pci_model.h"
#include "vpci.h"

#define S2_SLOTS 256

struct s2_stub {
	pthread_mutex_t lock;		/* the stage-2 lock of a real domain */
	struct { uint64_t gpa, size; } e[S2_SLOTS];
	int n;
	int overlaps, missing, full;	/* problems seen */
};

static inline int s2_map(void *ctx, uint64_t gpa, uint64_t hpa, uint64_t size)
{
	struct s2_stub *s = ctx;
	int i;

	pthread_mutex_lock(&s->lock);
	for (i = 0; i < s->n; i++)
		if (gpa < s->e[i].gpa + s->e[i].size && s->e[i].gpa < gpa + size)
			s->overlaps++;
	if (s->n < S2_SLOTS) {
		s->e[s->n].gpa = gpa;
		s->e[s->n++].size = size;
	} else {
		s->full++;
	}
	pthread_mutex_unlock(&s->lock);
	return 0;
}

static inline void s2_unmap(void *ctx, uint64_t gpa, uint64_t size)
{
	struct s2_stub *s = ctx;
	int i, found = 0;

	pthread_mutex_lock(&s->lock);
	for (i = 0; i < s->n; i++)
		if (s->e[i].gpa == gpa && s->e[i].size == size) {
			s->e[i] = s->e[--s->n];
			found = 1;
			break;
		}
	if (!found)
		s->missing++;
	pthread_mutex_unlock(&s->lock);
}

/* Stage 2 for tests that do not look at it. */
static inline int s2_ignore_map(void *ctx, uint64_t gpa, uint64_t hpa, uint64_t size)
{
	return 0;
}

static inline void s2_ignore_unmap(void *ctx, uint64_t gpa, uint64_t size)
{
}

static inline void *heap_alloc(void *ctx, size_t size)
{
	return calloc(1, size);
}

static inline void heap_free(void *ctx, void *p)
{
	free(p);
}

/*
 * One access held inside a handler until another has returned (VPCI-6,
 * VPCI-9): the held thread sets entered and waits for other_done. Were
 * the two serialised, the other could not return and the held one waits
 * in vain: after HOLD_MAX_S it gives up and sets gave_up, which the test
 * asserts is not set.
 */
#define HOLD_MAX_S	5

struct hold {
	int entered, other_done, gave_up;
};

static inline void hold_here(struct hold *h)
{
	struct timespec t0, t;

	__atomic_store_n(&h->entered, 1, __ATOMIC_RELEASE);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (!__atomic_load_n(&h->other_done, __ATOMIC_ACQUIRE)) {
		clock_gettime(CLOCK_MONOTONIC, &t);
		if (t.tv_sec - t0.tv_sec >= HOLD_MAX_S) {
			__atomic_store_n(&h->gave_up, 1, __ATOMIC_RELEASE);
			break;
		}
		sched_yield();
	}
}

/* A function with one 128 KiB mem32 BAR and a 256 KiB ROM. */
static inline struct model_fn *add_plain_fn(struct model *m, uint32_t sbdf)
{
	struct model_fn *f = model_add(m, sbdf, 0x8086, 0x10d3, 0x020000);

	model_bar(f, 0, 0x10000000 + (sbdf << 20), 0x20000, 0);
	model_rom(f, 0x10080000 + (sbdf << 20), 0x40000);
	return f;
}

#endif
