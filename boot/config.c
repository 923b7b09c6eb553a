// SPDX-License-Identifier: GPL-2.0-only
#include "config.h"

#include <stdbool.h>

#include "lib/string.h"

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* Trim in place; returns the new start. */
static char *trim(char *s, char *end)
{
	while (s < end && is_space(*s))
		s++;
	while (end > s && is_space(end[-1]))
		end--;
	*end = 0;
	return s;
}

static int fail(struct cfg *cfg, unsigned int line, const char *msg)
{
	cfg->error = msg;
	cfg->error_line = line;
	return -1;
}

static int parse_line(struct cfg *cfg, char *s, char *end, unsigned int line)
{
	char *eq;

	s = trim(s, end);
	end = s + strlen(s);
	if (!*s || *s == '#')
		return 0;
	if (*s == '[') {
		struct cfg_section *sec;

		if (end[-1] != ']' || end - s < 3)
			return fail(cfg, line, "bad section header, expected [name]");
		if (cfg->nr_sections == CFG_MAX_SECTIONS)
			return fail(cfg, line, "too many sections");
		end[-1] = 0;
		sec = &cfg->sections[cfg->nr_sections++];
		sec->name = trim(s + 1, end - 1);
		sec->first = cfg->nr_entries;
		sec->count = 0;
		return 0;
	}
	eq = strchr(s, '=');
	if (!eq)
		return fail(cfg, line, "expected key=value");
	if (!cfg->nr_sections)
		return fail(cfg, line, "key=value before any [section]");
	if (cfg->nr_entries == CFG_MAX_ENTRIES)
		return fail(cfg, line, "too many entries");
	*eq = 0;
	cfg->entries[cfg->nr_entries].key = trim(s, eq);
	cfg->entries[cfg->nr_entries].value = trim(eq + 1, end);
	if (!*cfg->entries[cfg->nr_entries].key)
		return fail(cfg, line, "empty key");
	cfg->nr_entries++;
	cfg->sections[cfg->nr_sections - 1].count++;
	return 0;
}

int cfg_parse(struct cfg *cfg, char *buf, size_t len)
{
	unsigned int line = 1;
	char *s = buf, *end = buf + len;

	memset(cfg, 0, sizeof(*cfg));
	*end = 0;
	while (s < end) {
		char *nl = memchr(s, '\n', end - s);
		char *eol = nl ? nl : end;

		if (memchr(s, 0, eol - s))
			return fail(cfg, line, "NUL byte in the file");
		if (eol - s > CFG_MAX_LINE)
			return fail(cfg, line, "line too long");
		*eol = 0;
		if (parse_line(cfg, s, eol, line))
			return -1;
		s = eol + 1;
		line++;
	}
	return 0;
}

static const struct cfg_section *find_section(const struct cfg *cfg, const char *name)
{
	unsigned int i;

	for (i = 0; i < cfg->nr_sections; i++)
		if (!strcmp(cfg->sections[i].name, name))
			return &cfg->sections[i];
	return NULL;
}

const char *cfg_get(const struct cfg *cfg, const struct cfg_section *s, const char *key)
{
	const char *v = NULL;
	unsigned int i;

	for (i = s->first; i < s->first + s->count; i++)
		if (!strcmp(cfg->entries[i].key, key))
			v = cfg->entries[i].value;
	return v;
}

const struct cfg_section *cfg_select(struct cfg *cfg)
{
	const struct cfg_section *global = find_section(cfg, "global"), *s;
	const char *def = global ? cfg_get(cfg, global, "default") : NULL;
	unsigned int i;

	if (def && *def) {
		s = find_section(cfg, def);
		if (!s || s == global)
			cfg->error = "default= names no section";
		return s == global ? NULL : s;
	}
	for (i = 0; i < cfg->nr_sections; i++)
		if (&cfg->sections[i] != global)
			return &cfg->sections[i];
	cfg->error = "no section to boot";
	return NULL;
}
