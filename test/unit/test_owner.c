// SPDX-License-Identifier: GPL-2.0-only
/*
 * The PCI ownership registry (vpci/owner.c): OWN-1..OWN-5, the
 * generation re-check of the second step of an assignment or removal
 * (VPCI-7), and the registry lock's place in the lock order (VPCI-8).
 */
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "lib/lockorder.h"
#include "owner.h"
#include "pci.h"

static struct owner_registry reg;

/* A registry as the hypervisor's starts: zeroed memory, then init. */
static void fresh(void)
{
	memset(&reg, 0, sizeof(reg));
	owner_init(&reg);
}

/* Reserve and activate; returns the reservation's generation. */
static uint32_t assign(uint32_t sbdf, uint16_t owner, uint32_t vsbdf)
{
	uint32_t gen = 0;

	assert_int_equal(owner_reserve(&reg, sbdf, owner, vsbdf, NULL, &gen), 0);
	assert_int_equal(owner_activate(&reg, sbdf, gen), 0);
	return gen;
}

static void test_reserve_activate_lookup(void **state)
{
	uint32_t nic = PCI_SBDF(0, 0, 2, 0), gen = 0, tgen;
	uint16_t who = 0;

	fresh();
	assert_int_equal(owner_lookup(&reg, nic, &who), -OWN_ENOENT);
	assert_int_equal(owner_reserve(&reg, nic, 1, PCI_SBDF(0, 0, 1, 0), NULL, &gen), 0);
	/* Reserved, not active: busy, never "not found" or success (OWN-4). */
	assert_int_equal(owner_lookup(&reg, nic, &who), -OWN_EBUSY);
	assert_int_equal(owner_remove_begin(&reg, nic, &tgen), -OWN_EBUSY);
	assert_int_equal(owner_activate(&reg, nic, gen), 0);
	assert_int_equal(owner_lookup(&reg, nic, &who), 0);
	assert_int_equal(who, 1);
	assert_int_equal(owner_activate(&reg, nic, gen), -OWN_ESTATE);
}

static void test_one_owner_per_function(void **state)
{
	uint32_t uart = PCI_SBDF(0, 0, 3, 0), nvme = PCI_SBDF(0, 1, 0, 0), gen;
	uint16_t clash = 0;

	fresh();
	assign(uart, OWNER_DOM_XEN, VSBDF_NONE);
	/* A guest asking for the hypervisor's UART learns who has it. */
	assert_int_equal(owner_reserve(&reg, uart, 2, PCI_SBDF(0, 0, 1, 0), &clash, &gen),
			 -OWN_EEXIST);
	assert_int_equal(clash, OWNER_DOM_XEN);
	/* Two assignments racing for one function: the second is refused
	 * while the first is still reserved. */
	assert_int_equal(owner_reserve(&reg, nvme, 1, PCI_SBDF(0, 0, 1, 0), NULL, &gen), 0);
	assert_int_equal(owner_reserve(&reg, nvme, 2, PCI_SBDF(0, 0, 1, 0), &clash, &gen),
			 -OWN_EEXIST);
	assert_int_equal(clash, 1);
}

static void test_virtual_sbdf_unique_per_guest(void **state)
{
	uint16_t clash = 0;
	uint32_t gen;

	fresh();
	assert_int_equal(owner_reserve(&reg, PCI_SBDF(0, 0, 2, 0), 1, PCI_SBDF(0, 0, 1, 0), NULL,
				       &gen), 0);
	assert_int_equal(owner_reserve(&reg, PCI_SBDF(0, 0, 3, 0), 1, PCI_SBDF(0, 0, 1, 0), &clash,
				       &gen), -OWN_EVSBDF);
	/* The same virtual SBDF in another guest is fine. */
	assert_int_equal(owner_reserve(&reg, PCI_SBDF(0, 0, 3, 0), 2, PCI_SBDF(0, 0, 1, 0), NULL,
				       &gen), 0);
}

static void test_undo_frees_the_name(void **state)
{
	uint32_t f = PCI_SBDF(0, 0, 4, 0), gen = 0;
	uint16_t who;

	fresh();
	assert_int_equal(owner_reserve(&reg, f, 1, PCI_SBDF(0, 0, 1, 0), NULL, &gen), 0);
	/* The slow part failed: undo, and nothing is left (OWN-3). */
	assert_int_equal(owner_undo(&reg, f, gen), 0);
	assert_int_equal(owner_lookup(&reg, f, &who), -OWN_ENOENT);
	assert_int_equal(owner_reserve(&reg, f, 2, PCI_SBDF(0, 0, 1, 0), NULL, &gen), 0);
	assert_int_equal(owner_undo(&reg, PCI_SBDF(0, 0, 9, 0), gen), -OWN_ENOENT);
}

