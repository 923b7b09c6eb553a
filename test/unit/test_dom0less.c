// SPDX-License-Identifier: GPL-2.0-only
/*
 * kernel/dom0less.c (with domain.c, p2m.c, vpl011.c and the emulated
 * vGIC) on the fake architecture: a Xen dom0less boot tree becomes
 * domains whose RAM, p2m, CPUs and loaded images are what the tree
 * says, and each malformed tree is refused with its own message and no
 * domain built. The loader's part is played here: the files are put in
 * memory and the module nodes' reg filled in. Each case runs in a child
 * process, since the domain table is the hypervisor's one global table.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "arch/guest.h"
#include "dom0less.h"
#include "domain.h"
#include "fake_boot.h"
#include "lib/caps.h"

static struct fake_boot boot;
static void (*edit)(void);
static bool (*check)(void);

static void set_u32(const char *path, const char *name, uint32_t v)
{
	if (fdt_setprop_u32(&boot.tree, fdt_path_offset(&boot.tree, path), name, v))
		abort();
}

/* In the child: 0 built (and check() agreed), 1 refused, 2 check failed. */
static int build_one(void)
{
	fake_boot_setup(&boot, "dom0less.dtb", "dom0less-guest.dtb", 3);
	if (edit)
		edit();
	if (dom0less_create_all(&boot.tree, &boot.bi, &boot.pool))
		return 1;
	return check && !check() ? 2 : 0;
}

static int build(void (*e)(void), bool (*c)(void), char *line, size_t n)
{
	edit = e;
	check = c;
	return fake_boot_run(build_one, line, n);
}

/* Both guests as the tree says, checked from the hypervisor's view. */
static bool built_as_planned(void)
{
	struct domain *a = &domains[0], *b = &domains[1];
	const uint8_t *ram_a;
	struct fdt g;
	const char *args;
	uint64_t hpa;

	if (nr_domains != 2 || strcmp(a->name, "domU1") || strcmp(b->name, "domU2"))
		return false;
	/* CPUs: lowest free first, one physical CPU per vCPU. */
	if (a->vcpus[0].pcpu != &pcpus[0] || b->vcpus[0].pcpu != &pcpus[1] ||
	    pcpus[2].vcpu)
		return false;
	/* RAM: 8 MiB each from the pool, 2 MiB aligned, at the guest base. */
	if (a->ram_size != (8u << 20) || a->ram_pa & (SZ_2M - 1) || a->ram_ipa != GUEST_RAM0_BASE ||
	    a->ram_pa < FAKE_RAM_BASE || a->ram_pa + a->ram_size > FAKE_RAM_BASE + FAKE_RAM_SIZE ||
	    a->ram_pa == b->ram_pa)
		return false;
	if (p2m_lookup(&a->p2m, GUEST_RAM0_BASE + 0x1234, &hpa) || hpa != a->ram_pa + 0x1234 ||
	    !p2m_lookup(&a->p2m, GUEST_RAM0_BASE + a->ram_size, &hpa))
		return false;
	/* The kernel where the boot protocol puts it, its bss zeroed. */
	ram_a = (const uint8_t *)(uintptr_t)a->ram_pa;
	if (memcmp(ram_a + FAKE_TEXT_OFFSET, boot.kernel, FAKE_KERNEL_SIZE) ||
	    ram_a[FAKE_TEXT_OFFSET + FAKE_KERNEL_SIZE] != 0 ||
	    a->entry_ipa != GUEST_RAM0_BASE + FAKE_TEXT_OFFSET)
		return false;
	/* The guest's tree at the top 2 MiB with its bootargs set. */
	if (a->dtb_ipa != GUEST_RAM0_BASE + a->ram_size - SZ_2M ||
	    fdt_init(&g, (void *)(ram_a + a->ram_size - SZ_2M), SZ_2M) ||
	    fdt_read_string(&g, fdt_path_offset(&g, "/chosen"), "bootargs", &args) ||
	    strcmp(args, "console=ttyAMA0 name=A"))
		return false;
	/* domU1 asked for a vUART, domU2 did not. */
	return a->uart == GUEST_UART_PL011 && b->uart == GUEST_UART_NONE &&
	       domain_find_mmio(a, GUEST_VUART_BASE, 4) && !domain_find_mmio(b, GUEST_VUART_BASE, 4);
}

static void test_builds_the_tree(void **state)
{
	char line[256];

	assert_int_equal(build(NULL, built_as_planned, line, sizeof(line)), 0);
}

/* domU2 fixes its RAM at the pool's lowest range, in Xen 4.17's form (the
 * domain node's own #address-cells / #size-cells); domU1, first in the
 * tree, has no xen,static-mem and must not take that range. */
static void static_mem_after_dynamic(void)
{
	fake_set_reg(&boot, "/chosen/domU2", "xen,static-mem", FAKE_RAM_BASE, 8u << 20);
}

static bool static_mem_kept(void)
{
	return domains[1].static_mem && domains[1].ram_pa == FAKE_RAM_BASE &&
	       !domains[0].static_mem && domains[0].ram_pa != FAKE_RAM_BASE;
}

static void test_static_mem_whatever_the_order(void **state)
{
	char line[256];

	assert_int_equal(build(static_mem_after_dynamic, static_mem_kept, line, sizeof(line)), 0);
}

