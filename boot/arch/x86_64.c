// SPDX-License-Identifier: GPL-2.0-only
/*
 * The loader's x86_64 part (boot/arch.h): a Tessera x86_64 image ("TX64"
 * header, lib/image.h) entered at its first byte, in 64-bit mode on the
 * firmware's identity-mapped page tables and the loader's stack, with
 * interrupts off and %rdi = the boot record (SysV calling convention).
 * The hypervisor brings its own GDT, IDT and page tables. x86 caches are
 * coherent with instruction fetch and DMA: nothing to clean.
 */
#include "../arch.h"	/* boot/arch.h, not kernel/arch.h */

#include "lib/image.h"
#include "lib/printf.h"

#define CPUID_EXT_FEATURES	0x80000001u
#define CPUID_EXT_ECX_SVM	(1u << 2)
#define CPUID_SVM_FEATURES	0x8000000au
#define CPUID_SVM_EDX_NPT	(1u << 0)

const uint32_t arch_image_magic = IMAGE_MAGIC_X86_64;
const char arch_image_kind[] = "a Tessera x86_64 image";
const char arch_hyp_mode[] = "x86_64 host mode";
/* The MCFG, the IVRS and the DSDT (kernel/arch/x86_64/acpi.c). */
const bool arch_reads_acpi = true;

uint64_t arch_loader_counter(void)
{
	uint32_t lo, hi;

	asm volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (uint64_t)hi << 32 | lo;
}

static void cpuid(uint32_t leaf, uint32_t *a, uint32_t *b, uint32_t *c, uint32_t *d)
{
	asm volatile("cpuid" : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d) : "a"(leaf), "c"(0));
}

/* The hypervisor needs AMD SVM with nested paging (the only kind QEMU's
 * TCG emulates); say so here rather than fault in host mode. */
const char *arch_loader_check(char *buf, unsigned int len)
{
	uint32_t a, b, c, d, max;

	cpuid(0x80000000u, &max, &b, &c, &d);
	if (max < CPUID_SVM_FEATURES)
		c = 0;
	else
		cpuid(CPUID_EXT_FEATURES, &a, &b, &c, &d);
	if (!(c & CPUID_EXT_ECX_SVM)) {
		fmt_snprintf(buf, len, "the CPU has no AMD SVM; Tessera needs it (QEMU: -cpu max,+svm,+npt)");
		return buf;
	}
	cpuid(CPUID_SVM_FEATURES, &a, &b, &c, &d);
	if (!(d & CPUID_SVM_EDX_NPT)) {
		fmt_snprintf(buf, len,
			     "the CPU has SVM without nested paging; Tessera needs both (QEMU: -cpu max,+svm,+npt)");
		return buf;
	}
	return NULL;
}

void arch_enter(struct bootinfo *bi)
{
	/* A call, not a jump, so that %rsp + 8 is 16-byte aligned at the
	 * entry as for any SysV function; the hypervisor never returns. */
	asm volatile("cli\n\t"
		     "cld\n\t"
		     "and $-16, %%rsp\n\t"
		     "call *%0\n"
		     "1:\thlt\n\t"
		     "jmp 1b"
		     : : "r"(bi->image_base), "D"(bi) : "memory");
	__builtin_unreachable();
}
