// SPDX-License-Identifier: GPL-2.0-only
/*
 * Hostile x86 guest: attack=<name> tries one thing it must not get. An
 * attack that the hypervisor answers by stopping the guest never comes
 * back to print; one it answers with a fault or all-ones prints PASS
 * with what it saw (test/integration/cases/x86-hostile-*.case).
 */
#include "guest.h"
#include "lib/string.h"

#define VEC_UD	6
#define VEC_GP	13

struct msr_op {
	uint32_t msr;
	uint64_t val;
};

static void op_rdmsr(void *ctx)
{
	struct msr_op *m = ctx;
	uint32_t lo, hi;

	asm volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(m->msr));
	m->val = ((uint64_t)hi << 32) | lo;
}

static void op_wrmsr(void *ctx)
{
	struct msr_op *m = ctx;

	asm volatile("wrmsr" :: "c"(m->msr), "a"((uint32_t)m->val), "d"((uint32_t)(m->val >> 32)));
}

/* The guest's own PIT channel 2, latched: its count. */
static uint16_t pit2_latched(void)
{
	uint8_t lo;

	outb(0x43, 0x80);	/* channel 2, counter latch */
	lo = inb(0x42);
	return (uint16_t)(inb(0x42) << 8 | lo);
}

static int attack_ports(void)
{
	uint8_t pic = inb(0x21), cmos, rtc_d;
	uint16_t pit0, pit1;
	uint32_t cfg, i;

	/* CMOS: the shutdown status byte (0x0f), which a PC's firmware acts
	 * on at reset, written and read back; then the RTC's status D. The
	 * guest's CMOS is its own read-only vRTC. */
	outb(0x70, 0x0f);
	outb(0x71, 0x0a);
	cmos = inb(0x71);
	outb(0x70, 0x0d);
	rtc_d = inb(0x71);
	outl(0xcf8, 0x80000000u);	/* bus 0, device 0: the host bridge */
	cfg = inl(0xcfc);
	/* PIT channel 2 in mode 0 from 0xffff, gate on: it counts down. */
	outb(0x61, (inb(0x61) & ~0x02) | 0x01);
	outb(0x43, 0xb0);
	outb(0x42, 0xff);
	outb(0x42, 0xff);
	pit0 = pit2_latched();
	for (i = 0; i < 100000; i++)
		asm volatile("pause");
	pit1 = pit2_latched();
	gprintf("hostile: PIC 0x%02x CMOS 0x0f 0x%02x, RTC status D 0x%02x, PCI 0x%08x, PIT 2 %s\n",
		pic, cmos, rtc_d, cfg, pit1 < pit0 ? "counts down" : "stands still");
	if (pic != 0xff || cmos != 0 || rtc_d != 0x80 || cfg != 0xffffffffu || pit1 >= pit0)
		return -1;
	gprintf("PASS hostile ports: all-ones, CMOS and PIT only the guest's own\n");
	return 0;
}

/* The host's SVM state and platform MSRs: each must fault. */
static int attack_msr(void)
{
	static const uint32_t msrs[] = { 0xc0010117, 0xc0010114, 0x3a, 0x1a0, 0xc0011029 };
	struct msr_op efer = { 0xc0000080, 0 };
	unsigned int i;

	for (i = 0; i < sizeof(msrs) / sizeof(msrs[0]); i++) {
		struct msr_op m = { msrs[i], 0 };

		if (probe(2, op_rdmsr, &m) != VEC_GP || probe(2, op_wrmsr, &m) != VEC_GP) {
			gprintf("FAIL hostile: MSR 0x%x did not fault\n", msrs[i]);
			return -1;
		}
	}
	if (probe(2, op_rdmsr, &efer) != -1 || (efer.val & (1u << 12))) {
		gprintf("FAIL hostile: EFER reads 0x%llx\n", (unsigned long long)efer.val);
		return -1;
	}
	efer.val &= ~(1ull << 12);	/* SVME off: must not reach the real EFER */
	if (probe(2, op_wrmsr, &efer) != -1) {
		gprintf("FAIL hostile: EFER write faulted\n");
		return -1;
	}
	gprintf("PASS hostile msr: #GP off the whitelist, EFER without SVME\n");
	return 0;
}