static void too_many_vcpus(void) { set_u32("/chosen/domU1", "cpus", 9); }
static void odd_memory(void)
{
	uint64_t kib = 3072;

	fdt_setprop_cells(&boot.tree, fdt_path_offset(&boot.tree, "/chosen/domU2"), "memory", &kib,
			  1, 2);
}
static void not_enough_cpus(void) { set_u32("/chosen/domU2", "cpus", 3); }
static void tree_disagrees(void) { set_u32("/chosen/domU2", "cpus", 2); }
static void module_not_loaded(void)
{
	fake_set_reg(&boot, "/chosen/domU1/kernel", "reg", (uintptr_t)boot.kernel + 4096,
		     FAKE_KERNEL_SIZE);
}
static void not_an_image(void) { ((struct image_header *)boot.kernel)->magic = 0; }
static void static_mem_not_free(void)
{
	int d = fdt_path_offset(&boot.tree, "/chosen/domU1");

	fdt_setprop_u32(&boot.tree, d, "#xen,static-mem-address-cells", 2);
	fdt_setprop_u32(&boot.tree, d, "#xen,static-mem-size-cells", 2);
	fake_set_reg(&boot, "/chosen/domU1", "xen,static-mem", 0x1000000000ull, 8u << 20);
}

/* Direct-mapped RAM reaching into the guest's 64-bit vPCI window. */
static void direct_map_on_vpci_window(void)
{
	static_mem_not_free();
	fake_set_reg(&boot, "/chosen/domU1", "xen,static-mem", 0x8ffe00000ull, 8u << 20);
	if (fdt_setprop(&boot.tree, fdt_path_offset(&boot.tree, "/chosen/domU1"), "direct-map", "", 0))
		abort();
}

/* A node's name replaced in place by one as long (the blob's layout stays). */
static void rename_node(const char *path, const char *name)
{
	char *old = (char *)fdt_node_name(&boot.tree, fdt_path_offset(&boot.tree, path));

	if (strlen(old) != strlen(name))
		abort();
	memcpy(old, name, strlen(name));
}
static void duplicate_name(void) { rename_node("/chosen/domU2", "domU1"); }
static void hostile_name(void) { rename_node("/chosen/domU1", "../x1"); }

static void set_vuart(const char *path, const char *model)
{
	if (fdt_setprop(&boot.tree, fdt_path_offset(&boot.tree, path), "tessera,vuart", model,
			strlen(model) + 1))
		abort();
}
static void vuart_and_vpl011(void) { set_vuart("/chosen/domU1", "16550"); }
static void vuart_unknown(void) { set_vuart("/chosen/domU2", "pl011"); }
/* arm64 routes no I/O ports: its arch/guest.h names no 16550 port. */
static void vuart_16550_here(void) { set_vuart("/chosen/domU2", "16550"); }

static void test_refusals_name_the_problem(void **state)
{
	static const struct { void (*edit)(void); const char *line; } cases[] = {
		{ too_many_vcpus, "tessera: error: domU1: cpus must be between 1 and 8" },
		{ odd_memory, "tessera: error: domU2: memory (KiB) must be a multiple of 2 MiB from 4 MiB to 3 GiB" },
		{ duplicate_name, "tessera: error: partition: two guests are named domU1" },
		{ hostile_name, "tessera: error: partition: node \"../x1\": a guest name must be letters, digits and _ - + , . @, starting with a letter or digit" },
		{ not_enough_cpus, "tessera: error: domU2: needs 3 CPUs but too few of the 3 physical CPUs are free" },
		{ tree_disagrees, "tessera: error: domU2: guest device tree has 1 CPUs, the domain 2" },
		{ module_not_loaded, "tessera: error: domU1: kernel module at 0x" },
		{ not_an_image, "tessera: error: domU1: kernel is not an image this architecture boots" },
		{ static_mem_not_free, "tessera: error: domU1: xen,static-mem 0x1000000000+0x800000 is not free RAM" },
		{ direct_map_on_vpci_window, "tessera: error: domU1: direct-map RAM 0x8ffe00000+0x800000 overlaps the guest's emulated devices" },
		{ vuart_and_vpl011, "tessera: error: domU1: vpl011 and tessera,vuart both name its console UART" },
		{ vuart_unknown, "tessera: error: domU2: tessera,vuart must be \"16550\"" },
		{ vuart_16550_here, "tessera: error: domU2: tessera,vuart = \"16550\" is not available on this architecture" },
	};
	char line[256];
	unsigned int i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(build(cases[i].edit, NULL, line, sizeof(line)), 1);
		if (strncmp(line, cases[i].line, strlen(cases[i].line))) {
			print_error("case %u: got \"%s\", wanted \"%s...\"\n", i, line, cases[i].line);
			fail();
		}
	}
	/* Longer names are refused before two can be equal after the cut. */
	assert_null(caps_name_error("abcdefghijklmnopqrstuvwxyz01234"));
	assert_string_equal(caps_name_error("abcdefghijklmnopqrstuvwxyz012345"),
			    "a guest name must be at most 31 characters");
	/* The module case says why, too. */
	assert_int_equal(build(module_not_loaded, NULL, line, sizeof(line)), 1);
	assert_non_null(strstr(line, "is not a file the loader loaded"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_builds_the_tree),
		cmocka_unit_test(test_refusals_name_the_problem),
		cmocka_unit_test(test_static_mem_whatever_the_order),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
