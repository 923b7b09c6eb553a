// SPDX-License-Identifier: GPL-2.0-only
/*
 * BOOTAA64.EFI / BOOTX64.EFI: loads the hypervisor, the boot device tree
 * and the guest images from the EFI system partition and enters the
 * hypervisor with a struct bootinfo (docs/boot.md).
 *
 * Entry contract: the hypervisor image (lib/image.h, the architecture's
 * magic) is copied to a 2 MiB aligned base + text_offset (bss zeroed)
 * and entered there, boot services exited, interrupts masked, with the
 * bootinfo's physical address as the first argument, on the firmware's
 * identity-mapped page tables. What else holds on entry (caches, mode,
 * registers) is the architecture's part: boot/arch/$(ARCH).c. The stack
 * is still the firmware's, in memory bootinfo lists as usable, so the
 * hypervisor must move off it before handing out free RAM.
 *
 * Every failure prints one "tessera-boot: error: <what>: <why>" line,
 * frees what was allocated and returns to the firmware.
 */
#include <efi.h>
#include <efilib.h>
#include <stdarg.h>

#include "arch.h"
#include "config.h"
#include "domain_tree.h"
#include "lib/bootinfo.h"
#include "lib/fdt.h"
#include "lib/image.h"
#include "lib/printf.h"
#include "lib/resmem.h"
#include "lib/string.h"

#define CONFIG_NAME	"tessera.cfg"
#define XEN_CONFIG_NAME	"xen.cfg"	/* Xen's, read when there is no tessera.cfg */
#define DEFAULT_HYP	"tessera.bin"
#define DTB_SLACK	(64 * 1024)	/* room for the reg properties we add */
#define SZ_2M		(2ull << 20)
#define MAX_ALLOCS	(BOOTINFO_MAX_MODULES + 8)
#define MAX_PATH	256
#define FW_DTB_MAX	(16u << 20)	/* sanity bound on the firmware's tree */

static EFI_HANDLE self;
static EFI_FILE_HANDLE root;
static CHAR16 dir[MAX_PATH];		/* our directory, e.g. \EFI\BOOT\ */

/* Page allocations, all released if we give up. */
static struct {
	EFI_PHYSICAL_ADDRESS addr;
	UINTN pages;
} allocs[MAX_ALLOCS];
static unsigned int nr_allocs;

static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void say(const char *fmt, ...)
{
	char line[PRINT_LINE_MAX];
	va_list ap;

	va_start(ap, fmt);
	fmt_vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	Print(L"tessera-boot: %a\n", line);
}

static void free_all(void)
{
	while (nr_allocs) {
		nr_allocs--;
		uefi_call_wrapper(BS->FreePages, 2, allocs[nr_allocs].addr,
				  allocs[nr_allocs].pages);
	}
	if (root) {
		uefi_call_wrapper(root->Close, 1, root);
		root = NULL;
	}
}

