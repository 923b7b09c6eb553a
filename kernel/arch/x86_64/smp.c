// SPDX-License-Identifier: GPL-2.0-only
/*
 * x86_64 physical CPUs: found in the ACPI MADT, started by INIT-SIPI,
 * and only those that carry a vCPU (main.c starts no others).
 */
#include "arch.h"

#include "acpi.h"
#include "domain.h"
#include "irq.h"
#include "lib/string.h"
#include "mm.h"
#include "mmu.h"
#include "printk.h"
#include "svm.h"
#include "traps.h"
#include "x86.h"

#define ICR_INIT		0x4500ull	/* INIT, level assert */
#define ICR_STARTUP		0x4600ull	/* start-up, vector = page number */
#define TRAMP_MAX		(1ull << 20)	/* real mode reaches the first MiB */

struct pcpu pcpus[MAX_PCPUS];
unsigned int nr_pcpus;

extern const char tramp_start[], tramp_end[], tramp_ljmp_target[], tramp_gdt_base[];
extern const char tramp_cr3[], tramp_pcpu[], tramp_entry[];
static uint64_t tramp_pa;

static uint32_t boot_apic_id(void)
{
	return cpuid(0xb, 0).edx;	/* x2APIC ID of this CPU */
}

struct discover {
	uint32_t self;
	int boot;
};

static void add_cpu(void *ctx, uint32_t apic_id)
{
	struct discover *dc = ctx;

	if (nr_pcpus >= MAX_PCPUS) {
		printk("tessera: warning: more than %u CPUs in the MADT; APIC ID %u not used\n",
		       MAX_PCPUS, apic_id);
		return;
	}
	pcpus[nr_pcpus].id = nr_pcpus;
	pcpus[nr_pcpus].hwid = apic_id;
	pcpus[nr_pcpus].self = &pcpus[nr_pcpus];
	if (apic_id == dc->self)
		dc->boot = (int)nr_pcpus;
	nr_pcpus++;
}

/* The tree's /cpus is not read on x86: the MADT is the board's list. */
int arch_cpus_discover(const struct fdt *fdt)
{
	struct discover dc = { boot_apic_id(), -1 };

	(void)fdt;
	acpi_for_each_cpu(add_cpu, &dc);
	return dc.boot;
}

static void patch64(uint8_t *page, const char *field, uint64_t v)
{
	memcpy(page + (field - tramp_start), &v, sizeof(v));
}

static void patch32(uint8_t *page, const char *field, uint32_t v)
{
	memcpy(page + (field - tramp_start), &v, sizeof(v));
}

/* A page below 1 MiB for the real-mode start code, once. */
static int tramp_setup(void)
{
	uint64_t cr3 = read_cr(3);
	uint8_t *page;

	if (tramp_pa)
		return 0;
	if (cr3 >> 32) {
		printk("tessera: error: the hypervisor's page tables are above 4 GiB; secondary CPUs cannot load them\n");
		return -1;
	}
	if (mmu_claim_low_page(TRAMP_MAX, &tramp_pa)) {
		printk("tessera: error: no free page below 1 MiB to start secondary CPUs from\n");
		return -1;
	}
	page = (uint8_t *)(uintptr_t)tramp_pa;
	memcpy(page, tramp_start, (size_t)(tramp_end - tramp_start));
	patch32(page, tramp_ljmp_target, (uint32_t)tramp_pa + *(const uint32_t *)tramp_ljmp_target);
	patch32(page, tramp_gdt_base, (uint32_t)tramp_pa + *(const uint32_t *)tramp_gdt_base);
	patch64(page, tramp_cr3, cr3);
	patch64(page, tramp_entry, (uint64_t)(uintptr_t)secondary_main);
	return 0;
}

static void icr_send(uint32_t apic_id, uint64_t cmd)
{
	wrmsr(MSR_X2APIC_ICR, ((uint64_t)apic_id << 32) | cmd);
}

static void delay_us(uint64_t us)
{
	uint64_t t0 = rdtsc(), ticks = acpi_tsc_hz() / 1000000 * us;

	while (rdtsc() - t0 < ticks)
		asm volatile("pause");
}

int arch_cpu_start(struct pcpu *p)
{
	uint8_t *page;
	uint64_t t0;

	if (tramp_setup())
		return -1;
	page = (uint8_t *)(uintptr_t)tramp_pa;
	patch64(page, tramp_pcpu, (uint64_t)(uintptr_t)p);
	icr_send((uint32_t)p->hwid, ICR_INIT);
	delay_us(10000);
	icr_send((uint32_t)p->hwid, ICR_STARTUP | (tramp_pa >> 12));
	delay_us(200);
	if (!__atomic_load_n(&p->online, __ATOMIC_ACQUIRE))
		icr_send((uint32_t)p->hwid, ICR_STARTUP | (tramp_pa >> 12));
	for (t0 = rdtsc(); !__atomic_load_n(&p->online, __ATOMIC_ACQUIRE);) {
		if (rdtsc() - t0 > acpi_tsc_hz()) {
			printk("tessera: error: CPU %u (APIC ID %llu) did not come up\n", p->id,
			       (unsigned long long)p->hwid);
			return -1;
		}
		asm volatile("pause");
	}
	return 0;
}

void secondary_main(struct pcpu *p)
{
	cpu_tables_load();
	/* A CPU that cannot run guests never says it is up: the boot CPU
	 * then gives up on it ("did not come up") and no guest starts. */
	if (arch_cpu_init(p))
		cpu_halt_forever();
	__atomic_store_n(&p->online, true, __ATOMIC_RELEASE);
	pcpu_run(p);
}
