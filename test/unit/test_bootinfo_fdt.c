// SPDX-License-Identifier: GPL-2.0-only
/*
 * The boot record the Linux boot protocol's entry builds from the device
 * tree alone (kernel/lib/bootinfo_fdt.c), on trees compiled by dtc from
 * test/unit/data/bootfdt*.dts. Under AddressSanitizer every tree lives in
 * a buffer of exactly its size, so a read past it is caught.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "lib/bootinfo_fdt.h"

#define MIB		(1ull << 20)
#define IMAGE_BASE	0x40200000ull	/* where QEMU's -kernel puts us */
#define IMAGE_SIZE	0x40000ull
#define DTB_PA		0x48000000ull

static struct bootinfo bi;
static char why[256];

static uint8_t *load(const char *name, size_t *size)
{
	char path[512];
	uint8_t *buf;
	FILE *f;
	long n;

	snprintf(path, sizeof(path), "%s/%s", UNIT_DATA_DIR, name);
	f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = malloc(n);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, n, f), n);
	fclose(f);
	*size = n;
	return buf;
}

/* Build from a tree file with the given image and tree addresses:
 * NULL or the builder's message (the buffer is freed either way). */
static const char *build_at(const char *name, uint64_t image, uint64_t dtb_pa)
{
	struct bootinfo_fdt_in in = { dtb_pa, image, IMAGE_SIZE };
	const char *err;
	struct fdt fdt;
	uint8_t *buf;
	size_t size;

	buf = load(name, &size);
	assert_int_equal(bootinfo_fdt_open(&fdt, buf, size), 0);
	err = bootinfo_from_fdt(&bi, &fdt, &in, why, sizeof(why));
	free(buf);
	return err;
}

static const char *build(const char *name)
{
	return build_at(name, IMAGE_BASE, DTB_PA);
}

/* The type of the record's entry holding addr, 0 if none does. */
static uint32_t type_at(uint64_t addr)
{
	unsigned int i;

	for (i = 0; i < bi.nr_mem; i++)
		if (addr >= bi.mem[i].base && addr - bi.mem[i].base < bi.mem[i].size)
			return bi.mem[i].type;
	return 0;
}

static void expect_error(const char *err, const char *part)
{
	assert_non_null(err);
	if (!strstr(err, part))
		fail_msg("\"%s\" does not say \"%s\"", err, part);
}

static void test_header(void **state)
{
	struct bootinfo_fdt_in in = { DTB_PA, IMAGE_BASE, IMAGE_SIZE };

	assert_null(build("bootfdt.dtb"));
	assert_int_equal(bi.magic, BOOTINFO_MAGIC);
	assert_int_equal(bi.version, BOOTINFO_VERSION);
	assert_int_equal(bi.size, sizeof(bi));
	assert_int_equal(bi.dtb_base, in.dtb_pa);
	assert_true(bi.dtb_size > 0 && bi.dtb_size < 4096);
	assert_int_equal(bi.image_base, IMAGE_BASE);
	assert_int_equal(bi.image_size, IMAGE_SIZE);
	assert_int_equal(bi.loader_counter, 0);
	assert_int_equal(bi.acpi_rsdp, 0);
}

/* /memory less /memreserve/, /reserved-memory, the tree, the image and
 * the modules, each in whole pages; the record sorted and disjoint. */