/* Our own error: the message says what and why. Returns st. */
static EFI_STATUS fail(EFI_STATUS st, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static EFI_STATUS fail(EFI_STATUS st, const char *fmt, ...)
{
	char line[PRINT_LINE_MAX];
	va_list ap;

	va_start(ap, fmt);
	fmt_vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	Print(L"tessera-boot: error: %a\n", line);
	free_all();
	return st;
}

/* A firmware call failed: the message says what, st says why. */
static EFI_STATUS efi_fail(EFI_STATUS st, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static EFI_STATUS efi_fail(EFI_STATUS st, const char *fmt, ...)
{
	char line[PRINT_LINE_MAX];
	va_list ap;

	va_start(ap, fmt);
	fmt_vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	Print(L"tessera-boot: error: %a: %r\n", line, st);
	free_all();
	return st;
}

/* size bytes of EfiLoaderData at an align-aligned address, or 0. */
static uint64_t alloc_pages(uint64_t size, uint64_t align)
{
	/* Over-allocate by align - 4 KiB so an aligned start always fits. */
	UINTN pages = EFI_SIZE_TO_PAGES((size ? size : 1) + align - EFI_PAGE_SIZE);
	EFI_PHYSICAL_ADDRESS a;

	if (nr_allocs == MAX_ALLOCS ||
	    EFI_ERROR(uefi_call_wrapper(BS->AllocatePages, 4, AllocateAnyPages, EfiLoaderData,
					pages, &a)))
		return 0;
	allocs[nr_allocs].addr = a;
	allocs[nr_allocs++].pages = pages;
	return (a + align - 1) & ~(align - 1);
}

/* Give back the allocation holding addr (a buffer we no longer need). */
static void free_pages(uint64_t addr)
{
	unsigned int i;

	for (i = 0; i < nr_allocs; i++) {
		if (addr >= allocs[i].addr &&
		    addr < allocs[i].addr + (allocs[i].pages << EFI_PAGE_SHIFT)) {
			uefi_call_wrapper(BS->FreePages, 2, allocs[i].addr, allocs[i].pages);
			allocs[i] = allocs[--nr_allocs];
			return;
		}
	}
}

/* Our own directory, from the file path we were loaded from
 * ("\EFI\BOOT\BOOTAA64.EFI" gives "\EFI\BOOT\"). */
static void find_dir(EFI_LOADED_IMAGE *li)
{
	CHAR16 *path = li->FilePath ? DevicePathToStr(li->FilePath) : NULL;
	UINTN i, cut = 0;

	for (i = 0; path && path[i] && i < MAX_PATH - 1; i++) {
		dir[i] = path[i] == L'/' ? L'\\' : path[i];
		if (dir[i] == L'\\')
			cut = i + 1;
	}
	/* Too long to be ours, or no path at all: use the root. */
	if (!path || path[i] || !cut) {
		dir[0] = L'\\';
		cut = 1;
	}
	dir[cut] = 0;
	if (path)
		FreePool(path);
}

/* dir + name, as UCS-2 for the firmware and as 8-bit text for messages. */
static void make_path(const char *name, CHAR16 *wpath, char *apath, size_t max)
{
	size_t i = 0, j;

	for (j = 0; dir[j] && i < max - 1; j++, i++) {
		wpath[i] = dir[j];
		apath[i] = dir[j] < 0x100 ? (char)dir[j] : '?';
	}
	for (j = 0; name[j] && i < max - 1; j++, i++) {
		apath[i] = name[j] == '/' ? '\\' : name[j];
		wpath[i] = (unsigned char)apath[i];	/* names are Latin-1 */
	}
	wpath[i] = 0;
	apath[i] = 0;
}

/*
 * Read dir\name into fresh EfiLoaderData pages (align-aligned), followed
 * by extra zeroed bytes. On failure the error is already printed.
 */
static EFI_STATUS read_file(const char *name, uint64_t extra, uint64_t align,
			    uint64_t *addr, uint64_t *size)
{
	CHAR16 wpath[MAX_PATH * 2];
	char apath[MAX_PATH * 2];
	EFI_FILE_HANDLE fh;
	EFI_FILE_INFO *info;
	EFI_STATUS st;
	UINTN n, want;
	const char *bad = cfg_bad_name(name);

	if (bad)
		return fail(EFI_ACCESS_DENIED, "file name \"%s\": %s", name, bad);
	make_path(name, wpath, apath, sizeof(apath));
	st = uefi_call_wrapper(root->Open, 5, root, &fh, wpath, EFI_FILE_MODE_READ, 0);
	if (EFI_ERROR(st))
		return efi_fail(st, "cannot open %s", apath);
	info = LibFileInfo(fh);
	if (!info) {
		uefi_call_wrapper(fh->Close, 1, fh);
		return fail(EFI_DEVICE_ERROR, "cannot read %s: no file information", apath);
	}
	if (info->Attribute & EFI_FILE_DIRECTORY) {
		FreePool(info);
		uefi_call_wrapper(fh->Close, 1, fh);
		return fail(EFI_LOAD_ERROR, "cannot read %s: is a directory", apath);
	}
	want = n = info->FileSize;
	FreePool(info);
	*addr = alloc_pages(n + extra, align);
	if (!*addr) {
		uefi_call_wrapper(fh->Close, 1, fh);
		return fail(EFI_OUT_OF_RESOURCES, "cannot load %s: out of memory (%llu bytes)",
			    apath, (unsigned long long)want);
	}
	st = uefi_call_wrapper(fh->Read, 3, fh, &n, (void *)*addr);
	uefi_call_wrapper(fh->Close, 1, fh);
	if (EFI_ERROR(st))
		return efi_fail(st, "cannot read %s", apath);
	if (n != want)
		return fail(EFI_DEVICE_ERROR, "cannot read %s: short read (%llu of %llu bytes)",
			    apath, (unsigned long long)n, (unsigned long long)want);
	memset((uint8_t *)*addr + n, 0, extra);
	*size = n;
	return EFI_SUCCESS;
}

/* Is there a file called name in our directory? */
static bool have_file(const char *name)
{
	CHAR16 wpath[MAX_PATH * 2];
	char apath[MAX_PATH * 2];
	EFI_FILE_HANDLE fh;

	make_path(name, wpath, apath, sizeof(apath));
	if (EFI_ERROR(uefi_call_wrapper(root->Open, 5, root, &fh, wpath, EFI_FILE_MODE_READ, 0)))
		return false;
	uefi_call_wrapper(fh->Close, 1, fh);
	return true;
}

static const struct cfg_section *find_global(const struct cfg *cfg)
{
	unsigned int i;

	for (i = 0; i < cfg->nr_sections; i++)
		if (!strcmp(cfg->sections[i].name, "global"))
			return &cfg->sections[i];
	return NULL;
}

/* The keys of section s: refuse what would be dropped, say what is
 * ignored (docs/boot.md). */
static EFI_STATUS check_keys(const struct cfg *cfg, const struct cfg_section *s, bool xen,
			     const char *apath)
{
	unsigned int i;

	for (i = s->first; i < s->first + s->count; i++) {
		const struct cfg_entry *e = &cfg->entries[i];
		const char *why;

		switch (cfg_key(e->key, xen, &why)) {
		case CFG_KEY_REFUSED:
			return fail(EFI_UNSUPPORTED, "%s line %u: %s= %s", apath, e->line, e->key, why);
		case CFG_KEY_IGNORED:
			say("%s line %u: %s= %s", apath, e->line, e->key, why);
			break;
		case CFG_KEY_USED:
			break;
		}
	}
	return EFI_SUCCESS;
}

/* tessera.cfg, or else Xen's xen.cfg, parsed; *xen says which. */
static EFI_STATUS load_config(struct cfg *cfg, const struct cfg_section **sec, bool *xen)
{
	CHAR16 wpath[MAX_PATH * 2];
	char apath[MAX_PATH * 2];
	const char *name = CONFIG_NAME;
	uint64_t addr, size;
	EFI_STATUS st;
	int ret;

	*xen = !have_file(CONFIG_NAME) && have_file(XEN_CONFIG_NAME);
	if (*xen)
		name = XEN_CONFIG_NAME;
	st = read_file(name, 0, EFI_PAGE_SIZE, &addr, &size);
	if (EFI_ERROR(st))
		return st;
	ret = cfg_parse(cfg, (const char *)addr, size);
	free_pages(addr);	/* the parser keeps its own copy */
	make_path(name, wpath, apath, sizeof(apath));
	if (ret && cfg->error_line)
		return fail(EFI_LOAD_ERROR, "%s line %u: %s", apath, cfg->error_line,
			    cfg_strerror(ret));
	if (ret)
		return fail(EFI_LOAD_ERROR, "%s: %s", apath, cfg_strerror(ret));
	*sec = cfg_select(cfg);
	if (!*sec && cfg->error == CFG_ERR_UNKNOWN_DEFAULT)
		return fail(EFI_LOAD_ERROR, "%s line %u: default=%s names no section", apath,
			    cfg->error_line, cfg->error_name);
	if (!*sec)
		return fail(EFI_LOAD_ERROR, "%s: %s", apath, cfg_strerror(cfg->error));
	say("config %s, section [%s]", apath, (*sec)->name);
	if (find_global(cfg)) {
		st = check_keys(cfg, find_global(cfg), *xen, apath);
		if (EFI_ERROR(st))
			return st;
	}
	return check_keys(cfg, *sec, *xen, apath);
}

/* A key of the selected section; as in Xen, [global] gives the defaults. */
static const char *config_value(const struct cfg *cfg, const struct cfg_section *sec,
				const char *key)
{
	const struct cfg_section *global = find_global(cfg);
	const char *v = cfg_get(cfg, sec, key);

	return v || !global ? v : cfg_get(cfg, global, key);
}

/* The hypervisor: an image with this architecture's magic, at a 2 MiB
 * aligned base + text_offset. */
static EFI_STATUS load_hypervisor(const char *name, struct bootinfo *bi)
{
	uint64_t file, size, base;
	struct image_info img;
	EFI_STATUS st;

	st = read_file(name, 0, EFI_PAGE_SIZE, &file, &size);
	if (EFI_ERROR(st))
		return st;
	if (image_parse((void *)file, size, arch_image_magic, &img))
		return fail(EFI_LOAD_ERROR, "%s: not %s (bad magic, size or text_offset)", name,
			    arch_image_kind);
	base = alloc_pages(img.text_offset + img.image_size, SZ_2M);
	if (!base)
		return fail(EFI_OUT_OF_RESOURCES, "cannot place %s: out of memory (%llu bytes)",
			    name, (unsigned long long)img.image_size);
	base += img.text_offset;
	memcpy((void *)base, (void *)file, size);
	memset((uint8_t *)base + size, 0, img.image_size - size);	/* bss */
	free_pages(file);
	bi->image_base = base;
	bi->image_size = img.image_size;
	say("loaded %s at 0x%llx (%llu bytes, %llu with bss)", name, (unsigned long long)base,
	    (unsigned long long)size, (unsigned long long)img.image_size);
	return EFI_SUCCESS;
}

/*
 * The board's reserved memory (lib/resmem.h) is taken from UEFI before
 * the loader places anything else, so that no file lands on a firmware
 * carve-out: a firmware that knows the ranges already keeps them (the
 * allocation fails, which is fine), pages that are not RAM cannot be
 * allocated either. Only our own earlier allocations are an error.
 */
static int reserve_range(void *ctx, uint64_t base, uint64_t size, const char *what)
{
	const uint64_t *temp = ctx;	/* a buffer freed before anything is placed */
	uint64_t start = base & ~(uint64_t)(EFI_PAGE_SIZE - 1), end = base + size, a;
	EFI_PHYSICAL_ADDRESS pa;
	unsigned int i;

	end = (end + EFI_PAGE_SIZE - 1) & ~(uint64_t)(EFI_PAGE_SIZE - 1);
	for (i = 0; i < nr_allocs; i++)
		if ((!temp || allocs[i].addr != *temp) && allocs[i].addr < end && start < allocs[i].addr + allocs[i].pages * EFI_PAGE_SIZE) {
			fail(EFI_LOAD_ERROR, "the loader's own data at 0x%llx lies on reserved memory %s",
			     (unsigned long long)allocs[i].addr, what);
			return -1;
		}
	pa = start;
	if (!EFI_ERROR(uefi_call_wrapper(BS->AllocatePages, 4, AllocateAddress,
					 EfiReservedMemoryType, (end - start) / EFI_PAGE_SIZE, &pa)))
		return 0;
	/* Partly the firmware's already, or partly not RAM: page by page. */
	for (a = start; a < end; a += EFI_PAGE_SIZE) {
		pa = a;
		uefi_call_wrapper(BS->AllocatePages, 4, AllocateAddress, EfiReservedMemoryType, 1,
				  &pa);
	}
	return 0;
}

static EFI_STATUS reserve_board_memory(const struct fdt *fdt, const uint64_t *temp)
{
	char what[RESMEM_WHAT_LEN];
	int ret = resmem_walk(fdt, reserve_range, (void *)temp, what);

	if (ret == -FDT_ERR_BADVALUE)
		return fail(EFI_LOAD_ERROR, "%s: reg is not a usable range", what);
	return ret ? EFI_LOAD_ERROR : EFI_SUCCESS;
}

static EFI_GUID fdt_table_guid = { 0xb1b621d5, 0xf19c, 0x41a5,
				   { 0x83, 0x0b, 0xd9, 0x15, 0x2c, 0x69, 0xaa, 0xe0 } };
static EFI_GUID acpi20_table_guid = { 0x8868e871, 0xe4f1, 0x11d3,
				      { 0xbc, 0x22, 0x00, 0x80, 0xc7, 0x3c, 0x88, 0x81 } };
static EFI_GUID acpi10_table_guid = { 0xeb9d2d30, 0x2d88, 0x11d3,
				      { 0x9a, 0x16, 0x00, 0x90, 0x27, 0x3f, 0xc1, 0x4d } };

/* The firmware's ACPI RSDP, the 2.0+ one if there is one, for the
 * hypervisor's own use (x86: the MADT, FADT); 0 if there is none. */
static uint64_t find_acpi_rsdp(void)
{
	void *table;

	if (!EFI_ERROR(LibGetSystemConfigurationTable(&acpi20_table_guid, &table)) && table) {
		say("firmware ACPI 2.0 RSDP: 0x%llx", (unsigned long long)table);
		return (uint64_t)table;
	}
	if (!EFI_ERROR(LibGetSystemConfigurationTable(&acpi10_table_guid, &table)) && table) {
		say("firmware ACPI 1.0 RSDP: 0x%llx", (unsigned long long)table);
		return (uint64_t)table;
	}
	return 0;
}

/* The boot tree, copied into a buffer with room for the reg we add. */
static EFI_STATUS load_dtb(const char *name, struct fdt *fdt, uint64_t *base, uint64_t *bufsz)
{
	uint64_t addr, size, buf, bufsize;
	const char *what = name;
	struct fdt probe;
	EFI_STATUS st;
	int ret;

	if (name) {
		st = read_file(name, 0, EFI_PAGE_SIZE, &addr, &size);
		if (EFI_ERROR(st))
			return st;
	} else {
		const uint8_t *h;
		void *table;

		what = "firmware device tree";
		if (EFI_ERROR(LibGetSystemConfigurationTable(&fdt_table_guid, &table)))
			return fail(EFI_NOT_FOUND, "no device tree: no dtb= in %s and none from the firmware",
				    CONFIG_NAME);
		/* Only the size comes from the header unchecked; fdt_init()
		 * then validates the whole tree within it. */
		h = table;
		addr = (uint64_t)table;
		size = (uint32_t)h[4] << 24 | (uint32_t)h[5] << 16 | (uint32_t)h[6] << 8 | h[7];
		if (size > FW_DTB_MAX)
			size = FW_DTB_MAX;
	}
	ret = fdt_init(&probe, (void *)addr, size);
	if (ret)
		return fail(EFI_LOAD_ERROR, "%s: bad device tree: %s", what, fdt_strerror(ret));
	st = reserve_board_memory(&probe, name ? &addr : NULL);
	if (EFI_ERROR(st))
		return st;
	bufsize = fdt_totalsize(&probe) + DTB_SLACK;
	buf = alloc_pages(bufsize, EFI_PAGE_SIZE);
	if (!buf)
		return fail(EFI_OUT_OF_RESOURCES, "cannot load %s: out of memory", what);
	memcpy((void *)buf, (void *)addr, fdt_totalsize(&probe));
	memset((uint8_t *)buf + fdt_totalsize(&probe), 0, DTB_SLACK);
	if (name)
		free_pages(addr);
	ret = fdt_init(fdt, (void *)buf, bufsize);
	if (ret)
		return fail(EFI_LOAD_ERROR, "%s: bad device tree: %s", what, fdt_strerror(ret));
	/* Again for the pages the file itself held until now. */
	st = reserve_board_memory(fdt, NULL);
	if (EFI_ERROR(st))
		return st;
	*base = buf;
	*bufsz = bufsize;
	say("loaded %s at 0x%llx (%llu bytes, buffer %llu)", what, (unsigned long long)buf,
	    (unsigned long long)fdt_totalsize(fdt), (unsigned long long)bufsize);
	return EFI_SUCCESS;
}

/* The k-th node (document order) with a xen,uefi-binary property. Found
 * afresh each time: fdt_setprop() moves the nodes after the one edited. */
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

/*
 * Load every file named by xen,uefi-binary (Xen's dom0less binding) and
 * set that node's reg to <address size>, in the parent's cell counts.
 * (Not fdt_setprop_cells(): it uses one cell count for all values, and
 * #address-cells and #size-cells may differ.)
 */
static EFI_STATUS load_modules(struct fdt *fdt, struct bootinfo *bi)
{
	int k, node;

	for (k = 0; (node = nth_module_node(fdt, k)) >= 0; k++) {
		struct bootinfo_module *m = &bi->modules[bi->nr_modules];
		int parent = fdt_parent(fdt, node), ac, sc, ret;
		const char *file, *pname;
		char where[2 * BOOTINFO_NAME_LEN];
		uint64_t base, size;
		uint8_t reg[16];
		EFI_STATUS st;

		pname = parent >= 0 ? fdt_node_name(fdt, parent) : "";
		fmt_snprintf(where, sizeof(where), "%s %s", *pname ? pname : "/",
			     fdt_node_name(fdt, node));
		if (bi->nr_modules == BOOTINFO_MAX_MODULES)
			return fail(EFI_LOAD_ERROR, "%s: too many modules (at most %d)", where,
				    BOOTINFO_MAX_MODULES);
		if (fdt_read_string(fdt, node, "xen,uefi-binary", &file) || !*file)
			return fail(EFI_LOAD_ERROR, "%s: xen,uefi-binary is not a file name", where);
		if (cfg_bad_name(file))
			return fail(EFI_ACCESS_DENIED, "%s: xen,uefi-binary \"%s\": %s", where, file,
				    cfg_bad_name(file));
		if (strlen(file) >= BOOTINFO_NAME_LEN)
			return fail(EFI_LOAD_ERROR, "%s: file name %s too long (max %d)", where, file,
				    BOOTINFO_NAME_LEN - 1);
		if (parent < 0)
			return fail(EFI_LOAD_ERROR, "/: xen,uefi-binary on the root node");
		ac = fdt_address_cells(fdt, parent);
		sc = fdt_size_cells(fdt, parent);
		if (ac < 1 || sc < 1)
			return fail(EFI_LOAD_ERROR,
				    "%s: parent's #address-cells and #size-cells must be 1 or 2", where);
		memcpy(m->name, file, strlen(file) + 1);
		st = read_file(m->name, 0, EFI_PAGE_SIZE, &m->base, &m->size);
		if (EFI_ERROR(st))
			return st;
		if ((ac == 1 && (m->base + m->size) >> 32) || (sc == 1 && m->size >> 32))
			return fail(EFI_LOAD_ERROR, "%s: %s loaded above 4 GiB but reg has one cell",
				    where, m->name);
		put_cells(reg, m->base, ac);
		put_cells(reg + 4 * ac, m->size, sc);
		ret = fdt_setprop(fdt, node, "reg", reg, 4 * (ac + sc));
		if (ret)
			return fail(EFI_LOAD_ERROR, "%s: cannot set reg: %s", where,
				    fdt_strerror(ret));
		/* Read reg back through the tree: what the hypervisor will see. */
		if (fdt_reg(fdt, node, 0, &base, &size) || base != m->base || size != m->size)
			return fail(EFI_LOAD_ERROR, "%s: reg does not read back as written", where);
		say("module %s: %s at 0x%llx size 0x%llx", where, m->name,
		    (unsigned long long)base, (unsigned long long)size);
		bi->nr_modules++;
	}
	return EFI_SUCCESS;
}

#ifndef LOADER_NO_GUEST_TREES
/*
 * A xen,domain node without a tessera,guest-device-tree module (a Xen
 * dom0less tree as Xen's docs write it) gets the guest tree the contract
 * describes, built here rather than at EL2, registered as a module the
 * hypervisor checks like a file from the ESP (docs/boot.md).
 */
static EFI_STATUS build_guest_trees(struct fdt *fdt, struct bootinfo *bi)
{
	int k, node;

	for (k = 0; (node = domain_nth(fdt, k)) >= 0; k++) {
		struct bootinfo_module *m = &bi->modules[bi->nr_modules];
		const char *name = fdt_node_name(fdt, node), *why;
		struct guest_tree_desc desc;
		char dname[BOOTINFO_NAME_LEN];
		int size;

		if (domain_has_guest_tree(fdt, node))
			continue;
		fmt_snprintf(dname, sizeof(dname), "%s", name);
		if (bi->nr_modules == BOOTINFO_MAX_MODULES)
			return fail(EFI_LOAD_ERROR, "/chosen/%s: no room for its guest tree (at most %d modules)",
				    dname, BOOTINFO_MAX_MODULES);
		why = domain_guest_desc(fdt, node, &desc);
		if (why)
			return fail(EFI_LOAD_ERROR, "/chosen/%s: cannot build its guest device tree: %s",
				    dname, why);
		m->base = alloc_pages(GUEST_TREE_MAX_SIZE, EFI_PAGE_SIZE);
		if (!m->base)
			return fail(EFI_OUT_OF_RESOURCES, "/chosen/%s: no memory for its guest tree", dname);
		size = guest_tree_build(&desc, (void *)m->base, GUEST_TREE_MAX_SIZE);
		if (size < 0)
			return fail(EFI_LOAD_ERROR, "/chosen/%s: cannot build its guest device tree: %s",
				    dname, fdt_strerror(size));
		m->size = size;
		why = domain_add_tree_module(fdt, node, m->base, m->size);
		if (why)
			return fail(EFI_LOAD_ERROR, "/chosen/%s: cannot add its guest tree module: %s",
				    dname, why);
		fmt_snprintf(m->name, sizeof(m->name), "%s" GUEST_DESC_FILE_EXT " (built)", dname);
		say("module /chosen/%s %s: guest " GUEST_DESC_WHAT " built at 0x%llx size 0x%llx", dname,
		    DOMAIN_TREE_NODE, (unsigned long long)m->base, (unsigned long long)m->size);
		bi->nr_modules++;
	}
	return EFI_SUCCESS;
}
#else
/* No guest tree builder for this architecture yet (boot/boot.mk): the
 * partition's trees are all there is, and the hypervisor checks them. */
static EFI_STATUS build_guest_trees(struct fdt *fdt, struct bootinfo *bi)
{
	return EFI_SUCCESS;
}
#endif

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
	case EfiACPIReclaimMemory:
		return arch_reads_acpi ? BOOTMEM_RESERVED : BOOTMEM_USABLE;
	}
	return BOOTMEM_RESERVED;
}

