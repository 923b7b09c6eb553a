// SPDX-License-Identifier: GPL-2.0-only
/*
 * The device-tree reader and editor (kernel/lib/fdt.c) against trees
 * compiled by dtc, and against corrupted copies of them. Runs under
 * AddressSanitizer: every blob lives in a buffer of exactly its size,
 * so any read past the end is caught.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "lib/fdt.h"

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
	assert_int_equal(fread(buf, 1, n, f), n);
	fclose(f);
	*size = n;
	return buf;
}

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3];
}

static void set32(uint8_t *p, uint32_t v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

static void test_reads_nodes_and_properties(void **state)
{
	size_t size;
	uint8_t *blob = load("basic.dtb", &size);
	struct fdt fdt;
	const char *s;
	uint64_t a, sz;
	uint32_t v;
	int node, cpus, n;

	assert_int_equal(fdt_init(&fdt, blob, size), 0);
	assert_int_equal(fdt_totalsize(&fdt), size);
	assert_string_equal(fdt_node_name(&fdt, fdt_root(&fdt)), "");

	node = fdt_path_offset(&fdt, "/memory@40000000");
	assert_true(node >= 0);
	assert_int_equal(fdt_path_offset(&fdt, "/memory"), node);	/* unit optional */
	assert_int_equal(fdt_reg_count(&fdt, node), 2);
	assert_int_equal(fdt_reg(&fdt, node, 1, &a, &sz), 0);
	assert_int_equal(a, 0x100000000ull);
	assert_int_equal(sz, 0x1000000);
	assert_int_equal(fdt_reg(&fdt, node, 2, &a, &sz), -FDT_ERR_NOTFOUND);

	cpus = fdt_path_offset(&fdt, "/cpus");
	for (n = 0, node = fdt_first_child(&fdt, cpus); node >= 0;
	     node = fdt_next_sibling(&fdt, node), n++) {
		assert_int_equal(fdt_parent(&fdt, node), cpus);
		assert_int_equal(fdt_reg(&fdt, node, 0, &a, &sz), 0);
		assert_int_equal(a, n);	/* 1 address cell, 0 size cells */
	}
	assert_int_equal(n, 2);
	assert_int_equal(fdt_subnode(&fdt, cpus, "cpu@1"), fdt_path_offset(&fdt, "/cpus/cpu@1"));

	node = fdt_path_offset(&fdt, "/chosen/domU1/kernel");
	assert_int_equal(fdt_reg(&fdt, node, 0, &a, &sz), 0);	/* parent's 1+1 cells */
	assert_int_equal(a, 0x48000000);
	assert_int_equal(sz, 0x1000);
	assert_int_equal(fdt_read_string(&fdt, node, "bootargs", &s), 0);
	assert_string_equal(s, "console=ttyAMA0");
	assert_true(fdt_is_compatible(&fdt, node, "multiboot,module"));
	assert_false(fdt_is_compatible(&fdt, node, "multiboot"));	/* no prefix match */

	node = fdt_parent(&fdt, node);
	assert_int_equal(fdt_read_u32(&fdt, node, "cpus", &v), 0);
	assert_int_equal(v, 2);
	assert_int_equal(fdt_read_u64(&fdt, node, "memory", &a), 0);
	assert_int_equal(a, 0x10000);
	assert_true(fdt_has_prop(&fdt, node, "vpl011"));
	assert_int_equal(fdt_read_u32(&fdt, node, "memory", &v), -FDT_ERR_BADVALUE);
	assert_int_equal(fdt_read_u32(&fdt, node, "nothing", &v), -FDT_ERR_NOTFOUND);
	assert_int_equal(fdt_path_offset(&fdt, "/chosen/domU2"), -FDT_ERR_NOTFOUND);
	free(blob);
}

