// SPDX-License-Identifier: GPL-2.0-only
/*
 * bench: what a trap costs, seen from inside a guest. The same binary
 * runs under Tessera and under Xen (scripts/bench/), so each figure has
 * a counterpart:
 *   null   PSCI_VERSION through the /psci conduit: the cheapest call
 *          both hypervisors answer, a trap and a return
 *   uart   a read of the virtual UART's flag register
 *   gicd   a read of the virtual GIC distributor's GICD_TYPER
 *   vpci   a read of the vendor/device register of the guest's PCI
 *          function in slot 1 (only where the tree has a host bridge)
 * Each is done n= times (default 4000) between two reads of the
 * physical counter, after a warm-up. Lines:
 *   BENCH entry counter=<ticks at the first instruction> freq=<Hz>
 *   BENCH <op> ops=<n> ticks=<total>
 * Under QEMU's -icount shift=0 virtual time advances 1 ns per
 * instruction, so the ticks count instructions (guest and hypervisor)
 * and repeat from run to run.
 */
#include "gic_regs.h"
#include "guest.h"
#include "lib/string.h"

#define PSCI_VERSION	0x84000000u
#define UART_FR		0x18
#define BENCH_WARMUP	64

static inline uint64_t phys_counter(void)
{
	uint64_t v;

	asm volatile("isb\n\tmrs %0, cntpct_el0\n\tisb" : "=r"(v) : : "memory");
	return v;
}

enum bench_op { OP_NULL, OP_UART, OP_GICD, OP_VPCI };

static void one(enum bench_op op, uintptr_t addr)
{
	switch (op) {
	case OP_NULL:
		psci_call(PSCI_VERSION, 0, 0, 0);
		break;
	default:
		mmio_read32(addr);
		break;
	}
}

static void measure(const char *name, enum bench_op op, uintptr_t addr, uint64_t n)
{
	uint64_t t0, t1;
	uint64_t i;

	for (i = 0; i < BENCH_WARMUP; i++)
		one(op, addr);
	t0 = phys_counter();
	for (i = 0; i < n; i++)
		one(op, addr);
	t1 = phys_counter();
	print("BENCH %s ops=%llu ticks=%llu\n", name, (unsigned long long)n, (unsigned long long)(t1 - t0));
}

static uintptr_t node_base(const char *compatible)
{
	int node = fdt_next_compatible(&dt, -1, compatible);
	uint64_t base, size;

	return node >= 0 && !fdt_reg(&dt, node, 0, &base, &size) ? base : 0;
}

void test_bench(void)
{
	uint64_t n = 4000;
	uintptr_t gicd = node_base("arm,gic-v3"), ecam = node_base("pci-host-ecam-generic");

	get_arg_u64("n", &n);
	print("BENCH entry counter=%llu freq=%llu\n", (unsigned long long)entry_counter,
	      (unsigned long long)counter_freq());
	measure("empty", OP_NULL, 0, 0);
	measure("null", OP_NULL, 0, n);
	measure("uart", OP_UART, uart_base + UART_FR, n);
	if (gicd)
		measure("gicd", OP_GICD, gicd + GICD_TYPER, n);
	if (ecam)
		measure("vpci", OP_VPCI, ecam + (1u << 15), n);
	print("PASS bench\n");
}
