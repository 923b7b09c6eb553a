// SPDX-License-Identifier: GPL-2.0-only
/*
 * bench: what an exit costs, seen from inside an x86 guest (make bench
 * ARCH=x86_64, scripts/bench/bench_x86.py). Each op is done n= times
 * (default 4000) between two reads of the TSC, after a warm-up:
 *   empty  nothing: the loop itself, to subtract
 *   null   VMMCALL 0, the null hypercall
 *   pio    an IN from the vUART's line status register (port 0x3fd)
 *   msr    an RDMSR of the x2APIC's TPR (MSR 0x808), emulated
 *   mmio   a 32-bit read of the vIOAPIC's IOREGSEL (0xfec00000): a
 *          nested page fault and the instruction decoded by the
 *          hypervisor (no decode assists under TCG)
 * Lines: "BENCH freq khz=<TSC kHz>", then "BENCH <op> ops=<n> ticks=<t>".
 * Under QEMU's -icount shift=0 the TSC advances one tick per instruction
 * (guest and hypervisor), so the ticks count instructions.
 */
#include "guest.h"

#define VUART_LSR	0x3fd
#define MSR_X2APIC_TPR	0x808
#define IOAPIC_BASE	0xfec00000ul
#define BENCH_WARMUP	64

enum bench_op { OP_EMPTY, OP_NULL, OP_PIO, OP_MSR, OP_MMIO };

/* What op reads, so that the bench is known to time the emulation
 * itself and not some other path (a #GP, an all-ones port). */
static uint64_t one(enum bench_op op)
{
	uint32_t lo, hi;
	uint64_t ret = 0;

	switch (op) {
	case OP_EMPTY:
		asm volatile("" ::: "memory");
		break;
	case OP_NULL:
		asm volatile("vmmcall" : "=a"(ret) : "a"(0ull) : "memory");
		break;
	case OP_PIO:
		ret = inb(VUART_LSR);
		break;
	case OP_MSR:
		asm volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(MSR_X2APIC_TPR));
		ret = (uint64_t)hi << 32 | lo;
		break;
	case OP_MMIO:
		ret = *(volatile uint32_t *)IOAPIC_BASE;
		break;
	}
	return ret;
}

static int measure(const char *name, enum bench_op op, uint64_t n, uint64_t want)
{
	uint64_t i, t0, t1, got = 0;

	for (i = 0; i < BENCH_WARMUP; i++)
		got = one(op);
	if (got != want) {
		gprintf("FAIL bench: %s read 0x%llx, not 0x%llx\n", name, (unsigned long long)got,
			(unsigned long long)want);
		return -1;
	}
	t0 = guest_rdtsc();
	for (i = 0; i < n; i++)
		one(op);
	t1 = guest_rdtsc();
	gprintf("BENCH %s ops=%llu ticks=%llu\n", name, (unsigned long long)n,
		(unsigned long long)(t1 - t0));
	return 0;
}

int bench_run(void)
{
	uint64_t n = arg_u64("n", 4000);
	uint32_t khz;

	asm volatile("cpuid" : "=a"(khz) : "a"(0x40000010u) : "ebx", "ecx", "edx");
	gprintf("BENCH freq khz=%u\n", khz);
	/* The ABI version; an idle 16550's THRE and TEMT; TPR and IOREGSEL
	 * as reset left them. */
	if (measure("empty", OP_EMPTY, n, 0) || measure("null", OP_NULL, n, 1) ||
	    measure("pio", OP_PIO, n, 0x60) || measure("msr", OP_MSR, n, 0) ||
	    measure("mmio", OP_MMIO, n, 0))
		return -1;
	gprintf("PASS bench\n");
	return 0;
}