static void test_compatible_and_phandle(void **state)
{
	size_t size;
	uint8_t *blob = load("basic.dtb", &size);
	struct fdt fdt;
	uint32_t ph;
	int uart, gic;

	assert_int_equal(fdt_init(&fdt, blob, size), 0);
	uart = fdt_next_compatible(&fdt, -1, "arm,pl011");
	assert_string_equal(fdt_node_name(&fdt, uart), "uart@9000000");
	assert_int_equal(fdt_next_compatible(&fdt, uart, "arm,pl011"), -FDT_ERR_NOTFOUND);
	gic = fdt_next_compatible(&fdt, -1, "arm,gic-v3");
	assert_int_equal(fdt_read_u32(&fdt, uart, "interrupt-parent", &ph), 0);
	assert_int_equal(fdt_node_by_phandle(&fdt, ph), gic);
	assert_int_equal(fdt_node_by_phandle(&fdt, 0x1234), -FDT_ERR_NOTFOUND);
	assert_true(fdt_stringlist_contains(&fdt, uart, "compatible", "arm,primecell"));
	free(blob);
}

static void test_property_iteration(void **state)
{
	size_t size;
	uint8_t *blob = load("basic.dtb", &size);
	struct fdt fdt;
	const char *names[8];
	int prop, n = 0, len;

	assert_int_equal(fdt_init(&fdt, blob, size), 0);
	for (prop = fdt_first_prop(&fdt, fdt_path_offset(&fdt, "/cpus/cpu@1")); prop >= 0;
	     prop = fdt_next_prop(&fdt, prop))
		assert_non_null(fdt_prop_value(&fdt, prop, &names[n++], &len));
	assert_int_equal(n, 2);
	assert_string_equal(names[0], "device_type");
	assert_string_equal(names[1], "reg");
	free(blob);
}

/* Copy blob into an exact-size buffer, apply a corruption, check init. */
static void expect_refused(const uint8_t *blob, size_t size, size_t off, uint32_t v,
			   int err)
{
	uint8_t *copy = malloc(size);
	struct fdt fdt;

	memcpy(copy, blob, size);
	set32(copy + off, v);
	assert_int_equal(fdt_init(&fdt, copy, size), err);
	free(copy);
}

static void test_malformed_trees_refused(void **state)
{
	size_t size;
	uint8_t *blob = load("basic.dtb", &size);
	uint32_t ostruct = get32(blob + 8), ostrings = get32(blob + 12);
	uint32_t sstruct = get32(blob + 36);
	uint32_t root_name = ostruct + 4;	/* the root's empty name */
	struct fdt fdt;
	uint8_t *copy;

	expect_refused(blob, size, 0, 0xdeadbeef, -FDT_ERR_BADMAGIC);
	expect_refused(blob, size, 20, 15, -FDT_ERR_BADVERSION);
	expect_refused(blob, size, 4, size + 1, -FDT_ERR_TRUNCATED);
	expect_refused(blob, size, 36, sstruct + 0x100, -FDT_ERR_TRUNCATED);
	expect_refused(blob, size, 8, ostruct + 2, -FDT_ERR_BADLAYOUT);
	/* Struct block overlapping the strings block. */
	expect_refused(blob, size, 12, ostruct + 8, -FDT_ERR_BADLAYOUT);
	/* First token not BEGIN_NODE / an unknown token. */
	expect_refused(blob, size, ostruct, 7, -FDT_ERR_BADSTRUCT);
	/* The END token replaced: the walk must stop at the block's end. */
	expect_refused(blob, size, ostruct + sstruct - 4, 2, -FDT_ERR_BADSTRUCT);
	expect_refused(blob, size, ostruct + sstruct - 4, 4, -FDT_ERR_BADSTRUCT);
	/* Root's END_NODE turned into a NOP: unbalanced. */
	expect_refused(blob, size, ostruct + sstruct - 8, 4, -FDT_ERR_BADSTRUCT);
	/* A property name offset outside the strings block: the first
	 * property of the root sits after its 4-byte name slot. */
	expect_refused(blob, size, root_name + 4 + 8, get32(blob + 32) + 5, -FDT_ERR_BADSTRUCT);
	/* A property length running past the block. */
	expect_refused(blob, size, root_name + 4 + 4, 0x7fffffff, -FDT_ERR_BADSTRUCT);

	/* A truncated buffer (the header says more than we have). */
	copy = malloc(size - 1);
	memcpy(copy, blob, size - 1);
	assert_int_equal(fdt_init(&fdt, copy, size - 1), -FDT_ERR_TRUNCATED);
	assert_int_equal(fdt_init(&fdt, copy, 10), -FDT_ERR_TRUNCATED);
	free(copy);

	/* An unterminated string block entry: strings cut so the last name
	 * has no NUL. */
	expect_refused(blob, size, 32, get32(blob + 32) - 1, -FDT_ERR_BADSTRUCT);
	(void)ostrings;
	free(blob);
}

