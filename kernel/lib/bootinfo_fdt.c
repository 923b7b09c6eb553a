// SPDX-License-Identifier: GPL-2.0-only
/* The boot record from a device tree alone; see bootinfo_fdt.h. */
#include "lib/bootinfo_fdt.h"

#include "lib/printf.h"
#include "lib/rangeset.h"
#include "lib/resmem.h"
#include "lib/sort.h"
#include "lib/string.h"

#define PAGE	4096ull

/* Xen's dom0less module nodes; multiboot,module is the generic one. */
static const char *const module_compats[] = {
	"multiboot,module", "multiboot,kernel", "multiboot,ramdisk", "multiboot,device-tree",
};

/*
 * The sets the record is cut from, static: the hypervisor's boot stack
 * is small and this runs once. ram is /memory; kept is what is not
 * RAM for the allocator: resv (reserved), load (tree, image, modules).
 */
static struct range ram_r[BOOTINFO_MAX_MEM], resv_r[BOOTINFO_MAX_MEM],
	load_r[BOOTINFO_MAX_MEM], tmp_r[BOOTINFO_MAX_MEM], part_r[BOOTINFO_MAX_MEM];
static struct rangeset ram, resv, load, tmp, part;

struct build {
	struct bootinfo *bi;
	const struct fdt *fdt;
	const struct bootinfo_fdt_in *in;
	char *why;
	size_t len;
};

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

bool bootinfo_fdt_is_tree(const void *p)
{
	return be32(p) == BOOTINFO_FDT_MAGIC;
}

int bootinfo_fdt_open(struct fdt *fdt, const void *blob, size_t avail)
{
	uint32_t total;

	if ((uintptr_t)blob % BOOTINFO_FDT_ALIGN)
		return -FDT_ERR_BADLAYOUT;
	if (avail < 8)
		return -FDT_ERR_TRUNCATED;
	if (!bootinfo_fdt_is_tree(blob))
		return -FDT_ERR_BADMAGIC;
	total = be32((const uint8_t *)blob + 4);
	if (total > avail || total > BOOTINFO_FDT_MAX_SIZE)
		return -FDT_ERR_TRUNCATED;
	return fdt_init(fdt, blob, total);
}

