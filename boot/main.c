// SPDX-License-Identifier: GPL-2.0-only
/*
 * BOOTAA64.EFI: loads the hypervisor, the boot device tree and the guest
 * images from the EFI system partition and enters the hypervisor at EL2
 * with a struct bootinfo (docs/boot.md). Every failure prints one
 * "tessera-boot: error:" line and returns to the firmware.
 */
#include <efi.h>
#include <efilib.h>
#include <stdarg.h>

#include "config.h"
#include "lib/bootinfo.h"
#include "lib/fdt.h"
#include "lib/image.h"
#include "lib/printf.h"
#include "lib/string.h"

#define CONFIG_NAME	"tessera.cfg"
#define DTB_SLACK	(64 * 1024)	/* room for the reg properties we add */
#define SZ_2M		(2ull << 20)
#define MAX_ALLOCS	(BOOTINFO_MAX_MODULES + 8)

static EFI_HANDLE self;
static EFI_FILE_HANDLE root;
static CHAR16 dir[256];		/* our directory, e.g. \EFI\BOOT\ */

/* Page allocations, released if we give up. */
static struct { EFI_PHYSICAL_ADDRESS addr; UINTN pages; } allocs[MAX_ALLOCS];
static unsigned int nr_allocs;

static void say(const char *fmt, ...)
{
	char line[256];
	va_list ap;

	va_start(ap, fmt);
	fmt_vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	Print(L"tessera-boot: %a\n", line);
}

static EFI_STATUS fail(EFI_STATUS st, const char *fmt, ...)
{
	char line[256];
	unsigned int i;
	va_list ap;

	va_start(ap, fmt);
	fmt_vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (EFI_ERROR(st) && st != EFI_LOAD_ERROR)
		Print(L"tessera-boot: error: %a: %r\n", line, st);
	else
		Print(L"tessera-boot: error: %a\n", line);
	for (i = 0; i < nr_allocs; i++)
		uefi_call_wrapper(BS->FreePages, 2, allocs[i].addr, allocs[i].pages);
	nr_allocs = 0;
	return EFI_ERROR(st) ? st : EFI_LOAD_ERROR;
}

/* size bytes of EfiLoaderData at an align-aligned address, or 0. */
static uint64_t alloc_pages(uint64_t size, uint64_t align)
{
	UINTN pages = EFI_SIZE_TO_PAGES(size + align - EFI_PAGE_SIZE);
	EFI_PHYSICAL_ADDRESS a;

	if (nr_allocs == MAX_ALLOCS ||
	    EFI_ERROR(uefi_call_wrapper(BS->AllocatePages, 4, AllocateAnyPages, EfiLoaderData,
					pages, &a)))
		return 0;
	allocs[nr_allocs].addr = a;
	allocs[nr_allocs++].pages = pages;
	return (a + align - 1) & ~(align - 1);
}

static unsigned int current_el(void)
{
	uint64_t el;

	asm volatile("mrs %0, CurrentEL" : "=r"(el));
	return (el >> 2) & 3;
}

/* Our own directory, from the file path we were loaded from. */
static void find_dir(EFI_LOADED_IMAGE *li)
{
	CHAR16 *path = DevicePathToStr(li->FilePath);
	UINTN i, cut = 0;

	for (i = 0; path && path[i] && i < 255; i++) {
		dir[i] = path[i] == L'/' ? L'\\' : path[i];
		if (dir[i] == L'\\')
			cut = i + 1;
	}
	dir[cut] = 0;
	if (path)
		FreePool(path);
}

/* Read dir\name into fresh pages (align-aligned, extra bytes zeroed). */
static EFI_STATUS read_file(const char *name, uint64_t extra, uint64_t align,
			    uint64_t *addr, uint64_t *size)
{
	CHAR16 path[512];
	char apath[512];
	EFI_FILE_HANDLE fh;
	EFI_FILE_INFO *info;
	EFI_STATUS st;
	UINTN n, i, j;

	for (i = 0; dir[i] && i < 255; i++) {
		path[i] = dir[i];
		apath[i] = dir[i] < 0x80 ? (char)dir[i] : '?';
	}
	for (j = 0; name[j] && i < 511; j++, i++) {
		apath[i] = name[j] == '/' ? '\\' : name[j];
		path[i] = (CHAR16)(unsigned char)apath[i];
	}
	path[i] = 0;
	apath[i] = 0;
	st = uefi_call_wrapper(root->Open, 5, root, &fh, path, EFI_FILE_MODE_READ, 0);
	if (EFI_ERROR(st))
		return fail(st, "cannot open %s", apath);
	info = LibFileInfo(fh);
	if (!info) {
		uefi_call_wrapper(fh->Close, 1, fh);
		return fail(EFI_LOAD_ERROR, "cannot read the size of %s", apath);
	}
	n = info->FileSize;
	FreePool(info);
	*addr = alloc_pages(n + extra ? n + extra : 1, align);
	if (!*addr) {
		uefi_call_wrapper(fh->Close, 1, fh);
		return fail(EFI_OUT_OF_RESOURCES, "no memory for %s (%llu bytes)", apath,
			    (unsigned long long)n);
	}
	st = uefi_call_wrapper(fh->Read, 3, fh, &n, (void *)*addr);
	uefi_call_wrapper(fh->Close, 1, fh);
	if (EFI_ERROR(st))
		return fail(st, "cannot read %s", apath);
	memset((uint8_t *)*addr + n, 0, extra);
	*size = n;
	return EFI_SUCCESS;
}