/* After ExitBootServices: no firmware calls, no allocation. Sorted by
 * base, neighbours of the same kind merged. */
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
		struct bootinfo_mem *prev, *next;
		unsigned int i = bi->nr_mem;

		if (!e.size)
			continue;
		while (i > 0 && bi->mem[i - 1].base > e.base)
			i--;
		prev = i > 0 ? &bi->mem[i - 1] : NULL;
		next = i < bi->nr_mem ? &bi->mem[i] : NULL;
		if (prev && prev->base + prev->size == e.base && prev->type == e.type &&
		    prev->efi_type == e.efi_type) {
			prev->size += e.size;
			/* The new entry may also close the gap to the next. */
			if (next && prev->base + prev->size == next->base &&
			    next->type == e.type && next->efi_type == e.efi_type) {
				prev->size += next->size;
				memmove(next, next + 1, (bi->nr_mem - i - 1) * sizeof(e));
				bi->nr_mem--;
			}
			continue;
		}
		if (next && e.base + e.size == next->base && next->type == e.type &&
		    next->efi_type == e.efi_type) {
			next->base = e.base;
			next->size += e.size;
			continue;
		}
		if (bi->nr_mem == BOOTINFO_MAX_MEM)
			continue;	/* dropped: the hypervisor just uses less */
		memmove(&bi->mem[i + 1], &bi->mem[i], (bi->nr_mem - i) * sizeof(e));
		bi->mem[i] = e;
		bi->nr_mem++;
	}
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
		return efi_fail(st, "cannot read the memory map");
	/* Allocating the buffer adds entries; be generous. */
	buf_size = size + 64 * dsize;
	map = alloc_pages(buf_size, EFI_PAGE_SIZE);
	if (!map)
		return fail(EFI_OUT_OF_RESOURCES, "no memory for the memory map");
	say("entering hypervisor at %s", arch_hyp_mode);
	/* Nothing may allocate between GetMemoryMap and ExitBootServices, so
	 * no printing here; a stale key (a firmware event allocated) gets one
	 * retry with a fresh map. */
	for (tries = 0; tries < 2; tries++) {
		size = buf_size;
		st = uefi_call_wrapper(BS->GetMemoryMap, 5, &size, (void *)map, &key, &dsize,
				       &dver);
		if (EFI_ERROR(st))
			break;
		st = uefi_call_wrapper(BS->ExitBootServices, 2, self, key);
		if (st != EFI_INVALID_PARAMETER)
			break;
	}
	/* EDK2 checks the key before shutting anything down, so the console
	 * still works for this last message. */
	if (EFI_ERROR(st))
		return efi_fail(st, "cannot exit boot services");
	convert_memory_map(bi, (void *)map, size, dsize);
	return EFI_SUCCESS;
}

