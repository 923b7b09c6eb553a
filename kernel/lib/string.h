/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Memory and string helpers. Hosted builds (planner, unit tests, fuzzers)
 * use libc; freestanding builds (hypervisor, loader, test guests) link
 * lib/string.c.
 */
#ifndef TESSERA_LIB_STRING_H
#define TESSERA_LIB_STRING_H

#include <stddef.h>

#if __STDC_HOSTED__
#include <string.h>
#else
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
void *memchr(const void *s, int c, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
#endif

#endif
