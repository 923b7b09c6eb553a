/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The arm64 Linux "Image" header (Documentation/arch/arm64/booting.rst).
 * The hypervisor, the test guests and Linux itself all carry it, so the
 * loader and the domain builder parse it with one function. The x86_64
 * hypervisor carries the same header with its own magic ("TX64"):
 * code0/code1 jump to its entry, text_offset is 0, image_size includes
 * bss (docs/boot.md).
 */
#ifndef TESSERA_LIB_IMAGE_H
#define TESSERA_LIB_IMAGE_H

#include <stddef.h>
#include <stdint.h>

#define IMAGE_MAGIC		0x644d5241u	/* "ARM\x64", little endian: arm64 */
#define IMAGE_MAGIC_X86_64	0x34365854u	/* "TX64", little endian */

struct image_header {
	uint32_t code0;
	uint32_t code1;
	uint64_t text_offset;	/* little endian */
	uint64_t image_size;	/* effective size, bss included */
	uint64_t flags;
	uint64_t res2, res3, res4;
	uint32_t magic;
	uint32_t res5;
};

struct image_info {
	uint64_t text_offset;	/* load at a 2 MiB aligned base + this */
	uint64_t image_size;	/* bytes to reserve from the load address */
	uint64_t file_size;
};

/* 0 on success, -1 if buf is not an image with this magic (too small,
 * image_size smaller than the file, text_offset 2 MiB or more, a
 * big-endian arm64 kernel). image_size 0 means an arm64 kernel before
 * Linux 3.17; other magics must give it. */
int image_parse(const void *buf, size_t len, uint32_t magic, struct image_info *info);

#endif
