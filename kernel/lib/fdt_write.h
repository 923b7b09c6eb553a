/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Flattened device tree (DTB v17) sequential writer: nodes and
 * properties in document order into a caller's buffer, as dtc lays a
 * tree out (header, empty memory reservation block, structure block,
 * strings block). Errors are sticky: the first one is kept, later calls
 * do nothing, and fdtw_finish() reports it. Shared by the loader and
 * the planner (and tested on the host); the x86 hypervisor writes one, its
 * host PCI bridge from ACPI (kernel/arch/x86_64/pci_root.c).
 */
#ifndef TESSERA_LIB_FDT_WRITE_H
#define TESSERA_LIB_FDT_WRITE_H

#include <stddef.h>
#include <stdint.h>

#define FDTW_MAX_STRINGS	1024	/* property names, with their NULs */

struct fdtw {
	uint8_t *buf;
	size_t size;
	uint32_t pos;			/* end of the structure block so far */
	int depth;
	int err;			/* 0 or the first -FDT_ERR_* */
	uint32_t strings_len;
	char strings[FDTW_MAX_STRINGS];
};

void fdtw_init(struct fdtw *w, void *buf, size_t size);
void fdtw_begin_node(struct fdtw *w, const char *name);	/* "" for the root */
void fdtw_end_node(struct fdtw *w);
void fdtw_prop(struct fdtw *w, const char *name, const void *val, uint32_t len);
void fdtw_prop_empty(struct fdtw *w, const char *name);
void fdtw_prop_u32(struct fdtw *w, const char *name, uint32_t v);
/* count 32-bit cells, big-endian. */
void fdtw_prop_cells(struct fdtw *w, const char *name, const uint32_t *cells, unsigned int count);
void fdtw_prop_string(struct fdtw *w, const char *name, const char *s);
/* A string list: len bytes of NUL-terminated strings ("a\0b"). */
void fdtw_prop_strings(struct fdtw *w, const char *name, const char *list, uint32_t len);
/* Closes the tree: its total size, or -FDT_ERR_NOSPACE / -FDT_ERR_BADSTRUCT. */
int fdtw_finish(struct fdtw *w);

#endif
