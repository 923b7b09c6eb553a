/* SPDX-License-Identifier: GPL-2.0-only */
/* x86_64 instructions and registers the arch code uses (private). */
#ifndef TESSERA_X86_H
#define TESSERA_X86_H

#include <stdint.h>

#include "arch/io.h"

#define MSR_EFER		0xc0000080u
#define EFER_SCE		(1ull << 0)
#define EFER_LME		(1ull << 8)
#define EFER_LMA		(1ull << 10)
#define EFER_NXE		(1ull << 11)
#define EFER_SVME		(1ull << 12)
#define MSR_VM_CR		0xc0010114u
#define VM_CR_SVMDIS		(1ull << 4)
#define MSR_VM_HSAVE_PA		0xc0010117u
#define MSR_GS_BASE		0xc0000101u
#define MSR_APIC_BASE		0x1bu
#define APIC_BASE_EN		(1ull << 11)
#define APIC_BASE_EXTD		(1ull << 10)	/* x2APIC mode */
#define MSR_X2APIC_ID		0x802u
#define MSR_X2APIC_EOI		0x80bu
#define MSR_X2APIC_SVR		0x80fu
#define MSR_X2APIC_ICR		0x830u
#define MSR_PAT			0x277u

#define CR0_PE			(1ull << 0)
#define CR0_MP			(1ull << 1)
#define CR0_ET			(1ull << 4)
#define CR0_NE			(1ull << 5)
#define CR0_WP			(1ull << 16)
#define CR0_PG			(1ull << 31)
#define CR4_PAE			(1ull << 5)
#define CR4_PGE			(1ull << 7)

#define RFLAGS_IF		(1ull << 9)

#define HYP_CS			0x08	/* host GDT selectors (cpu.c) */
#define HYP_DS			0x10
#define HYP_TSS			0x18

static inline uint64_t rdmsr(uint32_t msr)
{
	uint32_t lo, hi;

	asm volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((uint64_t)hi << 32) | lo;
}

static inline void wrmsr(uint32_t msr, uint64_t v)
{
	asm volatile("wrmsr" :: "c"(msr), "a"((uint32_t)v), "d"((uint32_t)(v >> 32)) : "memory");
}

struct cpuid_regs {
	uint32_t eax, ebx, ecx, edx;
};

static inline struct cpuid_regs cpuid(uint32_t leaf, uint32_t sub)
{
	struct cpuid_regs r;

	asm volatile("cpuid" : "=a"(r.eax), "=b"(r.ebx), "=c"(r.ecx), "=d"(r.edx)
		     : "a"(leaf), "c"(sub));
	return r;
}

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	asm volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

#define read_cr(n) ({ uint64_t __v; asm volatile("mov %%cr" #n ", %0" : "=r"(__v)); __v; })
#define write_cr(n, v) asm volatile("mov %0, %%cr" #n :: "r"((uint64_t)(v)) : "memory")

static inline void cpu_halt_forever(void) __attribute__((noreturn));
static inline void cpu_halt_forever(void)
{
	for (;;)
		asm volatile("cli; hlt");
}

#endif
