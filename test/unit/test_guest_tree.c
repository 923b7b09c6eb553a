// SPDX-License-Identifier: GPL-2.0-only
/*
 * The guest device tree a domain gets when its author gives none: the
 * tree writer (kernel/lib/fdt_write.c), the builder shared by the loader
 * and the planner (arch/guest_tree.h), and the loader's part
 * (boot/domain_tree.c). Every tree the builder writes, for every shape
 * of domain the hypervisor runs here, must be accepted by the
 * hypervisor's own checks (kernel/dom0less.c on the fake architecture):
 * a Xen dom0less tree with no tessera,guest-device-tree module boots.
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
#include "arch/guest_tree.h"
#include "dom0less.h"
#include "domain.h"
#include "domain_tree.h"
#include "fake_boot.h"
#include "lib/fdt_write.h"

static struct fake_boot boot;
static uint8_t trees[2][GUEST_TREE_MAX_SIZE];
static struct {
	unsigned int cpus[2];
	uint32_t mem_kib[2];
	bool direct_map;
} shape;

static int dom(const char *name)
{
	char path[64];

	snprintf(path, sizeof(path), "/chosen/%s", name);
	return fdt_path_offset(&boot.tree, path);
}

static void set_shape(void)
{
	static const char *const names[2] = { "domU1", "domU2" };
	unsigned int i;

	for (i = 0; i < 2; i++) {
		uint64_t kib = shape.mem_kib[i];

		if (fdt_setprop_u32(&boot.tree, dom(names[i]), "cpus", shape.cpus[i]) ||
		    fdt_setprop_cells(&boot.tree, dom(names[i]), "memory", &kib, 1, 2))
			abort();
	}
	if (shape.direct_map) {
		uint64_t bank[2] = { FAKE_RAM_BASE + (32ull << 20), (uint64_t)shape.mem_kib[0] << 10 };

		if (fdt_setprop_u32(&boot.tree, dom("domU1"), "#xen,static-mem-address-cells", 2) ||
		    fdt_setprop_u32(&boot.tree, dom("domU1"), "#xen,static-mem-size-cells", 2) ||
		    fdt_setprop_cells(&boot.tree, dom("domU1"), "xen,static-mem", bank, 2, 2) ||
		    fdt_setprop(&boot.tree, dom("domU1"), "direct-map", NULL, 0))
			abort();
	}
}

/* What the loader does (boot/main.c build_guest_trees), minus firmware. */
static int play_loader(void)
{
	static const char *const names[2] = { "domU1", "domU2" };
	unsigned int i;

	for (i = 0; i < 2; i++) {
		struct bootinfo_module *m = &boot.bi.modules[boot.bi.nr_modules];
		struct guest_tree_desc d;
		int size;

		if (domain_has_guest_tree(&boot.tree, dom(names[i])) ||
		    domain_guest_desc(&boot.tree, dom(names[i]), &d))
			return 3;
		size = guest_tree_build(&d, trees[i], sizeof(trees[i]));
		if (size < 0)
			return 3;
		m->base = (uintptr_t)trees[i];
		m->size = size;
		if (domain_add_tree_module(&boot.tree, dom(names[i]), m->base, m->size) ||
		    !domain_has_guest_tree(&boot.tree, dom(names[i])))
			return 3;
		boot.bi.nr_modules++;
	}
	return 0;
}