static void op_vmrun(void *c) { (void)c; asm volatile("xor %%eax, %%eax; vmrun" ::: "rax", "memory"); }
static void op_vmload(void *c) { (void)c; asm volatile("xor %%eax, %%eax; vmload" ::: "rax", "memory"); }
static void op_vmsave(void *c) { (void)c; asm volatile("xor %%eax, %%eax; vmsave" ::: "rax", "memory"); }
static void op_stgi(void *c) { (void)c; asm volatile("stgi" ::: "memory"); }
static void op_clgi(void *c) { (void)c; asm volatile("clgi" ::: "memory"); }
static void op_skinit(void *c) { (void)c; asm volatile("xor %%eax, %%eax; skinit" ::: "rax", "memory"); }

/* SVM instructions: #UD (it has no SVM); an unknown hypercall: -ENOSYS. */
static int attack_svm(void)
{
	void (*const ops[])(void *) = { op_vmrun, op_vmload, op_vmsave, op_stgi, op_clgi,
					op_skinit };
	static const char *const names[] = { "vmrun", "vmload", "vmsave", "stgi", "clgi",
					     "skinit" };
	uint64_t ret;
	unsigned int i;

	for (i = 0; i < 6; i++) {
		int vec = probe(3, ops[i], NULL);

		if (vec != VEC_UD) {
			gprintf("FAIL hostile: %s gave vector %d, not #UD\n", names[i], vec);
			return -1;
		}
	}
	asm volatile("vmmcall" : "=a"(ret) : "a"(0x7777ull) : "memory");
	if (ret != (uint64_t)-38ll) {
		gprintf("FAIL hostile: unknown hypercall returned 0x%llx\n", (unsigned long long)ret);
		return -1;
	}
	gprintf("PASS hostile svm: #UD for each SVM instruction, -ENOSYS for an unknown call\n");
	return 0;
}

static void op_cr4_vmxe(void *c)
{
	uint64_t cr4;

	(void)c;
	asm volatile("mov %%cr4, %0" : "=r"(cr4));
	cr4 |= 1ull << 13;
	asm volatile("mov %0, %%cr4" :: "r"(cr4));
}

/*
 * CR4.VMXE is reserved on AMD. TCG's CR4 write takes it, but VMRUN then
 * refuses the state: the hypervisor stops the guest with one line (the
 * case expects it). On hardware the write itself would raise #GP.
 */
static int attack_cr(void)
{
	gprintf("hostile: trying CR4.VMXE\n");
	if (probe(3, op_cr4_vmxe, NULL) == VEC_GP) {
		gprintf("PASS hostile cr: #GP for CR4.VMXE\n");
		return 0;
	}
	asm volatile("vmmcall" :: "a"(0ull) : "memory");	/* an exit, so a VMRUN follows */
	gprintf("FAIL hostile: running with CR4.VMXE set\n");
	return -1;
}

/* Stopped by the hypervisor before the access completes. */
static int attack_access(bool write)
{
	uint64_t a = arg_u64("addr", 0);
	volatile uint32_t *p = (volatile uint32_t *)(uintptr_t)a;
	uint32_t v;

	gprintf("hostile: trying %s 0x%llx\n", write ? "write" : "read", (unsigned long long)a);
	if (write) {
		*p = 0x48414b44;
		gprintf("FAIL hostile: write to 0x%llx completed\n", (unsigned long long)a);
	} else {
		v = *p;
		gprintf("FAIL hostile: read of 0x%llx gave 0x%x\n", (unsigned long long)a, v);
	}
	return -1;
}

/* No IDT at all, then an exception: the CPU shuts down. */
static int attack_triple(void)
{
	struct __attribute__((packed)) {
		uint16_t limit;
		uint64_t base;
	} none = { 0, 0 };

	gprintf("hostile: trying triple fault\n");
	asm volatile("lidt %0; int3" :: "m"(none));
	gprintf("FAIL hostile: survived a triple fault\n");
	return -1;
}

/* The IOAPIC page at 0xfec00000 is the guest's own virtual IOAPIC: its
 * version register answers, and an unknown offset reads 0. */
