// SPDX-License-Identifier: GPL-2.0-only
/*
 * test=irqbench n=N on x86: what a device's MSI costs, from the device
 * raising it to the guest's handler, for make bench ARCH=x86_64
 * (scripts/bench/bench_x86.py, docs/bench.md). The x86 counterpart of
 * test/guests/irqbench.c's MSI half. The guest finds QEMU's edu
 * (1234:11e8) on its bus 0, aims the edu's MSI at its own APIC ID with
 * vector 0x42, and makes it raise its interrupt (a write to BAR0 +
 * 0x60) N times after 16 to warm up, each time waiting for the handler.
 * The same binary runs under Tessera (its bzImage: the MSI goes through
 * AMD-Vi's interrupt remapping to a host vector, the hypervisor, then
 * the guest's virtual x2APIC) and on QEMU's q35 directly (its ELF's PVH
 * entry: the MSI straight to the x2APIC, BAR0 where SeaBIOS put it).
 * Lines:
 *   BENCH irq-tsc khz=<TSC rate>
 *   BENCH irq-msi n=<n> vector=<v> entry_sum=<ticks> round_sum=<ticks>
 *         entry_median=<> entry_min=<> entry_max=<> round_median=<>
 * entry: from the TSC just before the raise write to the TSC first
 * thing in the handler (guest_trap, after the vector's register saving);
 * round: to the waiting loop seeing the handler done (the edu's status
 * read and acknowledged, EOI). The rate comes from Tessera's CPUID leaf
 * 0x40000010, or without it from the ACPI PM timer its FADT names.
 * Under QEMU's -icount shift=0 the TSC is virtual nanoseconds, one per
 * instruction executed (guest and hypervisor), in both runs.
 * An interrupt is counted only at vector 0x42 with the edu's status
 * showing our bit; anything else, or one that never comes, is a FAIL.
 */
#include "../edu_regs.h"
#include "../sort_u64.h"
#include "guest.h"
#include "lib/string.h"
#include "pci.h"

#define IRQ_VECTOR	0x42
#define RAISE_BIT	0x40000000u	/* ours: the edu's own are 0x1 and 0x100 */
#define WARMUP		16
#define MAX_N		1024
#define MSR_APIC_BASE	0x1b
#define APIC_BASE_EN	(1u << 11)
#define APIC_BASE_EXTD	(1u << 10)
#define X2APIC_ID	0x802
#define X2APIC_EOI	0x80b
#define X2APIC_SVR	0x80f
#define BP_ACPI_RSDP	0x070
#define FADT_PM_TMR_BLK	76
#define PM_TIMER_HZ	3579545ull

static volatile uint32_t *bar;
static volatile uint32_t handled, strays, stray_vector, not_edu;
static volatile uint64_t handled_at;
static uint64_t entry_ticks[MAX_N], round_ticks[MAX_N];

static void cpuid(uint32_t leaf, uint32_t *r)
{
	asm volatile("cpuid" : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3]) : "a"(leaf), "c"(0));
}

static bool under_tessera(void)
{
	uint32_t r[4];

	cpuid(0x40000000, r);
	return !memcmp(&r[1], "Tess", 4) && !memcmp(&r[2], "eraH", 4) && !memcmp(&r[3], "V", 2);
}

static uint32_t rd32(uint64_t addr)
{
	uint32_t v;

	memcpy(&v, (const void *)(uintptr_t)addr, 4);
	return v;
}

static uint64_t rd64(uint64_t addr)
{
	uint64_t v;

	memcpy(&v, (const void *)(uintptr_t)addr, 8);
	return v;
}

/* The FADT's PM timer port, through the RSDP of its boot_params (XSDT
 * if the RSDP has one, else RSDT); 0 if none. */