static void test_memory(void **state)
{
	static const struct { uint64_t base, end; uint32_t type; } want[] = {
		{ 0x40000000, 0x40010000, BOOTMEM_USABLE },
		{ 0x40010000, 0x40013000, BOOTMEM_RESERVED },	/* /memreserve/ */
		{ 0x40013000, 0x40200000, BOOTMEM_USABLE },
		{ 0x40200000, 0x40240000, BOOTMEM_LOADED },	/* the image */
		{ 0x40240000, 0x41000000, BOOTMEM_USABLE },
		{ 0x41000000, 0x41100000, BOOTMEM_RESERVED },	/* fw, reusable */
		{ 0x41100000, 0x48000000, BOOTMEM_USABLE },	/* off@ is disabled */
		{ 0x48000000, 0x48001000, BOOTMEM_LOADED },	/* the tree */
		{ 0x48001000, 0x4e000000, BOOTMEM_USABLE },
		{ 0x4e000000, 0x4e200000, BOOTMEM_RESERVED },	/* tee, no-map */
		{ 0x4e200000, 0x50000000, BOOTMEM_USABLE },
		{ 0x50000000, 0x50002000, BOOTMEM_LOADED },	/* both kernels */
		{ 0x50002000, 0x50100000, BOOTMEM_USABLE },
		{ 0x50100000, 0x50101000, BOOTMEM_LOADED },	/* guest tree */
		{ 0x50101000, 0x50200000, BOOTMEM_USABLE },
		{ 0x50200000, 0x50202000, BOOTMEM_LOADED },	/* ramdisk */
		{ 0x50202000, 0x60000000, BOOTMEM_USABLE },
		{ 0x100000000, 0x110000000, BOOTMEM_USABLE },
	};
	unsigned int i;

	assert_null(build("bootfdt.dtb"));
	for (i = 0; i < bi.nr_mem && i < sizeof(want) / sizeof(want[0]); i++) {
		if (bi.mem[i].base != want[i].base ||
		    bi.mem[i].base + bi.mem[i].size != want[i].end ||
		    bi.mem[i].type != want[i].type)
			fail_msg("mem[%u] is 0x%llx-0x%llx type %u, want 0x%llx-0x%llx type %u", i,
				 (unsigned long long)bi.mem[i].base,
				 (unsigned long long)(bi.mem[i].base + bi.mem[i].size),
				 bi.mem[i].type, (unsigned long long)want[i].base,
				 (unsigned long long)want[i].end, want[i].type);
	}
	assert_int_equal(bi.nr_mem, sizeof(want) / sizeof(want[0]));
	/* The flash node, and what is not memory at all, are not RAM. */
	assert_int_equal(type_at(0x0), 0);
	assert_int_equal(type_at(0x60000000), 0);
}

/* Each kind of kept memory is never USABLE, byte by byte at its edges. */
static void test_never_usable(void **state)
{
	assert_null(build("bootfdt.dtb"));
	assert_int_equal(type_at(0x40010000), BOOTMEM_RESERVED);
	assert_int_equal(type_at(0x400127ff), BOOTMEM_RESERVED);
	assert_int_equal(type_at(0x4e000000), BOOTMEM_RESERVED);
	assert_int_equal(type_at(0x4e1fffff), BOOTMEM_RESERVED);
	assert_int_equal(type_at(0x41000000), BOOTMEM_RESERVED);
	assert_int_equal(type_at(0x42000000), BOOTMEM_USABLE);	/* disabled */
	assert_int_equal(type_at(DTB_PA), BOOTMEM_LOADED);
	assert_int_equal(type_at(IMAGE_BASE + IMAGE_SIZE - 1), BOOTMEM_LOADED);
	assert_int_equal(type_at(0x500017ff), BOOTMEM_LOADED);
}

static void test_modules(void **state)
{
	static const struct { const char *name; uint64_t base, size; } want[] = {
		{ "domU1/kernel", 0x50000000, 0x1800 },
		{ "domU1/device-tree", 0x50100000, 0x800 },
		{ "domU2/kernel", 0x50000000, 0x1800 },
		{ "domU2/ramdisk", 0x50200000, 0x2000 },
	};
	unsigned int i;

	assert_null(build("bootfdt.dtb"));
	assert_int_equal(bi.nr_modules, 4);
	for (i = 0; i < 4; i++) {
		assert_string_equal(bi.modules[i].name, want[i].name);
		assert_int_equal(bi.modules[i].base, want[i].base);
		assert_int_equal(bi.modules[i].size, want[i].size);
	}
}

/* xen,xen-bootargs first, as Xen reads /chosen; else bootargs. */
static void test_options(void **state)
{
	assert_null(build("bootfdt.dtb"));
	assert_string_equal(bi.options, "loglevel=debug");
	assert_null(build_at("bootfdt-ac1.dtb", 0x40200000, 0x46000000));
	assert_string_equal(bi.options, "from-bootargs");
}

/* One-cell addresses and sizes read as such, memory and modules alike. */
static void test_address_cells_1(void **state)
{
	assert_null(build_at("bootfdt-ac1.dtb", 0x40200000, 0x46000000));
	assert_int_equal(type_at(0x40000000), BOOTMEM_USABLE);
	assert_int_equal(type_at(0x47ffffff), BOOTMEM_USABLE);
	assert_int_equal(type_at(0x48000000), 0);
	assert_int_equal(type_at(0x47000000), BOOTMEM_RESERVED);
	assert_int_equal(type_at(0x44000000), BOOTMEM_LOADED);
	assert_int_equal(bi.nr_modules, 1);
	assert_int_equal(bi.modules[0].base, 0x44000000);
	assert_int_equal(bi.modules[0].size, 0x10000);
}

