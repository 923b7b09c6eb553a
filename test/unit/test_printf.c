// SPDX-License-Identifier: GPL-2.0-only
/*
 * fmt_snprintf() (kernel/lib/printf.c): each conversion against literal
 * expectations, then against the C library's snprintf() for the subset
 * both support, and truncation at every buffer size.
 */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "lib/printf.h"

/* Some cases are deliberately outside what -Wformat accepts (empty
 * format, NULL %s, unknown conversions, flag combinations it frowns on). */
#pragma GCC diagnostic ignored "-Wformat"
#pragma GCC diagnostic ignored "-Wformat-extra-args"
#pragma GCC diagnostic ignored "-Wformat-zero-length"
#pragma GCC diagnostic ignored "-Wformat-overflow"

/* Format into a roomy buffer; check the text and the return value. */
#define expect_fmt(want, ...) do {					\
	char b_[256];							\
	memset(b_, 'Z', sizeof(b_));					\
	assert_int_equal(fmt_snprintf(b_, sizeof(b_), __VA_ARGS__),	\
			 strlen(want));					\
	assert_string_equal(b_, want);					\
} while (0)

static void test_conversions(void **state)
{
	expect_fmt("", "");
	expect_fmt("plain text", "plain text");
	expect_fmt("c=x", "c=%c", 'x');
	expect_fmt("s=hello", "s=%s", "hello");
	expect_fmt("(null)", "%s", (char *)NULL);
	expect_fmt("-42 17 0", "%d %i %d", -42, 17, 0);
	expect_fmt("4294967295", "%u", 0xffffffffu);
	expect_fmt("deadbeef DEADBEEF", "%x %X", 0xdeadbeefu, 0xdeadbeefu);
	expect_fmt("100%", "100%%");
	expect_fmt("-2147483648", "%d", INT_MIN);
	expect_fmt("2147483647", "%d", INT_MAX);
}

static void test_length_modifiers(void **state)
{
	expect_fmt("ffffffffffffffff", "%llx", 0xffffffffffffffffull);
	expect_fmt("FFFFFFFFFFFFFFFF", "%llX", 0xffffffffffffffffull);
	expect_fmt("18446744073709551615", "%llu", 0xffffffffffffffffull);
	expect_fmt("-9223372036854775808", "%lld", LLONG_MIN);
	expect_fmt("9223372036854775807", "%ld", LONG_MAX);
	expect_fmt("123456789012", "%lu", 123456789012ul);
	expect_fmt("12345678901 -5", "%zu %d", (size_t)12345678901ull, -5);
	/* An int argument after a 64-bit one is still read as an int. */
	expect_fmt("1 2 3", "%llx %d %lx", 1ull, 2, 3ul);
}

static void test_width_and_flags(void **state)
{
	expect_fmt("   42", "%5d", 42);
	expect_fmt("42   |", "%-5d|", 42);
	expect_fmt("00042", "%05d", 42);
	expect_fmt("-0042", "%05d", -42);
	expect_fmt("  -42", "%5d", -42);
	expect_fmt("-42  |", "%-05d|", -42);	/* '-' wins over '0' */
	expect_fmt("0000beef", "%08x", 0xbeefu);
	expect_fmt("12345", "%3d", 12345);	/* width is a minimum */
	expect_fmt("  ab|ab  |", "%4s|%-4s|", "ab", "ab");
	expect_fmt("    x", "%5c", 'x');
	expect_fmt("abc", "%.3s", "abcdef");
	expect_fmt("  abc", "%5.3s", "abcdef");
	expect_fmt("ab", "%.5s", "ab");
	expect_fmt("", "%.0s", "abc");
	expect_fmt("00042", "%.5d", 42);	/* integer precision: min digits */
	expect_fmt("   00042", "%8.5d", 42);
	expect_fmt("  -007", "%06.3d", -7);	/* precision disables '0' */
}

static void test_pointer(void **state)
{
	char buf[64], want[64];
	int x;

	snprintf(want, sizeof(want), "0x%lx", (unsigned long)(uintptr_t)&x);
	assert_int_equal(fmt_snprintf(buf, sizeof(buf), "%p", (void *)&x), strlen(want));
	assert_string_equal(buf, want);
	expect_fmt("0x0", "%p", (void *)NULL);
	expect_fmt("0x00001000", "%010p", (void *)0x1000);	/* width counts the 0x */
	expect_fmt("    0x1000", "%10p", (void *)0x1000);
	expect_fmt("0x1000    |", "%-10p|", (void *)0x1000);
}