/* The guest's tree, in its RAM, says what the domain is. */
static bool guest_sees_itself(const struct domain *d)
{
	const uint8_t *ram = (const uint8_t *)(uintptr_t)d->ram_pa;
	struct fdt g;
	uint64_t a, s;
	int cpus, n = 0, node;

	if (fdt_init(&g, (void *)(ram + d->ram_size - SZ_2M), SZ_2M) ||
	    fdt_reg(&g, fdt_path_offset(&g, "/memory@40000000") >= 0 ?
		    fdt_path_offset(&g, "/memory@40000000") :
		    fdt_next_node(&g, fdt_root(&g), NULL), 0, &a, &s) ||
	    a != d->ram_ipa || s != d->ram_size)
		return false;
	cpus = fdt_path_offset(&g, "/cpus");
	for (node = fdt_first_child(&g, cpus); node >= 0; node = fdt_next_sibling(&g, node))
		n++;
	return n == (int)d->nr_vcpus &&
	       (fdt_next_compatible(&g, -1, "arm,pl011") >= 0) == (d->uart == GUEST_UART_PL011) &&
	       fdt_next_compatible(&g, -1, "arm,gic-v3") >= 0 &&
	       fdt_next_compatible(&g, -1, "arm,armv8-timer") >= 0 &&
	       fdt_next_compatible(&g, -1, "pci-host-ecam-generic") < 0;
}

/* In the child: 0 built as the shape says, 1 refused, 2 wrong, 3 loader. */
static int boot_shape(void)
{
	int ret;

	fake_boot_setup(&boot, "dom0less-xen.dtb", NULL, 3);
	boot.bi.nr_modules = 1;		/* the kernel only */
	set_shape();
	ret = play_loader();
	if (ret)
		return ret;
	if (dom0less_create_all(&boot.tree, &boot.bi, &boot.pool))
		return 1;
	if (nr_domains != 2 || domains[0].nr_vcpus != shape.cpus[0] ||
	    domains[1].nr_vcpus != shape.cpus[1] || domains[0].direct_map != shape.direct_map)
		return 2;
	return guest_sees_itself(&domains[0]) && guest_sees_itself(&domains[1]) ? 0 : 2;
}

static void test_xen_tree_boots_every_shape(void **state)
{
	static const uint32_t mem[] = { 4096, 8192, 16384 };
	unsigned int c, m, dm;
	char line[256];

	for (dm = 0; dm < 2; dm++)
		for (c = 1; c <= 2; c++)
			for (m = 0; m < 3; m++) {
				shape.cpus[0] = c;
				shape.cpus[1] = 3 - c;
				shape.mem_kib[0] = mem[m];
				shape.mem_kib[1] = mem[2 - m];
				shape.direct_map = dm;
				if (fake_boot_run(boot_shape, line, sizeof(line))) {
					print_error("cpus %u mem %u KiB direct-map %u: \"%s\"\n", c,
						    mem[m], dm, line);
					fail();
				}
			}
}

/* Without the loader's part the hypervisor refuses, as on main. */
static int boot_without_loader(void)
{
	fake_boot_setup(&boot, "dom0less-xen.dtb", NULL, 3);
	boot.bi.nr_modules = 1;
	return dom0less_create_all(&boot.tree, &boot.bi, &boot.pool) ? 1 : 0;
}

static void test_without_the_loader_it_is_refused(void **state)
{
	char line[256];

	assert_int_equal(fake_boot_run(boot_without_loader, line, sizeof(line)), 1);
	assert_non_null(strstr(line, "no tessera,guest-device-tree module"));
}

/* The vPCI host bridge's msi-map names the vITS, under the GIC, at
 * GUEST_GITS_BASE: identity for every requester id. */
static void check_msi_map(const struct fdt *g, int bridge)
{
	const uint32_t *map;
	uint64_t a, s;
	int len, its;

	map = fdt_getprop(g, bridge, "msi-map", &len);
	assert_non_null(map);
	assert_int_equal(len, 16);
	its = fdt_node_by_phandle(g, __builtin_bswap32(map[1]));
	assert_true(its >= 0);
	assert_true(fdt_is_compatible(g, its, "arm,gic-v3-its"));
	assert_true(fdt_has_prop(g, its, "msi-controller"));
	assert_true(fdt_is_compatible(g, fdt_parent(g, its), "arm,gic-v3"));
	assert_int_equal(fdt_reg(g, its, 0, &a, &s), 0);
	assert_true(a == GUEST_GITS_BASE && s == GUEST_GITS_SIZE);
	assert_true(map[0] == 0 && map[2] == 0 && __builtin_bswap32(map[3]) == 0x10000);
}

