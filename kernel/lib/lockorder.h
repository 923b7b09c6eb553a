/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Lock-order checking (VPCI-8). Each lock class has a level; a CPU (or
 * a test thread) may only take a lock whose level is above every level
 * it already holds. The documented order (docs/locking.md):
 *
 *   LOCK_PDEV_LIST  <  LOCK_VPCI_DOMAIN  <  LOCK_PDEV  <  LOCK_P2M  <  LOCK_IOMMU
 *   <  LOCK_ITS
 *
 * A violation is a bug in the hypervisor: lock_order_violation() stops
 * the machine (or the test) with the two levels named.
 */
#ifndef TESSERA_LIB_LOCKORDER_H
#define TESSERA_LIB_LOCKORDER_H

#include <stdint.h>

enum lock_level {
	LOCK_PDEV_LIST = 1,	/* the host PCI device list / owner registry */
	LOCK_VPCI_DOMAIN,	/* a domain's vPCI rwlock */
	LOCK_PDEV,		/* one host device's lock */
	LOCK_P2M,		/* a domain's stage-2 tables */
	LOCK_IOMMU,		/* the IOMMU's queues and stream table */
	LOCK_ITS,		/* the host ITS's command queue (arm64) */
};

/* The calling CPU's (thread's) mask of held levels; per environment. */
uint32_t *lock_order_mask(void);
void lock_order_violation(unsigned int level, uint32_t held) __attribute__((noreturn));
void lock_assert_failed(const char *what) __attribute__((noreturn));

/* Code that relies on a lock its caller holds says so (IOMMU-4). */
#define lock_assert(cond) do { if (!(cond)) lock_assert_failed(#cond); } while (0)

static inline void lock_order_take(unsigned int level)
{
	uint32_t *held = lock_order_mask();

	if (*held >> level)
		lock_order_violation(level, *held);
	*held |= 1u << level;
}

static inline void lock_order_drop(unsigned int level)
{
	*lock_order_mask() &= ~(1u << level);
}

static inline int lock_order_held(unsigned int level)
{
	return (*lock_order_mask() >> level) & 1;
}

#endif
