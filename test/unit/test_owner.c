// SPDX-License-Identifier: GPL-2.0-only
/* The PCI ownership registry (vpci/owner.c): OWN-1..OWN-5. */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "owner.h"
#include "pci.h"

static struct owner_registry reg;

static void test_reserve_activate_lookup(void **state)
{
	uint32_t nic = PCI_SBDF(0, 0, 2, 0);
	uint16_t who = 0;

	owner_init(&reg);
	assert_int_equal(owner_lookup(&reg, nic, &who), -OWN_ENOENT);
	assert_int_equal(owner_reserve(&reg, nic, 1, PCI_SBDF(0, 0, 1, 0), NULL), 0);
	/* Reserved, not active: busy, never "not found" or success (OWN-4). */
	assert_int_equal(owner_lookup(&reg, nic, &who), -OWN_EBUSY);
	assert_int_equal(owner_remove_begin(&reg, nic), -OWN_EBUSY);
	assert_int_equal(owner_activate(&reg, nic), 0);
	assert_int_equal(owner_lookup(&reg, nic, &who), 0);
	assert_int_equal(who, 1);
	assert_int_equal(owner_activate(&reg, nic), -OWN_ESTATE);
}

static void test_one_owner_per_function(void **state)
{
	uint32_t uart = PCI_SBDF(0, 0, 3, 0), nvme = PCI_SBDF(0, 1, 0, 0);
	uint16_t clash = 0;

	owner_init(&reg);
	assert_int_equal(owner_reserve(&reg, uart, OWNER_DOM_XEN, VSBDF_NONE, NULL), 0);
	assert_int_equal(owner_activate(&reg, uart), 0);
	/* A guest asking for the hypervisor's UART learns who has it. */
	assert_int_equal(owner_reserve(&reg, uart, 2, PCI_SBDF(0, 0, 1, 0), &clash),
			 -OWN_EEXIST);
	assert_int_equal(clash, OWNER_DOM_XEN);
	/* Two assignments racing for one function: the second is refused
	 * while the first is still reserved. */
	assert_int_equal(owner_reserve(&reg, nvme, 1, PCI_SBDF(0, 0, 1, 0), NULL), 0);
	assert_int_equal(owner_reserve(&reg, nvme, 2, PCI_SBDF(0, 0, 1, 0), &clash),
			 -OWN_EEXIST);
	assert_int_equal(clash, 1);
}

static void test_virtual_sbdf_unique_per_guest(void **state)
{
	uint16_t clash = 0;

	owner_init(&reg);
	assert_int_equal(owner_reserve(&reg, PCI_SBDF(0, 0, 2, 0), 1, PCI_SBDF(0, 0, 1, 0), NULL), 0);
	assert_int_equal(owner_reserve(&reg, PCI_SBDF(0, 0, 3, 0), 1, PCI_SBDF(0, 0, 1, 0), &clash),
			 -OWN_EVSBDF);
	/* The same virtual SBDF in another guest is fine. */
	assert_int_equal(owner_reserve(&reg, PCI_SBDF(0, 0, 3, 0), 2, PCI_SBDF(0, 0, 1, 0), NULL), 0);
}

static void test_undo_frees_the_name(void **state)
{
	uint32_t f = PCI_SBDF(0, 0, 4, 0);
	uint16_t who;

	owner_init(&reg);
	assert_int_equal(owner_reserve(&reg, f, 1, PCI_SBDF(0, 0, 1, 0), NULL), 0);
	/* The slow part failed: undo, and nothing is left (OWN-3). */
	assert_int_equal(owner_undo(&reg, f), 0);
	assert_int_equal(owner_lookup(&reg, f, &who), -OWN_ENOENT);
	assert_int_equal(owner_reserve(&reg, f, 2, PCI_SBDF(0, 0, 1, 0), NULL), 0);
	assert_int_equal(owner_undo(&reg, PCI_SBDF(0, 0, 9, 0)), -OWN_ENOENT);
}

static void test_teardown_keeps_the_name(void **state)
{
	uint32_t f = PCI_SBDF(0, 0, 5, 0);
	uint16_t who;

	owner_init(&reg);
	assert_int_equal(owner_reserve(&reg, f, 1, PCI_SBDF(0, 0, 1, 0), NULL), 0);
	assert_int_equal(owner_activate(&reg, f), 0);
	assert_int_equal(owner_remove_begin(&reg, f), 0);
	assert_int_equal(owner_remove_begin(&reg, f), -OWN_EBUSY);	/* only one */
	assert_int_equal(owner_lookup(&reg, f, &who), -OWN_EBUSY);
	assert_int_equal(owner_reserve(&reg, f, 2, VSBDF_NONE, NULL), -OWN_EBUSY);
	assert_int_equal(owner_remove_end(&reg, f), 0);
	assert_int_equal(owner_lookup(&reg, f, &who), -OWN_ENOENT);
	assert_int_equal(owner_reserve(&reg, f, 2, VSBDF_NONE, NULL), 0);
}

static void test_full_registry(void **state)
{
	unsigned int i;

	owner_init(&reg);
	for (i = 0; i < OWNER_MAX; i++)
		assert_int_equal(owner_reserve(&reg, i, OWNER_DOM_IO, VSBDF_NONE, NULL), 0);
	assert_int_equal(owner_reserve(&reg, OWNER_MAX, OWNER_DOM_IO, VSBDF_NONE, NULL),
			 -OWN_ENOSPC);
	assert_int_equal(owner_undo(&reg, 7), 0);	/* a freed slot is reused */
	assert_int_equal(owner_reserve(&reg, OWNER_MAX, OWNER_DOM_IO, VSBDF_NONE, NULL), 0);
}

/* OWN-4: many concurrent removes of one function, exactly one wins. */
#define RACERS 8
static int winners;
static pthread_barrier_t start;

static void *racer(void *arg)
{
	pthread_barrier_wait(&start);
	if (owner_remove_begin(&reg, PCI_SBDF(0, 0, 6, 0)) == 0)
		__atomic_add_fetch(&winners, 1, __ATOMIC_RELAXED);
	return NULL;
}

static void test_concurrent_removes_one_winner(void **state)
{
	pthread_t t[RACERS];
	int round, i;

	for (round = 0; round < 200; round++) {
		owner_init(&reg);
		assert_int_equal(owner_reserve(&reg, PCI_SBDF(0, 0, 6, 0), 1, VSBDF_NONE, NULL), 0);
		assert_int_equal(owner_activate(&reg, PCI_SBDF(0, 0, 6, 0)), 0);
		winners = 0;
		pthread_barrier_init(&start, NULL, RACERS);
		for (i = 0; i < RACERS; i++)
			pthread_create(&t[i], NULL, racer, NULL);
		for (i = 0; i < RACERS; i++)
			pthread_join(t[i], NULL);
		pthread_barrier_destroy(&start);
		assert_int_equal(winners, 1);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reserve_activate_lookup),
		cmocka_unit_test(test_one_owner_per_function),
		cmocka_unit_test(test_virtual_sbdf_unique_per_guest),
		cmocka_unit_test(test_undo_frees_the_name),
		cmocka_unit_test(test_teardown_keeps_the_name),
		cmocka_unit_test(test_full_registry),
		cmocka_unit_test(test_concurrent_removes_one_winner),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
