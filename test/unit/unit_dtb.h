/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A device tree the build compiled from test/unit/data/, read into buf
 * and opened as fdt (0, or fdt_init's error). The file must exist.
 */
#ifndef TESSERA_TEST_UNIT_DTB_H
#define TESSERA_TEST_UNIT_DTB_H

#include <stdio.h>

#include "lib/fdt.h"

static inline int unit_dtb_open(const char *name, uint8_t *buf, size_t size, struct fdt *fdt)
{
	char path[512];
	FILE *f;
	size_t n;

	snprintf(path, sizeof(path), "%s/%s", UNIT_DATA_DIR, name);
	f = fopen(path, "rb");
	assert_non_null(f);
	n = fread(buf, 1, size, f);
	fclose(f);
	return fdt_init(fdt, buf, n);
}

#endif
