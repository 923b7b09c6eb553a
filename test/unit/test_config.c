// SPDX-License-Identifier: GPL-2.0-only
/* The loader's config parser (boot/config.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "config.h"

/* struct cfg is large: keep it off the test's stack. */
static struct cfg cfg;

static int parse(const char *text)
{
	return cfg_parse(&cfg, text, strlen(text));
}

/* Parse, select, and return the selected section's name (or NULL). */
static const char *selected(const char *text)
{
	const struct cfg_section *s;

	assert_int_equal(parse(text), 0);
	s = cfg_select(&cfg);
	return s ? s->name : NULL;
}

static const char *get(const char *section, const char *key)
{
	unsigned int i;

	for (i = 0; i < cfg.nr_sections; i++)
		if (!strcmp(cfg.sections[i].name, section))
			return cfg_get(&cfg, &cfg.sections[i], key);
	fail_msg("no section [%s]", section);
	return NULL;
}

static void expect_error(const char *text, int err, unsigned int line)
{
	assert_int_equal(parse(text), -err);
	assert_int_equal(cfg.error, err);
	assert_int_equal(cfg.error_line, line);
}

static void test_typical_file(void **state)
{
	const struct cfg_section *s;

	assert_int_equal(parse("# Tessera\n[global]\ndefault=tessera\n\n[tessera]\n"
			       "hypervisor=tessera.bin\ndtb=boot.dtb\noptions=\n"), 0);
	assert_int_equal(cfg.nr_sections, 2);
	s = cfg_select(&cfg);
	assert_non_null(s);
	assert_string_equal(s->name, "tessera");
	assert_int_equal(s->line, 5);
	assert_string_equal(cfg_get(&cfg, s, "hypervisor"), "tessera.bin");
	assert_string_equal(cfg_get(&cfg, s, "dtb"), "boot.dtb");
	assert_string_equal(cfg_get(&cfg, s, "options"), "");
	assert_null(cfg_get(&cfg, s, "missing"));
	/* [global]'s keys are not visible from the selected section. */
	assert_null(cfg_get(&cfg, s, "default"));
}

static void test_default_picks_section(void **state)
{
	assert_string_equal(selected("[a]\nx=1\n[b]\nx=2\n[global]\ndefault=b\n"), "b");
	assert_string_equal(get("b", "x"), "2");
	assert_string_equal(get("a", "x"), "1");
}

static void test_first_section_without_default(void **state)
{
	assert_string_equal(selected("[global]\n[first]\n[second]\n"), "first");
	/* [global] with other keys but no default=. */
	assert_string_equal(selected("[global]\nfoo=bar\n[one]\n[two]\n"), "one");
	/* No [global] at all. */
	assert_string_equal(selected("[only]\nk=v\n"), "only");
	/* An empty default= counts as none. */
	assert_string_equal(selected("[global]\ndefault=\n[x]\n[y]\n"), "x");
}

static void test_unknown_default(void **state)
{
	assert_int_equal(parse("[global]\n\ndefault=nope\n[tessera]\n"), 0);
	assert_null(cfg_select(&cfg));
	assert_int_equal(cfg.error, CFG_ERR_UNKNOWN_DEFAULT);
	assert_int_equal(cfg.error_line, 3);
	assert_string_equal(cfg.error_name, "nope");
	/* default= may not name [global] itself. */
	assert_int_equal(parse("[global]\ndefault=global\n[x]\n"), 0);
	assert_null(cfg_select(&cfg));
	assert_int_equal(cfg.error, CFG_ERR_UNKNOWN_DEFAULT);
	assert_int_equal(cfg.error_line, 2);
}

static void test_no_section_to_boot(void **state)
{
	assert_int_equal(parse(""), 0);
	assert_null(cfg_select(&cfg));
	assert_int_equal(cfg.error, CFG_ERR_NO_SECTION);
	assert_int_equal(parse("# only a comment\n[global]\n"), 0);
	assert_null(cfg_select(&cfg));
	assert_int_equal(cfg.error, CFG_ERR_NO_SECTION);
}

