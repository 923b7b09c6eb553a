// SPDX-License-Identifier: GPL-2.0-only
/* The few libc string functions freestanding code needs (the compiler
 * also emits calls to memcpy/memset itself). Correct on Device memory
 * before the MMU is on, where unaligned wide accesses fault: wide
 * accesses only when both sides are aligned, bytes otherwise. */
#include "lib/string.h"

#include <stdint.h>

/* Stop GCC from turning these loops back into calls to themselves.
 * Weak: GNU-EFI's library brings its own memcpy/memset into the loader. */
#define NO_LIBCALL __attribute__((optimize("no-tree-loop-distribute-patterns"), weak))
/* Newer GCCs also recognise strlen-like loops. */
#define NO_PATTERN __attribute__((optimize("no-tree-loop-distribute-patterns")))

NO_LIBCALL void *memcpy(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	/* Aligned 8-byte accesses are fine on Device memory too; copying
	 * a guest's kernel this way is about eight times faster. */
	if (!(((uintptr_t)d | (uintptr_t)s) & 7)) {
		uint64_t *d8 = dst;
		const uint64_t *s8 = src;

		for (; n >= 32; n -= 32, d8 += 4, s8 += 4) {
			d8[0] = s8[0];
			d8[1] = s8[1];
			d8[2] = s8[2];
			d8[3] = s8[3];
		}
		for (; n >= 8; n -= 8)
			*d8++ = *s8++;
		d = (unsigned char *)d8;
		s = (const unsigned char *)s8;
	}
	while (n--)
		*d++ = *s++;
	return dst;
}

NO_LIBCALL void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (d < s) {
		while (n--)
			*d++ = *s++;
	} else {
		while (n--)
			d[n] = s[n];
	}
	return dst;
}

NO_LIBCALL void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;

	if (!((uintptr_t)d & 7)) {
		uint64_t *d8 = dst, v = 0x0101010101010101ull * (unsigned char)c;

		for (; n >= 8; n -= 8)
			*d8++ = v;
		d = (unsigned char *)d8;
	}
	while (n--)
		*d++ = (unsigned char)c;
	return dst;
}

NO_PATTERN int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;

	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

NO_PATTERN void *memchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;

	for (; n; n--, p++)
		if (*p == (unsigned char)c)
			return (void *)p;
	return NULL;
}

NO_PATTERN size_t strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

NO_PATTERN size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

NO_PATTERN int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return (unsigned char)*a - (unsigned char)*b;
}

NO_PATTERN int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return (unsigned char)*a - (unsigned char)*b;
		if (!*a)
			break;
	}
	return 0;
}

NO_PATTERN char *strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)s;
		if (!*s)
			return NULL;
	}
}
