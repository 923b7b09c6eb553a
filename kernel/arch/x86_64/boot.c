// SPDX-License-Identifier: GPL-2.0-only
/*
 * x86_64 guest boot: Linux's boot protocol, 64-bit entry
 * (Documentation/arch/x86/boot.rst, zero-page.rst). The bzImage's
 * protected-mode part is loaded at its preferred address and entered at
 * +0x200 in long mode, on an identity map of the first 4 GiB, with %rsi
 * at the boot_params ("zero page"): the setup header, the e820 map, the
 * command line, the ramdisk and the ACPI RSDP. The ACPI tables are the
 * guest's description module, at the start of the slot at the top of
 * its RAM; the rest is written into the slot's second half.
 */
#include "arch.h"

#include "acpi.h"
#include "arch/guest.h"
#include "arch/guest_tree.h"
#include "dom0less.h"
#include "domain.h"
#include "lib/printf.h"
#include "lib/string.h"
#include "printk.h"

#define HDR_SETUP_SECTS		0x1f1
#define HDR_BOOT_FLAG		0x1fe
#define HDR_JUMP		0x200
#define HDR_MAGIC		0x202
#define HDR_VERSION		0x206
#define HDR_TYPE_OF_LOADER	0x210
#define HDR_RAMDISK_IMAGE	0x218
#define HDR_RAMDISK_SIZE	0x21c
#define HDR_CMD_LINE_PTR	0x228
#define HDR_KERNEL_ALIGN	0x230
#define HDR_RELOCATABLE		0x234
#define HDR_XLOADFLAGS		0x236
#define HDR_CMDLINE_SIZE	0x238
#define HDR_PREF_ADDRESS	0x258
#define HDR_INIT_SIZE		0x260
#define BP_ACPI_RSDP		0x070
#define BP_EXT_RAMDISK_IMAGE	0x0c0
#define BP_EXT_RAMDISK_SIZE	0x0c4
#define BP_EXT_CMD_LINE_PTR	0x0c8
#define BP_E820_ENTRIES		0x1e8
#define BP_E820_TABLE		0x2d0
#define BP_SIZE			0x1000
#define XLF_KERNEL_64		(1u << 0)
#define MIN_PROTOCOL		0x020c	/* xloadflags, 64-bit entry */
#define ENTRY_64		0x200
#define E820_RAM		1
#define E820_RESERVED		2
#define LOADER_UNDEFINED	0xff
#define PTE_P_RW		0x3ull
#define PDE_2M			0x80ull

static uint32_t rd32(const uint8_t *b, unsigned int off)
{
	uint32_t v;

	memcpy(&v, b + off, sizeof(v));
	return v;
}

static uint64_t rd64(const uint8_t *b, unsigned int off)
{
	uint64_t v;

	memcpy(&v, b + off, sizeof(v));
	return v;
}

static void wr32(uint8_t *b, unsigned int off, uint32_t v)
{
	memcpy(b + off, &v, sizeof(v));
}

static void wr64(uint8_t *b, unsigned int off, uint64_t v)
{
	memcpy(b + off, &v, sizeof(v));
}

int arch_kernel_layout(const void *image, uint64_t size, struct kernel_layout *out)
{
	const uint8_t *b = image;
	uint64_t setup, pref, align, init;

	if (size < 0x270 || rd32(b, HDR_MAGIC) != 0x53726448 /* "HdrS" */ ||
	    (b[HDR_BOOT_FLAG] | b[HDR_BOOT_FLAG + 1] << 8) != 0xaa55 ||
	    (b[HDR_VERSION] | b[HDR_VERSION + 1] << 8) < MIN_PROTOCOL ||
	    !(b[HDR_XLOADFLAGS] & XLF_KERNEL_64))
		return -1;
	setup = (uint64_t)((b[HDR_SETUP_SECTS] ? b[HDR_SETUP_SECTS] : 4) + 1) * 512;
	pref = rd64(b, HDR_PREF_ADDRESS);
	align = rd32(b, HDR_KERNEL_ALIGN);
	init = rd32(b, HDR_INIT_SIZE);
	if (size < HDR_JUMP + 2u + b[HDR_JUMP + 1] || setup >= size || !pref || (align && (pref & (align - 1))) ||
	    pref < GUEST_HIGH_RAM_START || init < size - setup)
		return -1;
	out->file_offset = setup;
	out->load_offset = pref;
	out->mem_size = init;
	out->entry_offset = pref + ENTRY_64;
	return 0;
}