static EFI_STATUS load_all(EFI_HANDLE image, struct bootinfo **out)
{
	static struct cfg cfg;		/* large: keep it off the stack */
	const struct cfg_section *sec = NULL;
	const char *hyp, *opts, *dtb;
	uint64_t dtb_base = 0, dtb_size = 0;
	EFI_LOADED_IMAGE *li;
	bool xen;
	struct bootinfo *bi;
	struct fdt fdt;
	EFI_STATUS st;

	st = uefi_call_wrapper(BS->HandleProtocol, 3, image, &LoadedImageProtocol, (void **)&li);
	if (EFI_ERROR(st))
		return efi_fail(st, "cannot find where the loader came from");
	root = LibOpenRoot(li->DeviceHandle);
	if (!root)
		return fail(EFI_NOT_FOUND,
			    "cannot open the loader's file system: not a FAT partition?");
	find_dir(li);

	st = load_config(&cfg, &sec, &xen);
	if (EFI_ERROR(st))
		return st;
	hyp = xen ? NULL : config_value(&cfg, sec, "hypervisor");
	dtb = config_value(&cfg, sec, "dtb");
	opts = config_value(&cfg, sec, "options");
	if (opts && strlen(opts) >= sizeof(bi->options))
		return fail(EFI_LOAD_ERROR, "%s: options= longer than %u characters",
			    xen ? XEN_CONFIG_NAME : CONFIG_NAME, (unsigned int)sizeof(bi->options) - 1);
	/* The tree first: its reserved memory is taken from UEFI before
	 * anything that stays (the boot record included) is placed. */
	st = load_dtb(dtb && *dtb ? dtb : NULL, &fdt, &dtb_base, &dtb_size);
	if (EFI_ERROR(st))
		return st;
	bi = (struct bootinfo *)alloc_pages(sizeof(*bi), EFI_PAGE_SIZE);
	if (!bi)
		return fail(EFI_OUT_OF_RESOURCES, "no memory for the boot record");
	memset(bi, 0, sizeof(*bi));
	bi->magic = BOOTINFO_MAGIC;
	bi->version = BOOTINFO_VERSION;
	bi->size = sizeof(*bi);
	bi->dtb_base = dtb_base;
	bi->dtb_size = dtb_size;
	if (opts)
		memcpy(bi->options, opts, strlen(opts) + 1);
	/* Where nothing reads ACPI its tables' memory is handed out as RAM. */
	bi->acpi_rsdp = arch_reads_acpi ? find_acpi_rsdp() : 0;
	st = load_hypervisor(hyp && *hyp ? hyp : DEFAULT_HYP, bi);
	if (EFI_ERROR(st))
		return st;
	if (domain_dom0_module(&fdt) >= 0)
		return fail(EFI_UNSUPPORTED,
			    "/chosen/%s: a dom0 module, and Tessera has no dom0: put it in a xen,domain node",
			    fdt_node_name(&fdt, domain_dom0_module(&fdt)));
	st = load_modules(&fdt, bi);
	if (EFI_ERROR(st))
		return st;
	st = build_guest_trees(&fdt, bi);
	if (EFI_ERROR(st))
		return st;
	*out = bi;
	return EFI_SUCCESS;
}

