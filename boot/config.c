// SPDX-License-Identifier: GPL-2.0-only
/* The loader's config file (format in config.h). */
#include "config.h"

#include <stdbool.h>

#include "lib/string.h"

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* Drop blanks at both ends of [s, end); terminates it, returns the start. */
static char *trim(char *s, char *end)
{
	while (s < end && is_blank(*s))
		s++;
	while (end > s && is_blank(end[-1]))
		end--;
	*end = 0;
	return s;
}

static int fail(struct cfg *cfg, int err, unsigned int line)
{
	cfg->error = err;
	cfg->error_line = line;
	return -err;
}

static const struct cfg_section *find_section(const struct cfg *cfg, const char *name)
{
	unsigned int i;

	for (i = 0; i < cfg->nr_sections; i++)
		if (!strcmp(cfg->sections[i].name, name))
			return &cfg->sections[i];
	return NULL;
}

static const struct cfg_entry *find_entry(const struct cfg *cfg, const struct cfg_section *s,
					  const char *key)
{
	const struct cfg_entry *found = NULL;
	unsigned int i;

	for (i = s->first; i < s->first + s->count; i++)
		if (!strcmp(cfg->entries[i].key, key))
			found = &cfg->entries[i];
	return found;
}

static int parse_section(struct cfg *cfg, char *s, unsigned int line)
{
	char *close = strchr(s, ']'), *rest, *name;
	struct cfg_section *sec;

	if (!close)
		return fail(cfg, CFG_ERR_BAD_SECTION, line);
	/* Only a comment may follow the "]". */
	rest = trim(close + 1, close + 1 + strlen(close + 1));
	if (*rest && *rest != '#')
		return fail(cfg, CFG_ERR_BAD_SECTION, line);
	name = trim(s + 1, close);
	if (!*name)
		return fail(cfg, CFG_ERR_BAD_SECTION, line);
	if (find_section(cfg, name))
		return fail(cfg, CFG_ERR_DUP_SECTION, line);
	if (cfg->nr_sections == CFG_MAX_SECTIONS)
		return fail(cfg, CFG_ERR_TOO_MANY_SECTIONS, line);
	sec = &cfg->sections[cfg->nr_sections++];
	sec->name = name;
	sec->line = line;
	sec->first = cfg->nr_entries;
	sec->count = 0;
	return 0;
}

static int parse_line(struct cfg *cfg, char *s, unsigned int line)
{
	struct cfg_entry *e;
	char *end, *eq;

	s = trim(s, s + strlen(s));
	if (!*s || *s == '#')
		return 0;
	if (*s == '[')
		return parse_section(cfg, s, line);
	end = s + strlen(s);
	eq = strchr(s, '=');
	if (!eq)
		return fail(cfg, CFG_ERR_NO_EQUALS, line);
	*eq = 0;
	s = trim(s, eq);
	if (!*s)
		return fail(cfg, CFG_ERR_EMPTY_KEY, line);
	if (!cfg->nr_sections)
		return fail(cfg, CFG_ERR_OUTSIDE_SECTION, line);
	if (cfg->nr_entries == CFG_MAX_ENTRIES)
		return fail(cfg, CFG_ERR_TOO_MANY_ENTRIES, line);
	e = &cfg->entries[cfg->nr_entries++];
	e->key = s;
	e->value = trim(eq + 1, end);
	e->line = line;
	cfg->sections[cfg->nr_sections - 1].count++;
	return 0;
}

int cfg_parse(struct cfg *cfg, const char *buf, size_t len)
{
	unsigned int line = 1;
	char *s, *end;

	memset(cfg, 0, sizeof(*cfg));
	if (len > CFG_MAX_TEXT)
		return fail(cfg, CFG_ERR_TOO_BIG, 0);
	memcpy(cfg->text, buf, len);
	cfg->text[len] = 0;
	s = cfg->text;
	end = s + len;
	/* Editors on other systems may start the file with a UTF-8 BOM. */
	if (len >= 3 && !memcmp(s, "\xef\xbb\xbf", 3))
		s += 3;
	while (s < end) {
		char *eol = memchr(s, '\n', end - s);
		size_t n;
		int ret;

		if (!eol)
			eol = end;
		n = eol - s;
		if (n && s[n - 1] == '\r')
			n--;
		if (n > CFG_MAX_LINE)
			return fail(cfg, CFG_ERR_LINE_TOO_LONG, line);
		if (memchr(s, 0, eol - s))
			return fail(cfg, CFG_ERR_NUL, line);
		*eol = 0;
		ret = parse_line(cfg, s, line);
		if (ret)
			return ret;
		s = eol + 1;
		line++;
	}
	return 0;
}

