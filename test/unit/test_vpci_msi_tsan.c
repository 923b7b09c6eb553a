// SPDX-License-Identifier: GPL-2.0-only
/*
 * VPCI-9 under ThreadSanitizer (any data race aborts the program):
 *   - MSI-X mask traffic on two devices of one domain does not serialise
 *     them: while a mask write to device A's table is held inside the
 *     host table access (A's device lock and the domain lock held), a
 *     mask write to device B's table completes, and A's access sees that
 *     before it leaves (a handshake, as in test_vpci_tsan.c);
 *   - mask and unmask storms on both devices, host vectors firing
 *     (vpci_msi_message) and command-register writes (the exclusive
 *     domain lock) all at once: no race, no deadlock, and every host
 *     entry ends with its message and the guest's mask bit.
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
static const struct pci_cfg_ops cfg = { model_read, model_write, &m };
static struct s2_stub s2 = { .lock = PTHREAD_MUTEX_INITIALIZER };

#define HA	PCI_SBDF(0, 0, 2, 0)
#define HB	PCI_SBDF(0, 0, 3, 0)
#define VA	PCI_SBDF(0, 0, 1, 0)
#define VB	PCI_SBDF(0, 0, 2, 0)
#define TABLE_A	0x23040000ull
#define TABLE_B	0x23140000ull
#define HOST_B	0x20000000ull		/* B's host BAR3 */

/*
 * The handshake (vpci_env.h, struct hold): a host table access at
 * hold_hpa waits there, with vPCI's locks for it held, until the main
 * thread's own access has returned.
 */
static uint64_t hold_hpa = ~0ull;
static struct hold hold;

static void host_mmio(void *ctx, uint64_t hpa, unsigned int size, bool write, uint32_t *val)
{
	if (hpa == __atomic_load_n(&hold_hpa, __ATOMIC_ACQUIRE))
		hold_here(&hold);
	model_mmio(&m, hpa, size, write, val);	/* each function's own memory */
}

static int msi_setup(void *ctx, struct pci_dev *pdev, unsigned int nvec,
		     struct irq_msi_msg *msg)
{
	for (unsigned int i = 0; i < nvec; i++)
		msg[i] = (struct irq_msi_msg){ 0x08090040, (pdev->f.sbdf << 8) + i };
	return 0;
}

static struct vpci_domain dom;
static int fired;

static void msi_fire(void *ctx, uint32_t vsbdf, unsigned int vector)
{
	uint64_t addr;
	uint32_t data;

	vpci_msi_message(&dom, vsbdf, vector, &addr, &data);
	__atomic_add_fetch(&fired, 1, __ATOMIC_RELAXED);
}

static const struct vpci_env env = {
	.map = s2_map, .unmap = s2_unmap, .alloc = heap_alloc, .free = heap_free, .cfg = &cfg,
	.ctx = &s2, .msi_setup = msi_setup, .mmio = host_mmio, .msi_fire = msi_fire,
};
static struct pci_dev devs[2];

static void cw(uint32_t vsbdf, unsigned int off, unsigned int size, uint32_t v)
{
	vpci_access(&dom, vsbdf, off, size, true, &v);
}

static void tw(uint64_t gpa, uint32_t v)
{
	uint64_t v64 = v;

	vpci_msix_access(&dom, gpa, 4, true, &v64);
}

static int setup(void **state)
{
	memset(&m, 0, sizeof(m));
	model_add_nic(&m, HA);
	model_bar(model_add_nic(&m, HB), 3, HOST_B, 0x4000, 0);
	for (int i = 0; i < 2; i++) {
		memset(&devs[i], 0, sizeof(devs[i]));
		spin_lock_init(&devs[i].lock);
		assert_int_equal(pci_probe_func(&cfg, i ? HB : HA, &devs[i].f), 0);
	}
	vpci_domain_init(&dom, 1, &env);
	vpci_domain_add_window(&dom, 0x23000000, 0x10000000, false);
	assert_int_equal(vpci_add_device(&dom, &devs[0], VA, NULL, false), 0);
	assert_int_equal(vpci_add_device(&dom, &devs[1], VB, NULL, false), 0);
	cw(VA, PCI_BAR0 + 12, 4, (uint32_t)TABLE_A);
	cw(VB, PCI_BAR0 + 12, 4, (uint32_t)TABLE_B);
	cw(VA, PCI_COMMAND, 2, PCI_COMMAND_MEMORY);
	cw(VB, PCI_COMMAND, 2, PCI_COMMAND_MEMORY);
	cw(VA, 0xa2, 2, 0x8000);
	cw(VB, 0xa2, 2, 0x8000);
	return 0;
}