/*
 * Which firmware started us, for the log: the system table's vendor
 * string (UCS-2, shown as ASCII, '?' for anything else), its revision
 * (the vendor's own numbering) and the UEFI revision it claims.
 */
static void say_firmware(const EFI_SYSTEM_TABLE *systab)
{
	const CHAR16 *v = systab->FirmwareVendor;
	unsigned int minor = systab->Hdr.Revision & 0xffff;
	char vendor[64], sub[8] = "";
	unsigned int i;

	for (i = 0; v && v[i] && i < sizeof(vendor) - 1; i++)
		vendor[i] = v[i] >= 0x20 && v[i] < 0x7f ? (char)v[i] : '?';
	vendor[i] = 0;
	if (minor % 10)
		fmt_snprintf(sub, sizeof(sub), ".%u", minor % 10);
	say("firmware %s, revision 0x%x, UEFI %u.%u%s", i ? vendor : "(no vendor)",
	    (unsigned int)systab->FirmwareRevision, (unsigned int)(systab->Hdr.Revision >> 16),
	    minor / 10, sub);
}

EFI_STATUS efi_main(EFI_HANDLE image, EFI_SYSTEM_TABLE *systab)
{
	uint64_t started = arch_loader_counter();	/* start-up time */
	struct bootinfo *bi = NULL;
	char why[PRINT_LINE_MAX];
	EFI_STATUS st;

	InitializeLib(image, systab);
	self = image;
	say_firmware(systab);
	if (arch_loader_check(why, sizeof(why)))
		return fail(EFI_UNSUPPORTED, "%s", why);
	st = load_all(image, &bi);
	if (EFI_ERROR(st))
		return st;
	bi->loader_counter = started;
	st = exit_boot_services(bi);
	if (EFI_ERROR(st))
		return st;
	/* Boot services are gone: there is no firmware to return to. */
	arch_enter(bi);
}
