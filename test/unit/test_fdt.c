// SPDX-License-Identifier: GPL-2.0-only
/*
 * The device-tree reader and editor (kernel/lib/fdt.c) against trees
 * compiled by dtc, and against corrupted copies of them. Runs under
 * AddressSanitizer: every blob lives in a buffer of exactly its size,
 * so any read past the end is caught.
 */
#include <setjmp.h>
#include <stdbool.h>
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
		 "dtc -q -I dtb -O dts %s/edited.dtb | "
		 "grep -q 'bootargs = \"from the hypervisor\"'",
		 UNIT_DATA_DIR);
	assert_int_equal(system(cmd), 0);
	free(buf);
	free(blob);
}

/*
 * A tiny DTB writer for hand-made (and deliberately broken) trees: the
 * struct block is a token stream written as-is, so any malformation can
 * be expressed. b_finish() lays out header, rsvmap, struct, strings in
 * dtc's order (or others) into a malloc'd buffer of exactly the size.
 */
struct bld {
	uint8_t st[16384];
	size_t ns;
	char str[1024];
	size_t nstr;
	uint64_t rsv[8];	/* address/size pairs */
	int nrsv;
	uint32_t version;
	bool strings_first;	/* strings block before the struct block */
	bool rsv_last;		/* rsvmap after the strings block */
	bool rsv_unterminated;
	size_t gap;		/* zero bytes between struct and strings */
};

static void b_init(struct bld *b)
{
	memset(b, 0, sizeof(*b));
	b->version = 17;
}

static void b_tok(struct bld *b, uint32_t v)
{
	assert_true(b->ns + 4 <= sizeof(b->st));
	set32(b->st + b->ns, v);
	b->ns += 4;
}

static void b_bytes(struct bld *b, const void *p, size_t n)
{
	assert_true(b->ns + n + 3 <= sizeof(b->st));
	if (n)
		memcpy(b->st + b->ns, p, n);
	b->ns += n;
	while (b->ns & 3)
		b->st[b->ns++] = 0;
}

static void b_node(struct bld *b, const char *name)
{
	b_tok(b, 1);
	b_bytes(b, name, strlen(name) + 1);
}

static void b_end_node(struct bld *b)
{
	b_tok(b, 2);
}

static uint32_t b_string(struct bld *b, const char *name)
{
	size_t i, n = strlen(name) + 1;

	for (i = 0; i + n <= b->nstr; i++)
		if (!memcmp(b->str + i, name, n))
			return i;
	assert_true(b->nstr + n <= sizeof(b->str));
	memcpy(b->str + b->nstr, name, n);
	b->nstr += n;
	return b->nstr - n;
}

static void b_prop(struct bld *b, const char *name, const void *val, size_t len)
{
	b_tok(b, 3);
	b_tok(b, len);
	b_tok(b, b_string(b, name));
	b_bytes(b, val, len);
}

static void b_prop_u32(struct bld *b, const char *name, uint32_t v)
{
	uint8_t c[4];

	set32(c, v);
	b_prop(b, name, c, 4);
}

static void b_prop_str(struct bld *b, const char *name, const char *s)
{
	b_prop(b, name, s, strlen(s) + 1);
}

static uint8_t *b_finish(struct bld *b, size_t *size)
{
	size_t hsize = 40, rsvsize = 16 * (b->nrsv + !b->rsv_unterminated);
	size_t off = hsize, orsv, ostruct, ostrings, total;
	uint8_t *blob;
	int i;

	if (!b->rsv_last) {
		orsv = off;
		off += rsvsize;
	}
	if (b->strings_first) {
		ostrings = off;
		off = (off + b->nstr + 3) & ~(size_t)3;
		ostruct = off;
		off += b->ns;
	} else {
		ostruct = off;
		off += b->ns + b->gap;
		ostrings = off;
		off += b->nstr;
	}
	if (b->rsv_last) {
		off = (off + 7) & ~(size_t)7;
		orsv = off;
		off += rsvsize;
	}
	total = off;
	blob = calloc(1, total);
	assert_non_null(blob);
	set32(blob + 0, 0xd00dfeed);
	set32(blob + 4, total);
	set32(blob + 8, ostruct);
	set32(blob + 12, ostrings);
	set32(blob + 16, orsv);
	set32(blob + 20, b->version);
	set32(blob + 24, 16);
	set32(blob + 32, b->nstr);
	if (b->version >= 17)
		set32(blob + 36, b->ns);	/* v16 has no size_dt_struct */
	for (i = 0; i < 2 * b->nrsv; i++) {
		set32(blob + orsv + 8 * i, b->rsv[i] >> 32);
		set32(blob + orsv + 8 * i + 4, (uint32_t)b->rsv[i]);
	}
	memcpy(blob + ostruct, b->st, b->ns);
	memcpy(blob + ostrings, b->str, b->nstr);
	*size = total;
	return blob;
}

/* fdt_init() of what the builder holds; the blob is freed. */
static int b_check(struct bld *b)
{
	struct fdt fdt;
	size_t size;
	uint8_t *blob = b_finish(b, &size);
	int ret = fdt_init(&fdt, blob, size);

	free(blob);
	return ret;
}

/* A root with one property and one child, then END: the valid base. */
static void b_simple(struct bld *b)
{
	b_init(b);
	b_node(b, "");
	b_prop_u32(b, "#address-cells", 1);
	b_node(b, "child@1");
	b_prop_str(b, "status", "okay");
	b_end_node(b);
	b_end_node(b);
	b_tok(b, 9);
}

