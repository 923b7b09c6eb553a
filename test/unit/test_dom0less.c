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
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "arch/guest.h"
#include "dom0less.h"
#include "domain.h"
#include "fake_arch.h"
#include "lib/bootinfo.h"
#include "lib/fdt.h"
#include "lib/image.h"
#include "mm.h"

#define POOL_SIZE	(40ull << 20)
#define KERNEL_SIZE	(64u << 10)
#define TEXT_OFFSET	0x80000

static uint8_t tree_blob[16384];
static struct fdt tree;
static uint8_t guest_blob[4096] __attribute__((aligned(8)));
static size_t guest_size;
static uint8_t *kernel;
static struct bootinfo bi;
static struct mm_pool pool;
static void *ram;

static size_t slurp(const char *name, void *buf, size_t size)
{
	char path[512];
	FILE *f;
	size_t n;

	snprintf(path, sizeof(path), "%s/%s", UNIT_DATA_DIR, name);
	f = fopen(path, "rb");
	if (!f)
		abort();
	n = fread(buf, 1, size, f);
	fclose(f);
	return n;
}

static void set_reg(const char *path, const void *base, uint64_t size)
{
	uint64_t v[2] = { (uintptr_t)base, size };

	if (fdt_setprop_cells(&tree, fdt_path_offset(&tree, path), "reg", v, 2, 2))
		abort();
}

/* What the loader hands over: the files, the tree with their reg, RAM. */
static void boot_setup(void)
{
	struct image_header *h;
	unsigned int i;

	slurp("dom0less.dtb", tree_blob, sizeof(tree_blob));
	if (fdt_init(&tree, tree_blob, sizeof(tree_blob)))
		abort();
	guest_size = slurp("dom0less-guest.dtb", guest_blob, sizeof(guest_blob));
	kernel = aligned_alloc(4096, KERNEL_SIZE);
	memset(kernel, 0xc3, KERNEL_SIZE);
	h = (struct image_header *)kernel;
	memset(h, 0, sizeof(*h));
	h->text_offset = TEXT_OFFSET;
	h->image_size = KERNEL_SIZE + 4096;	/* a page of bss */
	h->magic = IMAGE_MAGIC;
	bi.nr_modules = 2;
	bi.modules[0].base = (uintptr_t)kernel;
	bi.modules[0].size = KERNEL_SIZE;
	bi.modules[1].base = (uintptr_t)guest_blob;
	bi.modules[1].size = guest_size;
	set_reg("/chosen/domU1/kernel", kernel, KERNEL_SIZE);
	set_reg("/chosen/domU2/kernel", kernel, KERNEL_SIZE);
	set_reg("/chosen/domU1/device-tree", guest_blob, guest_size);
	set_reg("/chosen/domU2/device-tree", guest_blob, guest_size);
	ram = aligned_alloc(SZ_2M, POOL_SIZE);
	mm_init(&pool);
	mm_add(&pool, (uintptr_t)ram, (uintptr_t)ram + POOL_SIZE);
	nr_pcpus = 3;
	for (i = 0; i < nr_pcpus; i++) {
		pcpus[i].id = i;
		pcpus[i].hwid = i;
	}
}

static void set_u32(const char *path, const char *name, uint32_t v)
{
	if (fdt_setprop_u32(&tree, fdt_path_offset(&tree, path), name, v))
		abort();
}

/*
 * Build from the tree as edit() leaves it, in a child. Returns what
 * dom0less_create_all() returned, or 2 if check() (run on success)
 * failed; *line is the last console line.
 */
