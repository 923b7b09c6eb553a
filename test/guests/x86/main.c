// SPDX-License-Identifier: GPL-2.0-only
/*
 * x86 bare-metal test guest. What it knows of its machine comes from
 * its boot_params (e820 map, command line), CPUID and its ACPI tables,
 * so the same binary would run under another hypervisor. The test is
 * chosen by the command line, "test=<name> key=value ...". Each test
 * prints "PASS <test>" or "FAIL <test>: <why>" from what it observed
 * itself; then the guest powers itself off through its ACPI sleep
 * control register.
 */
#include <stdarg.h>

#include "guest.h"
#include "lib/printf.h"
#include "lib/string.h"

#define COM1		0x3f8
#define LSR_THRE	0x20
#define SLEEP_CTL	0x604	/* the guest FADT's sleep control register */
#define SLEEP_S5_EN	((5u << 2) | (1u << 5))
#define BP_E820_ENTRIES	0x1e8
#define BP_E820_TABLE	0x2d0
#define BP_CMD_LINE_PTR	0x228
#define BP_ACPI_RSDP	0x070
#define PAGE		4096ull

extern char _payload[], _end[];
extern const uint64_t guest_vectors[22];
extern const uint64_t guest_irq_vectors[3];

static const uint8_t *boot_params;
static const char *cmdline = "";
static char test_name[32];

struct e820 {
	uint64_t base, size;
	uint32_t type;
} __attribute__((packed));

/* ---- console and power ---- */

static void putc_com1(char c)
{
	unsigned int spins = 0;

	while (!(inb(COM1 + 5) & LSR_THRE) && ++spins < 1000000)
		;
	outb(COM1, (uint8_t)c);
}

void gprintf(const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	const char *p;

	va_start(ap, fmt);
	fmt_vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	for (p = buf; *p; p++)
		putc_com1(*p);
}

void guest_power_off(void)
{
	outb(SLEEP_CTL, SLEEP_S5_EN);
	for (;;)
		asm volatile("cli; hlt");
}

/* ---- command line ---- */

const char *arg(const char *key)
{
	size_t n = strlen(key);
	const char *p = cmdline;

	while (*p) {
		if (!strncmp(p, key, n) && p[n] == '=')
			return p + n + 1;
		p = strchr(p, ' ');
		if (!p)
			break;
		p++;
	}
	return NULL;
}

uint64_t arg_u64(const char *key, uint64_t dflt)
{
	const char *p = arg(key);
	uint64_t v = 0;
	unsigned int base = 10;

	if (!p)
		return dflt;
	if (p[0] == '0' && p[1] == 'x') {
		base = 16;
		p += 2;
	}
	for (; *p && *p != ' '; p++) {
		unsigned int d = *p >= 'a' ? (unsigned int)(*p - 'a' + 10) : (unsigned int)(*p - '0');

		if (d >= base)
			break;
		v = v * base + d;
	}
	return v;
}

/* ---- exceptions ---- */

struct trap_frame {
	uint64_t r11, r10, r9, r8, rdi, rsi, rdx, rcx, rax;
	uint64_t vector, error, rip, cs, rflags, rsp, ss;
};

static volatile unsigned int probe_len;
static volatile int probe_vector;

static void guest_irq(uint64_t vector);

void (*guest_irq_hook)(uint64_t vector, uint64_t at);

void guest_trap(struct trap_frame *f);
void guest_trap(struct trap_frame *f)
{
	if (f->vector >= 0x20) {
		/* The TSC first: irqbench times its handler's entry by it. */
		uint64_t at = guest_rdtsc();

		if (guest_irq_hook)
			guest_irq_hook(f->vector, at);
		else
			guest_irq(f->vector);
		return;
	}
	if (probe_len) {
		probe_vector = (int)f->vector;
		f->rip += probe_len;
		probe_len = 0;
		return;
	}
	gprintf("FAIL %s: exception %llu (error 0x%llx) at rip 0x%llx\n", test_name,
		(unsigned long long)f->vector, (unsigned long long)f->error,
		(unsigned long long)f->rip);
	guest_power_off();
}

int probe(unsigned int len, void (*op)(void *), void *ctx)
{
	probe_vector = -1;
	probe_len = len;
	op(ctx);
	probe_len = 0;
	return probe_vector;
}

static void idt_gate(uint64_t *idt, unsigned int i, uint64_t h, uint16_t cs)
{
	idt[2 * i] = (h & 0xffff) | ((uint64_t)cs << 16) | (0x8eull << 40) |
		     ((h >> 16 & 0xffff) << 48);
	idt[2 * i + 1] = h >> 32;
}