static void test_builder_trees_valid(void **state)
{
	struct bld b;
	struct fdt fdt;
	size_t size;
	uint8_t *blob;
	const char *name;
	int root, child, prop, len;

	b_simple(&b);
	assert_int_equal(b_check(&b), 0);

	/* NOPs may appear anywhere; the accessors step over them. */
	b_init(&b);
	b_tok(&b, 4);
	b_node(&b, "");
	b_tok(&b, 4);
	b_prop_u32(&b, "a", 1);
	b_tok(&b, 4);
	b_tok(&b, 4);
	b_prop_u32(&b, "b", 2);
	b_tok(&b, 4);
	b_node(&b, "x");
	b_tok(&b, 4);
	b_end_node(&b);
	b_tok(&b, 4);
	b_node(&b, "y");
	b_end_node(&b);
	b_end_node(&b);
	b_tok(&b, 4);
	b_tok(&b, 9);
	blob = b_finish(&b, &size);
	assert_int_equal(fdt_init(&fdt, blob, size), 0);
	root = fdt_root(&fdt);
	assert_int_equal(root, 40 + 16 + 4);	/* after the leading NOP */
	prop = fdt_first_prop(&fdt, root);
	assert_non_null(fdt_prop_value(&fdt, prop, &name, &len));
	assert_string_equal(name, "a");
	prop = fdt_next_prop(&fdt, prop);
	assert_non_null(fdt_prop_value(&fdt, prop, &name, &len));
	assert_string_equal(name, "b");
	assert_int_equal(fdt_next_prop(&fdt, prop), -FDT_ERR_NOTFOUND);
	child = fdt_first_child(&fdt, root);
	assert_string_equal(fdt_node_name(&fdt, child), "x");
	assert_int_equal(fdt_first_prop(&fdt, child), -FDT_ERR_NOTFOUND);
	child = fdt_next_sibling(&fdt, child);
	assert_string_equal(fdt_node_name(&fdt, child), "y");
	assert_int_equal(fdt_next_sibling(&fdt, child), -FDT_ERR_NOTFOUND);
	assert_int_equal(fdt_parent(&fdt, child), root);
	free(blob);

	/* Reservation entries, and the rsvmap placed after the strings. */
	b_simple(&b);
	b.nrsv = 2;
	b.rsv[0] = 0x80000000;
	b.rsv[1] = 0x1000;
	b.rsv[2] = 0x100000000ull;
	b.rsv[3] = 0x200000;
	assert_int_equal(b_check(&b), 0);
	b.rsv_last = true;
	assert_int_equal(b_check(&b), 0);
	b.strings_first = true;
	assert_int_equal(b_check(&b), 0);
}

static void test_malformed_structure(void **state)
{
	uint8_t four[4] = { 0 };
	struct bld b;
	int i;

	/* An unknown token in the middle. */
	b_init(&b);
	b_node(&b, "");
	b_prop_u32(&b, "a", 1);
	b_tok(&b, 5);
	b_end_node(&b);
	b_tok(&b, 9);
	assert_int_equal(b_check(&b), -FDT_ERR_BADSTRUCT);

	/* Two roots. */
	b_init(&b);
	b_node(&b, "");
	b_end_node(&b);
	b_node(&b, "");
	b_end_node(&b);
	b_tok(&b, 9);
	assert_int_equal(b_check(&b), -FDT_ERR_BADSTRUCT);

	/* A property outside any node. */
	b_init(&b);
	b_prop_u32(&b, "a", 1);
	b_node(&b, "");
	b_end_node(&b);
	b_tok(&b, 9);
	assert_int_equal(b_check(&b), -FDT_ERR_BADSTRUCT);

	/* A property after a subnode (and after a NOP following it). */
	b_init(&b);
	b_node(&b, "");
	b_node(&b, "x");
	b_end_node(&b);
	b_tok(&b, 4);
	b_prop_u32(&b, "a", 1);
	b_end_node(&b);
	b_tok(&b, 9);
	assert_int_equal(b_check(&b), -FDT_ERR_BADSTRUCT);

	/* One END_NODE too many. */
	b_init(&b);
	b_node(&b, "");
	b_end_node(&b);
	b_end_node(&b);
	b_tok(&b, 9);
	assert_int_equal(b_check(&b), -FDT_ERR_BADSTRUCT);

	/* A stray END_NODE after the root, then a second top-level node
	 * that brings the count back to zero: still refused. */
	b_init(&b);
	b_node(&b, "");
	b_end_node(&b);
	b_end_node(&b);
	b_node(&b, "x");
	b_tok(&b, 9);
	assert_int_equal(b_check(&b), -FDT_ERR_BADSTRUCT);

	/* Root never closed. */
	b_init(&b);
	b_node(&b, "");
	b_node(&b, "x");
	b_end_node(&b);
	b_tok(&b, 9);
	assert_int_equal(b_check(&b), -FDT_ERR_BADSTRUCT);

	/* No END token. */
	b_init(&b);
	b_node(&b, "");
	b_end_node(&b);
	assert_int_equal(b_check(&b), -FDT_ERR_BADSTRUCT);

	/* END, then more tokens inside the block. */
	b_init(&b);
	b_node(&b, "");
	b_end_node(&b);
	b_tok(&b, 9);
	b_tok(&b, 4);
	assert_int_equal(b_check(&b), -FDT_ERR_BADSTRUCT);

	/* No root at all; an empty struct block. */
	b_init(&b);
	b_tok(&b, 9);
	assert_int_equal(b_check(&b), -FDT_ERR_BADSTRUCT);
	b_init(&b);
	assert_int_equal(b_check(&b), -FDT_ERR_BADSTRUCT);

	/* A property whose length runs past the block by one byte. */
	b_init(&b);
	b_node(&b, "");
	b_tok(&b, 3);
	b_tok(&b, 4 + 4 + 4 + 1);	/* the value would cover END_NODE, END */
	b_tok(&b, b_string(&b, "a"));
	b_bytes(&b, four, 4);
	b_end_node(&b);
	b_tok(&b, 9);
	assert_int_equal(b_check(&b), -FDT_ERR_BADSTRUCT);
	/* Exactly to the end: the value swallows END_NODE and END. */
	set32(b.st + 12, 12);
	assert_int_equal(b_check(&b), -FDT_ERR_BADSTRUCT);

	/* nameoff at the strings block's end, and far outside it. */
	b_init(&b);
	b_node(&b, "");
	b_tok(&b, 3);
	b_tok(&b, 0);
	b_tok(&b, b_string(&b, "abc") + 4);
	b_end_node(&b);
	b_tok(&b, 9);
	assert_int_equal(b_check(&b), -FDT_ERR_BADSTRUCT);
	set32(b.st + 16, 0xfffffff0);
	assert_int_equal(b_check(&b), -FDT_ERR_BADSTRUCT);
	set32(b.st + 16, 1);		/* "bc", inside "abc": fine */
	assert_int_equal(b_check(&b), 0);

	/* A node name running to the block's end without a NUL. */
	b_init(&b);
	b_node(&b, "");
	b_tok(&b, 1);
	memcpy(b.st + b.ns, "abcdefgh", 8);
	b.ns += 8;
	assert_int_equal(b_check(&b), -FDT_ERR_BADSTRUCT);

	/* Nesting: the root plus FDT_MAX_DEPTH - 1 levels is the limit. */
	for (i = FDT_MAX_DEPTH; i <= FDT_MAX_DEPTH + 1; i++) {
		int k;

		b_init(&b);
		b_node(&b, "");
		for (k = 1; k < i; k++)
			b_node(&b, "n");
		for (k = 0; k < i; k++)
			b_end_node(&b);
		b_tok(&b, 9);
		assert_int_equal(b_check(&b), i > FDT_MAX_DEPTH ? -FDT_ERR_DEPTH : 0);
	}
}

