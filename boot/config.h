/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The loader's config file, in the style of Xen's xen.cfg:
 *
 *   # comment
 *   [global]
 *   default=tessera
 *   [tessera]
 *   hypervisor=tessera.bin
 *   dtb=boot.dtb
 *   options=...
 *
 * Parsed in place (the buffer is modified and must stay alive). Pure C:
 * built into the loader and into the host unit tests.
 */
#ifndef TESSERA_BOOT_CONFIG_H
#define TESSERA_BOOT_CONFIG_H

#include <stddef.h>

#define CFG_MAX_SECTIONS	16
#define CFG_MAX_ENTRIES		64
#define CFG_MAX_LINE		512

struct cfg_entry {
	const char *key;
	const char *value;
};

struct cfg_section {
	const char *name;
	unsigned int first, count;	/* its entries */
};

struct cfg {
	struct cfg_section sections[CFG_MAX_SECTIONS];
	unsigned int nr_sections;
	struct cfg_entry entries[CFG_MAX_ENTRIES];
	unsigned int nr_entries;
	/* After an error: a message and the 1-based line number. */
	const char *error;
	unsigned int error_line;
};

/* buf[len] must be writable and is set to NUL. 0, or -1 with cfg->error. */
int cfg_parse(struct cfg *cfg, char *buf, size_t len);
/* [global] default=NAME, else the first other section; NULL (and
 * cfg->error) if default= names no section or there is none. */
const struct cfg_section *cfg_select(struct cfg *cfg);
/* The last value of key in section s, or NULL. */
const char *cfg_get(const struct cfg *cfg, const struct cfg_section *s, const char *key);

#endif
