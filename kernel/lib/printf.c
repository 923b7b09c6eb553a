// SPDX-License-Identifier: GPL-2.0-only
/*
 * Formatted output into a buffer, without libc (see printf.h). Integer
 * arithmetic only: freestanding code is built with -mgeneral-regs-only.
 */
#include "lib/printf.h"

#include <stdbool.h>
#include <stdint.h>

/* Field widths and precisions beyond this are clamped (no int overflow). */
#define MAX_FIELD	4096

struct out {
	char *buf;
	size_t size;
	size_t len;	/* what the full output would need */
};

struct spec {
	bool left;	/* '-' */
	bool zero;	/* '0' */
	int width;
	int prec;	/* -1: none */
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void put_n(struct out *o, char c, int n)
{
	while (n-- > 0)
		put(o, c);
}

static void put_str(struct out *o, const char *s, size_t n)
{
	while (n--)
		put(o, *s++);
}

/* s[0..n) in a field of sp->width, space-padded. */
static void put_field(struct out *o, const char *s, size_t n, const struct spec *sp)
{
	int fill = sp->width > (int)n ? sp->width - (int)n : 0;

	if (!sp->left)
		put_n(o, ' ', fill);
	put_str(o, s, n);
	if (sp->left)
		put_n(o, ' ', fill);
}

/*
 * prefix ("-", "0x" or "") then the digits of v, in a field of
 * sp->width. With a precision, that many digits at least and no '0'
 * padding, as C's printf does.
 */
static void put_number(struct out *o, uint64_t v, unsigned int base, bool upper,
		       const char *prefix, const struct spec *sp)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0, plen = 0, zeros, fill;

	while (prefix[plen])
		plen++;
	/* %.0d of 0 prints no digits at all. */
	while (v || (n == 0 && sp->prec != 0)) {
		tmp[sizeof(tmp) - 1 - n++] = digits[v % base];
		v /= base;
	}
	zeros = sp->prec > n ? sp->prec - n : 0;
	fill = sp->width - plen - zeros - n;
	if (fill < 0)
		fill = 0;
	if (sp->zero && !sp->left && sp->prec < 0) {
		zeros += fill;
		fill = 0;
	}
	if (!sp->left)
		put_n(o, ' ', fill);
	put_str(o, prefix, plen);
	put_n(o, '0', zeros);
	put_str(o, tmp + sizeof(tmp) - n, n);
	if (sp->left)
		put_n(o, ' ', fill);
}

static int parse_num(const char **fmt)
{
	int v = 0;

	while (**fmt >= '0' && **fmt <= '9') {
		if (v < MAX_FIELD)
			v = v * 10 + (**fmt - '0');
		(*fmt)++;
	}
	return v < MAX_FIELD ? v : MAX_FIELD;
}

enum length { LEN_INT, LEN_LONG, LEN_LLONG, LEN_SIZE };

static int64_t signed_arg(va_list *ap, enum length l)
{
	switch (l) {
	case LEN_LONG:
		return va_arg(*ap, long);
	case LEN_LLONG:
		return va_arg(*ap, long long);
	case LEN_SIZE:
		return (int64_t)va_arg(*ap, size_t);
	default:
		return va_arg(*ap, int);
	}
}

static uint64_t unsigned_arg(va_list *ap, enum length l)
{
	switch (l) {
	case LEN_LONG:
		return va_arg(*ap, unsigned long);
	case LEN_LLONG:
		return va_arg(*ap, unsigned long long);
	case LEN_SIZE:
		return va_arg(*ap, size_t);
	default:
		return va_arg(*ap, unsigned int);
	}
}

int fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = { buf, size, 0 };
	va_list args;

	/* A copy, so that helpers can take a pointer to it portably. */
	va_copy(args, ap);
	for (; *fmt; fmt++) {
		struct spec sp = { false, false, 0, -1 };
		enum length len = LEN_INT;
		const char *start = fmt;

		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		for (fmt++; *fmt == '-' || *fmt == '0'; fmt++) {
			if (*fmt == '-')
				sp.left = true;
			else
				sp.zero = true;
		}
		sp.width = parse_num(&fmt);
		if (*fmt == '.') {
			fmt++;
			sp.prec = parse_num(&fmt);
		}
		if (*fmt == 'l') {
			len = LEN_LONG;
			if (*++fmt == 'l') {
				len = LEN_LLONG;
				fmt++;
			}
		} else if (*fmt == 'z') {
			len = LEN_SIZE;
			fmt++;
		}
		switch (*fmt) {
		case 'c': {
			char c = (char)va_arg(args, int);

			put_field(&o, &c, 1, &sp);
			break;
		}
		case 's': {
			const char *s = va_arg(args, const char *);
			size_t n = 0;

			if (!s)
				s = "(null)";
			while (s[n] && (sp.prec < 0 || n < (size_t)sp.prec))
				n++;
			put_field(&o, s, n, &sp);
			break;
		}
		case 'd':
		case 'i': {
			int64_t v = signed_arg(&args, len);

			/* Negate in unsigned arithmetic: INT64_MIN has no
			 * positive counterpart. */
			put_number(&o, v < 0 ? -(uint64_t)v : (uint64_t)v, 10, false,
				   v < 0 ? "-" : "", &sp);
			break;
		}
		case 'u':
			put_number(&o, unsigned_arg(&args, len), 10, false, "", &sp);
			break;
		case 'x':
		case 'X':
			put_number(&o, unsigned_arg(&args, len), 16, *fmt == 'X', "", &sp);
			break;
		case 'p':
			put_number(&o, (uintptr_t)va_arg(args, void *), 16, false, "0x", &sp);
			break;
		case '%':
			put(&o, '%');
			break;
		case 0:
			/* Incomplete conversion at the end: print it as is. */
			put_str(&o, start, fmt - start);
			fmt--;
			break;
		default:
			/* Unknown conversion: print it as is, consume nothing. */
			put_str(&o, start, fmt + 1 - start);
		}
	}
	va_end(args);
	if (size)
		buf[o.len < size ? o.len : size - 1] = 0;
	return o.len > 0x7fffffff ? 0x7fffffff : (int)o.len;
}

int fmt_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = fmt_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
