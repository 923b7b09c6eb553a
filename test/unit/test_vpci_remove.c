// SPDX-License-Identifier: GPL-2.0-only
/*
 * VPCI-1 under AddressSanitizer: a device's vPCI state is removed and
 * re-created over and over while other threads access it. Every access
 * sees either the device or all-ones, and none touches freed memory
 * (ASan would abort the program). Also: the lock-order checker stops a
 * thread that takes the domain lock while holding a device lock.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "lib/lockorder.h"
#include "vpci_env.h"

static struct model m;
static const struct pci_cfg_ops cfg = { model_read, model_write, &m };
static struct s2_stub s2 = { .lock = PTHREAD_MUTEX_INITIALIZER };
static const struct vpci_env env = {
	.map = s2_map, .unmap = s2_unmap, .alloc = heap_alloc, .free = heap_free, .cfg = &cfg,
	.ctx = &s2,
};
static struct pci_dev dev;
static struct vpci_domain vd;
static int stop, bad_reads, present_reads;

#define HOST	PCI_SBDF(0, 0, 2, 0)
#define VIRT	PCI_SBDF(0, 0, 1, 0)

static void *reader(void *arg)
{
	while (!__atomic_load_n(&stop, __ATOMIC_ACQUIRE)) {
		uint32_t id = 0, bar = 0, cmd = PCI_COMMAND_MEMORY;

		vpci_access(&vd, VIRT, PCI_VENDOR_ID, 4, false, &id);
		vpci_access(&vd, VIRT, PCI_BAR0, 4, false, &bar);
		vpci_access(&vd, VIRT, PCI_COMMAND, 2, true, &cmd);
		if (id == 0x10d38086)
			__atomic_fetch_add(&present_reads, 1, __ATOMIC_RELAXED);
		else if (id != 0xffffffff)
			__atomic_fetch_add(&bad_reads, 1, __ATOMIC_RELAXED);
	}
	return NULL;
}

static void test_remove_during_accesses(void **state)
{
	uint64_t bars[PCI_MAX_BARS] = { 0x23000000 };
	pthread_t t[2];
	int i, rounds, removed = 0;

	add_plain_fn(&m, HOST);
	spin_lock_init(&dev.lock);
	assert_int_equal(pci_probe_func(&cfg, HOST, &dev.f), 0);
	vpci_domain_init(&vd, 1, &env);
	vpci_domain_add_window(&vd, 0x23000000, 0x10000000, false);
	assert_int_equal(vpci_add_device(&vd, &dev, VIRT, bars, true), 0);
	for (i = 0; i < 2; i++)
		pthread_create(&t[i], NULL, reader, NULL);
	/* At least 2000 rounds, and on until the readers have seen the
	 * device 100 times while it came and went: on a loaded machine they
	 * may not run at all during the first rounds (bounded, so a reader
	 * that never sees it still fails below). */
	for (rounds = 0; rounds < 2000 || (__atomic_load_n(&present_reads, __ATOMIC_RELAXED) < 100 &&
					   rounds < 20000000); rounds++) {
		removed += vpci_remove_device(&vd, VIRT) == 0;
		assert_int_equal(vpci_add_device(&vd, &dev, VIRT, bars, rounds & 1), 0);
	}
	__atomic_store_n(&stop, 1, __ATOMIC_RELEASE);
	for (i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	assert_int_equal(removed, rounds);
	assert_int_equal(bad_reads, 0);
	assert_true(present_reads > 0);
	/* Every removal unmapped what it had mapped (BAR-2, BAR-5). */
	assert_int_equal(vpci_remove_device(&vd, VIRT), 0);
	assert_int_equal(s2.n, 0);
	assert_int_equal(s2.missing + s2.overlaps + s2.full, 0);
}

static void test_lock_order_checked(void **state)
{
	pid_t pid = fork();
	int status;

	assert_true(pid >= 0);
	if (pid == 0) {
		/* Device lock, then the domain lock: the wrong way round. */
		lock_order_take(LOCK_PDEV);
		lock_order_take(LOCK_VPCI_DOMAIN);
		_exit(0);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT);
	/* The right order passes. */
	lock_order_take(LOCK_VPCI_DOMAIN);
	lock_order_take(LOCK_PDEV);
	lock_order_drop(LOCK_PDEV);
	lock_order_drop(LOCK_VPCI_DOMAIN);
	assert_int_equal(*lock_order_mask(), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_remove_during_accesses),
		cmocka_unit_test(test_lock_order_checked),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