static void test_truncated(void **state)
{
	struct fdt fdt;
	uint8_t *buf, *half;
	size_t size;

	buf = load("bootfdt.dtb", &size);
	/* What the header says runs past what may be read. */
	half = malloc(size / 2);
	memcpy(half, buf, size / 2);
	assert_int_equal(bootinfo_fdt_open(&fdt, half, size / 2), -FDT_ERR_TRUNCATED);
	assert_int_equal(bootinfo_fdt_open(&fdt, half, 4), -FDT_ERR_TRUNCATED);
	free(half);
	/* Linux's limit: 2 MiB, whatever the header claims. */
	buf[4] = 0x00, buf[5] = 0x20, buf[6] = 0x00, buf[7] = 0x08;
	assert_int_equal(bootinfo_fdt_open(&fdt, buf, size), -FDT_ERR_TRUNCATED);
	free(buf);
}

static void test_not_a_tree(void **state)
{
	static const uint64_t record[2] = { BOOTINFO_MAGIC, 0 };
	struct fdt fdt;
	uint8_t *buf;
	size_t size;

	assert_false(bootinfo_fdt_is_tree(record));
	assert_int_equal(bootinfo_fdt_open(&fdt, record, sizeof(record)), -FDT_ERR_BADMAGIC);
	buf = load("bootfdt.dtb", &size);
	assert_true(bootinfo_fdt_is_tree(buf));
	/* booting.rst: 8-byte aligned. */
	assert_int_equal(bootinfo_fdt_open(&fdt, buf + 4, size - 4), -FDT_ERR_BADLAYOUT);
	free(buf);
}

static void test_overlapping_memory(void **state)
{
	expect_error(build("bootfdt-overlap.dtb"),
		     "/memory@48000000: reg 0x48000000+0x10000000 overlaps other memory");
}

static void test_bad_reg(void **state)
{
	expect_error(build("bootfdt-badreg.dtb"),
		     "/memory@40000000: reg is not whole (address, size) cells");
}

static void test_too_many_ranges(void **state)
{
	expect_error(build("bootfdt-many.dtb"), "more memory ranges than the boot record holds");
}

static void test_module_on_reserved(void **state)
{
	expect_error(build("bootfdt-module-resv.dtb"),
		     "/chosen/domU1/kernel 0x4e100000+0x10000 lies on reserved memory 0x4e000000-0x4e200000");
}

static void test_module_on_tree(void **state)
{
	expect_error(build_at("bootfdt.dtb", IMAGE_BASE, 0x50100000),
		     "/chosen/domU1/device-tree 0x50100000+0x800 lies on the device tree");
}

static void test_module_on_image(void **state)
{
	expect_error(build_at("bootfdt.dtb", 0x50000000, DTB_PA),
		     "the hypervisor at 0x50000000+0x40000");
}

static void test_image_outside_memory(void **state)
{
	expect_error(build_at("bootfdt.dtb", 0x70000000, DTB_PA),
		     "the hypervisor 0x70000000+0x40000 is not inside /memory");
}

/* A memory node without device_type = "memory" is not memory (Linux
 * reads it so too): no RAM, and a module it would have held is outside. */
static void test_no_memory(void **state)
{
	expect_error(build("bootfdt-nomem.dtb"),
		     "no /memory node with a reg (device_type = \"memory\")");
}

static void test_module_outside_memory(void **state)
{
	expect_error(build_at("bootfdt-module-out.dtb", IMAGE_BASE, DTB_PA),
		     "/chosen/domU1/kernel 0x80000000+0x10000 is not inside /memory");
}

/* Tessera has no dom0: its module is refused as the loader refuses it. */
static void test_dom0_module(void **state)
{
	expect_error(build("bootfdt-dom0.dtb"),
		     "/chosen/module@50000000: a dom0 module, and Tessera has no dom0");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_header),
		cmocka_unit_test(test_memory),
		cmocka_unit_test(test_never_usable),
		cmocka_unit_test(test_modules),
		cmocka_unit_test(test_options),
		cmocka_unit_test(test_address_cells_1),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_not_a_tree),
		cmocka_unit_test(test_overlapping_memory),
		cmocka_unit_test(test_bad_reg),
		cmocka_unit_test(test_too_many_ranges),
		cmocka_unit_test(test_module_on_reserved),
		cmocka_unit_test(test_module_on_tree),
		cmocka_unit_test(test_module_on_image),
		cmocka_unit_test(test_image_outside_memory),
		cmocka_unit_test(test_no_memory),
		cmocka_unit_test(test_module_outside_memory),
		cmocka_unit_test(test_dom0_module),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