static void test_builder_shapes(void **state)
{
	struct guest_tree_desc d = { .ram_base = GUEST_RAM0_BASE, .ram_size = 64 << 20 };
	static uint8_t a[GUEST_TREE_MAX_SIZE], b[GUEST_TREE_MAX_SIZE];
	struct fdt g;
	int size, node;
	uint32_t v;

	for (v = 1; v <= GUEST_TREE_MAX_VCPUS; v++) {
		d.nr_vcpus = v;
		d.vpl011 = d.vpci = true;
		size = guest_tree_build(&d, a, sizeof(a));
		assert_true(size > 0 && size <= (int)GUEST_TREE_MAX_SIZE);
		/* The same description, the same bytes (PLAN-3). */
		assert_int_equal(guest_tree_build(&d, b, sizeof(b)), size);
		assert_memory_equal(a, b, size);
		assert_int_equal(fdt_init(&g, a, size), 0);
		node = fdt_next_compatible(&g, -1, "pci-host-ecam-generic");
		assert_true(node >= 0);
		assert_int_equal(fdt_reg_count(&g, node), 1);
		/* 10 cells an entry: the GIC has 2 address cells for its vITS. */
		assert_non_null(fdt_getprop(&g, node, "interrupt-map", &size));
		assert_int_equal(size, 16 * 10 * 4);
		check_msi_map(&g, node);
		node = fdt_next_compatible(&g, -1, "arm,gic-v3");
		assert_int_equal(fdt_reg_count(&g, node), 2);
	}
	/* Without PCI functions, no vITS. */
	d.vpci = false;
	size = guest_tree_build(&d, a, sizeof(a));
	assert_int_equal(fdt_init(&g, a, size), 0);
	assert_true(fdt_next_compatible(&g, -1, "arm,gic-v3-its") < 0);
	node = fdt_next_compatible(&g, -1, "arm,gic-v3");
	assert_int_equal(fdt_address_cells(&g, node), 0);
	d.nr_vcpus = 0;
	assert_int_equal(guest_tree_build(&d, a, sizeof(a)), -FDT_ERR_BADVALUE);
	d.nr_vcpus = GUEST_TREE_MAX_VCPUS + 1;
	assert_int_equal(guest_tree_build(&d, a, sizeof(a)), -FDT_ERR_BADVALUE);
	d.nr_vcpus = 1;
	assert_int_equal(guest_tree_build(&d, a, 200), -FDT_ERR_NOSPACE);
}

/* A board whose GIC is a GICv2: the guest gets a GICv2 node with its
 * distributor and CPU interface only (no GICH, GICV, maintenance
 * interrupt), no vITS and no msi-map; the interrupt-map still fits the
 * GIC's address cells. */