/* What each part of the slot at the top of RAM holds, after the ACPI
 * tables in its first half. */
struct boot_slot {
	uint64_t params, cmdline, gdt, pml4, pdpt, pd;	/* offsets in RAM */
};

static struct boot_slot slot_layout(uint64_t desc_off, uint64_t slot_size)
{
	uint64_t b = desc_off + slot_size / 2;

	return (struct boot_slot){
		.params = b, .cmdline = b + 0x1000, .gdt = b + 0x2000,
		.pml4 = b + 0x3000, .pdpt = b + 0x4000, .pd = b + 0x5000, /* 4 pages */
	};
}

/* Identity map of 4 GiB in 2 MiB pages: what the 64-bit entry needs
 * (kernel, boot_params, command line); Linux builds its own at once. */
static void early_page_tables(struct domain *d, uint8_t *ram, const struct boot_slot *s)
{
	uint64_t *pml4 = (uint64_t *)(ram + s->pml4), *pdpt = (uint64_t *)(ram + s->pdpt);
	uint64_t *pd = (uint64_t *)(ram + s->pd);
	unsigned int i;

	memset(pml4, 0, 6 * 0x1000);
	pml4[0] = (d->ram_ipa + s->pdpt) | PTE_P_RW;
	for (i = 0; i < 4; i++)
		pdpt[i] = (d->ram_ipa + s->pd + i * 0x1000) | PTE_P_RW;
	for (i = 0; i < 4 * 512; i++)
		pd[i] = ((uint64_t)i << 21) | PTE_P_RW | PDE_2M;
	d->arch.boot.cr3 = d->ram_ipa + s->pml4;
}

/* __BOOT_CS (0x10) and __BOOT_DS (0x18), flat. */
static void boot_gdt(struct domain *d, uint8_t *ram, const struct boot_slot *s)
{
	uint64_t *gdt = (uint64_t *)(ram + s->gdt);

	gdt[0] = gdt[1] = 0;
	gdt[2] = 0x00af9a000000ffffull;
	gdt[3] = 0x00cf92000000ffffull;
	d->arch.boot.gdt_base = d->ram_ipa + s->gdt;
}

static unsigned int e820_add(uint8_t *bp, unsigned int n, uint64_t base, uint64_t size,
			     uint32_t type)
{
	uint8_t *e = bp + BP_E820_TABLE + 20 * n;

	wr64(e, 0, base);
	wr64(e, 8, size);
	wr32(e, 16, type);
	return n + 1;
}

/* RAM below 640 KiB, the legacy hole reserved, RAM from 1 MiB up to
 * the slot, which stays reserved (the ACPI tables live there), and the
 * virtual ECAM reserved: Linux takes an MCFG window only if it is. */
static void e820_map(struct domain *d, uint8_t *bp, uint64_t desc_off, uint64_t slot_size)
{
	unsigned int n = 0;

	n = e820_add(bp, n, d->ram_ipa, GUEST_LOW_RAM_END, E820_RAM);
	n = e820_add(bp, n, d->ram_ipa + GUEST_LOW_RAM_END,
		     GUEST_HIGH_RAM_START - GUEST_LOW_RAM_END, E820_RESERVED);
	n = e820_add(bp, n, d->ram_ipa + GUEST_HIGH_RAM_START, desc_off - GUEST_HIGH_RAM_START,
		     E820_RAM);
	n = e820_add(bp, n, d->ram_ipa + desc_off, slot_size, E820_RESERVED);
	n = e820_add(bp, n, GUEST_VPCI_ECAM_BASE, GUEST_VPCI_ECAM_SIZE, E820_RESERVED);
	bp[BP_E820_ENTRIES] = (uint8_t)n;
}

/* A module from the ESP (the planner's) is checked like any input; the
 * loader's own tables pass the same check. */