static void test_unterminated_node_name(void **state)
{
	/* Hand-made: header, empty rsvmap, BEGIN_NODE "abcd" with no NUL up
	 * to the end of the struct block. */
	uint8_t blob[40 + 16 + 12];
	struct fdt fdt;

	memset(blob, 0, sizeof(blob));
	set32(blob + 0, 0xd00dfeed);
	set32(blob + 4, sizeof(blob));
	set32(blob + 8, 56);		/* struct */
	set32(blob + 12, sizeof(blob));	/* strings: empty, at the end */
	set32(blob + 16, 40);		/* rsvmap */
	set32(blob + 20, 17);
	set32(blob + 24, 16);
	set32(blob + 32, 0);
	set32(blob + 36, 12);
	set32(blob + 56, 1);
	memcpy(blob + 60, "abcdefgh", 8);
	assert_int_equal(fdt_init(&fdt, blob, sizeof(blob)), -FDT_ERR_BADSTRUCT);
}

static void test_nesting_depth_limited(void **state)
{
	char src[8192], cmd[256];
	size_t n = 0, size;
	uint8_t *blob;
	struct fdt fdt;
	FILE *f;
	int i;

	n += snprintf(src + n, sizeof(src) - n, "/dts-v1/;\n/ {\n");
	for (i = 0; i < FDT_MAX_DEPTH; i++)
		n += snprintf(src + n, sizeof(src) - n, "n%d {\n", i);
	for (i = 0; i <= FDT_MAX_DEPTH; i++)
		n += snprintf(src + n, sizeof(src) - n, "};\n");
	f = fopen(UNIT_DATA_DIR "/deep.dts", "w");
	assert_non_null(f);
	fputs(src, f);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "dtc -q -I dts -O dtb -o %s/deep.dtb %s/deep.dts",
		 UNIT_DATA_DIR, UNIT_DATA_DIR);
	assert_int_equal(system(cmd), 0);
	blob = load("deep.dtb", &size);
	/* root + FDT_MAX_DEPTH levels = one too many */
	assert_int_equal(fdt_init(&fdt, blob, size), -FDT_ERR_DEPTH);
	free(blob);
}

