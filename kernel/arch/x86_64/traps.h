/* SPDX-License-Identifier: GPL-2.0-only */
/* x86_64 host interrupts and exceptions (idt.S, cpu.c). */
#ifndef TESSERA_X86_TRAPS_H
#define TESSERA_X86_TRAPS_H

#include <stdint.h>

#define NR_EXCEPTIONS	22
#define KICK_VECTOR	0xf0	/* IPI: leave the guest, look at its state */
#define HOST_TIMER_VECTOR 0xef	/* this CPU's vCPU has a timer due */
#define HOST_DEVICE_VECTOR 0xe0	/* the one routed host line: the console */
#define HOST_IOMMU_VECTOR 0xe1	/* the IOMMU's event log (irq_msi_hypervisor) */
/* Guests' functions' MSIs (irq.c, irq_msi_setup): 0x30-0xcf. */
#define HOST_MSI_VECTOR_BASE 0x30
#define HOST_MSI_VECTORS 160
/* The first of nvec consecutive host MSI vectors after the used ones:
 * aligned to nvec's power of two up to 32, as multiple-message MSI (at
 * most 32) changes the low bits of the data (irq_dt.c, shared). */
unsigned int host_msi_first(unsigned int used, unsigned int nvec);
#define SPURIOUS_VECTOR	0xff

/* Pushed by idt.S, lowest address first. */
struct trap_frame {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rdi, rsi, rbp, rbx, rdx, rcx, rax;
	uint64_t vector, error;
	uint64_t rip, cs, rflags, rsp, ss;	/* pushed by the CPU */
};

void x86_trap(struct trap_frame *f);
/* Load this CPU's GDT and IDT (the tables are shared by all CPUs). */
void cpu_tables_load(void);

#endif