static int check_acpi(struct domain *d, const uint8_t *desc, uint64_t desc_off)
{
	const char *why;

	if (!d->dtb.size)
		return 0;
	why = guest_acpi_check(desc, d->dtb.size, d->ram_ipa + desc_off, d->nr_vcpus);
	if (why) {
		dom_err(d, "guest ACPI tables refused: %s", why);
		return -1;
	}
	return 0;
}

/* Whether the command line has a word starting with KEY. */
static bool cmdline_has(const char *args, const char *key)
{
	size_t n = strlen(key);
	const char *p;

	for (p = args; *p; p++)
		if ((p == args || p[-1] == ' ') && !strncmp(p, key, n))
			return true;
	return false;
}

/*
 * The guest's command line, and the TSC frequency the hypervisor
 * measured (tsc_early_khz=): Linux takes it from CPUID leaf 0x40000010
 * only under hypervisors it knows, and the guest has no PIT, HPET or PM
 * timer to calibrate against. A frequency the user gave stays.
 */
static int write_cmdline(struct domain *d, uint8_t *ram, uint8_t *bp, const struct boot_slot *s)
{
	const char *args = d->bootargs ? d->bootargs : "";
	uint64_t max = rd32(bp, HDR_CMDLINE_SIZE);
	char *line = (char *)(ram + s->cmdline);
	int len;

	if (cmdline_has(args, "tsc_early_khz="))
		len = fmt_snprintf(line, 0x1000, "%s", args);
	else
		len = fmt_snprintf(line, 0x1000, "%s%stsc_early_khz=%llu", args, *args ? " " : "",
				   (unsigned long long)(acpi_tsc_hz() / 1000));
	if (len >= 0x1000 || (max && (uint64_t)len > max)) {
		dom_err(d, "command line of %d bytes is longer than the kernel takes", len);
		return -1;
	}
	wr32(bp, HDR_CMD_LINE_PTR, (uint32_t)(d->ram_ipa + s->cmdline));
	wr32(bp, BP_EXT_CMD_LINE_PTR, (uint32_t)((d->ram_ipa + s->cmdline) >> 32));
	return 0;
}

int arch_guest_describe(struct domain *d, uint8_t *ram, const struct kernel_layout *kl,
			uint64_t rd_off, uint64_t desc_off, uint64_t slot_size)
{
	const uint8_t *kernel = (const uint8_t *)(uintptr_t)d->kernel.pa;
	struct boot_slot s = slot_layout(desc_off, slot_size);
	uint8_t *bp = ram + s.params;
	uint64_t rd = d->ram_ipa + rd_off;

	if (check_acpi(d, ram + desc_off, desc_off))
		return -1;
	memset(bp, 0, BP_SIZE);
	/* The setup header as the kernel has it, from 0x1f1 to its end. */
	memcpy(bp + HDR_SETUP_SECTS, kernel + HDR_SETUP_SECTS,
	       HDR_JUMP + 2 + kernel[HDR_JUMP + 1] - HDR_SETUP_SECTS);
	bp[HDR_TYPE_OF_LOADER] = LOADER_UNDEFINED;
	if (write_cmdline(d, ram, bp, &s))
		return -1;
	if (d->ramdisk.size) {
		wr32(bp, HDR_RAMDISK_IMAGE, (uint32_t)rd);
		wr32(bp, HDR_RAMDISK_SIZE, (uint32_t)d->ramdisk.size);
		wr32(bp, BP_EXT_RAMDISK_IMAGE, (uint32_t)(rd >> 32));
		wr32(bp, BP_EXT_RAMDISK_SIZE, (uint32_t)(d->ramdisk.size >> 32));
	}
	if (d->dtb.size)
		wr64(bp, BP_ACPI_RSDP, d->ram_ipa + desc_off);
	e820_map(d, bp, desc_off, slot_size);
	early_page_tables(d, ram, &s);
	boot_gdt(d, ram, &s);
	d->entry_ipa = d->ram_ipa + kl->entry_offset;
	d->dtb_ipa = d->ram_ipa + s.params;	/* %rsi at the 64-bit entry */
	return 0;
}