static int teardown(void **state)
{
	vpci_remove_device(&dom, VA);
	vpci_remove_device(&dom, VB);
	return 0;
}

static void *unmask_a(void *arg)
{
	tw(TABLE_A + 12, 0);		/* held in the host access of entry 0 */
	return NULL;
}

static void test_mask_traffic_in_parallel(void **state)
{
	pthread_t t;

	alarm(60);
	/* Entry 0 of A: its host address dword is written first on unmask. */
	__atomic_store_n(&hold_hpa, model_bar_addr(&m.fn[0], 3), __ATOMIC_RELEASE);
	pthread_create(&t, NULL, unmask_a, NULL);
	while (!__atomic_load_n(&hold.entered, __ATOMIC_ACQUIRE))
		sched_yield();
	/* A's device lock and the domain lock (shared) are held now. */
	tw(TABLE_B + 16 + 12, 0);
	__atomic_store_n(&hold.other_done, 1, __ATOMIC_RELEASE);
	pthread_join(t, NULL);
	__atomic_store_n(&hold_hpa, ~0ull, __ATOMIC_RELEASE);
	assert_false(__atomic_load_n(&hold.gave_up, __ATOMIC_ACQUIRE));
	/* Both went through to their own host tables. */
	assert_int_equal(model_mem32(&m.fn[0], 12) & 1, 0);
	assert_int_equal(model_mem32(&m.fn[1], 16 + 12) & 1, 0);
	alarm(0);
}

#define ROUNDS 2000

static void *storm(void *arg)
{
	uint64_t table = *(uint64_t *)arg;
	uint32_t vsbdf = table == TABLE_A ? VA : VB;

	for (int i = 0; i < ROUNDS; i++) {
		unsigned int e = i % 5;
		uint64_t addr;
		uint32_t data;

		tw(table + 16 * e + 12, i & 1);
		vpci_msi_message(&dom, vsbdf, e, &addr, &data);
		if (i % 64 == 0) {
			cw(vsbdf, 0xa2, 2, 0xc000);	/* function mask on, off */
			cw(vsbdf, 0xa2, 2, 0x8000);
		}
	}
	return NULL;
}

/* The exclusive lock against the table traffic: MEMORY stays on. */
static void *command_writes(void *arg)
{
	for (int i = 0; i < ROUNDS; i++)
		cw(i & 1 ? VA : VB, PCI_COMMAND, 2,
		   PCI_COMMAND_MEMORY | (i & 2 ? PCI_COMMAND_MASTER : 0));
	return NULL;
}

static void test_mask_storm_against_command(void **state)
{
	static uint64_t tables[2] = { TABLE_A, TABLE_B };
	pthread_t t[3];

	alarm(120);
	pthread_create(&t[0], NULL, storm, &tables[0]);
	pthread_create(&t[1], NULL, storm, &tables[1]);
	pthread_create(&t[2], NULL, command_writes, NULL);
	for (int i = 0; i < 3; i++)
		pthread_join(t[i], NULL);
	alarm(0);
	/* Every host entry holds its own message and the guest's mask bit. */
	for (int d = 0; d < 2; d++)
		for (unsigned int e = 0; e < 5; e++) {
			uint64_t v = 0;

			vpci_msix_access(&dom, tables[d] + 16 * e + 12, 4, false, &v);
			assert_int_equal(model_mem32(&m.fn[d], 16 * e + 12) & 1, v & 1);
			assert_int_equal(model_mem32(&m.fn[d], 16 * e + 8),
					 (m.fn[d].sbdf << 8) + e);
		}
	assert_true(__atomic_load_n(&fired, __ATOMIC_RELAXED) > 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_mask_traffic_in_parallel, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mask_storm_against_command, setup,
						teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