static EFI_STATUS load_config(struct cfg *cfg, const struct cfg_section **sec)
{
	uint64_t addr, size;
	EFI_STATUS st = read_file(CONFIG_NAME, 1, EFI_PAGE_SIZE, &addr, &size);

	if (EFI_ERROR(st))
		return st;
	if (cfg_parse(cfg, (char *)addr, size))
		return fail(EFI_LOAD_ERROR, "%s line %u: %s", CONFIG_NAME, cfg->error_line,
			    cfg->error);
	*sec = cfg_select(cfg);
	if (!*sec)
		return fail(EFI_LOAD_ERROR, "%s: %s", CONFIG_NAME, cfg->error);
	return EFI_SUCCESS;
}

/* The hypervisor: an arm64 Image at a 2 MiB aligned base + text_offset. */
static EFI_STATUS load_hypervisor(const char *name, struct bootinfo *bi)
{
	uint64_t addr, size, base;
	struct image_info img;
	EFI_STATUS st = read_file(name, 0, EFI_PAGE_SIZE, &addr, &size);

	if (EFI_ERROR(st))
		return st;
	if (image_parse((void *)addr, size, &img))
		return fail(EFI_LOAD_ERROR, "%s is not an arm64 Image", name);
	base = alloc_pages(img.text_offset + img.image_size, SZ_2M);
	if (!base)
		return fail(EFI_OUT_OF_RESOURCES, "no memory to place %s", name);
	base += img.text_offset;
	memcpy((void *)base, (void *)addr, size);
	memset((uint8_t *)base + size, 0, img.image_size - size);
	bi->image_base = base;
	bi->image_size = img.image_size;
	say("hypervisor %s at 0x%llx (%llu KiB)", name, (unsigned long long)base,
	    (unsigned long long)(img.image_size >> 10));
	return EFI_SUCCESS;
}

static EFI_GUID fdt_table_guid = { 0xb1b621d5, 0xf19c, 0x41a5,
				   { 0x83, 0x0b, 0xd9, 0x15, 0x2c, 0x69, 0xaa, 0xe0 } };

/* The boot tree, copied into a buffer with room for the reg we add. */
static EFI_STATUS load_dtb(const char *name, struct fdt *fdt, struct bootinfo *bi)
{
	uint64_t addr, size, buf;
	struct fdt probe;
	const char *what = name;
	int ret;

	if (name) {
		EFI_STATUS st = read_file(name, 0, EFI_PAGE_SIZE, &addr, &size);

		if (EFI_ERROR(st))
			return st;
	} else {
		void *table;

		what = "firmware device tree";
		if (EFI_ERROR(LibGetSystemConfigurationTable(&fdt_table_guid, &table)))
			return fail(EFI_NOT_FOUND, "no dtb= in %s and no device tree from the firmware",
				    CONFIG_NAME);
		const uint8_t *h = table;

		/* The firmware's tree is trusted for its size field only as
		 * far as fdt_init() then checks the rest. */
		addr = (uint64_t)table;
		size = (uint32_t)h[4] << 24 | (uint32_t)h[5] << 16 | (uint32_t)h[6] << 8 | h[7];
		if (size > (16u << 20))
			size = 0;
	}
	ret = fdt_init(&probe, (void *)addr, size);
	if (ret)
		return fail(EFI_LOAD_ERROR, "%s: %s", what, fdt_strerror(ret));
	buf = alloc_pages(fdt_totalsize(&probe) + DTB_SLACK, EFI_PAGE_SIZE);
	if (!buf)
		return fail(EFI_OUT_OF_RESOURCES, "no memory for the device tree");
	memcpy((void *)buf, (void *)addr, fdt_totalsize(&probe));
	ret = fdt_init(fdt, (void *)buf, fdt_totalsize(&probe) + DTB_SLACK);
	if (ret)
		return fail(EFI_LOAD_ERROR, "%s: %s", what, fdt_strerror(ret));
	bi->dtb_base = buf;
	bi->dtb_size = fdt_totalsize(&probe) + DTB_SLACK;
	return EFI_SUCCESS;
}

