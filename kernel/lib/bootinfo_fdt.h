/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The boot record (lib/bootinfo.h) built from a flattened device tree
 * alone, for the hypervisor entered by the arm64 Linux boot protocol
 * (U-Boot's booti, QEMU's -kernel: x0 = the tree, no loader). What the
 * loader learns from UEFI is read from the tree instead:
 *
 *   memory   the /memory nodes' reg, less the /memreserve/ entries and
 *            /reserved-memory children (lib/resmem.h: kept as RESERVED),
 *            less the tree, the hypervisor's image and every module
 *            (kept as LOADED); the rest is USABLE. Whole pages: a page
 *            that holds any byte kept is kept.
 *   modules  every child of a /chosen xen,domain node that is a module
 *            (multiboot,kernel, multiboot,ramdisk, multiboot,device-tree,
 *            multiboot,module, the guest tree): its reg is where it
 *            already lies, and it is recorded as a loaded file, so that
 *            dom0less reads it as it reads the loader's.
 *   options  /chosen's xen,xen-bootargs, else its bootargs.
 *
 * Plain code on the shared reader (lib/fdt.h), for the hypervisor and
 * the host tests. Not reentrant: one boot record per boot.
 */
#ifndef TESSERA_LIB_BOOTINFO_FDT_H
#define TESSERA_LIB_BOOTINFO_FDT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/bootinfo.h"
#include "lib/fdt.h"

#define BOOTINFO_FDT_MAGIC	0xd00dfeedu	/* big-endian, first word */
/* Linux's booting.rst: the tree is 8-byte aligned and at most 2 MiB. */
#define BOOTINFO_FDT_MAX_SIZE	(2u << 20)
#define BOOTINFO_FDT_ALIGN	8

/* What the entry knows besides the tree. */
struct bootinfo_fdt_in {
	uint64_t dtb_pa;	/* the tree's physical address */
	uint64_t image_base;	/* the hypervisor, where it runs */
	uint64_t image_size;	/* bss included */
};

/* Does p start with a device tree's magic? (Reads 4 bytes.) */
bool bootinfo_fdt_is_tree(const void *p);

/*
 * Open the tree at blob, whose header says how long it is; at most
 * avail bytes from blob may be read. 0, or -FDT_ERR_* (TRUNCATED also
 * for a tree over BOOTINFO_FDT_MAX_SIZE, BADLAYOUT for a misaligned one).
 */
int bootinfo_fdt_open(struct fdt *fdt, const void *blob, size_t avail);

/*
 * Fill *bi from the opened tree. NULL, or why not (in why[], which names
 * the node or range): no memory, a reg that is not whole cells, memory
 * nodes that overlap, more ranges or modules than the record holds, a
 * module outside memory or on reserved memory, the image or a module
 * on the tree, the image outside memory, options too long.
 */
const char *bootinfo_from_fdt(struct bootinfo *bi, const struct fdt *fdt,
			      const struct bootinfo_fdt_in *in, char *why, size_t len);

#endif