static int build(void (*edit)(void), bool (*check)(void), char *line, size_t n)
{
	int fds[2], status;
	pid_t pid;
	ssize_t got;

	if (pipe(fds))
		abort();
	pid = fork();
	if (!pid) {
		int ret;

		close(fds[0]);
		boot_setup();
		if (edit)
			edit();
		ret = dom0less_create_all(&tree, &bi, &pool) ? 1 : 0;
		if (!ret && check && !check())
			ret = 2;
		if (write(fds[1], fake_arch.last_line, strlen(fake_arch.last_line)) < 0)
			ret = 3;
		_exit(ret);
	}
	close(fds[1]);
	got = read(fds[0], line, n - 1);
	line[got > 0 ? got : 0] = 0;
	close(fds[0]);
	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 4;
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
	    a->ram_pa < (uintptr_t)ram || a->ram_pa + a->ram_size > (uintptr_t)ram + POOL_SIZE ||
	    a->ram_pa == b->ram_pa)
		return false;
	if (p2m_lookup(&a->p2m, GUEST_RAM0_BASE + 0x1234, &hpa) || hpa != a->ram_pa + 0x1234 ||
	    !p2m_lookup(&a->p2m, GUEST_RAM0_BASE + a->ram_size, &hpa))
		return false;
	/* The kernel where the boot protocol puts it, its bss zeroed. */
	ram_a = (const uint8_t *)(uintptr_t)a->ram_pa;
	if (memcmp(ram_a + TEXT_OFFSET, kernel, KERNEL_SIZE) ||
	    ram_a[TEXT_OFFSET + KERNEL_SIZE] != 0 || a->entry_ipa != GUEST_RAM0_BASE + TEXT_OFFSET)
		return false;
	/* The guest's tree at the top 2 MiB with its bootargs set. */
	if (a->dtb_ipa != GUEST_RAM0_BASE + a->ram_size - SZ_2M ||
	    fdt_init(&g, (void *)(ram_a + a->ram_size - SZ_2M), SZ_2M) ||
	    fdt_read_string(&g, fdt_path_offset(&g, "/chosen"), "bootargs", &args) ||
	    strcmp(args, "console=ttyAMA0 name=A"))
		return false;
	/* domU1 asked for a vUART, domU2 did not. */
	return a->has_vpl011 && !b->has_vpl011 &&
	       domain_find_mmio(a, GUEST_VUART_BASE, 4) && !domain_find_mmio(b, GUEST_VUART_BASE, 4);
}

static void test_builds_the_tree(void **state)
{
	char line[256];

	assert_int_equal(build(NULL, built_as_planned, line, sizeof(line)), 0);
}

static void too_many_vcpus(void) { set_u32("/chosen/domU1", "cpus", 9); }
static void odd_memory(void)
{
	uint64_t kib = 3072;

	fdt_setprop_cells(&tree, fdt_path_offset(&tree, "/chosen/domU2"), "memory", &kib, 1, 2);
}
static void not_enough_cpus(void) { set_u32("/chosen/domU2", "cpus", 3); }
static void tree_disagrees(void) { set_u32("/chosen/domU2", "cpus", 2); }
static void module_not_loaded(void) { set_reg("/chosen/domU1/kernel", kernel + 4096, KERNEL_SIZE); }
static void not_an_image(void) { ((struct image_header *)kernel)->magic = 0; }
static void static_mem_not_free(void)
{
	uint64_t bank[2] = { 0x1000000000ull, 8u << 20 };
	int d = fdt_path_offset(&tree, "/chosen/domU1");

	fdt_setprop_u32(&tree, d, "#xen,static-mem-address-cells", 2);
	fdt_setprop_u32(&tree, d, "#xen,static-mem-size-cells", 2);
	fdt_setprop_cells(&tree, d, "xen,static-mem", bank, 2, 2);
}

static void test_refusals_name_the_problem(void **state)
{
	static const struct { void (*edit)(void); const char *line; } cases[] = {
		{ too_many_vcpus, "tessera: error: domU1: cpus must be between 1 and 8" },
		{ odd_memory, "tessera: error: domU2: memory must be a multiple of 2 MiB" },
		{ not_enough_cpus, "tessera: error: domU2: needs 3 CPUs but too few of the 3 physical CPUs are free" },
		{ tree_disagrees, "tessera: error: domU2: guest device tree has 1 CPUs, the domain 2" },
		{ module_not_loaded, "tessera: error: domU1: kernel module at 0x" },
		{ not_an_image, "tessera: error: domU1: kernel is not an image this architecture boots" },
		{ static_mem_not_free, "tessera: error: domU1: xen,static-mem 0x1000000000+0x800000 is not free RAM" },
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
	/* The module case says why, too. */
	assert_int_equal(build(module_not_loaded, NULL, line, sizeof(line)), 1);
	assert_non_null(strstr(line, "is not a file the loader loaded"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_builds_the_tree),
		cmocka_unit_test(test_refusals_name_the_problem),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
