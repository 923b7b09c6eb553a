// SPDX-License-Identifier: GPL-2.0-only
/* x86_64 CPUs, domains and vCPUs as the core asks for them (arch.h). */
#include "arch.h"

#include "acpi.h"
#include "console.h"
#include "domain.h"
#include "irq.h"
#include "mmu.h"
#include "printk.h"
#include "svm.h"
#include "traps.h"
#include "vioapic.h"
#include "vrtc.h"
#include "x86.h"

const char *arch_firmware_init(const struct fdt *fdt)
{
	struct acpi_ecam e;
	const char *why;
	unsigned int i;

	(void)fdt;
	why = acpi_init(arch_bootinfo->acpi_rsdp);
	if (!why)
		vrtc_init();
	/* The host bridge itself is read from them with PCI (pci_root.c). */
	for (i = 0; !why && !acpi_ecam(i, &e); i++)
		printk("tessera: ACPI MCFG: ECAM at 0x%llx for PCI segment %u, buses 0x%x-0x%x\n",
		       (unsigned long long)e.base, e.segment, e.bus_start, e.bus_end);
	return why;
}

int arch_cpu_init(struct pcpu *p)
{
	const char *why;

	wrmsr(MSR_GS_BASE, (uint64_t)(uintptr_t)p);
	why = svm_cpu_init(p);
	if (why) {
		printk("tessera: error: CPU %u: %s\n", p->id, why);
		return -1;
	}
	return irq_cpu_init(p);
}

int arch_domain_init(struct domain *d)
{
	unsigned int i;

	d->arch.asid = d->id;	/* 1-based: ASID 0 is the host's */
	vioapic_init(d);
	spin_lock_init(&d->arch.pit.lock);
	for (i = 0; i < d->nr_vcpus; i++)
		if (svm_vcpu_alloc(&d->vcpus[i])) {
			printk("tessera: error: %s: out of memory for its VMCBs\n", d->name);
			return -1;
		}
	return 0;
}

void arch_vcpu_start(struct vcpu *v)
{
	svm_vcpu_run(v);
}

void arch_kick(struct pcpu *p)
{
	if (p && p != this_pcpu() && p->online)
		wrmsr(MSR_X2APIC_ICR, (p->hwid << 32) | (1u << 14) | KICK_VECTOR);
}

/* x86 is entered by its loader only: an unusable record halts the CPU. */
void arch_entry_refused(const void *arg, enum entry_refusal why)
{
	cpu_halt_forever();
}

void arch_power_off(void)
{
	uint64_t t0;

	acpi_power_off();
	/* The board may take a moment to act on it. */
	for (t0 = rdtsc(); rdtsc() - t0 < acpi_tsc_hz();)
		asm volatile("pause");
	printk("tessera: the board did not power off through ACPI; halting\n");
	cpu_halt_forever();
}