void guest_idt_init(void)
{
	static uint64_t idt[2 * 0x43] __attribute__((aligned(16)));
	struct __attribute__((packed)) {
		uint16_t limit;
		uint64_t base;
	} ptr = { sizeof(idt) - 1, (uint64_t)(uintptr_t)idt };
	uint16_t cs;
	unsigned int i;

	asm volatile("mov %%cs, %0" : "=r"(cs));
	for (i = 0; i < 22; i++)
		idt_gate(idt, i, guest_vectors[i], cs);
	idt_gate(idt, 0x40, guest_irq_vectors[0], cs);
	idt_gate(idt, 0x41, guest_irq_vectors[1], cs);
	idt_gate(idt, 0x42, guest_irq_vectors[2], cs);
	asm volatile("lidt %0" :: "m"(ptr));
}

/* ---- PVH: QEMU's -kernel without a hypervisor ---- */

#define PVH_MAGIC	0x336ec578u

struct pvh_start_info {
	uint32_t magic, version, flags, nr_modules;
	uint64_t modlist, cmdline, rsdp, memmap;
	uint32_t memmap_entries, reserved;
};

struct pvh_memmap {
	uint64_t addr, size;
	uint32_t type, reserved;
};

/* The boot_params the rest of the guest reads, made from the start
 * info head.S's PVH entry was given: command line, RSDP, memory map. */
const uint8_t *pvh_boot_params(const struct pvh_start_info *si);
const uint8_t *pvh_boot_params(const struct pvh_start_info *si)
{
	static uint8_t bp[4096] __attribute__((aligned(16)));
	const struct pvh_memmap *m;
	uint32_t i, n;

	if (si->magic != PVH_MAGIC)
		return bp;		/* no command line: "no such test" */
	*(uint32_t *)(bp + BP_CMD_LINE_PTR) = (uint32_t)si->cmdline;
	*(uint64_t *)(bp + BP_ACPI_RSDP) = si->rsdp;
	if (si->version < 1)
		return bp;
	m = (const struct pvh_memmap *)(uintptr_t)si->memmap;
	n = si->memmap_entries < 128 ? si->memmap_entries : 128;
	for (i = 0; i < n; i++) {
		struct e820 e = { m[i].addr, m[i].size, m[i].type };

		memcpy(bp + BP_E820_TABLE + 20 * i, &e, sizeof(e));
	}
	bp[BP_E820_ENTRIES] = (uint8_t)n;
	return bp;
}

const uint8_t *guest_boot_params(void)
{
	return boot_params;
}

/* ---- what the machine says ---- */

static unsigned int e820_count(void)
{
	return boot_params[BP_E820_ENTRIES];
}

static const struct e820 *e820_at(unsigned int i)
{
	return (const struct e820 *)(boot_params + BP_E820_TABLE + 20 * i);
}

static void cpuid(uint32_t leaf, uint32_t *r)
{
	asm volatile("cpuid" : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3]) : "a"(leaf), "c"(0));
}

/* Write then read back one word per page of every usable range, but
 * this image and page 0. */
static uint64_t ram_check(uint64_t *bad)
{
	uint64_t lo = (uint64_t)(uintptr_t)_payload, hi = (uint64_t)(uintptr_t)_end, pages = 0;
	unsigned int i, pass;

	*bad = 0;
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < e820_count(); i++) {
			const struct e820 *e = e820_at(i);
			uint64_t a;

			if (e->type != 1)
				continue;
			for (a = (e->base + PAGE - 1) & ~(PAGE - 1); a + PAGE <= e->base + e->size;
			     a += PAGE) {
				volatile uint64_t *w = (volatile uint64_t *)(uintptr_t)a;

				if (!a || (a + PAGE > lo && a < hi + 0x10000))
					continue;
				if (!pass) {
					*w = a ^ 0x5445535345524121ull;
					pages++;
				} else if (*w != (a ^ 0x5445535345524121ull) && !*bad) {
					*bad = a;
				}
			}
		}
	return pages;
}

static uint64_t vmmcall(uint64_t fn)
{
	uint64_t ret;

	asm volatile("vmmcall" : "=a"(ret) : "a"(fn) : "memory");
	return ret;
}

static int test_hello(void)
{
	uint32_t r[4], sig[4];
	uint64_t usable = 0, bad, pages;
	unsigned int i;

	for (i = 0; i < e820_count(); i++)
		if (e820_at(i)->type == 1)
			usable += e820_at(i)->size;
	cpuid(0x40000000, r);
	sig[0] = r[1];
	sig[1] = r[2];
	sig[2] = r[3];
	sig[3] = 0;
	cpuid(0x40000010, r);
	gprintf("hello: e820 %u entries, %llu KiB usable, hypervisor \"%s\", tsc %u kHz, acpi rsdp 0x%llx\n",
		e820_count(), (unsigned long long)(usable >> 10), (const char *)sig, r[0],
		(unsigned long long)*(const uint64_t *)(boot_params + BP_ACPI_RSDP));
	if (vmmcall(0) != 1) {
		gprintf("FAIL hello: VMMCALL 0 did not return ABI 1\n");
		return -1;
	}
	pages = ram_check(&bad);
	if (bad) {
		gprintf("FAIL hello: RAM at 0x%llx did not keep what was written\n",
			(unsigned long long)bad);
		return -1;
	}
	gprintf("hello: %llu pages of RAM written and read back\n", (unsigned long long)pages);
	gprintf("PASS hello %s\n", arg("name") ? arg("name") : "");
	return 0;
}

