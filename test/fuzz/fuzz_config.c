// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: the loader's config-file parser (boot/config.c) on
 * any bytes, then what the loader does with a parsed file: pick the
 * section and read the keys it knows.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct cfg cfg;
	static const char *const keys[] = { "hypervisor", "dtb", "options", "default", "" };
	const struct cfg_section *s;
	char *copy = malloc(size ? size : 1);
	unsigned int i;

	if (!copy)
		return 0;
	memcpy(copy, data, size);	/* an exact-size buffer: reads past it are caught */
	if (!cfg_parse(&cfg, copy, size)) {
		s = cfg_select(&cfg);
		for (i = 0; s && i < sizeof(keys) / sizeof(keys[0]); i++) {
			const char *v = cfg_get(&cfg, s, keys[i]);

			if (v)
				(void)strlen(v);
		}
	}
	(void)strlen(cfg_strerror(cfg.error));
	free(copy);
	return 0;
}