static void test_malformed_header_and_rsvmap(void **state)
{
	size_t size;
	uint8_t *blob = load("basic.dtb", &size), *copy;
	uint32_t ostruct = get32(blob + 8), sstrings = get32(blob + 32);
	struct fdt fdt;
	struct bld b;

	expect_refused(blob, size, 24, 18, -FDT_ERR_BADVERSION);	/* last_comp */
	expect_refused(blob, size, 4, 39, -FDT_ERR_TRUNCATED);		/* < header */
	expect_refused(blob, size, 8, size + 4, -FDT_ERR_TRUNCATED);	/* off_struct */
	expect_refused(blob, size, 12, size - sstrings + 1, -FDT_ERR_TRUNCATED);
	expect_refused(blob, size, 32, 0xffffffff, -FDT_ERR_TRUNCATED);
	/* rsvmap 8-aligned but with no room for its terminator */
	expect_refused(blob, size, 16, (size - 8) & ~7u, -FDT_ERR_TRUNCATED);
	expect_refused(blob, size, 16, 44, -FDT_ERR_BADLAYOUT);	/* misaligned */
	expect_refused(blob, size, 16, 32, -FDT_ERR_BADLAYOUT);	/* inside the header */
	expect_refused(blob, size, 8, 36, -FDT_ERR_BADLAYOUT);	/* struct in header */
	/* The struct block ends before its END token. */
	expect_refused(blob, size, 36, get32(blob + 36) - 4, -FDT_ERR_BADSTRUCT);
	(void)ostruct;

	/* A buffer too small for the header, and none at all. */
	assert_int_equal(fdt_init(&fdt, blob, 39), -FDT_ERR_TRUNCATED);
	assert_int_equal(fdt_init(&fdt, NULL, 100), -FDT_ERR_TRUNCATED);
	/* Every truncation of the buffer is refused, without reading past it. */
	for (size_t n = 0; n < size; n++) {
		copy = malloc(n ? n : 1);
		memcpy(copy, blob, n);
		assert_int_equal(fdt_init(&fdt, copy, n), -FDT_ERR_TRUNCATED);
		free(copy);
	}
	free(blob);

	/* Reservation map without its terminating entry (placed last, so
	 * the scan reaches totalsize). */
	b_simple(&b);
	b.nrsv = 1;
	b.rsv[0] = 0x1000;
	b.rsv[1] = 0x1000;
	b.rsv_last = true;
	b.rsv_unterminated = true;
	assert_int_equal(b_check(&b), -FDT_ERR_TRUNCATED);

	/* Reservation map overlapping the struct block: point it at 16 zero
	 * bytes inside a property value (8-aligned). */
	{
		uint8_t zeros[24] = { 0 };

		b_init(&b);
		b_node(&b, "");		/* struct at 56: value at 56+8+12 = 76 */
		b_prop(&b, "z", zeros, sizeof(zeros));
		b_end_node(&b);
		b_tok(&b, 9);
		blob = b_finish(&b, &size);
		assert_int_equal(get32(blob + 8), 56);
		assert_int_equal(fdt_init(&fdt, blob, size), 0);
		set32(blob + 16, 80);
		assert_int_equal(fdt_init(&fdt, blob, size), -FDT_ERR_BADLAYOUT);
		free(blob);
	}
}

/* Walk everything a corrupted-but-accepted tree offers. */
static void walk_all(const struct fdt *fdt)
{
	int node, depth = 0, n = 0;

	for (node = fdt_root(fdt); node >= 0; node = fdt_next_node(fdt, node, &depth), n++) {
		const char *name = fdt_node_name(fdt, node), *pname, *s;
		int parent = fdt_parent(fdt, node), prop, len, i, cnt;
		uint64_t a, sz;
		uint32_t v;

		assert_true(depth >= 0 && depth < FDT_MAX_DEPTH);
		assert_true(n < 10000);
		(void)strlen(name);
		if (depth == 0)
			assert_int_equal(parent, -FDT_ERR_NOTFOUND);
		else
			assert_true(parent >= 0);
		for (prop = fdt_first_prop(fdt, node); prop >= 0; prop = fdt_next_prop(fdt, prop)) {
			const uint8_t *val = fdt_prop_value(fdt, prop, &pname, &len);
			volatile uint8_t sum = 0;

			assert_non_null(val);
			for (i = 0; i < len; i++)
				sum += val[i];
			assert_true(fdt_has_prop(fdt, node, pname));
		}
		assert_int_equal(prop, -FDT_ERR_NOTFOUND);
		cnt = fdt_reg_count(fdt, node);
		for (i = 0; i < cnt; i++)
			assert_int_equal(fdt_reg(fdt, node, i, &a, &sz), 0);
		fdt_read_string(fdt, node, "compatible", &s);
		fdt_read_u32(fdt, node, "phandle", &v);
		fdt_is_compatible(fdt, node, "arm,pl011");
		fdt_first_child(fdt, node);
		fdt_next_sibling(fdt, node);
		if (parent >= 0)
			assert_true(fdt_subnode(fdt, parent, name) >= 0);
	}
	/* A validated tree never yields a structural error. */
	assert_int_equal(node, -FDT_ERR_NOTFOUND);
	fdt_path_offset(fdt, "/chosen/domU1/kernel");
	fdt_next_compatible(fdt, -1, "multiboot,module");
	fdt_node_by_phandle(fdt, 0x8001);
}

