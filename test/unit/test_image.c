// SPDX-License-Identifier: GPL-2.0-only
/*
 * image_parse() (kernel/lib/image.c): the one parser for the arm64 Image
 * header (the arm64 hypervisor, test guests, Linux) and the x86_64
 * hypervisor's "TX64" header, each accepted only under its own magic.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "lib/image.h"

#define FILE_SIZE	8192

static union {
	struct image_header h;
	uint8_t bytes[FILE_SIZE];
} file;

static void make(uint32_t magic, uint64_t text_offset, uint64_t image_size)
{
	memset(&file, 0, sizeof(file));
	file.h.code0 = 0x90909090;
	file.h.text_offset = text_offset;
	file.h.image_size = image_size;
	file.h.magic = magic;
}

static int parse(uint32_t magic, size_t len, struct image_info *info)
{
	return image_parse(&file, len, magic, info);
}

static void test_x86_64_image(void **state)
{
	struct image_info info;

	make(IMAGE_MAGIC_X86_64, 0, FILE_SIZE + 4096);
	assert_int_equal(parse(IMAGE_MAGIC_X86_64, FILE_SIZE, &info), 0);
	assert_int_equal(info.text_offset, 0);
	assert_int_equal(info.image_size, FILE_SIZE + 4096);
	assert_int_equal(info.file_size, FILE_SIZE);
	/* "TX64" as the bytes lie in the file. */
	assert_memory_equal(&file.bytes[offsetof(struct image_header, magic)], "TX64", 4);
}

static void test_magic_must_match(void **state)
{
	struct image_info info;

	make(IMAGE_MAGIC_X86_64, 0, FILE_SIZE);
	assert_int_equal(parse(IMAGE_MAGIC, FILE_SIZE, &info), -1);
	make(IMAGE_MAGIC, 0x80000, FILE_SIZE);
	assert_int_equal(parse(IMAGE_MAGIC_X86_64, FILE_SIZE, &info), -1);
	assert_int_equal(parse(IMAGE_MAGIC, FILE_SIZE, &info), 0);
	assert_int_equal(info.text_offset, 0x80000);
}

/* image_size 0 is an arm64 kernel before Linux 3.17 only. */
static void test_size_zero(void **state)
{
	struct image_info info;

	make(IMAGE_MAGIC, 0x1234, 0);
	assert_int_equal(parse(IMAGE_MAGIC, FILE_SIZE, &info), 0);
	assert_int_equal(info.text_offset, 0x80000);
	assert_int_equal(info.image_size, FILE_SIZE);
	make(IMAGE_MAGIC_X86_64, 0, 0);
	assert_int_equal(parse(IMAGE_MAGIC_X86_64, FILE_SIZE, &info), -1);
}

static void test_refused(void **state)
{
	struct image_info info;

	make(IMAGE_MAGIC_X86_64, 0, FILE_SIZE - 1);	/* smaller than the file */
	assert_int_equal(parse(IMAGE_MAGIC_X86_64, FILE_SIZE, &info), -1);
	make(IMAGE_MAGIC_X86_64, 2u << 20, FILE_SIZE);	/* text_offset too far */
	assert_int_equal(parse(IMAGE_MAGIC_X86_64, FILE_SIZE, &info), -1);
	make(IMAGE_MAGIC_X86_64, 0, FILE_SIZE);
	file.h.flags = 1;				/* big-endian / reserved */
	assert_int_equal(parse(IMAGE_MAGIC_X86_64, FILE_SIZE, &info), -1);
	make(IMAGE_MAGIC_X86_64, 0, FILE_SIZE);		/* shorter than a header */
	assert_int_equal(parse(IMAGE_MAGIC_X86_64, sizeof(struct image_header) - 1, &info), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_x86_64_image),
		cmocka_unit_test(test_magic_must_match),
		cmocka_unit_test(test_size_zero),
		cmocka_unit_test(test_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
