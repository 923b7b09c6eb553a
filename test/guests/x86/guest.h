/* SPDX-License-Identifier: GPL-2.0-only */
/* The x86 test guest's shared helpers (main.c) for its tests. */
#ifndef TESSERA_X86_GUEST_H
#define TESSERA_X86_GUEST_H

#include <stdbool.h>
#include <stdint.h>

#include "arch/io.h"

void gprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void guest_power_off(void) __attribute__((noreturn));
/* The value of key=... on the command line, or NULL. */
const char *arg(const char *key);
uint64_t arg_u64(const char *key, uint64_t dflt);

/* Run op; if it raised an exception, return its vector (and skip the
 * len-byte instruction that raised it), else -1. */
int probe(unsigned int len, void (*op)(void *), void *ctx);

int hostile_run(const char *attack);
int smp_run(void);
int bench_run(void);
int edu_dma_run(void);
int edu_msi_run(void);
int pci_hostile_run(void);
int pci_victim_run(void);
int pci_kept_run(void);
int irqbench_run(void);

/* For the tests: the IDT (each vCPU loads it), MSR writes, the TSC, and
 * sleeping until interrupt vector 0x40 + idx has come n times in all or
 * the TSC passes limit. */
void guest_idt_init(void);
void guest_wrmsr(uint32_t msr, uint64_t v);
uint64_t guest_rdmsr(uint32_t msr);
uint64_t guest_rdtsc(void);
uint64_t guest_tsc_khz(void);
bool guest_wait_irqs(unsigned int idx, unsigned int n, uint64_t limit);
unsigned int guest_irq_count(unsigned int idx);
/* If set, every interrupt goes to it (EOI included) instead of the
 * counts above, with the TSC read first thing in the handler. */
extern void (*guest_irq_hook)(uint64_t vector, uint64_t at);
/* The boot_params it was started with (made from PVH's start info when
 * QEMU ran it directly). */
const uint8_t *guest_boot_params(void);

#endif