static void test_corruption_sweep(void **state)
{
	static const uint32_t words[] = { 0, 1, 2, 3, 4, 9, 0x7fffffff, 0xffffffff, 0x100, 7 };
	static const uint8_t bytes_xor[] = { 0xff, 0x01, 0x80, 0x04 };
	size_t size, off, k;
	uint8_t *blob = load("basic.dtb", &size), *copy = malloc(size);
	struct fdt fdt;
	int accepted = 0, refused = 0;

	/* Each byte flipped, each aligned word replaced: either refused or,
	 * if accepted, fully walkable. ASan catches any stray read. */
	for (off = 0; off < size; off++)
		for (k = 0; k < sizeof(bytes_xor); k++) {
			memcpy(copy, blob, size);
			copy[off] ^= bytes_xor[k];
			if (fdt_init(&fdt, copy, size) == 0) {
				walk_all(&fdt);
				accepted++;
			} else {
				refused++;
			}
		}
	for (off = 0; off + 4 <= size; off += 4)
		for (k = 0; k < sizeof(words) / sizeof(words[0]); k++) {
			memcpy(copy, blob, size);
			set32(copy + off, words[k]);
			if (fdt_init(&fdt, copy, size) == 0) {
				walk_all(&fdt);
				accepted++;
			} else {
				refused++;
			}
		}
	/* Both outcomes happen (corrupting a value byte is harmless). */
	assert_true(accepted > 0 && refused > 0);
	free(copy);
	free(blob);
}

