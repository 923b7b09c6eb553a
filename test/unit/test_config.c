// SPDX-License-Identifier: GPL-2.0-only
/* The loader's config-file parser (boot/config.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "config.h"

static char buf[4096];
static struct cfg cfg;

static int parse(const char *text)
{
	size_t n = strlen(text);

	memcpy(buf, text, n);
	return cfg_parse(&cfg, buf, n);
}

static void test_xen_style_file(void **state)
{
	const struct cfg_section *s;

	assert_int_equal(parse("# Tessera\n"
			       "[global]\n"
			       "default=qemu\n"
			       "\n"
			       "[other]\n"
			       "dtb=other.dtb\n"
			       "[qemu]\n"
			       "hypervisor=tessera.bin\n"
			       "dtb=boot.dtb\n"
			       "options=console=pl011 loglvl=all\n"), 0);
	s = cfg_select(&cfg);
	assert_non_null(s);
	assert_string_equal(s->name, "qemu");
	assert_string_equal(cfg_get(&cfg, s, "dtb"), "boot.dtb");
	assert_string_equal(cfg_get(&cfg, s, "hypervisor"), "tessera.bin");
	/* the value is the rest of the line, '=' and spaces included */
	assert_string_equal(cfg_get(&cfg, s, "options"), "console=pl011 loglvl=all");
	assert_null(cfg_get(&cfg, s, "kernel"));
}

static void test_first_section_without_default(void **state)
{
	const struct cfg_section *s;

	assert_int_equal(parse("[global]\n[a]\nx=1\n[b]\nx=2\n"), 0);
	s = cfg_select(&cfg);
	assert_non_null(s);
	assert_string_equal(s->name, "a");
	assert_string_equal(cfg_get(&cfg, s, "x"), "1");

	assert_int_equal(parse("[b]\nx=2\n"), 0);
	assert_string_equal(cfg_select(&cfg)->name, "b");
}

static void test_whitespace_crlf_and_comments(void **state)
{
	const struct cfg_section *s;

	assert_int_equal(parse("\t[ sec ]\r\n  key  =  value with spaces \r\n# c=1\r\n"
			       "   # indented comment\r\nlast=x"), 0);
	s = cfg_select(&cfg);
	assert_string_equal(s->name, "sec");
	assert_string_equal(cfg_get(&cfg, s, "key"), "value with spaces");
	assert_null(cfg_get(&cfg, s, "c"));
	assert_string_equal(cfg_get(&cfg, s, "last"), "x");	/* no final newline */
}

static void test_later_value_wins_and_empty_value(void **state)
{
	const struct cfg_section *s;

	assert_int_equal(parse("[s]\ndtb=a.dtb\ndtb=b.dtb\noptions=\n"), 0);
	s = cfg_select(&cfg);
	assert_string_equal(cfg_get(&cfg, s, "dtb"), "b.dtb");
	assert_string_equal(cfg_get(&cfg, s, "options"), "");
}

static void test_errors_name_the_line(void **state)
{
	assert_int_equal(parse("[s]\nok=1\nno equals sign\n"), -1);
	assert_int_equal(cfg.error_line, 3);
	assert_string_equal(cfg.error, "expected key=value");

	assert_int_equal(parse("key=1\n"), -1);
	assert_int_equal(cfg.error_line, 1);
	assert_string_equal(cfg.error, "key=value before any [section]");

	assert_int_equal(parse("\n[unterminated\n"), -1);
	assert_int_equal(cfg.error_line, 2);

	assert_int_equal(parse("[]\n"), -1);
	assert_int_equal(parse("[s]\n=value\n"), -1);
	assert_string_equal(cfg.error, "empty key");
}

static void test_default_must_exist(void **state)
{
	assert_int_equal(parse("[global]\ndefault=missing\n[a]\nx=1\n"), 0);
	assert_null(cfg_select(&cfg));
	assert_string_equal(cfg.error, "default= names no section");

	assert_int_equal(parse("[global]\ndefault=global\n"), 0);
	assert_null(cfg_select(&cfg));

	assert_int_equal(parse("# only a comment\n"), 0);
	assert_null(cfg_select(&cfg));
	assert_string_equal(cfg.error, "no section to boot");
}

static void test_limits(void **state)
{
	char text[4000];
	size_t n = 0;
	int i;

	/* A line longer than CFG_MAX_LINE */
	n = snprintf(text, sizeof(text), "[s]\nk=");
	memset(text + n, 'x', CFG_MAX_LINE + 1);
	text[n + CFG_MAX_LINE + 1] = 0;
	assert_int_equal(parse(text), -1);
	assert_string_equal(cfg.error, "line too long");
	assert_int_equal(cfg.error_line, 2);

	/* One section too many */
	for (n = 0, i = 0; i <= CFG_MAX_SECTIONS; i++)
		n += snprintf(text + n, sizeof(text) - n, "[s%d]\n", i);
	assert_int_equal(parse(text), -1);
	assert_string_equal(cfg.error, "too many sections");

	/* One entry too many */
	n = snprintf(text, sizeof(text), "[s]\n");
	for (i = 0; i <= CFG_MAX_ENTRIES; i++)
		n += snprintf(text + n, sizeof(text) - n, "k%d=v\n", i);
	assert_int_equal(parse(text), -1);
	assert_string_equal(cfg.error, "too many entries");
}

static void test_nul_byte_refused(void **state)
{
	memcpy(buf, "[s]\nk=a\0b\n", 10);
	assert_int_equal(cfg_parse(&cfg, buf, 10), -1);
	assert_string_equal(cfg.error, "NUL byte in the file");
	assert_int_equal(cfg.error_line, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_xen_style_file),
		cmocka_unit_test(test_first_section_without_default),
		cmocka_unit_test(test_whitespace_crlf_and_comments),
		cmocka_unit_test(test_later_value_wins_and_empty_value),
		cmocka_unit_test(test_errors_name_the_line),
		cmocka_unit_test(test_default_must_exist),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_nul_byte_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
