// SPDX-License-Identifier: GPL-2.0-only
#include "lib/printf.h"

#include <stdbool.h>
#include <stdint.h>

struct out {
	char *buf;
	size_t size;
	size_t len;	/* what the full output would need */
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void put_padded(struct out *o, const char *s, size_t n, int width, bool left, char pad)
{
	int fill = width > (int)n ? width - (int)n : 0;

	while (!left && fill-- > 0)
		put(o, pad);
	while (n--)
		put(o, *s++);
	while (left && fill-- > 0)
		put(o, ' ');
}

static void put_number(struct out *o, uint64_t v, bool neg, unsigned int base, bool upper,
		       int width, bool left, char pad)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0;

	do {
		tmp[sizeof(tmp) - 1 - n++] = digits[v % base];
		v /= base;
	} while (v);
	if (neg) {
		if (pad == '0' && !left) {
			put(o, '-');
			width--;
		} else {
			tmp[sizeof(tmp) - 1 - n++] = '-';
		}
	}
	put_padded(o, tmp + sizeof(tmp) - n, n, width, left, pad);
}

int fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = { buf, size, 0 };

	for (; *fmt; fmt++) {
		bool left = false, upper = false;
		int width = 0, prec = -1, lng = 0;
		char pad = ' ';
		uint64_t u;
		int64_t s;

		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		fmt++;
		for (;; fmt++) {
			if (*fmt == '-')
				left = true;
			else if (*fmt == '0')
				pad = '0';
			else
				break;
		}
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (*fmt++ - '0');
		if (*fmt == '.') {
			prec = 0;
			for (fmt++; *fmt >= '0' && *fmt <= '9'; fmt++)
				prec = prec * 10 + (*fmt - '0');
		}
		for (;; fmt++) {
			if (*fmt == 'l')
				lng++;
			else if (*fmt == 'z')
				lng = 2;
			else
				break;
		}
		switch (*fmt) {
		case 'c':
			pad = ' ';
			put_padded(&o, (char[]){ (char)va_arg(ap, int) }, 1, width, left, pad);
			break;
		case 's': {
			const char *str = va_arg(ap, const char *);
			size_t n = 0;

			if (!str)
				str = "(null)";
			while (str[n] && (prec < 0 || (int)n < prec))
				n++;
			put_padded(&o, str, n, width, left, ' ');
			break;
		}
		case 'd':
		case 'i':
			s = lng ? va_arg(ap, long long) : va_arg(ap, int);
			put_number(&o, s < 0 ? -(uint64_t)s : (uint64_t)s, s < 0, 10, false,
				   width, left, pad);
			break;
		case 'u':
		case 'x':
		case 'X':
			u = lng ? va_arg(ap, unsigned long long) : va_arg(ap, unsigned int);
			upper = *fmt == 'X';
			put_number(&o, u, false, *fmt == 'u' ? 10 : 16, upper, width, left, pad);
			break;
		case 'p':
			put(&o, '0');
			put(&o, 'x');
			put_number(&o, (uintptr_t)va_arg(ap, void *), false, 16, false, width, left,
				   pad);
			break;
		case '%':
			put(&o, '%');
			break;
		case 0:
			fmt--;	/* lone '%' at the end */
			break;
		default:
			put(&o, '%');
			put(&o, *fmt);
		}
	}
	if (size)
		buf[o.len < size ? o.len : size - 1] = 0;
	return (int)o.len;
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