static void test_comments_and_blank_lines(void **state)
{
	assert_string_equal(selected("\n   \n\t\n# c1\n   # indented comment\n[s]\n#k=v\n"
				     "k=v\n\n"), "s");
	assert_int_equal(cfg.nr_entries, 1);
	assert_string_equal(get("s", "k"), "v");
	/* A comment may follow a section header. */
	assert_string_equal(selected("[s]  # the one\nk=v\n"), "s");
}

static void test_crlf(void **state)
{
	assert_string_equal(selected("[global]\r\ndefault=t\r\n\r\n[t]\r\nhypervisor=h.bin\r\n"
				     "options=a b\r\n"), "t");
	assert_string_equal(get("t", "hypervisor"), "h.bin");
	assert_string_equal(get("t", "options"), "a b");
}

static void test_whitespace_trimmed(void **state)
{
	assert_string_equal(selected("  [  sec  ]  \n\t key \t=  value with  spaces \t\n"), "sec");
	assert_string_equal(get("sec", "key"), "value with  spaces");
}

static void test_value_is_rest_of_line(void **state)
{
	assert_string_equal(selected("[s]\noptions=console=dtuart dom0_mem=1G # not a comment\n"
				     "path=a\\b#c\n"), "s");
	assert_string_equal(get("s", "options"), "console=dtuart dom0_mem=1G # not a comment");
	assert_string_equal(get("s", "path"), "a\\b#c");
}

static void test_last_key_wins(void **state)
{
	assert_string_equal(selected("[s]\nk=1\nk=2\n[t]\nk=3\n"), "s");
	assert_string_equal(get("s", "k"), "2");
	assert_string_equal(get("t", "k"), "3");
}

static void test_no_final_newline(void **state)
{
	assert_string_equal(selected("[s]\nk=last"), "s");
	assert_string_equal(get("s", "k"), "last");
}

static void test_utf8_bom_and_8bit(void **state)
{
	assert_string_equal(selected("\xef\xbb\xbf[s]\nname=gr\xc3\xbc\xc3\x9f \xff\n"), "s");
	assert_string_equal(get("s", "name"), "gr\xc3\xbc\xc3\x9f \xff");
}

static void test_buffer_not_needed_afterwards(void **state)
{
	char *buf = strdup("[s]\nk=v\n");
	const struct cfg_section *s;

	assert_non_null(buf);
	/* Parsing reads exactly len bytes: no terminator needed... */
	assert_int_equal(cfg_parse(&cfg, buf, 7), 0);
	/* ...and the result does not point into the caller's buffer. */
	memset(buf, 'x', 8);
	free(buf);
	s = cfg_select(&cfg);
	assert_non_null(s);
	assert_string_equal(cfg_get(&cfg, s, "k"), "v");
}

static void test_missing_equals(void **state)
{
	expect_error("[s]\nk=v\njust words\n", CFG_ERR_NO_EQUALS, 3);
}

static void test_empty_key(void **state)
{
	expect_error("[s]\n  = value\n", CFG_ERR_EMPTY_KEY, 2);
}

static void test_key_outside_section(void **state)
{
	expect_error("# hi\nk=v\n[s]\n", CFG_ERR_OUTSIDE_SECTION, 2);
}

static void test_bad_section_headers(void **state)
{
	expect_error("[s]\n[unclosed\n", CFG_ERR_BAD_SECTION, 2);
	expect_error("[]\n", CFG_ERR_BAD_SECTION, 1);
	expect_error("[  ]\n", CFG_ERR_BAD_SECTION, 1);
	expect_error("\n[s] junk\n", CFG_ERR_BAD_SECTION, 2);
}

static void test_duplicate_section(void **state)
{
	expect_error("[a]\n[b]\n[a]\n", CFG_ERR_DUP_SECTION, 3);
}

static void test_nul_byte(void **state)
{
	static const char text[] = "[s]\nk=v\0w\n";

	assert_int_equal(cfg_parse(&cfg, text, sizeof(text) - 1), -CFG_ERR_NUL);
	assert_int_equal(cfg.error_line, 2);
}

