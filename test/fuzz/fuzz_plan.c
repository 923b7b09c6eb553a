// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: the planner's input stage and everything after it
 * (scripts/plan/). The input is two device-tree blobs back to back, the
 * board description and the partition; the first blob's own totalsize
 * says where the second starts (a short input is all board). Every
 * output is written, to /dev/null. plan_free() after each input, so
 * LeakSanitizer sees any block the planner loses.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "plan.h"

static struct plan p;
static FILE *sink;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t split = size;
	unsigned int i;

	if (size >= 8) {
		split = (size_t)data[4] << 24 | data[5] << 16 | data[6] << 8 | data[7];
		if (split > size)
			split = size;
	}
	if (!sink)
		sink = fopen("/dev/null", "w");
	memset(&p, 0, sizeof(p));
	if (!plan_board_load_mem(&p, data, split) &&
	    !plan_partition_load_mem(&p, data + split, size - split) && !plan_compute(&p)) {
		plan_write_boot_dts(&p, sink);
		plan_write_cfg(&p, sink);
		plan_write_report(&p, sink);
		plan_write_json(&p, sink);
		plan_write_svg(&p, sink);
		for (i = 0; i < p.nr_domains; i++)
			plan_write_guest_dtb(&p, &p.dom[i], sink);
	}
	plan_free(&p);
	return 0;
}
