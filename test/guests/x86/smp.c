// SPDX-License-Identifier: GPL-2.0-only
/*
 * test=smp: a guest with 2 vCPUs, both in x2APIC mode. The boot vCPU
 * starts the second by INIT-SIPI at a real-mode page (tramp.S); the
 * second sends an IPI to APIC ID 0 (physical, vector 0x41), the first
 * answers with one to logical cluster 0, CPU bit 1 (vector 0x40). Then
 * the second parks itself (HLT with interrupts off), which must not
 * stop the guest, and the first reports and powers off.
 */
#include "guest.h"

#include <stddef.h>

#include "lib/string.h"

#define X2APIC_ID	0x802
#define X2APIC_SVR	0x80f
#define X2APIC_ICR	0x830
#define ICR_LOGICAL	(1u << 11)
#define ICR_INIT	(5u << 8)
#define ICR_SIPI	(6u << 8)
#define ICR_ASSERT	(1u << 14)
#define TRAMP_PAGE	0x8000u		/* below 1 MiB, in e820 RAM */
#define AP_STACK_SIZE	8192

extern const uint8_t tramp_start[], tramp_end[], tramp_cr3[], tramp_stack[], tramp_entry[];

static uint8_t ap_stack[AP_STACK_SIZE] __attribute__((aligned(16)));
static volatile uint32_t ap_apic_id = ~0u;
static volatile int ap_stage;	/* 1: running, 2: got the answer */

static uint64_t rdmsr(uint32_t msr)
{
	uint32_t lo, hi;

	asm volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((uint64_t)hi << 32) | lo;
}

static uint64_t tsc_khz(void)
{
	uint32_t a, b, c, d;

	asm volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(0x40000010u), "c"(0));
	return a;
}

/* Where a symbol of the trampoline lands in its copy. */
static void *in_copy(const uint8_t *sym)
{
	return (void *)(uintptr_t)(TRAMP_PAGE + (uintptr_t)(sym - tramp_start));
}

static void ap_main(void)
{
	guest_idt_init();
	guest_wrmsr(X2APIC_SVR, 0x1ff);
	ap_apic_id = (uint32_t)rdmsr(X2APIC_ID);
	ap_stage = 1;
	guest_wrmsr(X2APIC_ICR, ((uint64_t)0 << 32) | 0x41);
	if (guest_wait_irqs(0, 1, guest_rdtsc() + tsc_khz() * 2000))
		ap_stage = 2;
	asm volatile("cli; hlt");	/* parked: the guest runs on */
}

static void start_ap(void)
{
	uint64_t cr3, entry = (uint64_t)(uintptr_t)ap_main;
	uint64_t stack = (uint64_t)(uintptr_t)(ap_stack + sizeof(ap_stack));

	memcpy((void *)(uintptr_t)TRAMP_PAGE, tramp_start, (size_t)(tramp_end - tramp_start));
	asm volatile("mov %%cr3, %0" : "=r"(cr3));
	memcpy(in_copy(tramp_cr3), &cr3, 8);
	memcpy(in_copy(tramp_stack), &stack, 8);
	memcpy(in_copy(tramp_entry), &entry, 8);
	guest_wrmsr(X2APIC_ICR, (1ull << 32) | ICR_INIT | ICR_ASSERT);
	guest_wrmsr(X2APIC_ICR, (1ull << 32) | ICR_SIPI | ICR_ASSERT | (TRAMP_PAGE >> 12));
}

int smp_run(void)
{
	uint64_t khz = tsc_khz(), t0;

	guest_wrmsr(X2APIC_SVR, 0x1ff);
	start_ap();
	if (!guest_wait_irqs(1, 1, guest_rdtsc() + khz * 5000) || ap_stage != 1) {
		gprintf("FAIL smp: the second vCPU did not come up and send its IPI (stage %d)\n",
			ap_stage);
		return -1;
	}
	gprintf("smp: vCPU with x2APIC ID %u up by INIT-SIPI, its IPI came\n", ap_apic_id);
	guest_wrmsr(X2APIC_ICR, ((uint64_t)((0u << 16) | (1u << 1)) << 32) | ICR_LOGICAL | 0x40);
	for (t0 = guest_rdtsc(); ap_stage != 2 && guest_rdtsc() - t0 < khz * 5000;)
		asm volatile("pause");
	if (ap_stage != 2) {
		gprintf("FAIL smp: the second vCPU did not get the logical IPI\n");
		return -1;
	}
	gprintf("PASS smp: INIT-SIPI, a physical IPI and a logical one between its own vCPUs\n");
	return 0;
}