static void test_odd_formats(void **state)
{
	expect_fmt("%q", "%q");		/* unknown: printed as is */
	expect_fmt("a%", "a%");		/* lone '%' at the end */
	expect_fmt("a%5l", "a%5l");	/* incomplete at the end */
	expect_fmt("%y 7", "%y %d", 7);	/* unknown consumes no argument */
	/* A huge width is clamped rather than overflowing an int. */
	{
		char b[8];

		assert_int_equal(fmt_snprintf(b, sizeof(b), "%99999999999d", 1), 4096);
		assert_string_equal(b, "       ");
	}
}

static void test_truncation(void **state)
{
	const char *want = "value=0x12345678 name=tessera";
	char buf[64];
	size_t size, n = strlen(want);

	/* At every size: the return value is the full length, the buffer
	 * holds the longest prefix that fits, always NUL-terminated, and
	 * nothing past size is written. */
	for (size = 0; size <= n + 2; size++) {
		memset(buf, 'Z', sizeof(buf));
		assert_int_equal(fmt_snprintf(buf, size, "value=0x%x name=%s", 0x12345678u,
					      "tessera"), n);
		if (size) {
			size_t got = size - 1 < n ? size - 1 : n;

			assert_memory_equal(buf, want, got);
			assert_int_equal(buf[got], 0);
			assert_int_equal(buf[got + 1], 'Z');
		} else {
			assert_int_equal(buf[0], 'Z');
		}
	}
	/* size 0 with no buffer at all: just the length. */
	assert_int_equal(fmt_snprintf(NULL, 0, "%d-%s", 123, "abc"), 7);
}

/* The subset both implement must agree with the C library. */
static void test_agrees_with_libc(void **state)
{
	static const char *const ifmts[] = {
		"%d", "%5d", "%-5d|", "%05d", "%i", "%u", "%x", "%X", "%08x", "%-8x|",
		"%.3d", "%6.3d", "%-6.3d|", "%.0d", "%1d",
	};
	static const int ivals[] = { 0, 1, -1, 9, 10, 255, -255, 65535, INT_MAX, INT_MIN };
	static const char *const lfmts[] = {
		"%lld", "%llu", "%llx", "%020llx", "%-20llX|", "%ld", "%lx", "%zu", "%zx",
	};
	static const unsigned long long lvals[] = {
		0, 1, 0xff, 0x8000000000000000ull, 0xffffffffffffffffull, 1234567890123ull,
	};
	static const char *const sfmts[] = { "%s", "%10s", "%-10s|", "%.2s", "%8.3s", "%-8.3s|" };
	static const char *const svals[] = { "", "a", "abc", "hypervisor" };
	char mine[128], ref[128];
	size_t i, j;

	for (i = 0; i < sizeof(ifmts) / sizeof(ifmts[0]); i++)
		for (j = 0; j < sizeof(ivals) / sizeof(ivals[0]); j++) {
			int a = fmt_snprintf(mine, sizeof(mine), ifmts[i], ivals[j]);
			int b = snprintf(ref, sizeof(ref), ifmts[i], ivals[j]);

			assert_string_equal(mine, ref);
			assert_int_equal(a, b);
		}
	for (i = 0; i < sizeof(lfmts) / sizeof(lfmts[0]); i++)
		for (j = 0; j < sizeof(lvals) / sizeof(lvals[0]); j++) {
			int a = fmt_snprintf(mine, sizeof(mine), lfmts[i], lvals[j]);
			int b = snprintf(ref, sizeof(ref), lfmts[i], lvals[j]);

			assert_string_equal(mine, ref);
			assert_int_equal(a, b);
		}
	for (i = 0; i < sizeof(sfmts) / sizeof(sfmts[0]); i++)
		for (j = 0; j < sizeof(svals) / sizeof(svals[0]); j++) {
			int a = fmt_snprintf(mine, sizeof(mine), sfmts[i], svals[j]);
			int b = snprintf(ref, sizeof(ref), sfmts[i], svals[j]);

			assert_string_equal(mine, ref);
			assert_int_equal(a, b);
		}
}

/* fmt_vsnprintf() through a caller's va_list, as a logging wrapper uses it. */
static int wrap(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = fmt_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

static void test_vsnprintf(void **state)
{
	char buf[32];

	assert_int_equal(wrap(buf, sizeof(buf), "[%s:%d] %llx", "cpu", 3, 0x10ull), 10);
	assert_string_equal(buf, "[cpu:3] 10");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_conversions),
		cmocka_unit_test(test_length_modifiers),
		cmocka_unit_test(test_width_and_flags),
		cmocka_unit_test(test_pointer),
		cmocka_unit_test(test_odd_formats),
		cmocka_unit_test(test_truncation),
		cmocka_unit_test(test_agrees_with_libc),
		cmocka_unit_test(test_vsnprintf),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
