// SPDX-License-Identifier: GPL-2.0-only
/*
 * Device tree reader and in-place editor. See fdt.h for the contract.
 * fdt_init() validates the whole structure block once; accessors still
 * check every offset against the cached block bounds, so they are safe
 * even if called with a stale or made-up offset.
 */
#include "lib/fdt.h"

#include "lib/string.h"

#define FDT_MAGIC	0xd00dfeedu
#define TOK_BEGIN_NODE	1u
#define TOK_END_NODE	2u
#define TOK_PROP	3u
#define TOK_NOP		4u
#define TOK_END		9u

/* Header field offsets. */
#define H_MAGIC		0
#define H_TOTALSIZE	4
#define H_OFF_STRUCT	8
#define H_OFF_STRINGS	12
#define H_OFF_RSVMAP	16
#define H_VERSION	20
#define H_LAST_COMP	24
#define H_BOOT_CPUID	28
#define H_SIZE_STRINGS	32
#define H_SIZE_STRUCT	36
#define HEADER_SIZE	40	/* v17; v16 has no size_dt_struct */
#define HEADER_SIZE_V16	36

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void put_be32(uint8_t *p, uint32_t v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

static uint32_t hdr(const struct fdt *fdt, int field)
{
	return be32(fdt->blob + field);
}

static uint32_t align4(uint32_t v)
{
	return (v + 3) & ~3u;
}

/* Offsets are relative to the blob; the struct block is [s, e). */
static uint32_t struct_end(const struct fdt *fdt)
{
	return fdt->off_struct + fdt->size_struct;
}

static bool in_struct(const struct fdt *fdt, int off, uint32_t len)
{
	return off >= 0 && (uint32_t)off >= fdt->off_struct &&
	       (uint32_t)off <= struct_end(fdt) && len <= struct_end(fdt) - (uint32_t)off;
}

static bool tok_at(const struct fdt *fdt, int off, uint32_t *tok)
{
	if (!in_struct(fdt, off, 4) || (off & 3))
		return false;
	*tok = be32(fdt->blob + off);
	return true;
}

/* Length of the NUL-terminated string at off within [off, limit), or -1. */
static int str_len(const struct fdt *fdt, uint32_t off, uint32_t limit)
{
	uint32_t i;

	for (i = off; i < limit; i++)
		if (!fdt->blob[i])
			return (int)(i - off);
	return -1;
}

static const char *prop_name_at(const struct fdt *fdt, uint32_t nameoff)
{
	if (nameoff >= fdt->size_strings ||
	    str_len(fdt, fdt->off_strings + nameoff, fdt->off_strings + fdt->size_strings) < 0)
		return NULL;
	return (const char *)fdt->blob + fdt->off_strings + nameoff;
}

/*
 * The token after the one at off, or -FDT_ERR_BADSTRUCT. For a node the
 * next token follows its name, for a property its value.
 */
static int next_token(const struct fdt *fdt, int off, uint32_t *tok)
{
	uint32_t len;
	int n;

	if (!tok_at(fdt, off, tok))
		return -FDT_ERR_BADSTRUCT;
	switch (*tok) {
	case TOK_BEGIN_NODE:
		n = str_len(fdt, off + 4, struct_end(fdt));
		if (n < 0)
			return -FDT_ERR_BADSTRUCT;
		return off + 4 + align4(n + 1);
	case TOK_PROP:
		if (!in_struct(fdt, off, 12))
			return -FDT_ERR_BADSTRUCT;
		len = be32(fdt->blob + off + 4);
		if (len > struct_end(fdt) - (off + 12))
			return -FDT_ERR_BADSTRUCT;
		return off + 12 + align4(len);
	case TOK_END_NODE:
	case TOK_NOP:
	case TOK_END:
		return off + 4;
	}
	return -FDT_ERR_BADSTRUCT;
}

/*
 * One pass over the whole structure block. Returns the offset just past
 * the END token, or -FDT_ERR_*. Properties must come before a node's
 * subnodes (DT spec 5.4.1): the accessors only look for them there.
 */
static int check_structure(const struct fdt *fdt)
{
	int off = fdt->off_struct, depth = 0, roots = 0;
	uint32_t tok, last = TOK_END;	/* last token other than NOP */

	for (;;) {
		int next = next_token(fdt, off, &tok);

		if (next < 0)
			return next;
		switch (tok) {
		case TOK_BEGIN_NODE:
			if (depth == 0 && roots++)
				return -FDT_ERR_BADSTRUCT;	/* two roots */
			if (++depth > FDT_MAX_DEPTH)
				return -FDT_ERR_DEPTH;
			break;
		case TOK_END_NODE:
			if (depth-- == 0)
				return -FDT_ERR_BADSTRUCT;
			break;
		case TOK_PROP:
			/* Outside any node, or after a subnode. */
			if (last != TOK_BEGIN_NODE && last != TOK_PROP)
				return -FDT_ERR_BADSTRUCT;
			if (!prop_name_at(fdt, be32(fdt->blob + off + 8)))
				return -FDT_ERR_BADSTRUCT;
			break;
		case TOK_END:
			if (depth || !roots)
				return -FDT_ERR_BADSTRUCT;
			return next;
		}
		if (tok != TOK_NOP)
			last = tok;
		off = next;
	}
}

/* Do [a, a + alen) and [b, b + blen) share a byte? */
static bool overlap(uint32_t a, uint32_t alen, uint32_t b, uint32_t blen)
{
	return alen && blen && a < b + blen && b < a + alen;
}

int fdt_init(struct fdt *fdt, const void *blob, size_t bufsize)
{
	uint32_t total, rsv, rsv_end, version, hsize;
	int end;

	fdt->blob = (uint8_t *)blob;
	fdt->bufsize = bufsize;
	fdt->off_struct = fdt->size_struct = 0;
	fdt->off_strings = fdt->size_strings = 0;
	if (!blob || bufsize < HEADER_SIZE)
		return -FDT_ERR_TRUNCATED;
	if (hdr(fdt, H_MAGIC) != FDT_MAGIC)
		return -FDT_ERR_BADMAGIC;
	version = hdr(fdt, H_VERSION);
	if (version < 16 || hdr(fdt, H_LAST_COMP) > 17)
		return -FDT_ERR_BADVERSION;
	hsize = version >= 17 ? HEADER_SIZE : HEADER_SIZE_V16;
	total = hdr(fdt, H_TOTALSIZE);
	if (total > bufsize || total < HEADER_SIZE)
		return -FDT_ERR_TRUNCATED;
	/* Offsets are ints in the interface. */
	if (total > 0x7fffffffu)
		return -FDT_ERR_BADLAYOUT;
	fdt->off_struct = hdr(fdt, H_OFF_STRUCT);
	fdt->off_strings = hdr(fdt, H_OFF_STRINGS);
	fdt->size_strings = hdr(fdt, H_SIZE_STRINGS);
	rsv = hdr(fdt, H_OFF_RSVMAP);
	if (version >= 17) {
		fdt->size_struct = hdr(fdt, H_SIZE_STRUCT);
	} else {
		/* v16 has no size: let the walk below find the END token,
		 * within whatever follows the struct block. */
		fdt->size_struct = fdt->off_struct < fdt->off_strings ?
				   fdt->off_strings - fdt->off_struct :
				   total - (fdt->off_struct < total ? fdt->off_struct : total);
	}
	if (fdt->off_struct > total || fdt->size_struct > total - fdt->off_struct ||
	    fdt->off_strings > total || fdt->size_strings > total - fdt->off_strings ||
	    rsv > total)
		return -FDT_ERR_TRUNCATED;
	if ((fdt->off_struct & 3) || (rsv & 7) || rsv < hsize ||
	    fdt->off_struct < hsize || fdt->off_strings < hsize)
		return -FDT_ERR_BADLAYOUT;
	if (overlap(fdt->off_struct, fdt->size_struct, fdt->off_strings, fdt->size_strings))
		return -FDT_ERR_BADLAYOUT;
	/* Memory reservation block: pairs of u64 ending with a zero pair. */
	for (rsv_end = rsv;; rsv_end += 16) {
		if (rsv_end > total - 16)
			return -FDT_ERR_TRUNCATED;
		if (!be32(fdt->blob + rsv_end) && !be32(fdt->blob + rsv_end + 4) &&
		    !be32(fdt->blob + rsv_end + 8) && !be32(fdt->blob + rsv_end + 12))
			break;
	}
	rsv_end += 16;
	end = check_structure(fdt);
	if (end < 0)
		return end;
	if (version < 17)
		fdt->size_struct = end - fdt->off_struct;
	else if ((uint32_t)end != struct_end(fdt))
		return -FDT_ERR_BADSTRUCT;	/* END before the block's end */
	if (overlap(rsv, rsv_end - rsv, fdt->off_struct, fdt->size_struct) ||
	    overlap(rsv, rsv_end - rsv, fdt->off_strings, fdt->size_strings))
		return -FDT_ERR_BADLAYOUT;
	return 0;
}

const char *fdt_strerror(int err)
{
	static const char *const msg[] = {
		[0] = "success",
		[FDT_ERR_NOTFOUND] = "not found",
		[FDT_ERR_BADMAGIC] = "not a device tree (bad magic)",
		[FDT_ERR_BADVERSION] = "unsupported device tree version",
		[FDT_ERR_TRUNCATED] = "device tree truncated or larger than its buffer",
		[FDT_ERR_BADLAYOUT] = "device tree blocks overlap or are misaligned",
		[FDT_ERR_BADSTRUCT] = "malformed device tree structure",
		[FDT_ERR_BADVALUE] = "malformed property value",
		[FDT_ERR_NOSPACE] = "no room left in the device tree buffer",
		[FDT_ERR_DEPTH] = "device tree nested too deeply",
	};

	if (err < 0)
		err = -err;
	if ((size_t)err >= sizeof(msg) / sizeof(msg[0]) || !msg[err])
		return "unknown error";
	return msg[err];
}

uint32_t fdt_totalsize(const struct fdt *fdt)
{
	return hdr(fdt, H_TOTALSIZE);
}

/* Skip NOPs; the offset of the next meaningful token. */
static int skip_nops(const struct fdt *fdt, int off, uint32_t *tok)
{
	for (;;) {
		int next = next_token(fdt, off, tok);

		if (next < 0)
			return next;
		if (*tok != TOK_NOP)
			return off;
		off = next;
	}
}

static bool is_node(const struct fdt *fdt, int node)
{
	uint32_t tok;

	return tok_at(fdt, node, &tok) && tok == TOK_BEGIN_NODE;
}

int fdt_root(const struct fdt *fdt)
{
	uint32_t tok;
	int off = skip_nops(fdt, fdt->off_struct, &tok);

	return off >= 0 && tok == TOK_BEGIN_NODE ? off : -FDT_ERR_NOTFOUND;
}

int fdt_next_node(const struct fdt *fdt, int node, int *depth)
{
	uint32_t tok;
	int off;

	if (!is_node(fdt, node))
		return -FDT_ERR_BADSTRUCT;
	off = next_token(fdt, node, &tok);
	while (off >= 0) {
		int next = next_token(fdt, off, &tok);

		if (next < 0)
			return next;
		switch (tok) {
		case TOK_BEGIN_NODE:
			if (depth)
				(*depth)++;
			return off;
		case TOK_END_NODE:
			if (depth)
				(*depth)--;
			break;
		case TOK_END:
			return -FDT_ERR_NOTFOUND;
		}
		off = next;
	}
	return off;
}

/* Offset just after node's END_NODE token (node's subtree skipped). */
static int node_end(const struct fdt *fdt, int node)
{
	int depth = 0;
	uint32_t tok;
	int off = node;

	while (off >= 0) {
		int next = next_token(fdt, off, &tok);

		if (next < 0)
			return next;
		if (tok == TOK_BEGIN_NODE)
			depth++;
		else if (tok == TOK_END_NODE && --depth == 0)
			return next;
		else if (tok == TOK_END)
			return -FDT_ERR_BADSTRUCT;
		off = next;
	}
	return off;
}

int fdt_first_child(const struct fdt *fdt, int node)
{
	uint32_t tok;
	int off;

	if (!is_node(fdt, node))
		return -FDT_ERR_BADSTRUCT;
	off = next_token(fdt, node, &tok);
	while (off >= 0) {
		int next = next_token(fdt, off, &tok);

		if (next < 0)
			return next;
		if (tok == TOK_BEGIN_NODE)
			return off;
		if (tok == TOK_END_NODE || tok == TOK_END)
			return -FDT_ERR_NOTFOUND;
		off = next;
	}
	return off;
}

int fdt_next_sibling(const struct fdt *fdt, int node)
{
	uint32_t tok;
	int off = node_end(fdt, node);

	if (off < 0)
		return off;
	off = skip_nops(fdt, off, &tok);
	if (off < 0)
		return off;
	return tok == TOK_BEGIN_NODE ? off : -FDT_ERR_NOTFOUND;
}

int fdt_parent(const struct fdt *fdt, int node)
{
	int stack[FDT_MAX_DEPTH + 1];
	int off = fdt_root(fdt), depth = 0;

	if (off < 0 || !is_node(fdt, node))
		return -FDT_ERR_NOTFOUND;
	stack[0] = off;
	while (off >= 0 && off != node) {
		off = fdt_next_node(fdt, off, &depth);
		if (off < 0 || depth < 0 || depth > FDT_MAX_DEPTH)
			return -FDT_ERR_NOTFOUND;
		stack[depth] = off;
	}
	return depth > 0 ? stack[depth - 1] : -FDT_ERR_NOTFOUND;
}

const char *fdt_node_name(const struct fdt *fdt, int node)
{
	/* Checked again: node may be a made-up offset. */
	if (!is_node(fdt, node) || str_len(fdt, node + 4, struct_end(fdt)) < 0)
		return "";
	return (const char *)fdt->blob + node + 4;
}

/*
 * Child of parent named by want[0..wlen). A full name ("cpu@0") must
 * match exactly. A name without unit address ("memory") prefers a child
 * called exactly that, else the first child "memory@..." in document
 * order, even if there are several.
 */
static int subnode_n(const struct fdt *fdt, int parent, const char *want, size_t wlen)
{
	bool has_unit = memchr(want, '@', wlen) != NULL;
	int node, first = -FDT_ERR_NOTFOUND;

	for (node = fdt_first_child(fdt, parent); node >= 0;
	     node = fdt_next_sibling(fdt, node)) {
		const char *name = fdt_node_name(fdt, node);

		/* want has no NUL in its first wlen bytes, so name[wlen]
		 * is within name when strncmp() matches. */
		if (strncmp(name, want, wlen))
			continue;
		if (!name[wlen])
			return node;
		if (name[wlen] == '@' && !has_unit && first < 0)
			first = node;
	}
	return node == -FDT_ERR_NOTFOUND ? first : node;
}

int fdt_subnode(const struct fdt *fdt, int parent, const char *name)
{
	return subnode_n(fdt, parent, name, strlen(name));
}

int fdt_path_offset(const struct fdt *fdt, const char *path)
{
	int node = fdt_root(fdt);

	if (node < 0 || !path || path[0] != '/')
		return -FDT_ERR_NOTFOUND;
	for (;;) {
		const char *end;

		while (*path == '/')
			path++;
		if (!*path)
			return node;
		end = strchr(path, '/');
		if (!end)
			end = path + strlen(path);
		node = subnode_n(fdt, node, path, end - path);
		if (node < 0)
			return node;
		path = end;
	}
}

int fdt_first_prop(const struct fdt *fdt, int node)
{
	uint32_t tok;
	int off;

	if (!is_node(fdt, node))
		return -FDT_ERR_BADSTRUCT;
	off = next_token(fdt, node, &tok);
	if (off < 0)
		return off;
	off = skip_nops(fdt, off, &tok);
	if (off < 0)
		return off;
	return tok == TOK_PROP ? off : -FDT_ERR_NOTFOUND;
}

int fdt_next_prop(const struct fdt *fdt, int prop)
{
	uint32_t tok;
	int off;

	if (!tok_at(fdt, prop, &tok) || tok != TOK_PROP)
		return -FDT_ERR_BADSTRUCT;
	off = next_token(fdt, prop, &tok);
	if (off < 0)
		return off;
	off = skip_nops(fdt, off, &tok);
	if (off < 0)
		return off;
	return tok == TOK_PROP ? off : -FDT_ERR_NOTFOUND;
}

const void *fdt_prop_value(const struct fdt *fdt, int prop, const char **name, int *len)
{
	uint32_t tok, plen;
	const char *n;

	if (!tok_at(fdt, prop, &tok) || tok != TOK_PROP || !in_struct(fdt, prop, 12))
		goto bad;
	plen = be32(fdt->blob + prop + 4);
	n = prop_name_at(fdt, be32(fdt->blob + prop + 8));
	if (!n || !in_struct(fdt, prop + 12, plen))
		goto bad;
	if (name)
		*name = n;
	if (len)
		*len = (int)plen;
	return fdt->blob + prop + 12;
bad:
	if (len)
		*len = -FDT_ERR_BADSTRUCT;
	return NULL;
}

static int find_prop(const struct fdt *fdt, int node, const char *name)
{
	int prop;

	for (prop = fdt_first_prop(fdt, node); prop >= 0; prop = fdt_next_prop(fdt, prop)) {
		const char *n;

		if (fdt_prop_value(fdt, prop, &n, NULL) && !strcmp(n, name))
			return prop;
	}
	return prop;
}

const void *fdt_getprop(const struct fdt *fdt, int node, const char *name, int *len)
{
	int prop = find_prop(fdt, node, name);

	if (prop < 0) {
		if (len)
			*len = prop;
		return NULL;
	}
	return fdt_prop_value(fdt, prop, NULL, len);
}

bool fdt_has_prop(const struct fdt *fdt, int node, const char *name)
{
	return find_prop(fdt, node, name) >= 0;
}

uint64_t fdt_cells_to_u64(const void *cells, int ncells)
{
	const uint8_t *p = cells;

	if (ncells == 1)
		return be32(p);
	if (ncells == 2)
		return (uint64_t)be32(p) << 32 | be32(p + 4);
	return 0;
}

int fdt_read_u32(const struct fdt *fdt, int node, const char *name, uint32_t *out)
{
	int len;
	const void *p = fdt_getprop(fdt, node, name, &len);

	if (!p)
		return len;
	if (len != 4)
		return -FDT_ERR_BADVALUE;
	*out = be32(p);
	return 0;
}

int fdt_read_u64(const struct fdt *fdt, int node, const char *name, uint64_t *out)
{
	int len;
	const void *p = fdt_getprop(fdt, node, name, &len);

	if (!p)
		return len;
	if (len != 4 && len != 8)
		return -FDT_ERR_BADVALUE;
	*out = fdt_cells_to_u64(p, len / 4);
	return 0;
}

int fdt_read_string(const struct fdt *fdt, int node, const char *name, const char **out)
{
	int len;
	const char *p = fdt_getprop(fdt, node, name, &len);

	if (!p)
		return len;
	if (len < 1 || !memchr(p, 0, len))
		return -FDT_ERR_BADVALUE;
	*out = p;
	return 0;
}

bool fdt_stringlist_contains(const struct fdt *fdt, int node, const char *name, const char *str)
{
	int len;
	const char *p = fdt_getprop(fdt, node, name, &len);
	size_t want = strlen(str);

	while (p && len > 0) {
		const char *nul = memchr(p, 0, len);
		size_t n;

		if (!nul)
			return false;
		n = nul - p;
		if (n == want && !memcmp(p, str, n))
			return true;
		len -= n + 1;
		p = nul + 1;
	}
	return false;
}

bool fdt_is_compatible(const struct fdt *fdt, int node, const char *compat)
{
	return fdt_stringlist_contains(fdt, node, "compatible", compat);
}

int fdt_next_compatible(const struct fdt *fdt, int start, const char *compat)
{
	int node = start < 0 ? fdt_root(fdt) : fdt_next_node(fdt, start, NULL);

	for (; node >= 0; node = fdt_next_node(fdt, node, NULL))
		if (fdt_is_compatible(fdt, node, compat))
			return node;
	return node;
}

int fdt_node_by_phandle(const struct fdt *fdt, uint32_t phandle)
{
	int node;

	if (!phandle || phandle == ~0u)
		return -FDT_ERR_NOTFOUND;
	for (node = fdt_root(fdt); node >= 0; node = fdt_next_node(fdt, node, NULL)) {
		uint32_t v;

		if ((!fdt_read_u32(fdt, node, "phandle", &v) ||
		     !fdt_read_u32(fdt, node, "linux,phandle", &v)) && v == phandle)
			return node;
	}
	return node;
}

static int cells(const struct fdt *fdt, int node, const char *name, uint32_t dflt)
{
	uint32_t v = dflt;
	int ret = fdt_read_u32(fdt, node, name, &v);

	if (ret && ret != -FDT_ERR_NOTFOUND)
		return ret;
	return v > 2 ? -FDT_ERR_BADVALUE : (int)v;
}

int fdt_address_cells(const struct fdt *fdt, int node)
{
	return cells(fdt, node, "#address-cells", 2);
}

int fdt_size_cells(const struct fdt *fdt, int node)
{
	return cells(fdt, node, "#size-cells", 1);
}

static int reg_layout(const struct fdt *fdt, int node, int *ac, int *sc, const uint8_t **p,
		      int *len)
{
	int parent = fdt_parent(fdt, node);

	if (parent < 0)
		return -FDT_ERR_NOTFOUND;
	*ac = fdt_address_cells(fdt, parent);
	*sc = fdt_size_cells(fdt, parent);
	if (*ac < 0 || *sc < 0)
		return -FDT_ERR_BADVALUE;
	*p = fdt_getprop(fdt, node, "reg", len);
	if (!*p)
		return *len;
	if (*ac + *sc == 0 || *len % (4 * (*ac + *sc)))
		return -FDT_ERR_BADVALUE;
	return 0;
}

int fdt_reg_count(const struct fdt *fdt, int node)
{
	const uint8_t *p;
	int ac, sc, len, ret = reg_layout(fdt, node, &ac, &sc, &p, &len);

	return ret ? ret : len / (4 * (ac + sc));
}

int fdt_reg(const struct fdt *fdt, int node, int index, uint64_t *addr, uint64_t *size)
{
	const uint8_t *p;
	int ac, sc, len, ret = reg_layout(fdt, node, &ac, &sc, &p, &len);

	if (ret)
		return ret;
	if (index < 0 || index >= len / (4 * (ac + sc)))
		return -FDT_ERR_NOTFOUND;
	p += index * 4 * (ac + sc);
	*addr = fdt_cells_to_u64(p, ac);
	*size = fdt_cells_to_u64(p + 4 * ac, sc);
	return 0;
}

/* Editing. */

static void set_hdr(struct fdt *fdt, int field, uint32_t v)
{
	put_be32(fdt->blob + field, v);
}

/* Offset of name in the strings block, or -1. */
static int find_string(const struct fdt *fdt, const char *name)
{
	size_t n = strlen(name) + 1;
	uint32_t i;

	for (i = 0; i + n <= fdt->size_strings; i++)
		if (!memcmp(fdt->blob + fdt->off_strings + i, name, n))
			return (int)i;
	return -1;
}

/* Is node a node of the tree, not just a BEGIN_NODE-like word inside a
 * property value? The editor must not be fooled into corrupting it. */
static bool is_tree_node(const struct fdt *fdt, int node)
{
	int off;

	for (off = fdt_root(fdt); off >= 0 && off < node; off = fdt_next_node(fdt, off, NULL))
		;
	return off == node;
}

/*
 * Make room for property name with a len-byte value in node (replacing
 * any old one) and return where the value goes, or NULL with *err set.
 * The tree is untouched on failure. Layout as dtc writes it: rsvmap,
 * struct, strings, then possibly free space up to totalsize.
 */
static uint8_t *setprop_space(struct fdt *fdt, int node, const char *name, int len, int *err)
{
	uint32_t total = fdt_totalsize(fdt), old_space = 0, new_space, at, data_end, new_end;
	uint32_t add_str, tok;
	int prop, nameoff, next;
	int64_t delta;

	*err = -FDT_ERR_BADVALUE;
	if (!is_tree_node(fdt, node) || len < 0 || (uint32_t)len > 0x7fffffffu - 16)
		return NULL;
	*err = -FDT_ERR_BADLAYOUT;
	data_end = fdt->off_strings + fdt->size_strings;
	if (hdr(fdt, H_OFF_RSVMAP) >= fdt->off_struct || struct_end(fdt) > fdt->off_strings ||
	    data_end > total || total > fdt->bufsize)
		return NULL;
	prop = find_prop(fdt, node, name);
	if (prop < 0 && prop != -FDT_ERR_NOTFOUND) {
		*err = prop;
		return NULL;
	}
	nameoff = find_string(fdt, name);
	add_str = nameoff < 0 ? strlen(name) + 1 : 0;
	new_space = 12 + align4(len);
	if (prop >= 0) {
		at = prop;
		old_space = 12 + align4(be32(fdt->blob + prop + 4));
	} else {
		/* New properties go right after the node's name: before
		 * its subnodes, as the spec wants. */
		next = next_token(fdt, node, &tok);
		if (next < 0) {
			*err = next;
			return NULL;
		}
		at = next;
	}
	delta = (int64_t)new_space - old_space;
	if ((int64_t)data_end + delta + add_str > (int64_t)fdt->bufsize ||
	    (int64_t)data_end + delta + add_str > 0x7fffffff) {
		*err = -FDT_ERR_NOSPACE;
		return NULL;
	}
	new_end = data_end + delta + add_str;

	/* Shift the rest of the struct block and the strings block. */
	memmove(fdt->blob + at + new_space, fdt->blob + at + old_space,
		data_end - (at + old_space));
	fdt->size_struct += delta;
	fdt->off_strings += delta;
	if (add_str) {
		nameoff = fdt->size_strings;
		memcpy(fdt->blob + fdt->off_strings + fdt->size_strings, name, add_str);
		fdt->size_strings += add_str;
	}
	put_be32(fdt->blob + at, TOK_PROP);
	put_be32(fdt->blob + at + 4, (uint32_t)len);
	put_be32(fdt->blob + at + 8, (uint32_t)nameoff);
	/* Zero the value and its padding. */
	memset(fdt->blob + at + 12, 0, align4(len));

	/* A packed tree stays packed; a padded one keeps its size. */
	if (total == data_end || new_end > total)
		total = new_end;
	if (hdr(fdt, H_VERSION) >= 17)
		set_hdr(fdt, H_SIZE_STRUCT, fdt->size_struct);
	set_hdr(fdt, H_OFF_STRINGS, fdt->off_strings);
	set_hdr(fdt, H_SIZE_STRINGS, fdt->size_strings);
	set_hdr(fdt, H_TOTALSIZE, total);
	*err = 0;
	return fdt->blob + at + 12;
}

/* val must not point into the tree itself: the edit moves it. */
int fdt_setprop(struct fdt *fdt, int node, const char *name, const void *val, int len)
{
	uint8_t *p;
	int err;

	if (len > 0 && !val)
		return -FDT_ERR_BADVALUE;
	p = setprop_space(fdt, node, name, len, &err);
	if (p && len > 0)
		memcpy(p, val, len);
	return err;
}

int fdt_setprop_u32(struct fdt *fdt, int node, const char *name, uint32_t v)
{
	uint8_t b[4];

	put_be32(b, v);
	return fdt_setprop(fdt, node, name, b, 4);
}

int fdt_setprop_cells(struct fdt *fdt, int node, const char *name, const uint64_t *v,
		      int count, int ncells)
{
	uint8_t *p;
	int i, err;

	if (ncells < 1 || ncells > 2 || count < 0 || count > 0x7fffffff / 8)
		return -FDT_ERR_BADVALUE;
	/* Check every value first: on error the tree must be unchanged. */
	for (i = 0; i < count; i++)
		if (ncells == 1 && v[i] >> 32)
			return -FDT_ERR_BADVALUE;
	p = setprop_space(fdt, node, name, 4 * ncells * count, &err);
	for (i = 0; p && i < count; i++, p += 4 * ncells) {
		if (ncells == 2)
			put_be32(p, v[i] >> 32);
		put_be32(p + 4 * (ncells - 1), (uint32_t)v[i]);
	}
	return err;
}

int fdt_setprop_string(struct fdt *fdt, int node, const char *name, const char *s)
{
	return fdt_setprop(fdt, node, name, s, strlen(s) + 1);
}

/*
 * Add an empty child called name at the end of parent's children.
 * Returns its offset, or -FDT_ERR_*; the tree is untouched on failure.
 */
int fdt_add_subnode(struct fdt *fdt, int parent, const char *name)
{
	uint32_t total = fdt_totalsize(fdt), n = strlen(name) + 1, space = 8 + align4(n);
	uint32_t data_end = fdt->off_strings + fdt->size_strings;
	int end, at;

	if (!is_tree_node(fdt, parent) || n < 2 || n > 256 || memchr(name, '/', n))
		return -FDT_ERR_BADVALUE;
	if (fdt_subnode(fdt, parent, name) >= 0)
		return -FDT_ERR_BADVALUE;	/* a second node of that name */
	if (hdr(fdt, H_OFF_RSVMAP) >= fdt->off_struct || struct_end(fdt) > fdt->off_strings ||
	    data_end > total || total > fdt->bufsize)
		return -FDT_ERR_BADLAYOUT;
	end = node_end(fdt, parent);
	if (end < 0)
		return end;
	if ((uint64_t)data_end + space > fdt->bufsize)
		return -FDT_ERR_NOSPACE;
	at = end - 4;	/* the parent's END_NODE */
	memmove(fdt->blob + at + space, fdt->blob + at, data_end - at);
	put_be32(fdt->blob + at, TOK_BEGIN_NODE);
	memset(fdt->blob + at + 4, 0, align4(n));
	memcpy(fdt->blob + at + 4, name, n);
	put_be32(fdt->blob + at + 4 + align4(n), TOK_END_NODE);
	fdt->size_struct += space;
	fdt->off_strings += space;
	if (total == data_end || data_end + space > total)
		total = data_end + space;
	if (hdr(fdt, H_VERSION) >= 17)
		set_hdr(fdt, H_SIZE_STRUCT, fdt->size_struct);
	set_hdr(fdt, H_OFF_STRINGS, fdt->off_strings);
	set_hdr(fdt, H_TOTALSIZE, total);
	return at;
}

int fdt_memreserve(const struct fdt *fdt, int index, uint64_t *addr, uint64_t *size)
{
	uint32_t off = hdr(fdt, H_OFF_RSVMAP);
	int i;

	/* fdt_init() found the terminating all-zero entry inside the tree. */
	for (i = 0;; i++, off += 16) {
		const uint8_t *e = fdt->blob + off;
		uint64_t a = (uint64_t)be32(e) << 32 | be32(e + 4);
		uint64_t s = (uint64_t)be32(e + 8) << 32 | be32(e + 12);

		if (!a && !s)
			break;
		if (i == index) {
			*addr = a;
			*size = s;
			return 0;
		}
	}
	return -FDT_ERR_NOTFOUND;
}