static void test_setprop_add_replace_and_nospace(void **state)
{
	size_t size;
	uint8_t *blob = load("basic.dtb", &size), *buf = malloc(size + 256), *before;
	struct fdt fdt;
	const char *s;
	uint64_t a, sz, reg[2] = { 0x7c000000, 0x2000 };
	uint32_t v;
	int node, ret;

	memcpy(buf, blob, size);
	assert_int_equal(fdt_init(&fdt, buf, size + 256), 0);
	node = fdt_path_offset(&fdt, "/chosen/domU1/kernel");

	/* Replace with a longer value, then a shorter one. */
	assert_int_equal(fdt_setprop_string(&fdt, node, "bootargs",
					    "console=ttyAMA0 earlycon rdinit=/init"), 0);
	node = fdt_path_offset(&fdt, "/chosen/domU1/kernel");
	assert_int_equal(fdt_read_string(&fdt, node, "bootargs", &s), 0);
	assert_string_equal(s, "console=ttyAMA0 earlycon rdinit=/init");
	assert_int_equal(fdt_setprop_string(&fdt, node, "bootargs", "q"), 0);
	/* A new property with a name the strings block does not have. */
	assert_int_equal(fdt_setprop_u32(&fdt, node, "tessera,test", 42), 0);
	/* reg replaced with 1+1 cells. */
	assert_int_equal(fdt_setprop_cells(&fdt, node, "reg", reg, 2, 1), 0);

	/* The edited tree validates from scratch and reads back; the rest
	 * of the tree is intact. */
	assert_int_equal(fdt_init(&fdt, buf, fdt_totalsize(&fdt)), 0);
	node = fdt_path_offset(&fdt, "/chosen/domU1/kernel");
	assert_int_equal(fdt_read_string(&fdt, node, "bootargs", &s), 0);
	assert_string_equal(s, "q");
	assert_int_equal(fdt_read_u32(&fdt, node, "tessera,test", &v), 0);
	assert_int_equal(v, 42);
	assert_int_equal(fdt_reg(&fdt, node, 0, &a, &sz), 0);
	assert_int_equal(a, 0x7c000000);
	assert_int_equal(sz, 0x2000);
	assert_true(fdt_is_compatible(&fdt, node, "multiboot,kernel"));
	assert_int_equal(fdt_read_u32(&fdt, fdt_path_offset(&fdt, "/chosen/domU1"), "cpus", &v), 0);
	assert_int_equal(v, 2);
	assert_true(fdt_next_compatible(&fdt, -1, "arm,pl011") >= 0);

	/* No room: refused, and the tree is byte-for-byte unchanged. */
	fdt.bufsize = fdt_totalsize(&fdt);
	before = malloc(fdt.bufsize);
	memcpy(before, buf, fdt.bufsize);
	ret = fdt_setprop_string(&fdt, node, "bootargs", "a much longer command line");
	assert_int_equal(ret, -FDT_ERR_NOSPACE);
	assert_memory_equal(before, buf, fdt.bufsize);
	/* A same-size replacement needs no room. */
	assert_int_equal(fdt_setprop_string(&fdt, node, "bootargs", "r"), 0);
	free(before);
	free(buf);
	free(blob);
}

static void test_setprop_result_accepted_by_dtc(void **state)
{
	size_t size;
	uint8_t *blob = load("basic.dtb", &size), *buf = malloc(size + 128);
	char cmd[512];
	struct fdt fdt;
	FILE *f;

	memcpy(buf, blob, size);
	assert_int_equal(fdt_init(&fdt, buf, size + 128), 0);
	assert_int_equal(fdt_setprop_string(&fdt, fdt_path_offset(&fdt, "/chosen"), "bootargs",
					    "from the hypervisor"), 0);
	f = fopen(UNIT_DATA_DIR "/edited.dtb", "wb");
	assert_non_null(f);
	fwrite(buf, 1, fdt_totalsize(&fdt), f);
	fclose(f);
	snprintf(cmd, sizeof(cmd),
		 "dtc -q -I dtb -O dts %s/edited.dtb | grep -q 'bootargs = \"from the hypervisor\"'",
		 UNIT_DATA_DIR);
	assert_int_equal(system(cmd), 0);
	free(buf);
	free(blob);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reads_nodes_and_properties),
		cmocka_unit_test(test_compatible_and_phandle),
		cmocka_unit_test(test_property_iteration),
		cmocka_unit_test(test_malformed_trees_refused),
		cmocka_unit_test(test_unterminated_node_name),
		cmocka_unit_test(test_nesting_depth_limited),
		cmocka_unit_test(test_setprop_add_replace_and_nospace),
		cmocka_unit_test(test_setprop_result_accepted_by_dtc),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