const char *cfg_get(const struct cfg *cfg, const struct cfg_section *s, const char *key)
{
	const struct cfg_entry *e = find_entry(cfg, s, key);

	return e ? e->value : NULL;
}

const struct cfg_section *cfg_select(struct cfg *cfg)
{
	const struct cfg_section *global = find_section(cfg, "global"), *s;
	const struct cfg_entry *def = global ? find_entry(cfg, global, "default") : NULL;
	unsigned int i;

	/* An empty default= counts as none. */
	if (def && *def->value) {
		s = find_section(cfg, def->value);
		if (s && s != global)
			return s;
		cfg->error_name = def->value;
		fail(cfg, CFG_ERR_UNKNOWN_DEFAULT, def->line);
		return NULL;
	}
	for (i = 0; i < cfg->nr_sections; i++)
		if (&cfg->sections[i] != global)
			return &cfg->sections[i];
	fail(cfg, CFG_ERR_NO_SECTION, 0);
	return NULL;
}

const char *cfg_strerror(int err)
{
	static const char *const msg[] = {
		[CFG_ERR_TOO_BIG] = "file too big",
		[CFG_ERR_LINE_TOO_LONG] = "line too long",
		[CFG_ERR_NUL] = "NUL byte (not a text file)",
		[CFG_ERR_BAD_SECTION] = "bad section header, expected [name]",
		[CFG_ERR_DUP_SECTION] = "section defined twice",
		[CFG_ERR_NO_EQUALS] = "missing '=' (expected key=value)",
		[CFG_ERR_EMPTY_KEY] = "empty key before '='",
		[CFG_ERR_OUTSIDE_SECTION] = "key=value before the first [section]",
		[CFG_ERR_TOO_MANY_SECTIONS] = "too many sections",
		[CFG_ERR_TOO_MANY_ENTRIES] = "too many key=value lines",
		[CFG_ERR_UNKNOWN_DEFAULT] = "default= names no section",
		[CFG_ERR_NO_SECTION] = "no section to boot",
	};

	unsigned int e = err < 0 ? 0u - (unsigned int)err : (unsigned int)err;

	if (e >= sizeof(msg) / sizeof(msg[0]) || !msg[e])
		return "unknown error";
	return msg[e];
}

static bool is_sep(char c)
{
	return c == '/' || c == '\\';
}

const char *cfg_bad_name(const char *name)
{
	const char *s;

	if (!*name)
		return "empty file name";
	if (is_sep(*name))
		return "absolute path; names are relative to the loader's directory";
	for (s = name; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return "control character in the file name";
	for (s = name; *s;) {
		const char *end = s;

		while (*end && !is_sep(*end))
			end++;
		if (end - s == 2 && s[0] == '.' && s[1] == '.')
			return "'..' leaves the loader's directory";
		s = *end ? end + 1 : end;
	}
	return NULL;
}

enum cfg_key_use cfg_key(const char *key, bool xen, const char **why)
{
	static const struct {
		const char *key;
		enum cfg_key_use use;
		const char *why;
	} keys[] = {
		{ "default", CFG_KEY_USED, NULL },
		{ "options", CFG_KEY_USED, NULL },
		{ "dtb", CFG_KEY_USED, NULL },
		{ "kernel", CFG_KEY_REFUSED,
		  "is dom0's kernel, and Tessera has no dom0: give each guest its kernel in its xen,domain node" },
		{ "ramdisk", CFG_KEY_REFUSED,
		  "is dom0's ramdisk, and Tessera has no dom0: give each guest its ramdisk in its xen,domain node" },
		{ "xsm", CFG_KEY_REFUSED, "is an XSM policy, and Tessera has no XSM" },
		{ "chain", CFG_KEY_REFUSED, "names another config file, and Tessera reads only this one" },
		{ "video", CFG_KEY_IGNORED, "ignored: the hypervisor uses no display" },
		{ "ucode", CFG_KEY_IGNORED, "ignored: x86 microcode" },
	};
	unsigned int i;

	if (!strcmp(key, "hypervisor")) {
		if (why)
			*why = "ignored in xen.cfg: the hypervisor is tessera.bin";
		return xen ? CFG_KEY_IGNORED : CFG_KEY_USED;
	}
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		if (!strcmp(keys[i].key, key)) {
			if (why)
				*why = keys[i].why;
			return keys[i].use;
		}
	}
	if (why)
		*why = xen ? "ignored: not a key of xen.cfg" : "ignored: not a key of tessera.cfg";
	return CFG_KEY_IGNORED;
}