static void test_bogus_offsets(void **state)
{
	struct bld b;
	struct fdt fdt;
	size_t size;
	uint8_t *blob, *before;
	/* A value that looks like BEGIN_NODE "abcdefg". */
	uint8_t fake[12] = { 0, 0, 0, 1, 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h' };
	int offs[] = { -1, -FDT_ERR_NOTFOUND, 0, 1, 2, 3, 40, 0, 0, 0x7fffffff, 0 };
	int fake_off, len;
	size_t i;

	b_init(&b);
	b_node(&b, "");
	b_prop(&b, "fake", fake, sizeof(fake));
	b_end_node(&b);
	b_tok(&b, 9);
	blob = b_finish(&b, &size);
	blob = realloc(blob, size + 256);	/* room: only the node check may refuse */
	memset(blob + size, 0, 256);
	assert_int_equal(fdt_init(&fdt, blob, size + 256), 0);
	fake_off = fdt_first_prop(&fdt, fdt_root(&fdt)) + 12;
	offs[7] = (int)size;
	offs[8] = (int)size - 4;
	offs[10] = fake_off;
	before = malloc(size + 256);
	memcpy(before, blob, size + 256);
	for (i = 0; i < sizeof(offs) / sizeof(offs[0]); i++) {
		int n = offs[i];

		(void)strlen(fdt_node_name(&fdt, n));
		assert_true(fdt_first_child(&fdt, n) < 0);
		assert_true(fdt_next_sibling(&fdt, n) < 0);
		assert_true(fdt_parent(&fdt, n) < 0);
		assert_null(fdt_getprop(&fdt, n, "fake", &len));
		assert_true(len < 0);
		assert_null(fdt_prop_value(&fdt, n, NULL, &len));
		assert_true(fdt_next_prop(&fdt, n) < 0);
		assert_true(fdt_reg_count(&fdt, n) < 0);
		/* The editor refuses it and leaves the tree alone. */
		assert_int_equal(fdt_setprop_u32(&fdt, n, "fake", 1), -FDT_ERR_BADVALUE);
		assert_memory_equal(blob, before, size + 256);
	}
	/* The fake node's "name" is only returned if it is terminated in
	 * the block; the fake node is not part of the tree. */
	assert_int_equal(fdt_next_node(&fdt, fdt_root(&fdt), NULL), -FDT_ERR_NOTFOUND);
	/* The real root is still editable in the same buffer. */
	assert_int_equal(fdt_setprop_u32(&fdt, fdt_root(&fdt), "real", 1), 0);
	free(before);
	free(blob);
}

static void test_paths_and_walk(void **state)
{
	static const char *const names[] = {
		"", "memory@40000000", "cpus", "cpu@0", "cpu@1", "intc@8000000",
		"uart@9000000", "chosen", "domU1", "kernel",
	};
	static const int depths[] = { 0, 1, 1, 2, 2, 1, 1, 1, 2, 3 };
	struct bld b;
	struct fdt fdt;
	size_t size, i;
	uint8_t *blob = load("basic.dtb", &size);
	int node, depth = 0, root, a1, a, b2, b3, c;

	assert_int_equal(fdt_init(&fdt, blob, size), 0);
	root = fdt_root(&fdt);
	for (i = 0, node = root; node >= 0; node = fdt_next_node(&fdt, node, &depth), i++) {
		assert_true(i < 10);
		assert_string_equal(fdt_node_name(&fdt, node), names[i]);
		assert_int_equal(depth, depths[i]);
	}
	assert_int_equal(i, 10);
	assert_int_equal(fdt_path_offset(&fdt, "/"), root);
	assert_int_equal(fdt_path_offset(&fdt, "//"), root);
	assert_int_equal(fdt_path_offset(&fdt, "/cpus/cpu"), fdt_path_offset(&fdt, "/cpus/cpu@0"));
	assert_int_equal(fdt_path_offset(&fdt, "/cpus/"), fdt_path_offset(&fdt, "/cpus"));
	assert_int_equal(fdt_path_offset(&fdt, "/cpus/cpu@2"), -FDT_ERR_NOTFOUND);
	assert_int_equal(fdt_path_offset(&fdt, "/cpus/cpu@"), -FDT_ERR_NOTFOUND);
	assert_int_equal(fdt_path_offset(&fdt, "/cpu"), -FDT_ERR_NOTFOUND);	/* no prefix */
	assert_int_equal(fdt_path_offset(&fdt, "/memory@4"), -FDT_ERR_NOTFOUND);
	assert_int_equal(fdt_path_offset(&fdt, "cpus"), -FDT_ERR_NOTFOUND);	/* relative */
	assert_int_equal(fdt_path_offset(&fdt, ""), -FDT_ERR_NOTFOUND);
	node = fdt_path_offset(&fdt, "/cpus/cpu@1");
	assert_int_equal(fdt_first_child(&fdt, node), -FDT_ERR_NOTFOUND);	/* a leaf */
	assert_int_equal(fdt_next_sibling(&fdt, node), -FDT_ERR_NOTFOUND);	/* the last */
	assert_int_equal(fdt_next_sibling(&fdt, root), -FDT_ERR_NOTFOUND);
	assert_int_equal(fdt_parent(&fdt, root), -FDT_ERR_NOTFOUND);
	assert_int_equal(fdt_parent(&fdt, fdt_path_offset(&fdt, "/chosen/domU1")),
			 fdt_path_offset(&fdt, "/chosen"));
	free(blob);

	/* Without a unit address an exact name wins, else the first
	 * name@unit in document order. */
	b_init(&b);
	b_node(&b, "");
	b_node(&b, "a@1");
	b_end_node(&b);
	b_node(&b, "a");
	b_end_node(&b);
	b_node(&b, "b@2");
	b_node(&b, "c");
	b_end_node(&b);
	b_end_node(&b);
	b_node(&b, "b@3");
	b_end_node(&b);
	b_end_node(&b);
	b_tok(&b, 9);
	blob = b_finish(&b, &size);
	assert_int_equal(fdt_init(&fdt, blob, size), 0);
	root = fdt_root(&fdt);
	a1 = fdt_first_child(&fdt, root);
	a = fdt_next_sibling(&fdt, a1);
	b2 = fdt_next_sibling(&fdt, a);
	c = fdt_first_child(&fdt, b2);
	b3 = fdt_next_sibling(&fdt, b2);
	assert_int_equal(fdt_path_offset(&fdt, "/a"), a);
	assert_int_equal(fdt_path_offset(&fdt, "/a@1"), a1);
	assert_int_equal(fdt_path_offset(&fdt, "/a/"), a);
	assert_int_equal(fdt_path_offset(&fdt, "/b"), b2);
	assert_int_equal(fdt_path_offset(&fdt, "/b@3"), b3);
	assert_int_equal(fdt_path_offset(&fdt, "/b/c"), c);
	assert_int_equal(fdt_path_offset(&fdt, "/b@3/c"), -FDT_ERR_NOTFOUND);
	assert_int_equal(fdt_path_offset(&fdt, "/b@4"), -FDT_ERR_NOTFOUND);
	assert_int_equal(fdt_subnode(&fdt, root, "b"), b2);
	assert_int_equal(fdt_subnode(&fdt, root, "a"), a);
	assert_int_equal(fdt_subnode(&fdt, b2, "c"), c);
	assert_int_equal(fdt_subnode(&fdt, b3, "c"), -FDT_ERR_NOTFOUND);
	free(blob);
}

static void test_cells_and_value_forms(void **state)
{
	uint8_t three[12] = { 0 }, nonul[3] = { 'a', 'b', 'c' };
	const char list[] = "one\0\0three";	/* "one", "", "three" */
	struct bld b;
	struct fdt fdt;
	size_t size;
	uint8_t *blob;
	uint64_t a, sz, v64;
	uint32_t v;
	const char *s;
	int root, n1, n2, n3;

	b_init(&b);
	b_node(&b, "");			/* no #address-cells: 2 and 1 */
	b_prop(&b, "three", three, sizeof(three));
	b_prop(&b, "nonul", nonul, sizeof(nonul));
	b_prop(&b, "empty", NULL, 0);
	b_prop(&b, "list", list, sizeof(list));
	b_node(&b, "n1");
	set32(three, 0);
	set32(three + 4, 0x1000);
	set32(three + 8, 0x2000);
	b_prop(&b, "reg", three, 12);	/* 2 + 1 cells */
	b_prop_u32(&b, "#address-cells", 3);
	b_prop(&b, "#size-cells", three, 8);
	b_node(&b, "n2");
	b_prop(&b, "reg", three, 12);
	b_end_node(&b);
	b_end_node(&b);
	b_node(&b, "n3");
	b_prop(&b, "reg", three, 8);	/* not a multiple of 12 */
	b_prop_u32(&b, "linux,phandle", 0xffffffff);	/* reserved values */
	b_node(&b, "n4");
	b_prop_u32(&b, "phandle", 0);
	b_end_node(&b);
	b_end_node(&b);
	b_end_node(&b);
	b_tok(&b, 9);
	blob = b_finish(&b, &size);
	assert_int_equal(fdt_init(&fdt, blob, size), 0);
	root = fdt_root(&fdt);
	n1 = fdt_subnode(&fdt, root, "n1");
	n2 = fdt_subnode(&fdt, n1, "n2");
	n3 = fdt_subnode(&fdt, root, "n3");

	assert_int_equal(fdt_address_cells(&fdt, root), 2);
	assert_int_equal(fdt_size_cells(&fdt, root), 1);
	assert_int_equal(fdt_reg_count(&fdt, n1), 1);
	assert_int_equal(fdt_reg(&fdt, n1, 0, &a, &sz), 0);
	assert_int_equal(a, 0x1000);
	assert_int_equal(sz, 0x2000);
	assert_int_equal(fdt_address_cells(&fdt, n1), -FDT_ERR_BADVALUE);	/* 3 */
	assert_int_equal(fdt_size_cells(&fdt, n1), -FDT_ERR_BADVALUE);	/* 8 bytes */
	assert_int_equal(fdt_reg_count(&fdt, n2), -FDT_ERR_BADVALUE);
	assert_int_equal(fdt_reg(&fdt, n2, 0, &a, &sz), -FDT_ERR_BADVALUE);
	assert_int_equal(fdt_reg_count(&fdt, n3), -FDT_ERR_BADVALUE);
	assert_int_equal(fdt_reg_count(&fdt, root), -FDT_ERR_NOTFOUND);	/* no parent */
	assert_int_equal(fdt_node_by_phandle(&fdt, 0), -FDT_ERR_NOTFOUND);
	assert_int_equal(fdt_node_by_phandle(&fdt, 0xffffffff), -FDT_ERR_NOTFOUND);

	assert_int_equal(fdt_read_u64(&fdt, root, "three", &v64), -FDT_ERR_BADVALUE);
	assert_int_equal(fdt_read_u32(&fdt, root, "empty", &v), -FDT_ERR_BADVALUE);
	assert_int_equal(fdt_read_string(&fdt, root, "nonul", &s), -FDT_ERR_BADVALUE);
	assert_int_equal(fdt_read_string(&fdt, root, "empty", &s), -FDT_ERR_BADVALUE);
	assert_true(fdt_has_prop(&fdt, root, "empty"));
	assert_false(fdt_has_prop(&fdt, root, "emp"));
	assert_false(fdt_stringlist_contains(&fdt, root, "nonul", "abc"));	/* no NUL */
	assert_true(fdt_stringlist_contains(&fdt, root, "list", "one"));
	assert_true(fdt_stringlist_contains(&fdt, root, "list", "three"));
	assert_true(fdt_stringlist_contains(&fdt, root, "list", ""));
	assert_false(fdt_stringlist_contains(&fdt, root, "list", "thre"));
	assert_false(fdt_stringlist_contains(&fdt, root, "list", "on"));
	assert_false(fdt_stringlist_contains(&fdt, root, "nothing", "one"));
	assert_int_equal(fdt_read_string(&fdt, root, "list", &s), 0);
	assert_string_equal(s, "one");

	set32(three, 0x12345678);
	set32(three + 4, 0x9abcdef0);
	assert_int_equal(fdt_cells_to_u64(three, 1), 0x12345678);
	assert_int_equal(fdt_cells_to_u64(three, 2), 0x123456789abcdef0ull);
	assert_int_equal(fdt_cells_to_u64(three, 0), 0);
	free(blob);
}

static void test_strerror(void **state)
{
	int e, f;

	for (e = FDT_ERR_NOTFOUND; e <= FDT_ERR_DEPTH; e++) {
		assert_string_not_equal(fdt_strerror(-e), "unknown error");
		assert_string_equal(fdt_strerror(-e), fdt_strerror(e));
		for (f = FDT_ERR_NOTFOUND; f < e; f++)
			assert_string_not_equal(fdt_strerror(-e), fdt_strerror(-f));
	}
	assert_string_equal(fdt_strerror(-1000), "unknown error");
	assert_string_equal(fdt_strerror(-(FDT_ERR_DEPTH + 1)), "unknown error");
}

/*
 * Text dump of the whole tree (node names with depth, properties with
 * their values in hex), leaving out the properties named in skip (a NULL
 * terminated list) of nodes named skip_node (NULL: of all nodes): to
 * check that an edit changed nothing else.
 */
static void dump(const struct fdt *fdt, char *out, size_t cap, const char *skip_node,
		 const char *const *skip)
{
	int node, depth = 0, prop, len, i;
	size_t n = 0;

	out[0] = 0;
	for (node = fdt_root(fdt); node >= 0; node = fdt_next_node(fdt, node, &depth)) {
		const char *nname = fdt_node_name(fdt, node);

		n += snprintf(out + n, cap - n, "%d %s\n", depth, nname);
		for (prop = fdt_first_prop(fdt, node); prop >= 0; prop = fdt_next_prop(fdt, prop)) {
			const char *name;
			const uint8_t *v = fdt_prop_value(fdt, prop, &name, &len);
			bool skipped = false;

			for (i = 0; skip && skip[i]; i++)
				skipped |= !strcmp(name, skip[i]) &&
					   (!skip_node || !strcmp(nname, skip_node));
			if (skipped)
				continue;
			n += snprintf(out + n, cap - n, "  %s =", name);
			for (i = 0; i < len; i++)
				n += snprintf(out + n, cap - n, " %02x", v[i]);
			n += snprintf(out + n, cap - n, "\n");
			assert_true(n < cap);
		}
	}
	assert_int_equal(node, -FDT_ERR_NOTFOUND);
}

static uint32_t h(const uint8_t *blob, int field)
{
	return get32(blob + field);
}

static void test_setprop_sizes_and_strings(void **state)
{
	static char d0[16384], d1[16384];
	size_t size;
	uint8_t *blob = load("basic.dtb", &size), *buf = malloc(size + 512), *before;
	struct fdt fdt;
	uint32_t total, sstruct, sstrings, ostrings;
	const void *p;
	int node, len, ret;

	memcpy(buf, blob, size);
	assert_int_equal(fdt_init(&fdt, buf, size + 512), 0);
	dump(&fdt, d0, sizeof(d0), NULL, NULL);

	/* An existing name ("device_type") reuses its string. */
	total = h(buf, 4), sstruct = h(buf, 36), sstrings = h(buf, 32), ostrings = h(buf, 12);
	node = fdt_path_offset(&fdt, "/chosen");
	assert_int_equal(fdt_setprop_string(&fdt, node, "device_type", "chosen!"), 0);
	assert_int_equal(h(buf, 32), sstrings);
	assert_int_equal(h(buf, 36), sstruct + 12 + 8);
	assert_int_equal(h(buf, 12), ostrings + 12 + 8);
	assert_int_equal(h(buf, 4), total + 12 + 8);
	assert_int_equal(fdt.size_struct, h(buf, 36));
	assert_int_equal(fdt.off_strings, h(buf, 12));
	assert_int_equal(fdt.size_strings, h(buf, 32));
	/* Nothing else changed. */
	{
		static const char *const dt[] = { "device_type", NULL };
		struct fdt orig;

		assert_int_equal(fdt_init(&orig, blob, size), 0);
		dump(&fdt, d1, sizeof(d1), NULL, NULL);
		assert_string_not_equal(d0, d1);
		dump(&orig, d0, sizeof(d0), "chosen", dt);
		dump(&fdt, d1, sizeof(d1), "chosen", dt);
		assert_string_equal(d0, d1);
	}

	/* A new name appends to the strings block: name plus NUL. */
	total = h(buf, 4), sstrings = h(buf, 32);
	node = fdt_path_offset(&fdt, "/cpus");
	assert_int_equal(fdt_setprop(&fdt, node, "tessera,empty", NULL, 0), 0);
	assert_int_equal(h(buf, 32), sstrings + strlen("tessera,empty") + 1);
	assert_int_equal(h(buf, 4), total + 12 + strlen("tessera,empty") + 1);
	p = fdt_getprop(&fdt, node, "tessera,empty", &len);
	assert_non_null(p);
	assert_int_equal(len, 0);
	/* Children of the edited node are still there, in order. */
	assert_string_equal(fdt_node_name(&fdt, fdt_first_child(&fdt, node)), "cpu@0");
	assert_int_equal(fdt_reg_count(&fdt, fdt_path_offset(&fdt, "/cpus/cpu@1")), 1);

	/* A shorter value shrinks the tree. */
	total = h(buf, 4);
	node = fdt_path_offset(&fdt, "/chosen");
	assert_int_equal(fdt_setprop_string(&fdt, node, "stdout-path", "/u"), 0);
	assert_int_equal(h(buf, 4), total - (24 - 4));	/* 23 -> 3 bytes, padded */
	assert_int_equal(fdt_init(&fdt, buf, size + 512), 0);

	/* Exactly enough room succeeds; one byte less fails untouched. */
	before = malloc(size + 512);
	total = fdt_totalsize(&fdt);
	node = fdt_root(&fdt);
	fdt.bufsize = total + 12 + 8 + strlen("new-name") + 1 - 1;
	memcpy(before, buf, size + 512);
	ret = fdt_setprop_string(&fdt, node, "new-name", "1234567");
	assert_int_equal(ret, -FDT_ERR_NOSPACE);
	assert_memory_equal(before, buf, size + 512);
	assert_int_equal(fdt_totalsize(&fdt), total);
	/* Room for the property but not for its name. */
	fdt.bufsize = total + 12 + 8;
	assert_int_equal(fdt_setprop_string(&fdt, node, "new-name", "1234567"), -FDT_ERR_NOSPACE);
	assert_memory_equal(before, buf, size + 512);
	fdt.bufsize = total + 12 + 8 + strlen("new-name") + 1;
	assert_int_equal(fdt_setprop_string(&fdt, node, "new-name", "1234567"), 0);
	assert_int_equal(fdt_totalsize(&fdt), fdt.bufsize);
	fdt.bufsize = size + 512;

	/* Cells: two-cell values; one-cell overflow refused untouched. */
	{
		uint64_t v[3] = { 0x123456789ull, 2, 3 }, got;

		node = fdt_path_offset(&fdt, "/chosen/domU1");
		memcpy(before, buf, size + 512);
		assert_int_equal(fdt_setprop_cells(&fdt, node, "cells", v, 3, 1),
				 -FDT_ERR_BADVALUE);
		assert_int_equal(fdt_setprop_cells(&fdt, node, "cells", v, 3, 3),
				 -FDT_ERR_BADVALUE);
		assert_int_equal(fdt_setprop_cells(&fdt, node, "cells", v, -1, 2),
				 -FDT_ERR_BADVALUE);
		assert_memory_equal(before, buf, size + 512);
		assert_int_equal(fdt_setprop_cells(&fdt, node, "cells", v, 1, 2), 0);
		assert_int_equal(fdt_read_u64(&fdt, node, "cells", &got), 0);
		assert_int_equal(got, 0x123456789ull);
		assert_int_equal(fdt_setprop_cells(&fdt, node, "cells", v + 1, 2, 1), 0);
		p = fdt_getprop(&fdt, node, "cells", &len);
		assert_int_equal(len, 8);
		assert_int_equal(fdt_cells_to_u64(p, 1), 2);
		assert_int_equal(fdt_cells_to_u64((const uint8_t *)p + 4, 1), 3);
		assert_int_equal(fdt_setprop_cells(&fdt, node, "cells", v, 0, 2), 0);
		assert_non_null(fdt_getprop(&fdt, node, "cells", &len));
		assert_int_equal(len, 0);
	}
	assert_int_equal(fdt_init(&fdt, buf, size + 512), 0);
	free(before);
	free(buf);
	free(blob);
}

static void test_setprop_layouts(void **state)
{
	struct bld b;
	struct fdt fdt;
	size_t size;
	uint8_t *blob, *big, *before;
	uint32_t v;
	int node;

	/* Strings before struct, or the rsvmap last: refused, untouched. */
	b_simple(&b);
	b.strings_first = true;
	blob = b_finish(&b, &size);
	big = calloc(1, size + 64);
	memcpy(big, blob, size);
	before = malloc(size + 64);
	memcpy(before, big, size + 64);
	assert_int_equal(fdt_init(&fdt, big, size + 64), 0);
	assert_int_equal(fdt_setprop_u32(&fdt, fdt_root(&fdt), "x", 1), -FDT_ERR_BADLAYOUT);
	assert_memory_equal(before, big, size + 64);
	free(before);
	free(big);
	free(blob);
	b_simple(&b);
	b.rsv_last = true;
	blob = b_finish(&b, &size);
	big = calloc(1, size + 64);
	memcpy(big, blob, size);
	assert_int_equal(fdt_init(&fdt, big, size + 64), 0);
	assert_int_equal(fdt_setprop_u32(&fdt, fdt_root(&fdt), "x", 1), -FDT_ERR_BADLAYOUT);
	free(big);
	free(blob);

	/* A v16 tree: no size_dt_struct, found by walking; editing works and
	 * leaves the (absent) field alone. */
	b_simple(&b);
	b.version = 16;
	blob = b_finish(&b, &size);
	assert_int_equal(h(blob, 36), 0);
	big = calloc(1, size + 64);
	memcpy(big, blob, size);
	assert_int_equal(fdt_init(&fdt, big, size), 0);
	assert_int_equal(fdt.size_struct, b.ns);
	node = fdt_path_offset(&fdt, "/child");
	assert_true(node >= 0);
	fdt.bufsize = size + 64;
	assert_int_equal(fdt_setprop_u32(&fdt, node, "v", 7), 0);
	assert_int_equal(h(big, 36), 0);
	assert_int_equal(fdt_init(&fdt, big, size + 64), 0);
	assert_int_equal(fdt_read_u32(&fdt, fdt_path_offset(&fdt, "/child"), "v", &v), 0);
	assert_int_equal(v, 7);
	free(big);
	free(blob);
	/* v16 with free space between the struct and strings blocks: the
	 * struct block ends at its END token, not at the strings. */
	b_simple(&b);
	b.version = 16;
	b.gap = 12;
	blob = b_finish(&b, &size);
	assert_int_equal(fdt_init(&fdt, blob, size), 0);
	assert_int_equal(fdt.size_struct, b.ns);
	free(blob);
	/* The same in v17 is fine too (size_dt_struct says where it ends). */
	b.version = 17;
	blob = b_finish(&b, &size);
	assert_int_equal(fdt_init(&fdt, blob, size), 0);
	free(blob);

	/* A padded tree (free space after the strings, inside totalsize, as
	 * libfdt and QEMU leave it): edits use the padding and keep
	 * totalsize until the padding runs out. */
	b_simple(&b);
	blob = b_finish(&b, &size);
	big = calloc(1, size + 128);
	memcpy(big, blob, size);
	set32(big + 4, size + 32);
	assert_int_equal(fdt_init(&fdt, big, size + 32), 0);
	node = fdt_root(&fdt);
	assert_int_equal(fdt_setprop_u32(&fdt, node, "a", 1), 0);	/* 12 + 4 + 2 */
	assert_int_equal(fdt_totalsize(&fdt), size + 32);
	assert_int_equal(fdt_init(&fdt, big, size + 32), 0);
	before = malloc(size + 32);
	memcpy(before, big, size + 32);
	assert_int_equal(fdt_setprop_string(&fdt, fdt_root(&fdt), "b", "0123456789"),
			 -FDT_ERR_NOSPACE);
	assert_memory_equal(before, big, size + 32);
	fdt.bufsize = size + 128;
	assert_int_equal(fdt_setprop_string(&fdt, fdt_root(&fdt), "b", "0123456789"), 0);
	/* Grown past the padding: totalsize is where the data ends. */
	assert_int_equal(fdt_totalsize(&fdt), h(big, 12) + h(big, 32));
	assert_int_equal(fdt_totalsize(&fdt), size + 18 + 12 + 12 + 2);
	assert_int_equal(fdt_init(&fdt, big, size + 128), 0);
	assert_int_equal(fdt_read_u32(&fdt, fdt_root(&fdt), "a", &v), 0);
	assert_int_equal(v, 1);
	free(before);
	free(big);
	free(blob);
}

/*
 * Random edits on basic.dtb against a model of what was set: after each
 * one the tree validates from scratch, every value set so far reads
 * back, and properties never touched keep their values. At the end,
 * dtc reads the result.
 */
static void test_setprop_random_against_model(void **state)
{
	static const char *const paths[] = {
		"/", "/memory", "/cpus", "/cpus/cpu@0", "/cpus/cpu@1", "/intc", "/uart",
		"/chosen", "/chosen/domU1", "/chosen/domU1/kernel",
	};
	static const char *const pnames[] = {
		"reg", "compatible", "tessera,a", "tessera,b", "x", "status", "bootargs",
	};
	enum { NP = sizeof(paths) / sizeof(paths[0]), NN = sizeof(pnames) / sizeof(pnames[0]) };
	static uint8_t model[NP][NN][64];
	static int mlen[NP][NN];
	static char orig[32768], now[32768];
	size_t size, cap;
	uint8_t *blob = load("basic.dtb", &size), *buf;
	struct fdt fdt, o;
	char cmd[512];
	FILE *f;
	int iter, i, j;

	cap = size + 1500;
	buf = calloc(1, cap);
	memcpy(buf, blob, size);
	assert_int_equal(fdt_init(&fdt, buf, cap), 0);
	memset(mlen, 0xff, sizeof(mlen));	/* -1: never set */
	srand(4242);
	for (iter = 0; iter < 3000; iter++) {
		int pi = rand() % NP, ni = rand() % NN, len = rand() % 40, node, ret;
		uint8_t val[64];
		uint8_t *before = malloc(cap);

		for (i = 0; i < len; i++)
			val[i] = rand();
		node = fdt_path_offset(&fdt, paths[pi]);
		assert_true(node >= 0);
		memcpy(before, buf, cap);
		ret = fdt_setprop(&fdt, node, pnames[ni], val, len);
		if (ret == -FDT_ERR_NOSPACE) {
			assert_memory_equal(before, buf, cap);
		} else {
			assert_int_equal(ret, 0);
			memcpy(model[pi][ni], val, len);
			mlen[pi][ni] = len;
		}
		free(before);
		assert_int_equal(fdt_init(&fdt, buf, cap), 0);
		for (i = 0; i < NP; i++)
			for (j = 0; j < NN; j++) {
				int l;
				const void *p = fdt_getprop(&fdt, fdt_path_offset(&fdt, paths[i]),
							    pnames[j], &l);

				if (mlen[i][j] < 0)
					continue;
				assert_non_null(p);
				assert_int_equal(l, mlen[i][j]);
				assert_memory_equal(p, model[i][j], l);
			}
	}
	/* Values are padded with zeros to the next token (dtc's form;
	 * stale bytes there would leak old contents). */
	{
		int node, prop, len;

		for (node = fdt_root(&fdt); node >= 0; node = fdt_next_node(&fdt, node, NULL))
			for (prop = fdt_first_prop(&fdt, node); prop >= 0;
			     prop = fdt_next_prop(&fdt, prop)) {
				const uint8_t *v = fdt_prop_value(&fdt, prop, NULL, &len);

				for (i = len; i & 3; i++)
					assert_int_equal(v[i], 0);
			}
	}
	/* Untouched properties are as in the original tree. */
	{
		const char *skip[NN + 1];

		for (j = 0; j < NN; j++)
			skip[j] = pnames[j];
		skip[NN] = NULL;
		assert_int_equal(fdt_init(&o, blob, size), 0);
		dump(&o, orig, sizeof(orig), NULL, skip);
		dump(&fdt, now, sizeof(now), NULL, skip);
		assert_string_equal(orig, now);
	}

	f = fopen(UNIT_DATA_DIR "/random-edits.dtb", "wb");
	assert_non_null(f);
	fwrite(buf, 1, fdt_totalsize(&fdt), f);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "dtc -q -I dtb -O dts -o /dev/null %s/random-edits.dtb",
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
		cmocka_unit_test(test_setprop_add_replace_and_nospace),
		cmocka_unit_test(test_setprop_result_accepted_by_dtc),
		cmocka_unit_test(test_builder_trees_valid),
		cmocka_unit_test(test_malformed_structure),
		cmocka_unit_test(test_malformed_header_and_rsvmap),
		cmocka_unit_test(test_corruption_sweep),
		cmocka_unit_test(test_bogus_offsets),
		cmocka_unit_test(test_paths_and_walk),
		cmocka_unit_test(test_cells_and_value_forms),
		cmocka_unit_test(test_strerror),
		cmocka_unit_test(test_setprop_sizes_and_strings),
		cmocka_unit_test(test_setprop_layouts),
		cmocka_unit_test(test_setprop_random_against_model),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
