// SPDX-License-Identifier: GPL-2.0-only
/* Where an arm64 Linux Image goes in guest RAM. Host-compilable: the
 * host tests of kernel/dom0less.c load real Image headers with it. */
#include "arch.h"

#include "lib/image.h"

/* The arm64 boot protocol: the Image at a 2 MiB aligned base plus its
 * text_offset, entered at its first byte. */
int arch_kernel_layout(const void *image, uint64_t size, struct kernel_layout *out)
{
	struct image_info ki;

	if (image_parse(image, size, IMAGE_MAGIC, &ki))
		return -1;
	out->load_offset = ki.text_offset;
	out->mem_size = ki.image_size;
	out->entry_offset = ki.text_offset;
	return 0;
}