/* The k-th node (document order) with a xen,uefi-binary property. */
static int nth_module_node(const struct fdt *fdt, int k)
{
	int node;

	for (node = fdt_root(fdt); node >= 0; node = fdt_next_node(fdt, node, NULL))
		if (fdt_has_prop(fdt, node, "xen,uefi-binary") && k-- == 0)
			return node;
	return -1;
}

static void put_cells(uint8_t *p, uint64_t v, int cells)
{
	int i;

	for (i = 4 * cells - 1; i >= 0; i--, v >>= 8)
		p[i] = (uint8_t)v;
}

/* Load every file named by xen,uefi-binary and fill in that node's reg
 * (Xen's dom0less binding). */
static EFI_STATUS load_modules(struct fdt *fdt, struct bootinfo *bi)
{
	int k, node;

	for (k = 0; (node = nth_module_node(fdt, k)) >= 0; k++) {
		struct bootinfo_module *m = &bi->modules[bi->nr_modules];
		int parent = fdt_parent(fdt, node), ac, sc, ret;
		const char *file;
		uint8_t reg[16];
		EFI_STATUS st;

		if (bi->nr_modules == BOOTINFO_MAX_MODULES)
			return fail(EFI_LOAD_ERROR, "more than %d modules", BOOTINFO_MAX_MODULES);
		if (fdt_read_string(fdt, node, "xen,uefi-binary", &file) || !*file)
			return fail(EFI_LOAD_ERROR, "%s: xen,uefi-binary is not a file name",
				    fdt_node_name(fdt, node));
		ac = fdt_address_cells(fdt, parent);
		sc = fdt_size_cells(fdt, parent);
		if (ac < 1 || sc < 1)
			return fail(EFI_LOAD_ERROR, "%s: #address-cells and #size-cells of %s must be 1 or 2",
				    fdt_node_name(fdt, node), fdt_node_name(fdt, parent));
		fmt_snprintf(m->name, sizeof(m->name), "%s", file);
		st = read_file(m->name, 0, EFI_PAGE_SIZE, &m->base, &m->size);
		if (EFI_ERROR(st))
			return st;
		if ((ac == 1 && (m->base + m->size) >> 32) || (sc == 1 && m->size >> 32))
			return fail(EFI_LOAD_ERROR, "%s: loaded above 4 GiB but reg has one cell",
				    m->name);
		put_cells(reg, m->base, ac);
		put_cells(reg + 4 * ac, m->size, sc);
		ret = fdt_setprop(fdt, node, "reg", reg, 4 * (ac + sc));
		if (ret)
			return fail(EFI_LOAD_ERROR, "%s: cannot set reg: %s", m->name,
				    fdt_strerror(ret));
		say("module %s at 0x%llx, %llu bytes", m->name, (unsigned long long)m->base,
		    (unsigned long long)m->size);
		bi->nr_modules++;
	}
	return EFI_SUCCESS;
}

static uint32_t classify(uint32_t efi_type)
{
	switch (efi_type) {
	case EfiConventionalMemory:
	case EfiBootServicesCode:
	case EfiBootServicesData:
		return BOOTMEM_USABLE;
	case EfiLoaderCode:
	case EfiLoaderData:
		return BOOTMEM_LOADED;
	case EfiMemoryMappedIO:
	case EfiMemoryMappedIOPortSpace:
		return BOOTMEM_MMIO;
	}
	return BOOTMEM_RESERVED;
}

/* After ExitBootServices: no firmware calls, no allocation. */
static void convert_memory_map(struct bootinfo *bi, const uint8_t *map, UINTN size,
			       UINTN dsize)
{
	UINTN off;

	bi->nr_mem = 0;
	for (off = 0; off + dsize <= size; off += dsize) {
		const EFI_MEMORY_DESCRIPTOR *d = (const void *)(map + off);
		struct bootinfo_mem e = {
			.base = d->PhysicalStart,
			.size = d->NumberOfPages << EFI_PAGE_SHIFT,
			.type = classify(d->Type),
			.efi_type = d->Type,
		};
		unsigned int i = bi->nr_mem;

		if (!e.size)
			continue;
		/* Insertion sort by base; merge with a same-kind neighbour. */
		while (i > 0 && bi->mem[i - 1].base > e.base)
			i--;
		if (i > 0 && bi->mem[i - 1].base + bi->mem[i - 1].size == e.base &&
		    bi->mem[i - 1].type == e.type && bi->mem[i - 1].efi_type == e.efi_type) {
			bi->mem[i - 1].size += e.size;
			continue;
		}
		if (bi->nr_mem == BOOTINFO_MAX_MEM)
			continue;	/* dropped: the hypervisor just uses less */
		memmove(&bi->mem[i + 1], &bi->mem[i], (bi->nr_mem - i) * sizeof(e));
		bi->mem[i] = e;
		bi->nr_mem++;
	}
}