static const char *say(struct build *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static const char *say(struct build *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fmt_vsnprintf(b->why, b->len, fmt, ap);
	va_end(ap);
	return b->why;
}

/* [base, base + size) grown to whole pages, or false if it wraps. */
static bool pages_out(uint64_t base, uint64_t size, uint64_t *start, uint64_t *end)
{
	if (!size || base + size < base || base + size > ~0ull - PAGE)
		return false;
	*start = base & ~(PAGE - 1);
	*end = (base + size + PAGE - 1) & ~(PAGE - 1);
	return true;
}

/* a - b into out (out may not be b). */
static int set_minus(struct rangeset *out, const struct rangeset *a, const struct rangeset *b)
{
	size_t i;

	out->nr = 0;
	for (i = 0; i < a->nr; i++)
		if (rangeset_add(out, a->r[i].start, a->r[i].end))
			return -1;
	for (i = 0; i < b->nr; i++)
		if (rangeset_remove(out, b->r[i].start, b->r[i].end))
			return -1;
	return 0;
}

static bool is_memory(const struct fdt *fdt, int node)
{
	const char *type;

	return !fdt_read_string(fdt, node, "device_type", &type) && !strcmp(type, "memory");
}

/* One /memory reg entry, whole pages inside it (RAM we may hand out). */
static const char *add_ram(struct build *b, const char *node, uint64_t base, uint64_t size)
{
	uint64_t start = (base + PAGE - 1) & ~(PAGE - 1), end = (base + size) & ~(PAGE - 1);

	if (!size || base + size < base || start < base)
		return say(b, "/%s: reg 0x%llx+0x%llx is not a usable range", node,
			   (unsigned long long)base, (unsigned long long)size);
	if (start >= end)
		return NULL;	/* less than a page: nothing to use */
	if (rangeset_overlaps(&ram, start, end))
		return say(b, "/%s: reg 0x%llx+0x%llx overlaps other memory", node,
			   (unsigned long long)base, (unsigned long long)size);
	if (rangeset_add(&ram, start, end))
		return say(b, "/%s: more memory ranges than the boot record holds (%d)", node,
			   BOOTINFO_MAX_MEM);
	return NULL;
}

static const char *read_memory(struct build *b)
{
	const struct fdt *fdt = b->fdt;
	int root = fdt_root(fdt), node, i, n;
	const char *err;

	for (node = fdt_first_child(fdt, root); node >= 0; node = fdt_next_sibling(fdt, node)) {
		const char *name = fdt_node_name(fdt, node);
		uint64_t base, size;

		if (!is_memory(fdt, node))
			continue;
		n = fdt_reg_count(fdt, node);
		if (n < 0)
			return say(b, "/%s: reg is not whole (address, size) cells", name);
		for (i = 0; i < n; i++) {
			if (fdt_reg(fdt, node, i, &base, &size))
				return say(b, "/%s: reg is not whole (address, size) cells", name);
			err = add_ram(b, name, base, size);
			if (err)
				return err;
		}
	}
	if (!ram.nr)
		return say(b, "no /memory node with a reg (device_type = \"memory\")");
	return NULL;
}

static int add_reserved(void *ctx, uint64_t base, uint64_t size, const char *what)
{
	uint64_t start, end;

	if (!pages_out(base, size, &start, &end))
		return 1;
	return rangeset_add(&resv, start, end) ? 2 : 0;
}

static const char *read_reserved(struct build *b)
{
	char what[RESMEM_WHAT_LEN];
	int ret = resmem_walk(b->fdt, add_reserved, NULL, what);

	if (ret == 2)
		return say(b, "%s: more reserved ranges than the boot record holds (%d)", what,
			   BOOTINFO_MAX_MEM);
	if (ret)
		return say(b, "%s: reg is not a usable range", what);
	return NULL;
}

/* Something that lies in memory already and must stay: kept as loaded. */
static const char *keep_loaded(struct build *b, const char *what, uint64_t base, uint64_t size,
			       bool in_ram)
{
	uint64_t start, end;

	if (!pages_out(base, size, &start, &end))
		return say(b, "%s 0x%llx+0x%llx is not a usable range", what,
			   (unsigned long long)base, (unsigned long long)size);
	if (in_ram && !rangeset_contains(&ram, start, end))
		return say(b, "%s 0x%llx+0x%llx is not inside /memory", what,
			   (unsigned long long)base, (unsigned long long)size);
	if (rangeset_add(&load, start, end))
		return say(b, "%s: more loaded ranges than the boot record holds (%d)", what,
			   BOOTINFO_MAX_MEM);
	return NULL;
}

static bool overlaps(uint64_t a, uint64_t alen, uint64_t b, uint64_t blen)
{
	return a < b + blen && b < a + alen;
}

static bool is_module(const struct fdt *fdt, int node)
{
	unsigned int i;

	for (i = 0; i < sizeof(module_compats) / sizeof(module_compats[0]); i++)
		if (fdt_is_compatible(fdt, node, module_compats[i]))
			return true;
	return false;
}

/* A module must not lie on what the hypervisor keeps for other uses. */
static const char *check_module(struct build *b, const char *what, uint64_t base, uint64_t size)
{
	const struct bootinfo_fdt_in *in = b->in;
	uint64_t start, end;
	const struct range *r;

	if (!pages_out(base, size, &start, &end))
		return say(b, "%s: reg 0x%llx+0x%llx is not a usable range", what,
			   (unsigned long long)base, (unsigned long long)size);
	if (overlaps(base, size, in->image_base, in->image_size))
		return say(b, "%s 0x%llx+0x%llx lies on the hypervisor at 0x%llx+0x%llx", what,
			   (unsigned long long)base, (unsigned long long)size,
			   (unsigned long long)in->image_base, (unsigned long long)in->image_size);
	if (overlaps(base, size, in->dtb_pa, fdt_totalsize(b->fdt)))
		return say(b, "%s 0x%llx+0x%llx lies on the device tree at 0x%llx+0x%x", what,
			   (unsigned long long)base, (unsigned long long)size,
			   (unsigned long long)in->dtb_pa, fdt_totalsize(b->fdt));
	r = rangeset_find_overlap(&resv, start, end);
	if (r)
		return say(b, "%s 0x%llx+0x%llx lies on reserved memory 0x%llx-0x%llx", what,
			   (unsigned long long)base, (unsigned long long)size,
			   (unsigned long long)r->start, (unsigned long long)r->end);
	return keep_loaded(b, what, base, size, true);
}

static const char *add_module(struct build *b, int dnode, int node)
{
	struct bootinfo *bi = b->bi;
	struct bootinfo_module *m = &bi->modules[bi->nr_modules];
	char what[2 * BOOTINFO_NAME_LEN + 16];
	uint64_t base, size;
	const char *err;

	fmt_snprintf(what, sizeof(what), "/chosen/%s/%s", fdt_node_name(b->fdt, dnode),
		     fdt_node_name(b->fdt, node));
	if (bi->nr_modules == BOOTINFO_MAX_MODULES)
		return say(b, "%s: more modules than the boot record holds (%d)", what,
			   BOOTINFO_MAX_MODULES);
	if (fdt_reg_count(b->fdt, node) != 1 || fdt_reg(b->fdt, node, 0, &base, &size))
		return say(b, "%s: a module needs one reg entry: where it lies in memory", what);
	err = check_module(b, what, base, size);
	if (err)
		return err;
	m->base = base;
	m->size = size;
	/* The name is for the log only: dom0less matches modules by reg. */
	fmt_snprintf(m->name, sizeof(m->name), "%s", what + strlen("/chosen/"));
	bi->nr_modules++;
	return NULL;
}

static const char *read_modules(struct build *b)
{
	const struct fdt *fdt = b->fdt;
	int chosen = fdt_path_offset(fdt, "/chosen"), dnode, node;
	const char *err;

	for (dnode = chosen < 0 ? chosen : fdt_first_child(fdt, chosen); dnode >= 0;
	     dnode = fdt_next_sibling(fdt, dnode)) {
		if (is_module(fdt, dnode))
			return say(b, "/chosen/%s: a dom0 module, and Tessera has no dom0: put it in a xen,domain node",
				   fdt_node_name(fdt, dnode));
		if (!fdt_is_compatible(fdt, dnode, "xen,domain"))
			continue;
		for (node = fdt_first_child(fdt, dnode); node >= 0;
		     node = fdt_next_sibling(fdt, node)) {
			if (!is_module(fdt, node))
				continue;
			err = add_module(b, dnode, node);
			if (err)
				return err;
		}
	}
	return NULL;
}

/* Xen's xen,xen-bootargs is the hypervisor's own; bootargs is what QEMU's
 * -append and U-Boot's bootargs set. */
static const char *read_options(struct build *b)
{
	int chosen = fdt_path_offset(b->fdt, "/chosen");
	const char *opts;

	if (chosen < 0 || (fdt_read_string(b->fdt, chosen, "xen,xen-bootargs", &opts) &&
			   fdt_read_string(b->fdt, chosen, "bootargs", &opts)))
		return NULL;
	if (strlen(opts) >= sizeof(b->bi->options))
		return say(b, "/chosen: the hypervisor's options are longer than %u characters",
			   (unsigned int)sizeof(b->bi->options) - 1);
	memcpy(b->bi->options, opts, strlen(opts) + 1);
	return NULL;
}

static int by_base(const void *a, const void *b, void *ctx)
{
	const struct bootinfo_mem *x = a, *y = b;

	return x->base < y->base ? -1 : x->base > y->base;
}

static const char *emit(struct build *b, const struct rangeset *rs, uint32_t type)
{
	struct bootinfo *bi = b->bi;
	size_t i;

	for (i = 0; i < rs->nr; i++) {
		if (bi->nr_mem == BOOTINFO_MAX_MEM)
			return say(b, "more memory ranges than the boot record holds (%d)",
				   BOOTINFO_MAX_MEM);
		bi->mem[bi->nr_mem].base = rs->r[i].start;
		bi->mem[bi->nr_mem].size = rs->r[i].end - rs->r[i].start;
		bi->mem[bi->nr_mem].type = type;
		bi->nr_mem++;
	}
	return NULL;
}

/*
 * RAM cut in three, sorted: RESERVED = ram & resv, LOADED = (ram - resv)
 * & load, USABLE = the rest. (x & y is x - (x - y).)
 */
static const char *cut_memory(struct build *b)
{
	const char *err;

	if (set_minus(&tmp, &ram, &resv) || set_minus(&part, &ram, &tmp))
		goto full;
	err = emit(b, &part, BOOTMEM_RESERVED);
	if (err)
		return err;
	if (set_minus(&part, &tmp, &load))
		goto full;
	err = emit(b, &part, BOOTMEM_USABLE);
	if (err)
		return err;
	if (set_minus(&ram, &tmp, &part))	/* ram is not needed any more */
		goto full;
	err = emit(b, &ram, BOOTMEM_LOADED);
	if (err)
		return err;
	sort_heap(b->bi->mem, b->bi->nr_mem, sizeof(b->bi->mem[0]), by_base, NULL);
	return NULL;
full:
	return say(b, "more memory ranges than the boot record holds (%d)", BOOTINFO_MAX_MEM);
}

static void init_sets(void)
{
	rangeset_init(&ram, ram_r, BOOTINFO_MAX_MEM);
	rangeset_init(&resv, resv_r, BOOTINFO_MAX_MEM);
	rangeset_init(&load, load_r, BOOTINFO_MAX_MEM);
	rangeset_init(&tmp, tmp_r, BOOTINFO_MAX_MEM);
	rangeset_init(&part, part_r, BOOTINFO_MAX_MEM);
}

static void init_record(struct bootinfo *bi, const struct fdt *fdt,
			const struct bootinfo_fdt_in *in)
{
	memset(bi, 0, sizeof(*bi));
	bi->magic = BOOTINFO_MAGIC;
	bi->version = BOOTINFO_VERSION;
	bi->size = sizeof(*bi);
	bi->dtb_base = in->dtb_pa;
	bi->dtb_size = fdt_totalsize(fdt);
	bi->image_base = in->image_base;
	bi->image_size = in->image_size;
	/* No loader ran: loader_counter and acpi_rsdp stay 0. */
}

const char *bootinfo_from_fdt(struct bootinfo *bi, const struct fdt *fdt,
			      const struct bootinfo_fdt_in *in, char *why, size_t len)
{
	struct build b = { bi, fdt, in, why, len };
	const char *err;

	init_sets();
	init_record(bi, fdt, in);
	err = read_memory(&b);
	if (!err)
		err = read_reserved(&b);
	if (!err && overlaps(in->image_base, in->image_size, in->dtb_pa, fdt_totalsize(fdt)))
		err = say(&b, "the hypervisor at 0x%llx+0x%llx lies on the device tree at 0x%llx",
			  (unsigned long long)in->image_base, (unsigned long long)in->image_size,
			  (unsigned long long)in->dtb_pa);
	if (!err)
		err = keep_loaded(&b, "the hypervisor", in->image_base, in->image_size, true);
	/* The tree may lie outside RAM (in flash): then there is nothing to keep. */
	if (!err)
		err = keep_loaded(&b, "the device tree", in->dtb_pa, fdt_totalsize(fdt), false);
	if (!err)
		err = read_modules(&b);
	if (!err)
		err = read_options(&b);
	if (!err)
		err = cut_memory(&b);
	return err;
}
