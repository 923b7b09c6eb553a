// SPDX-License-Identifier: GPL-2.0-only
/*
 * vPCI locking under ThreadSanitizer (built with -fsanitize=thread; any
 * data race aborts the program, which fails the test):
 *   VPCI-5  command-register writes on device A racing ROM BAR writes on
 *           device B of the same domain, BARs overlapping: no deadlock,
 *           no double mapping;
 *   VPCI-6  accesses to two devices of one domain, and to devices of two
 *           domains, run in parallel: while a handler of device A is held
 *           inside the host accessor, an access to device B completes, and
 *           A's handler sees it complete before it leaves (a handshake;
 *           the verdict is that flag, not how long the test took).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "vpci_env.h"

const char *__tsan_default_options(void)
{
	return "halt_on_error=1:abort_on_error=1";
}

static struct model m;

/*
 * The handshake (vpci_env.h, struct hold): thread A reads blocked_sbdf's
 * vendor ID; cfg_read holds it there, vPCI's locks for that access held,
 * until the main thread's own access has returned.
 */
static uint32_t blocked_sbdf = ~0u;
static struct hold hold;

static uint32_t cfg_read(void *ctx, uint32_t sbdf, unsigned int off, unsigned int size)
{
	if (sbdf == __atomic_load_n(&blocked_sbdf, __ATOMIC_ACQUIRE) && off == PCI_VENDOR_ID)
		hold_here(&hold);
	return model_read(ctx, sbdf, off, size);
}

/* Model writes touch only the function written, under vPCI's locks. */
static const struct pci_cfg_ops cfg = { cfg_read, model_write, &m };
static struct s2_stub s2 = { .lock = PTHREAD_MUTEX_INITIALIZER };
static const struct vpci_env env = {
	.map = s2_map, .unmap = s2_unmap, .alloc = heap_alloc, .free = heap_free, .cfg = &cfg,
	.ctx = &s2,
};
static struct pci_dev devs[3];
static struct vpci_domain dom1, dom2;

#define HA	PCI_SBDF(0, 0, 2, 0)
#define HB	PCI_SBDF(0, 0, 3, 0)
#define HC	PCI_SBDF(0, 0, 4, 0)
#define VA	PCI_SBDF(0, 0, 1, 0)
#define VB	PCI_SBDF(0, 0, 2, 0)

static int setup(void **state)
{
	const uint32_t host[3] = { HA, HB, HC };

	memset(&m, 0, sizeof(m));
	for (int i = 0; i < 3; i++) {
		add_plain_fn(&m, host[i]);
		memset(&devs[i], 0, sizeof(devs[i]));
		spin_lock_init(&devs[i].lock);
		assert_int_equal(pci_probe_func(&cfg, host[i], &devs[i].f), 0);
	}
	vpci_domain_init(&dom1, 1, &env);
	vpci_domain_init(&dom2, 2, &env);
	vpci_domain_add_window(&dom1, 0x23000000, 0x10000000, false);
	vpci_domain_add_window(&dom2, 0x23000000, 0x10000000, false);
	assert_int_equal(vpci_add_device(&dom1, &devs[0], VA, NULL, false), 0);
	assert_int_equal(vpci_add_device(&dom1, &devs[1], VB, NULL, false), 0);
	assert_int_equal(vpci_add_device(&dom2, &devs[2], VA, NULL, false), 0);
	s2.overlaps = s2.missing = s2.full = 0;
	return 0;
}

static int teardown(void **state)
{
	vpci_remove_device(&dom1, VA);
	vpci_remove_device(&dom1, VB);
	vpci_remove_device(&dom2, VA);
	assert_int_equal(s2.n, 0);
	return 0;
}

static void wr(struct vpci_domain *vd, uint32_t vsbdf, unsigned int off, unsigned int size,
	       uint32_t v)
{
	vpci_access(vd, vsbdf, off, size, true, &v);
}

static uint32_t rd(struct vpci_domain *vd, uint32_t vsbdf, unsigned int off, unsigned int size)
{
	uint32_t v = 0;

	vpci_access(vd, vsbdf, off, size, false, &v);
	return v;
}

#define ROUNDS 3000

static void *toggle_cmd_a(void *arg)
{
	for (int i = 0; i < ROUNDS; i++) {
		wr(&dom1, VA, PCI_COMMAND, 2, PCI_COMMAND_MEMORY);
		wr(&dom1, VA, PCI_COMMAND, 1, 0);	/* single-byte: still exclusive */
	}
	return NULL;
}

static void *toggle_rom_b(void *arg)
{
	for (int i = 0; i < ROUNDS; i++) {
		wr(&dom1, VB, PCI_ROM_ADDRESS, 4, 0x23000000 | PCI_ROM_ENABLE);
		wr(&dom1, VB, PCI_ROM_ADDRESS, 1, 0);
	}
	return NULL;
}

