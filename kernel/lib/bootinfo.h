/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The record the loader hands to the hypervisor (x0 at entry on arm64,
 * %rdi on x86_64).
 * Plain data, fixed layout: the loader and the hypervisor are built
 * separately, so change BOOTINFO_VERSION whenever the layout changes.
 */
#ifndef TESSERA_LIB_BOOTINFO_H
#define TESSERA_LIB_BOOTINFO_H

#include <stdint.h>

#define BOOTINFO_MAGIC		0x4f464e4941525354ull	/* "TSRAINFO" */
#define BOOTINFO_VERSION	3
#define BOOTINFO_MAX_MEM	256
#define BOOTINFO_MAX_MODULES	64
#define BOOTINFO_OPTIONS_LEN	256
#define BOOTINFO_NAME_LEN	64

enum bootmem_type {
	BOOTMEM_USABLE = 1,	/* free RAM once boot services have gone */
	BOOTMEM_LOADED = 2,	/* RAM holding what the loader loaded */
	BOOTMEM_RESERVED = 3,	/* RAM the firmware keeps (runtime, ACPI) */
	BOOTMEM_MMIO = 4,	/* device space listed by the firmware */
};

struct bootinfo_mem {
	uint64_t base;
	uint64_t size;
	uint32_t type;		/* enum bootmem_type */
	uint32_t efi_type;	/* the firmware's own type, for the log */
};

/* A file the loader read from the ESP (a module, the device tree). */
struct bootinfo_module {
	uint64_t base;
	uint64_t size;
	char name[BOOTINFO_NAME_LEN];	/* file name as in the config/tree */
};

struct bootinfo {
	uint64_t magic;
	uint32_t version;
	uint32_t size;			/* sizeof(struct bootinfo) */
	uint64_t dtb_base;		/* boot device tree, reg filled in */
	uint64_t dtb_size;		/* buffer size (>= fdt totalsize) */
	uint64_t image_base;		/* where the hypervisor was loaded */
	uint64_t image_size;		/* including bss */
	uint64_t loader_counter;	/* when the loader started: CNTPCT_EL0, TSC */
	uint64_t acpi_rsdp;		/* the firmware's ACPI RSDP (2.0+ if any), or 0 */
	uint32_t nr_mem;
	uint32_t nr_modules;
	char options[BOOTINFO_OPTIONS_LEN];	/* options= from the config */
	struct bootinfo_mem mem[BOOTINFO_MAX_MEM];	/* sorted by base */
	struct bootinfo_module modules[BOOTINFO_MAX_MODULES];
};

#endif