static uint32_t pm_timer_port(void)
{
	uint64_t rsdp = rd64((uintptr_t)guest_boot_params() + BP_ACPI_RSDP), sdt, t;
	uint32_t len, off, size;

	if (!rsdp || memcmp((const void *)(uintptr_t)rsdp, "RSD PTR ", 8))
		return 0;
	if (*(const uint8_t *)(uintptr_t)(rsdp + 15) >= 2 && rd64(rsdp + 24)) {
		sdt = rd64(rsdp + 24);
		size = 8;
	} else {
		sdt = rd32(rsdp + 16);
		size = 4;
	}
	len = rd32(sdt + 4);
	for (off = 36; off + size <= len; off += size) {
		t = size == 8 ? rd64(sdt + off) : rd32(sdt + off);
		if (!memcmp((const void *)(uintptr_t)t, "FACP", 4))
			return rd32(t + FADT_PM_TMR_BLK);
	}
	return 0;
}

/* TSC ticks per ms, over 10 ms of the 24-bit PM timer from one of its
 * edges; 0 if there is no PM timer. */
static uint64_t pm_timer_khz(uint32_t port)
{
	uint32_t p0, p, d;
	uint64_t t0;

	if (!port)
		return 0;
	p0 = inl((uint16_t)port) & 0xffffff;
	while ((p = inl((uint16_t)port) & 0xffffff) == p0)
		;
	t0 = guest_rdtsc();
	do
		d = ((inl((uint16_t)port) & 0xffffff) - p) & 0xffffff;
	while (d < PM_TIMER_HZ / 100);
	return (guest_rdtsc() - t0) * PM_TIMER_HZ / (d * 1000ull);
}

/* guest_irq_hook: every interrupt, with the TSC at the handler's start. */
static void on_irq(uint64_t vector, uint64_t at)
{
	uint32_t status;

	if (vector != IRQ_VECTOR) {
		strays++;
		stray_vector = (uint32_t)vector;
		guest_wrmsr(X2APIC_EOI, 0);
		return;
	}
	status = bar[REG_IRQ_STATUS / 4];
	if (!(status & RAISE_BIT))
		not_edu++;
	bar[REG_IRQ_ACK / 4] = status;
	handled_at = at;
	handled++;
	guest_wrmsr(X2APIC_EOI, 0);
}

/* n raises after the warm-up, each waited for with interrupts on. */
static bool measure(uint64_t n, uint64_t limit)
{
	uint64_t i, t0, t1, entry_sum = 0, round_sum = 0;
	uint32_t before;

	asm volatile("sti");
	for (i = 0; i < WARMUP + n; i++) {
		before = handled;
		t0 = guest_rdtsc();
		bar[REG_IRQ_RAISE / 4] = RAISE_BIT;
		while (handled == before && guest_rdtsc() - t0 < limit)
			;
		t1 = guest_rdtsc();
		if (handled == before || strays || not_edu) {
			asm volatile("cli");
			gprintf("FAIL irqbench: raise %llu: %s (vector 0x%x expected; %u strays, last "
				"0x%x; %u without the edu's status bit)\n", (unsigned long long)i,
				handled == before ? "no interrupt in 1 s" : "wrong interrupt",
				IRQ_VECTOR, strays, stray_vector, not_edu);
			return false;
		}
		if (i >= WARMUP) {
			entry_ticks[i - WARMUP] = handled_at - t0;
			round_ticks[i - WARMUP] = t1 - t0;
			entry_sum += handled_at - t0;
			round_sum += t1 - t0;
		}
	}
	asm volatile("cli");
	sort_u64(entry_ticks, (unsigned int)n);
	sort_u64(round_ticks, (unsigned int)n);
	gprintf("BENCH irq-msi n=%llu vector=%u entry_sum=%llu round_sum=%llu entry_median=%llu "
		"entry_min=%llu entry_max=%llu round_median=%llu\n", (unsigned long long)n,
		IRQ_VECTOR, (unsigned long long)entry_sum, (unsigned long long)round_sum,
		(unsigned long long)entry_ticks[n / 2], (unsigned long long)entry_ticks[0],
		(unsigned long long)entry_ticks[n - 1], (unsigned long long)round_ticks[n / 2]);
	return true;
}

