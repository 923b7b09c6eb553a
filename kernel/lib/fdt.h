/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Flattened device tree (DTB, v17) reader and in-place property editor.
 *
 * One implementation for the hypervisor, the loader, the test guests,
 * the planner and the host tests. Every read is bounds-checked against
 * the buffer: fdt_init() walks the whole structure block once and
 * refuses a malformed tree, and the accessors check again, so a hostile
 * or corrupt tree yields an error, never an out-of-bounds access.
 *
 * A node is named by its offset in the blob (the FDT_BEGIN_NODE token),
 * as in libfdt. Offsets stay valid until the next fdt_setprop().
 */
#ifndef TESSERA_LIB_FDT_H
#define TESSERA_LIB_FDT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum fdt_error {
	FDT_ERR_NOTFOUND = 1,	/* no such node or property */
	FDT_ERR_BADMAGIC,	/* not a device tree */
	FDT_ERR_BADVERSION,	/* older than v16 / newer than we read */
	FDT_ERR_TRUNCATED,	/* totalsize or a block beyond the buffer */
	FDT_ERR_BADLAYOUT,	/* blocks overlap or are misaligned */
	FDT_ERR_BADSTRUCT,	/* bad token, nesting, name or length */
	FDT_ERR_BADVALUE,	/* property has the wrong size or form */
	FDT_ERR_NOSPACE,	/* fdt_setprop(): buffer too small */
	FDT_ERR_DEPTH,		/* nesting deeper than FDT_MAX_DEPTH */
};

#define FDT_MAX_DEPTH	32

struct fdt {
	uint8_t *blob;		/* start of the tree */
	size_t bufsize;		/* bytes usable from blob (>= totalsize) */
	/* Cached from the validated header. */
	uint32_t off_struct, size_struct;
	uint32_t off_strings, size_strings;
};

/*
 * Validate the tree at blob (header, memory reservation block, the whole
 * structure block, string offsets) and fill in *fdt. bufsize is how many
 * bytes are readable (and, for fdt_setprop(), writable) from blob.
 * Returns 0 or -FDT_ERR_*.
 */
int fdt_init(struct fdt *fdt, const void *blob, size_t bufsize);
const char *fdt_strerror(int err);	/* err as returned, negative */
uint32_t fdt_totalsize(const struct fdt *fdt);

/* Node walking. All return a node offset, or -FDT_ERR_NOTFOUND at the end. */
int fdt_root(const struct fdt *fdt);
/* Next node in document order; *depth (if given) is updated. */
int fdt_next_node(const struct fdt *fdt, int node, int *depth);
int fdt_first_child(const struct fdt *fdt, int node);
int fdt_next_sibling(const struct fdt *fdt, int node);
int fdt_parent(const struct fdt *fdt, int node);
/* "/chosen/domU1"; unit addresses must match exactly if given. */
int fdt_path_offset(const struct fdt *fdt, const char *path);
/* Child by full name ("cpu@0") or by name without unit ("chosen"). */
int fdt_subnode(const struct fdt *fdt, int parent, const char *name);
/* Next node after start (start < 0: from the root) with this compatible. */
int fdt_next_compatible(const struct fdt *fdt, int start, const char *compat);
int fdt_node_by_phandle(const struct fdt *fdt, uint32_t phandle);

/* Full name including unit address ("" for the root); NUL-terminated. */
const char *fdt_node_name(const struct fdt *fdt, int node);

/* Properties. fdt_getprop() returns NULL if absent (*len = -err). */
const void *fdt_getprop(const struct fdt *fdt, int node, const char *name,
			int *len);
bool fdt_has_prop(const struct fdt *fdt, int node, const char *name);
/* Property iteration: returns a property offset or -FDT_ERR_NOTFOUND. */
int fdt_first_prop(const struct fdt *fdt, int node);
int fdt_next_prop(const struct fdt *fdt, int prop);
const void *fdt_prop_value(const struct fdt *fdt, int prop,
			   const char **name, int *len);

/* Typed reads: 0 or -FDT_ERR_NOTFOUND / -FDT_ERR_BADVALUE. */
int fdt_read_u32(const struct fdt *fdt, int node, const char *name,
		 uint32_t *out);
/* A property of exactly 1 or 2 cells (u32 or u64). */
int fdt_read_u64(const struct fdt *fdt, int node, const char *name,
		 uint64_t *out);
/* A NUL-terminated string property (the first string of a list). */
int fdt_read_string(const struct fdt *fdt, int node, const char *name,
		    const char **out);
/* Is str one of the strings in the stringlist property? */
bool fdt_stringlist_contains(const struct fdt *fdt, int node,
			     const char *name, const char *str);
bool fdt_is_compatible(const struct fdt *fdt, int node, const char *compat);

/* Big-endian cells: ncells is 1 or 2 (0 gives 0). */
uint64_t fdt_cells_to_u64(const void *cells, int ncells);

/* #address-cells / #size-cells that apply to node's children
 * (defaults 2 and 1 when absent; -FDT_ERR_BADVALUE if > 2). */
int fdt_address_cells(const struct fdt *fdt, int node);
int fdt_size_cells(const struct fdt *fdt, int node);
/* Number of (address, size) entries in node's "reg", and one entry,
 * decoded with the parent's cell counts. */
int fdt_reg_count(const struct fdt *fdt, int node);
int fdt_reg(const struct fdt *fdt, int node, int index, uint64_t *addr,
	    uint64_t *size);

/* Entry index of the header's memory reservation block (dts /memreserve/):
 * 0, or -FDT_ERR_NOTFOUND past the last one. */
int fdt_memreserve(const struct fdt *fdt, int index, uint64_t *addr, uint64_t *size);

/*
 * Editing, in place, within fdt->bufsize. Adds or replaces one property,
 * moving the rest of the structure and strings blocks as needed and
 * updating the header. Node offsets after the edit point change.
 */
int fdt_setprop(struct fdt *fdt, int node, const char *name,
		const void *val, int len);
int fdt_setprop_u32(struct fdt *fdt, int node, const char *name, uint32_t v);
/* Store v as ncells (1 or 2) big-endian cells. */
int fdt_setprop_cells(struct fdt *fdt, int node, const char *name,
		      const uint64_t *v, int count, int ncells);
int fdt_setprop_string(struct fdt *fdt, int node, const char *name,
		       const char *s);
/* An empty child node at the end of parent's children: its offset, or
 * -FDT_ERR_* (a name with '/' or one parent already has: BADVALUE). */
int fdt_add_subnode(struct fdt *fdt, int parent, const char *name);

#endif
