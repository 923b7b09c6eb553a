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
 * Rules: '#' as the first non-blank character makes a comment line;
 * blank lines are skipped; LF or CRLF line ends; blanks (space, tab, CR)
 * around section names, keys and values are dropped; the value is the
 * rest of the line after the first '=' (it may hold '=' and '#'). If a
 * key repeats within a section the last one wins.
 *
 * The text is copied into struct cfg, so the caller's buffer need not
 * stay alive or be writable. Pure C with no firmware dependency: built
 * into the loader and into the host unit tests.
 */
#ifndef TESSERA_BOOT_CONFIG_H
#define TESSERA_BOOT_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#define CFG_MAX_TEXT		16384	/* whole file, bytes */
#define CFG_MAX_LINE		512	/* one line, bytes, without its LF */
#define CFG_MAX_SECTIONS	16
#define CFG_MAX_ENTRIES		64

/* Returned negated by cfg_parse(); also left in cfg->error. */
enum cfg_error {
	CFG_ERR_TOO_BIG = 1,	/* file longer than CFG_MAX_TEXT */
	CFG_ERR_LINE_TOO_LONG,	/* a line longer than CFG_MAX_LINE */
	CFG_ERR_NUL,		/* a NUL byte: not a text file */
	CFG_ERR_BAD_SECTION,	/* "[" without "]", empty name, junk after "]" */
	CFG_ERR_DUP_SECTION,	/* the same [name] twice */
	CFG_ERR_NO_EQUALS,	/* a line that is not key=value */
	CFG_ERR_EMPTY_KEY,	/* "=value" */
	CFG_ERR_OUTSIDE_SECTION, /* key=value before the first [section] */
	CFG_ERR_TOO_MANY_SECTIONS,
	CFG_ERR_TOO_MANY_ENTRIES,
	CFG_ERR_UNKNOWN_DEFAULT, /* [global] default= names no section */
	CFG_ERR_NO_SECTION,	/* nothing to boot: no section but [global] */
};

struct cfg_entry {
	const char *key;
	const char *value;
	unsigned int line;
};

struct cfg_section {
	const char *name;
	unsigned int line;
	unsigned int first, count;	/* its entries in cfg->entries */
};

struct cfg {
	struct cfg_section sections[CFG_MAX_SECTIONS];
	unsigned int nr_sections;
	struct cfg_entry entries[CFG_MAX_ENTRIES];
	unsigned int nr_entries;
	/* After a failure: the error, its 1-based line (0 if none applies)
	 * and, for CFG_ERR_UNKNOWN_DEFAULT, the name default= gave. */
	int error;
	unsigned int error_line;
	const char *error_name;
	char text[CFG_MAX_TEXT + 1];	/* the file, split into strings */
};

/* Parse len bytes at buf. Returns 0 or -CFG_ERR_*. */
int cfg_parse(struct cfg *cfg, const char *buf, size_t len);
/* The section to boot: [global] default=NAME, else the first section
 * other than [global]. NULL on failure (cfg->error set). */
const struct cfg_section *cfg_select(struct cfg *cfg);
/* The value of key in section s (the last if repeated), or NULL. */
const char *cfg_get(const struct cfg *cfg, const struct cfg_section *s, const char *key);
/*
 * A file name from the config or the tree, relative to the loader's
 * directory: NULL if it is one, else why not (empty, absolute, a ".."
 * component, a control character). '/' and '\\' both separate.
 */
const char *cfg_bad_name(const char *name);

/* What the loader does with a key of tessera.cfg or, xen true, of Xen's
 * xen.cfg (docs/boot.md). Nothing is dropped without a word. */
enum cfg_key_use {
	CFG_KEY_USED,		/* default=, options=, dtb=; hypervisor= (tessera.cfg) */
	CFG_KEY_REFUSED,	/* kernel=, ramdisk=, xsm=, chain=: there is no dom0 */
	CFG_KEY_IGNORED,	/* video=, ucode=, hypervisor= (xen.cfg), unknown keys */
};
/* *why (may be NULL) says why a key is refused or ignored. */
enum cfg_key_use cfg_key(const char *key, bool xen, const char **why);

/* A short English description of err (negative or positive). */
const char *cfg_strerror(int err);

#endif
