// SPDX-License-Identifier: GPL-2.0-only
#include "lib/image.h"

#include "lib/string.h"

int image_parse(const void *buf, size_t len, uint32_t magic, struct image_info *info)
{
	struct image_header h;

	if (len < sizeof(h))
		return -1;
	memcpy(&h, buf, sizeof(h));
	if (h.magic != magic)
		return -1;
	if (h.flags & 1)	/* big-endian kernel (reserved for TX64) */
		return -1;
	info->file_size = len;
	if (h.image_size == 0) {
		/* arm64 kernels before 3.17: text_offset is 0x80000, size
		 * unknown. Nothing else has an excuse. */
		if (magic != IMAGE_MAGIC)
			return -1;
		info->text_offset = 0x80000;
		info->image_size = len;
	} else {
		info->text_offset = h.text_offset;
		info->image_size = h.image_size;
	}
	if (info->image_size < len || info->text_offset >= (2u << 20))
		return -1;
	return 0;
}