/* The edu's slot on bus 0, its BAR0 placed (under Tessera by the guest,
 * directly by the firmware) and decoding; -1 if there is none. */
static int edu_find(bool tessera)
{
	unsigned int dev;
	uint32_t base;

	for (dev = 0; dev < 32; dev++)
		if (cf8_read(dev, 0) == EDU_ID)
			break;
	if (dev == 32) {
		gprintf("FAIL irqbench: no edu (1234:11e8) on bus 0\n");
		return -1;
	}
	if (tessera) {
		pci_tag("irqbench");
		if (!edu_setup(dev)) {
			gprintf("FAIL irqbench: the edu does not answer at its BAR\n");
			return -1;
		}
		bar = reg32(0);
		return (int)dev;
	}
	base = cf8_read(dev, 0x10) & ~0xfu;
	if (!base) {
		gprintf("FAIL irqbench: the firmware placed no BAR0 for the edu at 00:%02x.0\n", dev);
		return -1;
	}
	cf8_write16(dev, 0x04, CMD_MEM_MASTER);
	bar = (volatile uint32_t *)(uintptr_t)base;
	if (bar[REG_ID / 4] != EDU_MAGIC) {
		gprintf("FAIL irqbench: the edu's BAR0 at 0x%x reads 0x%08x\n", base, bar[REG_ID / 4]);
		return -1;
	}
	gprintf("irqbench: edu at 00:%02x.0, BAR0 0x%x (the firmware's)\n", dev, base);
	return (int)dev;
}

int irqbench_run(void)
{
	uint64_t n = arg_u64("n", 200), khz, base;
	bool tessera = under_tessera(), ok;
	uint32_t apic_id, port = 0;
	unsigned int pos;
	int dev;

	if (n < 1 || n > MAX_N) {
		gprintf("FAIL irqbench: n=%llu not in 1..%u\n", (unsigned long long)n, MAX_N);
		return -1;
	}
	if (tessera) {
		khz = guest_tsc_khz();
	} else {
		port = pm_timer_port();
		khz = pm_timer_khz(port);
	}
	gprintf("irqbench: %s, TSC %llu kHz (%s)\n", tessera ? "under Tessera" : "no hypervisor",
		(unsigned long long)khz, tessera ? "CPUID 0x40000010" :
		port ? "against the ACPI PM timer" : "no PM timer: not known");
	gprintf("BENCH irq-tsc khz=%llu\n", (unsigned long long)khz);
	dev = edu_find(tessera);
	if (dev < 0)
		return -1;
	pos = msi_cap((unsigned int)dev);
	if (!pos) {
		gprintf("FAIL irqbench: the edu shows no MSI capability\n");
		return -1;
	}
	/* Directly on q35 the firmware leaves the APIC in xAPIC mode. */
	base = guest_rdmsr(MSR_APIC_BASE);
	if (!(base & APIC_BASE_EXTD))
		guest_wrmsr(MSR_APIC_BASE, base | APIC_BASE_EN | APIC_BASE_EXTD);
	guest_wrmsr(X2APIC_SVR, 0x1ff);
	apic_id = (uint32_t)guest_rdmsr(X2APIC_ID);
	if (apic_id > 0xff) {
		gprintf("FAIL irqbench: APIC ID %u is beyond an MSI's 8 bits\n", apic_id);
		return -1;
	}
	bar[REG_IRQ_ACK / 4] = bar[REG_IRQ_STATUS / 4];
	msi_aim((unsigned int)dev, pos, (uint8_t)apic_id, IRQ_VECTOR);
	guest_irq_hook = on_irq;
	/* 1 s, or 2^31 ticks if the rate is not known. */
	ok = measure(n, khz ? khz * 1000 : 1ull << 31);
	guest_irq_hook = NULL;
	if (!ok)
		return -1;
	gprintf("PASS irqbench\n");
	return 0;
}