/* A guest that checks its own RAM over and over, while another attacks. */
static int test_victim(void)
{
	uint64_t bad, rounds = arg_u64("rounds", 3), i;

	for (i = 0; i < rounds; i++) {
		ram_check(&bad);
		if (bad) {
			gprintf("FAIL victim: RAM at 0x%llx changed\n", (unsigned long long)bad);
			return -1;
		}
	}
	gprintf("PASS victim\n");
	return 0;
}

/* ---- reset ---- */

#define RESET_MAGIC	0x5445535345524153ull	/* "TESSERAS" */
#define KBC_CMD		0x64
#define KBC_PULSE_RESET	0xfe
#define CF9_RESET	0x06	/* reset the CPU, full reset */

/*
 * test=reset way=cf9|kbc: the guest resets itself through 0xcf9 or the
 * keyboard controller's pulse. The hypervisor restarts it with its RAM
 * kept (only the images are loaded again), so the restarted guest finds
 * the flag it left 4 MiB below the end of its RAM, clears it and passes.
 */
static int test_reset(void)
{
	const char *way = arg("way") ? arg("way") : "cf9";
	bool kbc = !strncmp(way, "kbc", 3);
	volatile uint64_t *flag;
	uint64_t top = 0;
	unsigned int i;

	for (i = 0; i < e820_count(); i++)
		if (e820_at(i)->type == 1 && e820_at(i)->base + e820_at(i)->size > top)
			top = e820_at(i)->base + e820_at(i)->size;
	if (top < (uintptr_t)_end + 8 * 1024 * 1024) {
		gprintf("FAIL reset: no room for the flag below 0x%llx\n", (unsigned long long)top);
		return -1;
	}
	/* Two words, the second the complement, so stale RAM cannot match. */
	flag = (volatile uint64_t *)(uintptr_t)(top - 4 * 1024 * 1024);
	if (flag[0] == RESET_MAGIC && flag[1] == ~RESET_MAGIC) {
		flag[0] = flag[1] = 0;
		gprintf("PASS reset %s\n", kbc ? "kbc" : "cf9");
		return 0;
	}
	flag[0] = RESET_MAGIC;
	flag[1] = ~RESET_MAGIC;
	gprintf("resetting through %s\n", kbc ? "the keyboard controller (0x64)" : "0xcf9");
	if (kbc)
		outb(KBC_CMD, KBC_PULSE_RESET);
	else
		outb(0xcf9, CF9_RESET);
	flag[0] = 0;
	gprintf("FAIL reset: still running after the reset write\n");
	return -1;
}

/* ---- the local APIC: timer and self-IPI ---- */

#define X2APIC_EOI	0x80b
#define X2APIC_SVR	0x80f
#define X2APIC_LVT_TMR	0x832
#define X2APIC_TMR_INIT	0x838
#define X2APIC_TMR_DCR	0x83e
#define X2APIC_SELF_IPI	0x83f
#define MSR_DEADLINE	0x6e0

static volatile unsigned int irqs[2];

void guest_wrmsr(uint32_t msr, uint64_t v)
{
	asm volatile("wrmsr" :: "c"(msr), "a"((uint32_t)v), "d"((uint32_t)(v >> 32)));
}

uint64_t guest_rdmsr(uint32_t msr)
{
	uint32_t lo, hi;

	asm volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((uint64_t)hi << 32) | lo;
}