static void test_line_length_limit(void **state)
{
	static char text[CFG_MAX_LINE + 64];
	size_t n;

	/* Exactly CFG_MAX_LINE bytes, plus CRLF: accepted. */
	n = (size_t)snprintf(text, sizeof(text), "[s]\nk=");
	memset(text + n, 'v', CFG_MAX_LINE - 2);
	memcpy(text + n + CFG_MAX_LINE - 2, "\r\n", 3);
	assert_int_equal(parse(text), 0);
	assert_int_equal(strlen(get("s", "k")), CFG_MAX_LINE - 2);
	/* One more byte: refused, with the line number. */
	memset(text + n, 'v', CFG_MAX_LINE - 1);
	memcpy(text + n + CFG_MAX_LINE - 1, "\n", 2);
	expect_error(text, CFG_ERR_LINE_TOO_LONG, 2);
	/* The same on a last line without a newline. */
	text[strlen(text) - 1] = 0;
	expect_error(text, CFG_ERR_LINE_TOO_LONG, 2);
}

static void test_file_size_limit(void **state)
{
	static char text[CFG_MAX_TEXT + 2];

	/* Blank lines up to the limit are fine; one byte more is not. */
	memset(text, '\n', CFG_MAX_TEXT);
	assert_int_equal(cfg_parse(&cfg, text, CFG_MAX_TEXT), 0);
	memset(text, '\n', CFG_MAX_TEXT + 1);
	assert_int_equal(cfg_parse(&cfg, text, CFG_MAX_TEXT + 1), -CFG_ERR_TOO_BIG);
	assert_int_equal(cfg.error_line, 0);
}

static void test_too_many_sections(void **state)
{
	static char text[4096];
	size_t n = 0;
	int i;

	for (i = 0; i < CFG_MAX_SECTIONS; i++)
		n += (size_t)snprintf(text + n, sizeof(text) - n, "[s%d]\n", i);
	assert_int_equal(parse(text), 0);
	assert_int_equal(cfg.nr_sections, CFG_MAX_SECTIONS);
	snprintf(text + n, sizeof(text) - n, "[extra]\n");
	expect_error(text, CFG_ERR_TOO_MANY_SECTIONS, CFG_MAX_SECTIONS + 1);
}

static void test_too_many_entries(void **state)
{
	static char text[4096];
	size_t n = (size_t)snprintf(text, sizeof(text), "[s]\n");
	int i;

	for (i = 0; i < CFG_MAX_ENTRIES; i++)
		n += (size_t)snprintf(text + n, sizeof(text) - n, "k%d=%d\n", i, i);
	assert_int_equal(parse(text), 0);
	assert_string_equal(get("s", "k63"), "63");
	snprintf(text + n, sizeof(text) - n, "extra=1\n");
	expect_error(text, CFG_ERR_TOO_MANY_ENTRIES, CFG_MAX_ENTRIES + 2);
}

static void test_error_resets(void **state)
{
	expect_error("oops\n", CFG_ERR_NO_EQUALS, 1);
	assert_int_equal(parse("[s]\n"), 0);
	assert_int_equal(cfg.error, 0);
	assert_int_equal(cfg.error_line, 0);
}

static void test_strerror(void **state)
{
	assert_string_equal(cfg_strerror(-CFG_ERR_LINE_TOO_LONG), "line too long");
	assert_string_equal(cfg_strerror(CFG_ERR_UNKNOWN_DEFAULT), "default= names no section");
	assert_string_equal(cfg_strerror(0), "unknown error");
	assert_string_equal(cfg_strerror(-1000), "unknown error");
	assert_string_equal(cfg_strerror(-2147483647 - 1), "unknown error");
}