static void test_builder_gicv2(void **state)
{
	struct guest_tree_desc d = { .ram_base = GUEST_RAM0_BASE, .ram_size = 64 << 20,
				     .nr_vcpus = 2, .vpl011 = true, .vpci = true };
	static uint8_t a[GUEST_TREE_MAX_SIZE], board[512];
	const uint32_t *timer;
	struct fdtw w;
	struct fdt g;
	uint64_t base, size;
	int n, node;

	/* The board's GIC decides it. */
	fdtw_init(&w, board, sizeof(board));
	fdtw_begin_node(&w, "");
	fdtw_begin_node(&w, "intc@8000000");
	fdtw_prop_string(&w, "compatible", "arm,cortex-a15-gic");
	fdtw_end_node(&w);
	fdtw_end_node(&w);
	n = fdtw_finish(&w);
	assert_true(n > 0);
	assert_int_equal(fdt_init(&g, board, n), 0);
	guest_tree_board(&d, &g);
	assert_true(d.irqchip_v2);

	n = guest_tree_build(&d, a, sizeof(a));
	assert_true(n > 0);
	assert_int_equal(fdt_init(&g, a, n), 0);
	assert_true(fdt_next_compatible(&g, -1, "arm,gic-v3") < 0);
	assert_true(fdt_next_compatible(&g, -1, "arm,gic-v3-its") < 0);
	node = fdt_next_compatible(&g, -1, "arm,gic-400");
	assert_true(node >= 0);
	assert_int_equal(fdt_reg_count(&g, node), 2);
	assert_int_equal(fdt_reg(&g, node, 0, &base, &size), 0);
	assert_true(base == GUEST_GICD_BASE && size == GUEST_GICV2_GICD_SIZE);
	assert_int_equal(fdt_reg(&g, node, 1, &base, &size), 0);
	assert_true(base == GUEST_GICC_BASE && size == GUEST_GICC_SIZE);
	assert_false(fdt_has_prop(&g, node, "interrupts"));
	node = fdt_next_compatible(&g, -1, "pci-host-ecam-generic");
	assert_null(fdt_getprop(&g, node, "msi-map", &n));
	assert_non_null(fdt_getprop(&g, node, "interrupt-map", &n));
	assert_int_equal(n, 16 * 10 * 4);
	/* The timer's PPIs name both vCPUs, level low (GICv2 binding). */
	node = fdt_next_compatible(&g, -1, "arm,armv8-timer");
	timer = fdt_getprop(&g, node, "interrupts", &n);
	assert_non_null(timer);
	assert_int_equal(__builtin_bswap32(timer[2]), 0x308);

	/* A GICv3 board: the GICv3 tree. */
	fdtw_init(&w, board, sizeof(board));
	fdtw_begin_node(&w, "");
	fdtw_begin_node(&w, "intc@8000000");
	fdtw_prop_string(&w, "compatible", "arm,gic-v3");
	fdtw_end_node(&w);
	fdtw_end_node(&w);
	n = fdtw_finish(&w);
	assert_int_equal(fdt_init(&g, board, n), 0);
	guest_tree_board(&d, &g);
	assert_false(d.irqchip_v2);
}

static void test_writer_refuses_bad_shapes(void **state)
{
	static uint8_t buf[512];
	struct fdtw w;
	struct fdt g;
	int size;

	fdtw_init(&w, buf, sizeof(buf));
	fdtw_prop_u32(&w, "x", 1);		/* outside any node */
	assert_int_equal(fdtw_finish(&w), -FDT_ERR_BADSTRUCT);
	fdtw_init(&w, buf, sizeof(buf));
	fdtw_begin_node(&w, "");
	assert_int_equal(fdtw_finish(&w), -FDT_ERR_BADSTRUCT);	/* left open */
	fdtw_init(&w, buf, sizeof(buf));
	fdtw_begin_node(&w, "");
	fdtw_end_node(&w);
	fdtw_begin_node(&w, "");		/* a second root */
	fdtw_end_node(&w);
	assert_int_equal(fdtw_finish(&w), -FDT_ERR_BADSTRUCT);
	fdtw_init(&w, buf, 80);
	fdtw_begin_node(&w, "");
	fdtw_prop_string(&w, "a-long-property-name", "and a long value that does not fit");
	fdtw_end_node(&w);
	assert_int_equal(fdtw_finish(&w), -FDT_ERR_NOSPACE);
	/* A good one reads back, names shared in the strings block. */
	fdtw_init(&w, buf, sizeof(buf));
	fdtw_begin_node(&w, "");
	fdtw_prop_u32(&w, "n", 7);
	fdtw_begin_node(&w, "child@1");
	fdtw_prop_u32(&w, "n", 8);
	fdtw_prop_strings(&w, "compatible", "a\0b", 4);
	fdtw_end_node(&w);
	fdtw_end_node(&w);
	size = fdtw_finish(&w);
	assert_true(size > 0);
	assert_int_equal(fdt_init(&g, buf, size), 0);
	assert_true(fdt_is_compatible(&g, fdt_path_offset(&g, "/child@1"), "b"));
	assert_int_equal(fdt_read_u32(&g, fdt_path_offset(&g, "/child@1"), "n", &(uint32_t){ 0 }),
			 0);
	assert_int_equal(be32toh(*(uint32_t *)(buf + 32)), 13);	/* "n\0compatible\0" */
}