static void test_teardown_keeps_the_name(void **state)
{
	uint32_t f = PCI_SBDF(0, 0, 5, 0), gen, tgen = 0, other;
	uint16_t who;

	fresh();
	assign(f, 1, PCI_SBDF(0, 0, 1, 0));
	assert_int_equal(owner_remove_begin(&reg, f, &tgen), 0);
	assert_int_equal(owner_remove_begin(&reg, f, &other), -OWN_EBUSY);	/* only one */
	assert_int_equal(owner_lookup(&reg, f, &who), -OWN_EBUSY);
	assert_int_equal(owner_reserve(&reg, f, 2, VSBDF_NONE, NULL, &gen), -OWN_EBUSY);
	assert_int_equal(owner_remove_end(&reg, f, tgen), 0);
	assert_int_equal(owner_lookup(&reg, f, &who), -OWN_ENOENT);
	assert_int_equal(owner_reserve(&reg, f, 2, VSBDF_NONE, NULL, &gen), 0);
}

static void test_full_registry(void **state)
{
	uint32_t gen[OWNER_MAX], g;
	unsigned int i;

	fresh();
	for (i = 0; i < OWNER_MAX; i++)
		assert_int_equal(owner_reserve(&reg, i, OWNER_DOM_IO, VSBDF_NONE, NULL, &gen[i]), 0);
	assert_int_equal(owner_reserve(&reg, OWNER_MAX, OWNER_DOM_IO, VSBDF_NONE, NULL, &g),
			 -OWN_ENOSPC);
	assert_int_equal(owner_undo(&reg, 7, gen[7]), 0);	/* a freed slot is reused */
	assert_int_equal(owner_reserve(&reg, OWNER_MAX, OWNER_DOM_IO, VSBDF_NONE, NULL, &g), 0);
}

/* ---- VPCI-7: the second step compares generations ---- */

/*
 * The slow work of an assignment ran without the lock; meanwhile the
 * name was undone (by a cleanup path) and reserved again for another
 * guest. The first assigner's activate names the same function, but the
 * entry is no longer its reservation: refused, and the other guest's
 * reservation stays as it was.
 */
static void test_stale_activate_refused(void **state)
{
	uint32_t f = PCI_SBDF(0, 0, 2, 0), g1 = 0, g2 = 0;
	uint16_t who = 0;

	fresh();
	assert_int_equal(owner_reserve(&reg, f, 1, PCI_SBDF(0, 0, 1, 0), NULL, &g1), 0);
	assert_int_equal(owner_undo(&reg, f, g1), 0);
	assert_int_equal(owner_reserve(&reg, f, 2, PCI_SBDF(0, 0, 1, 0), NULL, &g2), 0);
	assert_int_not_equal(g1, g2);
	assert_int_equal(owner_activate(&reg, f, g1), -OWN_ESTATE);
	assert_int_equal(owner_lookup(&reg, f, &who), -OWN_EBUSY);	/* still guest 2's, reserved */
	assert_int_equal(owner_activate(&reg, f, g2), 0);
	assert_int_equal(owner_lookup(&reg, f, &who), 0);
	assert_int_equal(who, 2);
}

/* An undo run twice must not free the next reservation of the name. */
static void test_stale_undo_refused(void **state)
{
	uint32_t f = PCI_SBDF(0, 0, 3, 0), g1 = 0, g2 = 0;

	fresh();
	assert_int_equal(owner_reserve(&reg, f, 1, VSBDF_NONE, NULL, &g1), 0);
	assert_int_equal(owner_undo(&reg, f, g1), 0);
	assert_int_equal(owner_reserve(&reg, f, 2, VSBDF_NONE, NULL, &g2), 0);
	assert_int_equal(owner_undo(&reg, f, g1), -OWN_ESTATE);
	assert_int_equal(owner_activate(&reg, f, g2), 0);
}

/* A teardown that finished must not end the next teardown of the name
 * halfway: its remove_end names a state that is gone. */
