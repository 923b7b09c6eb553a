// SPDX-License-Identifier: GPL-2.0-only
/*
 * The loader's arm64 part (boot/arch.h): an arm64 Image entered at EL2
 * with x0 = the boot record, MMU and D-cache as UEFI left them, DAIF
 * masked, and everything it reads cleaned to the point of coherency.
 */
#include "../arch.h"	/* boot/arch.h, not kernel/arch.h */

#include "lib/image.h"
#include "lib/printf.h"

const uint32_t arch_image_magic = IMAGE_MAGIC;
const char arch_image_kind[] = "an arm64 Image";
const char arch_hyp_mode[] = "EL2";
/* Guests boot from the device tree; nothing reads ACPI on arm64. U-Boot
 * keeps its copy of its tree there, just below RAM + 128 MiB on virt,
 * where a planned guest's RAM lies (the loader copies any tree it
 * uses). */
const bool arch_reads_acpi = false;

uint64_t arch_loader_counter(void)
{
	uint64_t c;

	asm volatile("isb; mrs %0, cntpct_el0" : "=r"(c));
	return c;
}

static unsigned int current_el(void)
{
	uint64_t el;

	asm volatile("mrs %0, CurrentEL" : "=r"(el));
	return (el >> 2) & 3;
}

const char *arch_loader_check(char *buf, unsigned int len)
{
	if (current_el() == 2)
		return NULL;
	fmt_snprintf(buf, len,
		     "firmware started the loader at EL%u; Tessera needs EL2 (QEMU: -M virt,virtualization=on)",
		     current_el());
	return buf;
}

/* Clean [start, start + size) to the point of coherency by VA: the
 * hypervisor starts with its MMU and D-cache off. */
static void clean_dcache(uint64_t start, uint64_t size)
{
	uint64_t ctr, line, a;

	asm volatile("mrs %0, ctr_el0" : "=r"(ctr));
	line = 4u << ((ctr >> 16) & 0xf);	/* DminLine, in words */
	for (a = start & ~(line - 1); a < start + size; a += line)
		asm volatile("dc cvac, %0" : : "r"(a) : "memory");
}

void arch_enter(struct bootinfo *bi)
{
	unsigned int i;

	asm volatile("msr daifset, #0xf" ::: "memory");
	clean_dcache(bi->image_base, bi->image_size);
	clean_dcache(bi->dtb_base, bi->dtb_size);
	clean_dcache((uint64_t)bi, sizeof(*bi));
	for (i = 0; i < bi->nr_modules; i++)
		clean_dcache(bi->modules[i].base, bi->modules[i].size);
	/* The cleans complete before the I-cache drops stale lines of the
	 * hypervisor's text, and before we fetch from it. */
	asm volatile("dsb sy; ic iallu; dsb sy; isb" ::: "memory");
	((void (*)(struct bootinfo *))bi->image_base)(bi);
	/* Boot services are gone: there is no firmware to return to. */
	for (;;)
		asm volatile("wfi");
}