/* What the loader refuses, in its own words (naming the property). */
static void test_loader_refusals(void **state)
{
	static uint8_t blob[16384];
	struct guest_tree_desc d;
	struct fdt t;
	FILE *f;
	size_t n;
	int d1;

	f = fopen(UNIT_DATA_DIR "/dom0less-xen.dtb", "rb");
	assert_non_null(f);
	n = fread(blob, 1, sizeof(blob), f);
	fclose(f);
	assert_int_equal(fdt_init(&t, blob, sizeof(blob)), 0);
	assert_true(n > 0);
	d1 = fdt_path_offset(&t, "/chosen/domU1");
	assert_false(domain_has_guest_tree(&t, d1));
	assert_null(domain_guest_desc(&t, d1, &d));
	assert_int_equal(d.nr_vcpus, 1);
	assert_int_equal(d.ram_size, 8u << 20);
	assert_int_equal(d.ram_base, GUEST_RAM0_BASE);
	assert_true(d.vpl011);
	assert_false(d.vpci);
	fdt_setprop_u32(&t, d1, "cpus", 9);
	assert_string_equal(domain_guest_desc(&t, fdt_path_offset(&t, "/chosen/domU1"), &d),
			    "cpus must be between 1 and 8");
	d1 = fdt_path_offset(&t, "/chosen/domU1");
	fdt_setprop_u32(&t, d1, "cpus", 1);
	fdt_setprop(&t, fdt_path_offset(&t, "/chosen/domU1"), "direct-map", NULL, 0);
	assert_string_equal(domain_guest_desc(&t, fdt_path_offset(&t, "/chosen/domU1"), &d),
			    "direct-map needs one xen,static-mem bank of <address size>");
	/* The module node, once; its reg in the node's cells. */
	d1 = fdt_path_offset(&t, "/chosen/domU1");
	assert_null(domain_add_tree_module(&t, d1, 0x12345000, 0x800));
	d1 = fdt_path_offset(&t, "/chosen/domU1");
	assert_true(domain_has_guest_tree(&t, d1));
	assert_string_equal(domain_add_tree_module(&t, d1, 0x12345000, 0x800),
			    "it already has a child called device-tree");
	assert_int_equal(fdt_init(&t, blob, sizeof(blob)), 0);
	{
		uint64_t a, s;

		assert_int_equal(fdt_reg(&t, fdt_path_offset(&t, "/chosen/domU1/device-tree"), 0,
					 &a, &s), 0);
		assert_int_equal(a, 0x12345000);
		assert_int_equal(s, 0x800);
	}
	/* Other nodes are where they were: domU2 still reads. */
	assert_int_equal(fdt_read_u32(&t, fdt_path_offset(&t, "/chosen/domU2"), "cpus",
				      &(uint32_t){ 0 }), 0);
	assert_int_equal(fdt_add_subnode(&t, fdt_path_offset(&t, "/chosen"), "a/b"),
			 -FDT_ERR_BADVALUE);
	/* A dom0 kernel straight under /chosen, as Xen's docs show one. */
	assert_int_equal(domain_dom0_module(&t), -1);
	d1 = fdt_add_subnode(&t, fdt_path_offset(&t, "/chosen"), "module@1");
	assert_true(d1 >= 0);
	assert_int_equal(fdt_setprop(&t, d1, "compatible", "multiboot,kernel\0multiboot,module",
				     sizeof("multiboot,kernel\0multiboot,module")), 0);
	assert_int_equal(domain_dom0_module(&t), fdt_path_offset(&t, "/chosen/module@1"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_xen_tree_boots_every_shape),
		cmocka_unit_test(test_without_the_loader_it_is_refused),
		cmocka_unit_test(test_builder_shapes),
		cmocka_unit_test(test_builder_gicv2),
		cmocka_unit_test(test_writer_refuses_bad_shapes),
		cmocka_unit_test(test_loader_refusals),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
