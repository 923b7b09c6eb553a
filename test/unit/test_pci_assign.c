// SPDX-License-Identifier: GPL-2.0-only
/*
 * kernel/pci_plan.c and kernel/pci_assign.c on the fake architecture,
 * over model devices (test/unit/pci_model.h) instead of ECAM: the plan
 * in a boot tree gives the e1000e to direct-mapped domU1, quarantines
 * the nvme nobody is given, maps the planned BAR in domU1's p2m, and
 * domU1 enumerates its one function through its virtual ECAM. A plan
 * the hypervisor cannot honour is refused with its message, and no
 * function is left half-assigned.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "arch/guest.h"
#include "dom0less.h"
#include "domain.h"
#include "fake_boot.h"
#include "pci_assign.h"
#include "pci_host.h"
#include "pci_model.h"

#define NIC	PCI_SBDF(0, 0, 2, 0)
#define NVME	PCI_SBDF(0, 0, 3, 0)

static struct fake_boot boot;
static struct model m;
static void (*edit)(void);
static bool (*check)(void);

/* In the child: 0 assigned, 1 refused, 2 check() (run either way) failed. */
static int assign_one(void)
{
	static struct pci_cfg_ops cfg = { model_read, model_write, &m };
	int bridge, ret;

	fake_boot_setup(&boot, "pci-assign.dtb", "dom0less-guest.dtb", 2);
	fake_set_reg(&boot, "/chosen/domU1", "xen,static-mem", FAKE_RAM_BASE, 8u << 20);
	fake_boot_guest_tree(&boot, "/chosen/domU1", "pci-assign-guest.dtb");
	model_add_nic(&m, NIC);
	model_add_nvme(&m, NVME);
	if (edit)
		edit();
	bridge = fdt_next_compatible(&boot.tree, -1, "pci-host-ecam-generic");
	if (pci_host_enumerate(&boot.tree, bridge, &cfg, 0, 0) ||
	    dom0less_create_all(&boot.tree, &boot.bi, &boot.pool))
		return 3;
	ret = pci_assign_all(&boot.tree) ? 1 : 0;
	return check && !check() ? 2 : ret;
}

static int assign(void (*e)(void), bool (*c)(void), char *line, size_t n)
{
	edit = e;
	check = c;
	return fake_boot_run(assign_one, line, n);
}

static uint16_t host_command(uint32_t sbdf)
{
	return model_read(&m, sbdf, PCI_COMMAND, 2);
}

/* A config read by the guest, through the MMIO region it traps into. */
static uint32_t guest_config_read(struct domain *d, uint32_t vsbdf, unsigned int off)
{
	const struct mmio_region *r = domain_find_mmio(d, GUEST_VPCI_ECAM_BASE, 4);
	uint64_t val = 0;

	if (!r || r->access(&d->vcpus[0], r->priv, ((vsbdf & 0xffff) << 12) + off, 4, false, &val))
		return 0;
	return val;
}

static bool assigned_as_planned(void)
{
	struct domain *a = &domains[0], *b = &domains[1];
	uint64_t hpa;

	/* domU1 sees the e1000e at 00:01.0 and nothing else; domU2 no bus. */
	if (guest_config_read(a, PCI_SBDF(0, 0, 1, 0), 0) != 0x10d38086 ||
	    guest_config_read(a, PCI_SBDF(0, 0, 3, 0), 0) != 0xffffffff ||
	    domain_find_mmio(b, GUEST_VPCI_ECAM_BASE, 4))
		return false;
	/* The planned BAR 0 is in domU1's p2m, decoding on, DMA off. */
	if (p2m_lookup(&a->p2m, 0x23000000 + 0x10, &hpa) || hpa != 0x10000010 ||
	    !(host_command(NIC) & PCI_COMMAND_MEMORY) || (host_command(NIC) & PCI_COMMAND_MASTER))
		return false;
	/* dom_io's nvme: no decoding, no DMA, no INTx. */
	return host_command(NVME) == PCI_COMMAND_INTX_OFF;
}

static void test_assigns_the_plan(void **state)
{
	char line[256];

	int ret = assign(NULL, assigned_as_planned, line, sizeof(line));

	if (ret)
		print_error("last line: %s\n", line);
	assert_int_equal(ret, 0);
}

static void set_string(const char *path, const char *prop, const char *v)
{
	if (fdt_setprop_string(&boot.tree, fdt_path_offset(&boot.tree, path), prop, v))
		abort();
}

static void missing_function(void) { set_string("/chosen/domU1/pci-0", "tessera,sbdf", "0000:00:09.0"); }
static void bar_not_aligned(void)
{
	uint64_t v[3] = { 0, 0, 0x23000800 };

	fdt_setprop_cells(&boot.tree, fdt_path_offset(&boot.tree, "/chosen/domU1/pci-0"),
			  "tessera,guest-bars", v, 3, 1);
}

/* OWN-3, BAR-4: the e1000e's INTx cannot be routed (its line, SPI 5, is
 * refused), the last step before activation. Everything before it is
 * undone: no BAR in the p2m, decoding and DMA off, the guest finds no
 * function. */
static void route_refused(void) { fake_arch.refuse_route = 32 + 5; }

static bool nothing_left(void)
{
	struct domain *a = &domains[0];
	uint64_t hpa;

	return p2m_lookup(&a->p2m, 0x23000000, &hpa) && host_command(NIC) == PCI_COMMAND_INTX_OFF &&
	       guest_config_read(a, PCI_SBDF(0, 0, 1, 0), 0) == 0xffffffff;
}

static void test_failure_undoes_the_assignment(void **state)
{
	char line[256];

	assert_int_equal(assign(route_refused, nothing_left, line, sizeof(line)), 1);
	assert_string_equal(line, "tessera: error: pci: domU1: host interrupt 37 cannot be routed\n");
}

static void test_refusals(void **state)
{
	static const struct { void (*edit)(void); const char *line; } cases[] = {
		{ missing_function, "tessera: error: pci: domU1: there is no PCI function 0000:00:09.0 on this board" },
		{ bar_not_aligned, "tessera: error: pci: domU1: tessera,guest-bars: BAR 0 is not a BAR of this function, or 0x23000800 is not aligned to its size" },
	};
	char line[256];
	unsigned int i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(assign(cases[i].edit, NULL, line, sizeof(line)), 1);
		if (strncmp(line, cases[i].line, strlen(cases[i].line))) {
			print_error("case %u: got \"%s\", wanted \"%s\"\n", i, line, cases[i].line);
			fail();
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_assigns_the_plan),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_failure_undoes_the_assignment),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