static void *read_bars(void *arg)
{
	for (int i = 0; i < ROUNDS; i++) {
		rd(&dom1, VA, PCI_BAR0, 4);
		rd(&dom1, VB, PCI_STATUS, 2);
		wr(&dom1, VB, PCI_BAR0, 4, 0x23100000);	/* decoding: ignored */
	}
	return NULL;
}

static void test_cmd_vs_rom_no_deadlock(void **state)
{
	pthread_t t[3];

	/* A's BAR0 and B's ROM at the same guest address; B decodes. */
	wr(&dom1, VA, PCI_BAR0, 4, 0x23000000);
	wr(&dom1, VB, PCI_BAR0, 4, 0x23100000);
	wr(&dom1, VB, PCI_COMMAND, 2, PCI_COMMAND_MEMORY);
	alarm(120);	/* a deadlock ends the program, failing the test */
	pthread_create(&t[0], NULL, toggle_cmd_a, NULL);
	pthread_create(&t[1], NULL, toggle_rom_b, NULL);
	pthread_create(&t[2], NULL, read_bars, NULL);
	for (int i = 0; i < 3; i++)
		pthread_join(t[i], NULL);
	alarm(0);
	/* Overlapping BARs were never mapped twice (BAR-1). */
	assert_int_equal(s2.overlaps, 0);
	assert_int_equal(s2.missing, 0);
	assert_int_equal(s2.full, 0);
	assert_int_equal(rd(&dom1, VA, PCI_COMMAND, 2), 0);
	assert_int_equal(rd(&dom1, VB, PCI_ROM_ADDRESS, 4), 0x23000000);
}

struct blocker {
	struct vpci_domain *vd;
	uint32_t vsbdf;
	uint32_t id;
};

static void *blocked_read(void *arg)
{
	struct blocker *b = arg;

	b->id = rd(b->vd, b->vsbdf, PCI_VENDOR_ID, 4);
	return NULL;
}

/*
 * With a read of dom1 / A's vendor ID held inside its handler, make the
 * access (other_vd, other, off, size, write), which also calls the host
 * accessor, and say it is done. True if A's handler saw that before it
 * gave up, i.e. the access ran beside A's instead of after it.
 */
static bool runs_beside(struct vpci_domain *other_vd, uint32_t other, unsigned int off,
			unsigned int size, bool write, uint32_t val)
{
	struct blocker b = { &dom1, VA, 0 };
	pthread_t t;

	__atomic_store_n(&hold.entered, 0, __ATOMIC_RELEASE);
	__atomic_store_n(&hold.other_done, 0, __ATOMIC_RELEASE);
	__atomic_store_n(&hold.gave_up, 0, __ATOMIC_RELEASE);
	__atomic_store_n(&blocked_sbdf, HA, __ATOMIC_RELEASE);
	pthread_create(&t, NULL, blocked_read, &b);
	while (!__atomic_load_n(&hold.entered, __ATOMIC_ACQUIRE))
		sched_yield();
	/* A is inside its handler now, with its locks held. */
	vpci_access(other_vd, other, off, size, write, &val);
	__atomic_store_n(&hold.other_done, 1, __ATOMIC_RELEASE);
	pthread_join(t, NULL);
	__atomic_store_n(&blocked_sbdf, ~0u, __ATOMIC_RELEASE);
	assert_int_equal(b.id, 0x10d38086);	/* A's read itself went through */
	return !__atomic_load_n(&hold.gave_up, __ATOMIC_ACQUIRE);
}

/* Same domain, other device: both hold the domain lock shared and their
 * own device's lock. */
static void test_devices_in_parallel(void **state)
{
	alarm(60);
	assert_true(runs_beside(&dom1, VB, PCI_STATUS, 2, false, 0));
	alarm(0);
}

/* Other domain: even an access that takes that domain's lock
 * exclusively (the command register) does not wait for dom1. */
static void test_domains_in_parallel(void **state)
{
	alarm(60);
	assert_true(runs_beside(&dom2, VA, PCI_STATUS, 2, false, 0));
	assert_true(runs_beside(&dom2, VA, PCI_COMMAND, 2, true, PCI_COMMAND_MASTER));
	assert_int_equal(rd(&dom2, VA, PCI_COMMAND, 2), PCI_COMMAND_MASTER);
	alarm(0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_cmd_vs_rom_no_deadlock, setup, teardown),
		cmocka_unit_test_setup_teardown(test_devices_in_parallel, setup, teardown),
		cmocka_unit_test_setup_teardown(test_domains_in_parallel, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