static int attack_ioapic(void)
{
	volatile uint32_t *sel = (volatile uint32_t *)0xfec00000ull;
	volatile uint32_t *win = (volatile uint32_t *)0xfec00010ull;
	uint32_t ver, other;

	*sel = 1;
	ver = *win;
	other = *(volatile uint32_t *)0xfec00020ull;
	gprintf("hostile: IOAPIC version 0x%08x, offset 0x20 reads 0x%x\n", ver, other);
	if (ver != 0x00170020u || other)
		return -1;
	gprintf("PASS hostile ioapic: its own virtual IOAPIC\n");
	return 0;
}

/* IPIs to APIC IDs it does not have (it has one vCPU, ID 0): physical
 * 1 and 0xfe, and logical cluster 1. Nothing may come back to it. */
static int attack_ipi(void)
{
	static const uint64_t icrs[] = { (1ull << 32) | 0x4041, (0xfeull << 32) | 0x4041,
					 (0x10001ull << 32) | 0x4841 };
	unsigned int i;

	for (i = 0; i < 3; i++) {
		struct msr_op m = { 0x830, icrs[i] };

		if (probe(2, op_wrmsr, &m) != -1) {
			gprintf("FAIL hostile: an IPI write faulted\n");
			return -1;
		}
	}
	gprintf("PASS hostile ipi: sent to APIC IDs 0x1, 0xfe and cluster 1\n");
	return 0;
}

/* Interrupts off, then HLT: it could never wake, so it is stopped. */
/*
 * IA32_APIC_BASE moves the SDM refuses (#GP): x2APIC straight to xAPIC,
 * disabled straight to x2APIC, another page. The allowed way back,
 * through disabled and xAPIC, must work.
 */
static int attack_apicbase(void)
{
	static const struct { uint64_t low; bool ok; } steps[] = {
		{ 0x900, false },	/* x2APIC -> xAPIC */
		{ 0x100, true },	/* -> disabled */
		{ 0xd00, false },	/* disabled -> x2APIC */
		{ 0x900, true },	/* -> xAPIC */
		{ 0xd00, true },	/* -> x2APIC */
	};
	struct msr_op m = { 0x1b, 0 };
	unsigned int i;

	for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		m.val = 0xfee00000ull | steps[i].low;
		if ((probe(2, op_wrmsr, &m) == -1) != steps[i].ok) {
			gprintf("FAIL hostile apicbase: step %u (0x%llx) %s\n", i,
				(unsigned long long)m.val, steps[i].ok ? "refused" : "taken");
			return -1;
		}
		if (probe(2, op_rdmsr, &m) != -1 || (steps[i].ok && m.val != (0xfee00000ull | steps[i].low))) {
			gprintf("FAIL hostile apicbase: after step %u it reads 0x%llx\n", i,
				(unsigned long long)m.val);
			return -1;
		}
	}
	m.val = 0xfed00d00ull;		/* the page elsewhere */
	if (probe(2, op_wrmsr, &m) != VEC_GP) {
		gprintf("FAIL hostile apicbase: the APIC page moved\n");
		return -1;
	}
	gprintf("PASS hostile apicbase: x2APIC to xAPIC, disabled to x2APIC and another page refused; back to x2APIC through disabled and xAPIC\n");
	return 0;
}

static int attack_hlt(void)
{
	gprintf("hostile: trying cli; hlt\n");
	asm volatile("cli; hlt");
	gprintf("FAIL hostile: woke from cli; hlt\n");
	return -1;
}

int hostile_run(const char *attack)
{
	if (!attack)
		attack = "";
	if (!strncmp(attack, "ports", 5))
		return attack_ports();
	if (!strncmp(attack, "msr", 3))
		return attack_msr();
	if (!strncmp(attack, "svm", 3))
		return attack_svm();
	if (!strncmp(attack, "cr", 2))
		return attack_cr();
	if (!strncmp(attack, "read", 4))
		return attack_access(false);
	if (!strncmp(attack, "write", 5))
		return attack_access(true);
	if (!strncmp(attack, "ipi", 3))
		return attack_ipi();
	if (!strncmp(attack, "apicbase", 8))
		return attack_apicbase();
	if (!strncmp(attack, "hlt", 3))
		return attack_hlt();
	if (!strncmp(attack, "ioapic", 6))
		return attack_ioapic();
	if (!strncmp(attack, "triple", 6))
		return attack_triple();
	gprintf("FAIL hostile: no attack \"%s\"\n", attack);
	return -1;
}
