// SPDX-License-Identifier: GPL-2.0-only
/* Device tree sequential writer. See fdt_write.h. */
#include "lib/fdt_write.h"

#include "lib/fdt.h"
#include "lib/string.h"

#define FDT_MAGIC	0xd00dfeedu
#define TOK_BEGIN_NODE	1u
#define TOK_END_NODE	2u
#define TOK_PROP	3u
#define TOK_END		9u
#define HEADER_SIZE	40
#define RSVMAP_SIZE	16	/* just the terminating zero pair */
#define STRUCT_START	(HEADER_SIZE + RSVMAP_SIZE)

static void put_be32(uint8_t *p, uint32_t v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

static uint32_t align4(uint32_t v)
{
	return (v + 3) & ~3u;
}

void fdtw_init(struct fdtw *w, void *buf, size_t size)
{
	w->buf = buf;
	w->size = size > 0x7fffffff ? 0x7fffffff : size;
	w->pos = STRUCT_START;
	w->depth = 0;
	w->err = w->size < STRUCT_START || !buf ? -FDT_ERR_NOSPACE : 0;
	w->strings_len = 0;
	if (!w->err)
		memset(w->buf, 0, STRUCT_START);
}

/* Room for n more bytes of structure (zeroed, so padding is 0), or NULL. */
static uint8_t *room(struct fdtw *w, uint32_t n)
{
	uint8_t *p;

	if (w->err)
		return NULL;
	if (n > w->size - w->pos) {
		w->err = -FDT_ERR_NOSPACE;
		return NULL;
	}
	p = w->buf + w->pos;
	memset(p, 0, n);
	w->pos += n;
	return p;
}

static void token(struct fdtw *w, uint32_t tok)
{
	uint8_t *p = room(w, 4);

	if (p)
		put_be32(p, tok);
}

void fdtw_begin_node(struct fdtw *w, const char *name)
{
	uint32_t n = strlen(name) + 1;
	uint8_t *p;

	if (!w->err && (w->depth == FDT_MAX_DEPTH || (!w->depth && w->pos != STRUCT_START)))
		w->err = -FDT_ERR_BADSTRUCT;	/* too deep, or a second root */
	token(w, TOK_BEGIN_NODE);
	p = room(w, align4(n));
	if (p) {
		memcpy(p, name, n);
		w->depth++;
	}
}

void fdtw_end_node(struct fdtw *w)
{
	if (!w->err && !w->depth)
		w->err = -FDT_ERR_BADSTRUCT;
	token(w, TOK_END_NODE);
	if (!w->err)
		w->depth--;
}

/* name's offset in the strings block, adding it if new; -1 if full. */
static int string_offset(struct fdtw *w, const char *name)
{
	uint32_t n = strlen(name) + 1, i;

	for (i = 0; i + n <= w->strings_len; i++)
		if (!memcmp(w->strings + i, name, n))
			return (int)i;
	if (n > sizeof(w->strings) - w->strings_len)
		return -1;
	memcpy(w->strings + w->strings_len, name, n);
	w->strings_len += n;
	return (int)(w->strings_len - n);
}

/* A property's header written; returns where its len value bytes go. */
static uint8_t *prop_space(struct fdtw *w, const char *name, uint32_t len)
{
	int nameoff;
	uint8_t *p;

	if (w->err)
		return NULL;
	if (!w->depth || len > 0x7fffffff - 12) {
		w->err = -FDT_ERR_BADSTRUCT;
		return NULL;
	}
	nameoff = string_offset(w, name);
	if (nameoff < 0) {
		w->err = -FDT_ERR_NOSPACE;
		return NULL;
	}
	p = room(w, 12 + align4(len));
	if (!p)
		return NULL;
	put_be32(p, TOK_PROP);
	put_be32(p + 4, len);
	put_be32(p + 8, (uint32_t)nameoff);
	return p + 12;
}

void fdtw_prop(struct fdtw *w, const char *name, const void *val, uint32_t len)
{
	uint8_t *p = prop_space(w, name, len);

	if (p && len)
		memcpy(p, val, len);
}

void fdtw_prop_empty(struct fdtw *w, const char *name)
{
	fdtw_prop(w, name, NULL, 0);
}

void fdtw_prop_u32(struct fdtw *w, const char *name, uint32_t v)
{
	fdtw_prop_cells(w, name, &v, 1);
}

void fdtw_prop_cells(struct fdtw *w, const char *name, const uint32_t *cells, unsigned int count)
{
	uint8_t *p;
	unsigned int i;

	if (count > 0x7fffffff / 4 - 12) {
		if (!w->err)
			w->err = -FDT_ERR_BADVALUE;
		return;
	}
	p = prop_space(w, name, 4 * count);
	for (i = 0; p && i < count; i++)
		put_be32(p + 4 * i, cells[i]);
}

void fdtw_prop_string(struct fdtw *w, const char *name, const char *s)
{
	fdtw_prop(w, name, s, strlen(s) + 1);
}

void fdtw_prop_strings(struct fdtw *w, const char *name, const char *list, uint32_t len)
{
	if (!w->err && (!len || list[len - 1]))
		w->err = -FDT_ERR_BADVALUE;	/* not NUL-terminated */
	fdtw_prop(w, name, list, len);
}

int fdtw_finish(struct fdtw *w)
{
	uint32_t struct_size, total;

	if (!w->err && w->depth)
		w->err = -FDT_ERR_BADSTRUCT;	/* a node left open */
	if (!w->err && w->pos == STRUCT_START)
		w->err = -FDT_ERR_BADSTRUCT;	/* no root */
	token(w, TOK_END);
	if (!w->err && w->strings_len > w->size - w->pos)
		w->err = -FDT_ERR_NOSPACE;
	if (w->err)
		return w->err;
	struct_size = w->pos - STRUCT_START;
	memcpy(w->buf + w->pos, w->strings, w->strings_len);
	total = w->pos + w->strings_len;
	put_be32(w->buf + 0, FDT_MAGIC);
	put_be32(w->buf + 4, total);
	put_be32(w->buf + 8, STRUCT_START);		/* off_dt_struct */
	put_be32(w->buf + 12, w->pos);			/* off_dt_strings */
	put_be32(w->buf + 16, HEADER_SIZE);		/* off_mem_rsvmap */
	put_be32(w->buf + 20, 17);			/* version */
	put_be32(w->buf + 24, 16);			/* last_comp_version */
	put_be32(w->buf + 28, 0);			/* boot_cpuid_phys */
	put_be32(w->buf + 32, w->strings_len);
	put_be32(w->buf + 36, struct_size);
	return (int)total;
}