uint64_t guest_rdtsc(void)
{
	uint32_t lo, hi;

	asm volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

static void guest_irq(uint64_t vector)
{
	irqs[vector - 0x40]++;
	guest_wrmsr(X2APIC_EOI, 0);
}

unsigned int guest_irq_count(unsigned int idx)
{
	return irqs[idx];
}

/* Sleep (HLT with interrupts on) until vector's count reaches n or the
 * TSC passes limit. */
bool guest_wait_irqs(unsigned int idx, unsigned int n, uint64_t limit)
{
	while (irqs[idx] < n && guest_rdtsc() < limit)
		asm volatile("sti; hlt; cli");
	return irqs[idx] >= n;
}

/* The TSC's rate, from the hypervisor's CPUID leaf 0x40000010. */
uint64_t guest_tsc_khz(void)
{
	uint32_t r[4];

	cpuid(0x40000010, r);
	return r[0];
}

static int test_timer(void)
{
	uint64_t khz = guest_tsc_khz(), t0, waited;
	unsigned int base;

	guest_wrmsr(X2APIC_SVR, 0x1ff);
	guest_wrmsr(X2APIC_TMR_DCR, 0xb);		/* divide by 1 */
	guest_wrmsr(X2APIC_LVT_TMR, 0x40);		/* one-shot */
	t0 = guest_rdtsc();
	guest_wrmsr(X2APIC_TMR_INIT, khz * 5);	/* 5 ms */
	if (!guest_wait_irqs(0, 1, t0 + khz * 2000)) {
		gprintf("FAIL timer: the one-shot timer did not fire\n");
		return -1;
	}
	waited = (guest_rdtsc() - t0) / khz;
	gprintf("timer: one-shot after %llu ms\n", (unsigned long long)waited);
	if (waited < 5) {
		gprintf("FAIL timer: the one-shot timer fired early\n");
		return -1;
	}
	guest_wrmsr(X2APIC_LVT_TMR, 0x40 | (1u << 17));	/* periodic */
	guest_wrmsr(X2APIC_TMR_INIT, khz * 2);
	if (!guest_wait_irqs(0, 6, guest_rdtsc() + khz * 2000)) {
		gprintf("FAIL timer: the periodic timer did not fire 5 times (%u interrupts)\n", irqs[0]);
		return -1;
	}
	guest_wrmsr(X2APIC_TMR_INIT, 0);
	/* A tick that came due before the timer stopped is still pending:
	 * take it now, so it is not counted as the deadline's. */
	t0 = guest_rdtsc();
	asm volatile("sti");
	while (guest_rdtsc() < t0 + khz / 2)
		asm volatile("pause");
	asm volatile("cli");
	base = irqs[0];
	guest_wrmsr(X2APIC_LVT_TMR, 0x40 | (2u << 17));	/* TSC-deadline */
	t0 = guest_rdtsc();
	guest_wrmsr(MSR_DEADLINE, t0 + khz * 3);
	if (!guest_wait_irqs(0, base + 1, t0 + khz * 2000) || guest_rdtsc() < t0 + khz * 3) {
		gprintf("FAIL timer: the TSC deadline did not fire, or fired early\n");
		return -1;
	}
	guest_wrmsr(X2APIC_SELF_IPI, 0x41);
	if (!guest_wait_irqs(1, 1, guest_rdtsc() + khz * 2000)) {
		gprintf("FAIL timer: no self-IPI\n");
		return -1;
	}
	gprintf("PASS timer: one-shot, periodic x5, TSC deadline, self-IPI (deadline %u, self-IPI %u)\n",
		irqs[0] - base, irqs[1]);
	return 0;
}

void guest_main(const uint8_t *bp);
void guest_main(const uint8_t *bp)
{
	const char *t;
	size_t n;
	int ret;

	boot_params = bp;
	if (*(const uint32_t *)(bp + BP_CMD_LINE_PTR))
		cmdline = (const char *)(uintptr_t)*(const uint32_t *)(bp + BP_CMD_LINE_PTR);
	guest_idt_init();
	t = arg("test");
	n = t ? (size_t)(strchr(t, ' ') ? strchr(t, ' ') - t : (long)strlen(t)) : 0;
	if (n >= sizeof(test_name))
		n = sizeof(test_name) - 1;
	memcpy(test_name, t ? t : "", n);
	test_name[n] = 0;
	if (!strcmp(test_name, "hello"))
		ret = test_hello();
	else if (!strcmp(test_name, "victim"))
		ret = test_victim();
	else if (!strcmp(test_name, "timer"))
		ret = test_timer();
	else if (!strcmp(test_name, "hostile"))
		ret = hostile_run(arg("attack"));
	else if (!strcmp(test_name, "smp"))
		ret = smp_run();
	else if (!strcmp(test_name, "reset"))
		ret = test_reset();
	else if (!strcmp(test_name, "bench"))
		ret = bench_run();
	else if (!strcmp(test_name, "edu-dma"))
		ret = edu_dma_run();
	else if (!strcmp(test_name, "edu-msi"))
		ret = edu_msi_run();
	else if (!strcmp(test_name, "pci-hostile"))
		ret = pci_hostile_run();
	else if (!strcmp(test_name, "pci-victim"))
		ret = pci_victim_run();
	else if (!strcmp(test_name, "pci-kept"))
		ret = pci_kept_run();
	else if (!strcmp(test_name, "irqbench"))
		ret = irqbench_run();
	else {
		gprintf("FAIL %s: no such test\n", test_name);
		ret = -1;
	}
	(void)ret;
	guest_power_off();
}
