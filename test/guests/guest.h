/* SPDX-License-Identifier: GPL-2.0-only */
/* What the bare-metal test guest's test files share (main.c has the rest). */
#ifndef TESSERA_TEST_GUEST_H
#define TESSERA_TEST_GUEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/fdt.h"

extern struct fdt dt;	/* the guest's own device tree */
void print(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
bool get_arg(const char *key, char *out, size_t size);
/* A number argument, decimal or 0x-hexadecimal. */
bool get_arg_u64(const char *key, uint64_t *out);
int64_t psci_call(uint64_t fn, uint64_t a1, uint64_t a2, uint64_t a3);
extern uint64_t ram_base, ram_size;	/* from the memory node */

/* Physical counter at the guest's first instruction (head.S). */
extern uint64_t entry_counter;
extern uintptr_t uart_base;

/* Tests in vpci.c, edu.c, storm.c, bench.c, its.c and irqbench.c. */
void test_vpci_victim(void);
void test_vpci_attack(void);
void test_vpci_list(void);
void test_vpci_hostile(void);
void test_vpci_kept(void);
void test_edu_dma(void);
void test_edu_victim(void);
void test_dma_storm(void);
void test_hostile(void);
void test_bench(void);
void test_its(void);
void test_irqbench(void);

/* The GIC as the tree gives it (main.c): find_gic() 0 or -1, then
 * gic_setup() on this CPU (group 1 on, SGIs enabled, IRQs unmasked). */
extern uintptr_t gicd, gicr_region;
/* A GICv2 instead (gicv2.c): its CPU interface, and what main.c calls. */
extern bool gic_v2;
extern uintptr_t gicc;
void gicv2_setup(void);
uint32_t gicv2_ack(void);
void gicv2_eoi(uint32_t iar);
void gicv2_sgi(unsigned int filter, unsigned int list, unsigned int sgi);
void gicv2_attack(void);
extern volatile uint32_t lpi_seen, lpi_last, lpi_by_id[64];
/* main.c: true in the guest restarted after a reset with its RAM kept;
 * else it resets (false: it could not). */
bool reset_restarted(const char *who);
/* If set, guest_irq calls it with each INTID taken (before the EOI) and
 * the counter as the handler began (irqbench.c). */
extern void (*volatile irq_hook)(uint32_t intid, uint64_t at);
int find_gic(void);
/* SGIs, PPIs and SPIs taken so far (LPIs are lpi_seen). */
uint32_t irqs_so_far(void);
void gic_setup(void);

/*
 * Device accesses are single plain loads and stores: a hypervisor can
 * only emulate an access whose syndrome it is given, which excludes
 * write-back addressing and pairs that a compiler may pick for a
 * volatile pointer.
 */
static inline uint32_t mmio_read32(uintptr_t addr)
{
	uint32_t v;

	asm volatile("ldr %w0, [%1]" : "=r"(v) : "r"(addr) : "memory");
	return v;
}

static inline void mmio_write32(uintptr_t addr, uint32_t v)
{
	asm volatile("str %w0, [%1]" : : "rZ"(v), "r"(addr) : "memory");
}

static inline uint64_t mmio_read64(uintptr_t addr)
{
	uint64_t v;

	asm volatile("ldr %x0, [%1]" : "=r"(v) : "r"(addr) : "memory");
	return v;
}

static inline void mmio_write64(uintptr_t addr, uint64_t v)
{
	asm volatile("str %x0, [%1]" : : "rZ"(v), "r"(addr) : "memory");
}

static inline uint64_t counter(void)
{
	uint64_t v;

	asm volatile("isb\n\tmrs %0, cntvct_el0" : "=r"(v) : : "memory");
	return v;
}

static inline uint64_t counter_freq(void)
{
	uint64_t v;

	asm volatile("mrs %0, cntfrq_el0" : "=r"(v));
	return v;
}

static inline uint64_t ms_to_ticks(uint64_t ms)
{
	uint64_t f = counter_freq();

	return f ? f / 1000 * ms : ms * 1000000;	/* assume 1 GHz if unset */
}

static inline uint16_t mmio_read16(uintptr_t addr)
{
	uint16_t v;

	asm volatile("ldrh %w0, [%1]" : "=r"(v) : "r"(addr) : "memory");
	return v;
}

static inline void mmio_write16(uintptr_t addr, uint16_t v)
{
	asm volatile("strh %w0, [%1]" : : "rZ"(v), "r"(addr) : "memory");
}

static inline uint64_t read_mpidr(void)
{
	uint64_t v;

	asm volatile("mrs %0, mpidr_el1" : "=r"(v));
	return v & 0xff00ffffffull;
}

static inline void delay_ms(uint64_t ms)
{
	uint64_t end = counter() + ms_to_ticks(ms);

	while (counter() < end)
		;
}

#endif
