// SPDX-License-Identifier: GPL-2.0-only
/* x86_64 host CPU state: descriptor tables, exceptions, the TSC. */
#include "arch.h"

#include "acpi.h"
#include "console.h"
#include "iommu.h"
#include "irq_host.h"
#include "printk.h"
#include "svm.h"
#include "traps.h"
#include "x86.h"

/* Null, 64-bit code (HYP_CS), data (HYP_DS). No TSS: the hypervisor
 * never changes privilege level and uses no interrupt stacks. */
static const uint64_t gdt[] __attribute__((aligned(16))) = {
	0,
	0x00af9a000000ffffull,
	0x00cf92000000ffffull,
};

struct idt_entry {
	uint16_t off_lo, sel;
	uint8_t ist, type;
	uint16_t off_mid;
	uint32_t off_hi, zero;
};

static struct idt_entry idt[256] __attribute__((aligned(16)));

struct __attribute__((packed)) table_ptr {
	uint16_t limit;
	uint64_t base;
};

extern const uint64_t trap_vectors[NR_EXCEPTIONS];
extern const uint64_t trap_vector_device, trap_vector_iommu, trap_vector_timer,
	trap_vector_kick, trap_vector_spurious, trap_vector_msi;

static void idt_set(unsigned int vec, uint64_t handler)
{
	idt[vec] = (struct idt_entry){
		.off_lo = handler & 0xffff, .sel = HYP_CS, .type = 0x8e, /* interrupt gate */
		.off_mid = (handler >> 16) & 0xffff, .off_hi = handler >> 32,
	};
}

void cpu_tables_load(void)
{
	struct table_ptr g = { sizeof(gdt) - 1, (uint64_t)(uintptr_t)gdt };
	struct table_ptr i = { sizeof(idt) - 1, (uint64_t)(uintptr_t)idt };
	unsigned int v;

	if (!idt[0].sel) {
		for (v = 0; v < NR_EXCEPTIONS; v++)
			idt_set(v, trap_vectors[v]);
		idt_set(HOST_DEVICE_VECTOR, trap_vector_device);
		idt_set(HOST_IOMMU_VECTOR, trap_vector_iommu);
		for (v = 0; v < HOST_MSI_VECTORS; v++)
			idt_set(HOST_MSI_VECTOR_BASE + v, trap_vector_msi + 16 * v);
		idt_set(HOST_TIMER_VECTOR, trap_vector_timer);
		idt_set(KICK_VECTOR, trap_vector_kick);
		idt_set(SPURIOUS_VECTOR, trap_vector_spurious);
	}
	/* Reload every segment register from our GDT; CS by a far return. */
	asm volatile("lgdt %0\n\t"
		     "lidt %1\n\t"
		     "pushq %2\n\t"
		     "leaq 1f(%%rip), %%rax\n\t"
		     "pushq %%rax\n\t"
		     "lretq\n"
		     "1:\tmov %3, %%eax\n\t"
		     "mov %%eax, %%ds\n\t"
		     "mov %%eax, %%es\n\t"
		     "mov %%eax, %%ss\n\t"
		     "mov %%eax, %%fs\n\t"
		     :: "m"(g), "m"(i), "i"(HYP_CS), "i"(HYP_DS) : "rax", "memory");
}

static const char *const exception_names[NR_EXCEPTIONS] = {
	"#DE", "#DB", "NMI", "#BP", "#OF", "#BR", "#UD", "#NM", "#DF", "#MF(old)",
	"#TS", "#NP", "#SS", "#GP", "#PF", "reserved", "#MF", "#AC", "#MC", "#XM",
	"#VE", "#CP",
};

/* Interrupts reach here only in svm.c's window after a guest exit; an
 * exception here is a hypervisor bug: say where, then stop the board. */
void x86_trap(struct trap_frame *f)
{
	if (f->vector == KICK_VECTOR || f->vector == HOST_TIMER_VECTOR ||
	    f->vector == HOST_DEVICE_VECTOR || f->vector == HOST_IOMMU_VECTOR) {
		if (f->vector == HOST_TIMER_VECTOR)
			host_timer_fired();
		if (f->vector == HOST_DEVICE_VECTOR)
			console_input();
		if (f->vector == HOST_IOMMU_VECTOR)
			iommu_irq(HOST_IOMMU_VECTOR);
		wrmsr(MSR_X2APIC_EOI, 0);
		return;
	}
	if (f->vector >= HOST_MSI_VECTOR_BASE &&
	    f->vector < HOST_MSI_VECTOR_BASE + HOST_MSI_VECTORS) {
		x86_msi_fired((unsigned int)f->vector);
		wrmsr(MSR_X2APIC_EOI, 0);
		return;
	}
	if (f->vector == SPURIOUS_VECTOR)
		return;
	printk("tessera: hypervisor exception %s (vector %llu) error 0x%llx at rip 0x%llx cr2 0x%llx\n",
	       f->vector < NR_EXCEPTIONS ? exception_names[f->vector] : "?",
	       (unsigned long long)f->vector, (unsigned long long)f->error,
	       (unsigned long long)f->rip, (unsigned long long)read_cr(2));
	arch_power_off();
}

uint64_t arch_counter(void)
{
	return rdtsc();
}

/* Measured against the ACPI PM timer at boot (acpi.c). */
uint64_t arch_counter_freq(void)
{
	return acpi_tsc_hz();
}

/* Caches are coherent with DMA and among CPUs on x86. */
void arch_dcache_clean(const void *start, uint64_t size)
{
	(void)start;
	(void)size;
}
