// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: the boot record built from a device tree alone
 * (kernel/lib/bootinfo_fdt.c), on any bytes, as the Linux boot protocol's
 * entry meets them at x0. The image and the tree are given addresses
 * inside the RAM of the seeds (QEMU virt's), so that most inputs reach
 * the memory cutting and the module checks.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/bootinfo_fdt.h"

static struct bootinfo bi;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct bootinfo_fdt_in in = { 0x48000000, 0x40200000, 0x100000 };
	void *copy = malloc(size ? size : 1);
	char why[256];
	struct fdt fdt;

	if (!copy)
		return 0;
	memcpy(copy, data, size);
	if (!bootinfo_fdt_open(&fdt, copy, size) &&
	    !bootinfo_from_fdt(&bi, &fdt, &in, why, sizeof(why))) {
		/* A record that was built must be sorted and disjoint. */
		unsigned int i;

		for (i = 1; i < bi.nr_mem; i++)
			if (bi.mem[i - 1].base + bi.mem[i - 1].size > bi.mem[i].base)
				abort();
	}
	free(copy);
	return 0;
}