static void test_stale_remove_end_refused(void **state)
{
	uint32_t f = PCI_SBDF(0, 0, 4, 0), t1 = 0, t2 = 0;
	uint16_t who;

	fresh();
	assign(f, 1, VSBDF_NONE);
	assert_int_equal(owner_remove_begin(&reg, f, &t1), 0);
	assert_int_equal(owner_remove_end(&reg, f, t1), 0);
	assign(f, 2, VSBDF_NONE);
	assert_int_equal(owner_remove_begin(&reg, f, &t2), 0);
	assert_int_not_equal(t1, t2);
	assert_int_equal(owner_remove_end(&reg, f, t1), -OWN_ESTATE);
	assert_int_equal(owner_lookup(&reg, f, &who), -OWN_EBUSY);	/* still torn down */
	assert_int_equal(owner_remove_end(&reg, f, t2), 0);
	assert_int_equal(owner_lookup(&reg, f, &who), -OWN_ENOENT);
}

/*
 * Generations are unique in the registry, not per slot: the name
 * reserved again lands in a slot never used before, whose own count
 * would start where the first reservation's did.
 */
static void test_generation_unique_across_slots(void **state)
{
	uint32_t f = PCI_SBDF(0, 0, 5, 0), g1 = 0, g2 = 0, gx, gy;

	fresh();
	assert_int_equal(owner_reserve(&reg, f, 1, VSBDF_NONE, NULL, &g1), 0);		/* slot 0 */
	assert_int_equal(owner_reserve(&reg, PCI_SBDF(0, 0, 6, 0), 1, VSBDF_NONE, NULL, &gx), 0);
	assert_int_equal(owner_undo(&reg, f, g1), 0);
	assert_int_equal(owner_reserve(&reg, PCI_SBDF(0, 0, 7, 0), 1, VSBDF_NONE, NULL, &gy), 0);
	assert_int_equal(owner_reserve(&reg, f, 2, VSBDF_NONE, NULL, &g2), 0);		/* slot 2 */
	assert_int_equal(reg.nr, 3);
	assert_int_not_equal(g1, g2);
	assert_int_equal(owner_activate(&reg, f, g1), -OWN_ESTATE);
	assert_int_equal(owner_activate(&reg, f, g2), 0);
}

/* ---- VPCI-8: the registry lock is the outermost ---- */

static void test_lock_order_checked(void **state)
{
	uint16_t who;
	pid_t pid;
	int status;

	fresh();
	assign(PCI_SBDF(0, 0, 2, 0), 1, VSBDF_NONE);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		/* A domain's vPCI lock, then the registry: the wrong way round. */
		lock_order_take(LOCK_VPCI_DOMAIN);
		owner_lookup(&reg, PCI_SBDF(0, 0, 2, 0), &who);
		_exit(0);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT);
	/* The right order passes, and every call leaves nothing held. */
	assert_int_equal(owner_lookup(&reg, PCI_SBDF(0, 0, 2, 0), &who), 0);
	assert_int_equal(*lock_order_mask(), 0);
	lock_order_take(LOCK_VPCI_DOMAIN);
	lock_order_drop(LOCK_VPCI_DOMAIN);
	assert_int_equal(*lock_order_mask(), 0);
}

/* OWN-4: many concurrent removes of one function, exactly one wins. */
#define RACERS 8
static int winners;
static pthread_barrier_t start;

static void *racer(void *arg)
{
	uint32_t gen;

	pthread_barrier_wait(&start);
	if (owner_remove_begin(&reg, PCI_SBDF(0, 0, 6, 0), &gen) == 0)
		__atomic_add_fetch(&winners, 1, __ATOMIC_RELAXED);
	return NULL;
}

static void test_concurrent_removes_one_winner(void **state)
{
	pthread_t t[RACERS];
	int round, i;

	for (round = 0; round < 200; round++) {
		fresh();
		assign(PCI_SBDF(0, 0, 6, 0), 1, VSBDF_NONE);
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
		cmocka_unit_test(test_stale_activate_refused),
		cmocka_unit_test(test_stale_undo_refused),
		cmocka_unit_test(test_stale_remove_end_refused),
		cmocka_unit_test(test_generation_unique_across_slots),
		cmocka_unit_test(test_lock_order_checked),
		cmocka_unit_test(test_concurrent_removes_one_winner),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