/* File names stay inside the loader's directory (docs/boot.md). */
static void test_names_stay_in_the_directory(void **state)
{
	static const char *const good[] = {
		"linux.Image", "guests/a.bin", "guests\\a.bin", "a..b", "..a", "a/.../b", "./x",
	};
	static const struct { const char *name, *why; } bad[] = {
		{ "", "empty file name" },
		{ "../x.bin", "'..' leaves the loader's directory" },
		{ "..", "'..' leaves the loader's directory" },
		{ "a/../../x", "'..' leaves the loader's directory" },
		{ "a\\..\\x", "'..' leaves the loader's directory" },
		{ "guests/..", "'..' leaves the loader's directory" },
		{ "/EFI/x.bin", "absolute path; names are relative to the loader's directory" },
		{ "\\x.bin", "absolute path; names are relative to the loader's directory" },
		{ "a\tb", "control character in the file name" },
	};
	unsigned int i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		if (cfg_bad_name(good[i]))
			fail_msg("%s refused: %s", good[i], cfg_bad_name(good[i]));
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		const char *why = cfg_bad_name(bad[i].name);

		if (!why || strcmp(why, bad[i].why))
			fail_msg("%s: got %s, wanted %s", bad[i].name, why ? why : "accepted", bad[i].why);
	}
}

/* Xen's xen.cfg: nothing dropped without a word. */
static void test_xen_cfg_keys(void **state)
{
	const char *why = NULL;

	assert_int_equal(cfg_key("dtb", true, &why), CFG_KEY_USED);
	assert_int_equal(cfg_key("options", true, &why), CFG_KEY_USED);
	assert_int_equal(cfg_key("default", true, &why), CFG_KEY_USED);
	assert_int_equal(cfg_key("kernel", true, &why), CFG_KEY_REFUSED);
	assert_non_null(strstr(why, "dom0's kernel"));
	assert_int_equal(cfg_key("ramdisk", true, &why), CFG_KEY_REFUSED);
	assert_int_equal(cfg_key("xsm", true, &why), CFG_KEY_REFUSED);
	assert_int_equal(cfg_key("chain", true, &why), CFG_KEY_REFUSED);
	assert_int_equal(cfg_key("ucode", true, &why), CFG_KEY_IGNORED);
	assert_int_equal(cfg_key("video", true, &why), CFG_KEY_IGNORED);
	assert_int_equal(cfg_key("hypervisor", true, &why), CFG_KEY_IGNORED);
	assert_int_equal(cfg_key("colour", true, &why), CFG_KEY_IGNORED);
	assert_string_equal(why, "ignored: not a key of xen.cfg");
	/* tessera.cfg: its own hypervisor=, and no dom0 either. */
	assert_int_equal(cfg_key("hypervisor", false, NULL), CFG_KEY_USED);
	assert_int_equal(cfg_key("kernel", false, NULL), CFG_KEY_REFUSED);
	assert_int_equal(cfg_key("colour", false, &why), CFG_KEY_IGNORED);
	assert_string_equal(why, "ignored: not a key of tessera.cfg");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_typical_file),
		cmocka_unit_test(test_default_picks_section),
		cmocka_unit_test(test_first_section_without_default),
		cmocka_unit_test(test_unknown_default),
		cmocka_unit_test(test_no_section_to_boot),
		cmocka_unit_test(test_comments_and_blank_lines),
		cmocka_unit_test(test_crlf),
		cmocka_unit_test(test_whitespace_trimmed),
		cmocka_unit_test(test_value_is_rest_of_line),
		cmocka_unit_test(test_last_key_wins),
		cmocka_unit_test(test_no_final_newline),
		cmocka_unit_test(test_utf8_bom_and_8bit),
		cmocka_unit_test(test_buffer_not_needed_afterwards),
		cmocka_unit_test(test_missing_equals),
		cmocka_unit_test(test_empty_key),
		cmocka_unit_test(test_key_outside_section),
		cmocka_unit_test(test_bad_section_headers),
		cmocka_unit_test(test_duplicate_section),
		cmocka_unit_test(test_nul_byte),
		cmocka_unit_test(test_line_length_limit),
		cmocka_unit_test(test_file_size_limit),
		cmocka_unit_test(test_too_many_sections),
		cmocka_unit_test(test_too_many_entries),
		cmocka_unit_test(test_error_resets),
		cmocka_unit_test(test_strerror),
		cmocka_unit_test(test_names_stay_in_the_directory),
		cmocka_unit_test(test_xen_cfg_keys),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