static void clean_dcache(uint64_t start, uint64_t size)
{
	uint64_t ctr, line, a;

	asm volatile("mrs %0, ctr_el0" : "=r"(ctr));
	line = 4u << ((ctr >> 16) & 0xf);
	for (a = start & ~(line - 1); a < start + size; a += line)
		asm volatile("dc cvac, %0" : : "r"(a) : "memory");
}

static EFI_STATUS exit_boot_services(struct bootinfo *bi)
{
	UINTN size = 0, key, dsize, buf_size;
	UINT32 dver;
	uint64_t map;
	EFI_STATUS st;
	int tries;

	st = uefi_call_wrapper(BS->GetMemoryMap, 5, &size, NULL, &key, &dsize, &dver);
	if (st != EFI_BUFFER_TOO_SMALL)
		return fail(st, "cannot read the memory map");
	buf_size = size + 32 * dsize;	/* our own allocation adds entries */
	map = alloc_pages(buf_size, EFI_PAGE_SIZE);
	if (!map)
		return fail(EFI_OUT_OF_RESOURCES, "no memory for the memory map");
	say("entering the hypervisor at EL2");
	for (tries = 0; tries < 2; tries++) {
		size = buf_size;
		st = uefi_call_wrapper(BS->GetMemoryMap, 5, &size, (void *)map, &key, &dsize,
				       &dver);
		if (EFI_ERROR(st))
			return fail(st, "cannot read the memory map");
		st = uefi_call_wrapper(BS->ExitBootServices, 2, self, key);
		if (!EFI_ERROR(st))
			break;
	}
	if (EFI_ERROR(st))
		return fail(st, "ExitBootServices failed");
	convert_memory_map(bi, (void *)map, size, dsize);
	return EFI_SUCCESS;
}

EFI_STATUS efi_main(EFI_HANDLE image, EFI_SYSTEM_TABLE *systab)
{
	const struct cfg_section *sec;
	EFI_LOADED_IMAGE *li;
	static struct cfg cfg;
	struct bootinfo *bi;
	struct fdt fdt;
	const char *hyp, *opts;
	unsigned int i;
	EFI_STATUS st;

	InitializeLib(image, systab);
	self = image;
	if (current_el() != 2)
		return fail(EFI_UNSUPPORTED,
			    "firmware started the loader at EL%u; Tessera needs EL2 (QEMU: -M virt,virtualization=on)",
			    current_el());
	st = uefi_call_wrapper(BS->HandleProtocol, 3, image, &LoadedImageProtocol, (void **)&li);
	if (EFI_ERROR(st))
		return fail(st, "no loaded-image protocol");
	root = LibOpenRoot(li->DeviceHandle);
	if (!root)
		return fail(EFI_NOT_FOUND, "cannot open the file system we were loaded from");
	find_dir(li);

	bi = (struct bootinfo *)alloc_pages(sizeof(*bi), EFI_PAGE_SIZE);
	if (!bi)
		return fail(EFI_OUT_OF_RESOURCES, "no memory for the boot record");
	memset(bi, 0, sizeof(*bi));
	bi->magic = BOOTINFO_MAGIC;
	bi->version = BOOTINFO_VERSION;
	bi->size = sizeof(*bi);

	st = load_config(&cfg, &sec);
	if (EFI_ERROR(st))
		return st;
	say("config %s, section [%s]", CONFIG_NAME, sec->name);
	hyp = cfg_get(&cfg, sec, "hypervisor");
	opts = cfg_get(&cfg, sec, "options");
	if (opts)
		fmt_snprintf(bi->options, sizeof(bi->options), "%s", opts);
	st = load_hypervisor(hyp && *hyp ? hyp : "tessera.bin", bi);
	if (EFI_ERROR(st))
		return st;
	st = load_dtb(cfg_get(&cfg, sec, "dtb"), &fdt, bi);
	if (EFI_ERROR(st))
		return st;
	st = load_modules(&fdt, bi);
	if (EFI_ERROR(st))
		return st;
	st = exit_boot_services(bi);
	if (EFI_ERROR(st))
		return st;

	/* The hypervisor starts with its MMU and caches off. */
	clean_dcache(bi->image_base, bi->image_size);
	clean_dcache(bi->dtb_base, bi->dtb_size);
	clean_dcache((uint64_t)bi, sizeof(*bi));
	for (i = 0; i < bi->nr_modules; i++)
		clean_dcache(bi->modules[i].base, bi->modules[i].size);
	asm volatile("dsb sy; ic iallu; dsb sy; isb; msr daifset, #0xf" ::: "memory");
	((void (*)(struct bootinfo *))bi->image_base)(bi);
	return EFI_LOAD_ERROR;	/* not reached */
}
