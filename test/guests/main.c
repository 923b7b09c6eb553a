// SPDX-License-Identifier: GPL-2.0-only
/*
 * Bare-metal test guest. Everything it knows about its machine comes from
 * the device tree it is booted with (console, PSCI conduit, RAM, CPUs, and
 * the test to run from /chosen/bootargs, "test=<name> key=value ..."), so the
 * same binary runs under Tessera, under other hypervisors and on bare QEMU.
 *
 * Each test prints "PASS <test>" or "FAIL <test>: <why>" from what it
 * observed itself, then the guest powers off with PSCI SYSTEM_OFF.
 *
 * The MMU stays off: every data access is Device-nGnRnE, hence the build's
 * -mstrict-align and no cache maintenance anywhere.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>

#include "lib/fdt.h"
#include "lib/printf.h"
#include "lib/string.h"
#include "gic_regs.h"
#include "guest.h"

#define MAX_CPUS		8	/* as in head.S */
#define DT_MAX_SIZE		(2u << 20)
#define MIB			(1ull << 20)
#define MPIDR_AFF_MASK		0xff00ffffffull

#define PSCI_VERSION		0x84000000u
#define PSCI_CPU_OFF		0x84000002u
#define PSCI_CPU_ON		0xc4000003u
#define PSCI_AFFINITY_INFO	0xc4000004u
#define PSCI_SYSTEM_OFF		0x84000008u
#define PSCI_SYSTEM_RESET	0x84000009u
#define PSCI_FEATURES		0x8400000au
/* In the PSCI range of standard service calls, but not assigned. */
#define PSCI_UNKNOWN_FN		0x8400001fu
#define PSCI_NOT_SUPPORTED	(-1)
#define AFFINITY_ON		0
#define AFFINITY_OFF		1

#define UART_DR			0x00
#define UART_FR			0x18
#define UART_FR_TXFF		(1u << 5)

/* Returned in x0 by the exception vector when an armed probe call traps. */
#define PROBE_TRAPPED		0x5452415050454421ull

extern char _head[], _end[];
extern char secondary_entry[];

/* Non-zero while psci_probe() runs; read by head.S's sync handler. */
volatile uint32_t hvc_probe_armed;

struct fdt dt;
uintptr_t uart_base;	/* the console: PL011 or SBSA UART */
static bool psci_smc;
uint64_t ram_base, ram_size;
static uint64_t cpu_mpidr[MAX_CPUS];
static int nr_cpus;
static const char *bootargs = "";
static char test_name[32];

/* SMP handshake, one slot per /cpus index. */
static uint32_t cpu_up[MAX_CPUS];
static uint32_t cpu_release[MAX_CPUS];

/*
 * Ticket lock around whole lines so two CPUs never interleave. Note: with
 * the MMU off the lock lives in Device memory, where exclusives (which the
 * atomics compile to) are not architecturally guaranteed to work; they do
 * under QEMU TCG and under a hypervisor whose stage 2 makes RAM Normal.
 */
static struct {
	uint32_t next;
	uint32_t owner;
} print_lock;
static int32_t print_lock_cpu = -1;

/* ---- low level ---- */

int64_t psci_call(uint64_t fn, uint64_t a1, uint64_t a2, uint64_t a3)
{
	register uint64_t x0 asm("x0") = fn;
	register uint64_t x1 asm("x1") = a1;
	register uint64_t x2 asm("x2") = a2;
	register uint64_t x3 asm("x3") = a3;

	/* SMCCC 1.0 lets the callee clobber x4-x17. */
	if (psci_smc)
		asm volatile("smc #0"
			     : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)
			     :
			     : "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11",
			       "x12", "x13", "x14", "x15", "x16", "x17", "memory");
	else
		asm volatile("hvc #0"
			     : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)
			     :
			     : "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11",
			       "x12", "x13", "x14", "x15", "x16", "x17", "memory");
	return (int64_t)x0;
}

/*
 * A call that may trap as an undefined instruction (bare QEMU does this
 * for function ids it does not know, instead of returning -1): the vector
 * then skips the instruction and returns PROBE_TRAPPED.
 */
static int64_t psci_probe(uint64_t fn, uint64_t a1)
{
	int64_t ret;

	__atomic_store_n(&hvc_probe_armed, 1, __ATOMIC_SEQ_CST);
	ret = psci_call(fn, a1, 0, 0);
	__atomic_store_n(&hvc_probe_armed, 0, __ATOMIC_SEQ_CST);
	return ret;
}

static void __attribute__((noreturn)) system_off(void)
{
	psci_call(PSCI_SYSTEM_OFF, 0, 0, 0);
	for (;;)
		asm volatile("wfi");
}

/* ---- console ---- */

static void uart_putc(char c)
{
	unsigned int spins = 0;

	if (!uart_base)
		return;
	/* Bounded, so a console that never drains cannot hang the test. */
	while ((mmio_read32(uart_base + UART_FR) & UART_FR_TXFF) && ++spins < 1000000)
		;
	mmio_write32(uart_base + UART_DR, (uint8_t)c);
}

static void lock_print(void)
{
	uint32_t t = __atomic_fetch_add(&print_lock.next, 1, __ATOMIC_RELAXED);

	while (__atomic_load_n(&print_lock.owner, __ATOMIC_ACQUIRE) != t)
		asm volatile("yield" ::: "memory");
}

static void unlock_print(void)
{
	uint32_t o = __atomic_load_n(&print_lock.owner, __ATOMIC_RELAXED);

	__atomic_store_n(&print_lock.owner, o + 1, __ATOMIC_RELEASE);
}

void print(const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	const char *p;

	va_start(ap, fmt);
	fmt_vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);

	lock_print();
	print_lock_cpu = (int32_t)read_mpidr();
	for (p = buf; *p; p++)
		uart_putc(*p);
	print_lock_cpu = -1;
	unlock_print();
}

/* ---- bootargs ---- */

/* Copy the value of key=value from bootargs into out; false if absent. */
bool get_arg(const char *key, char *out, size_t size)
{
	size_t klen = strlen(key);
	const char *p = bootargs;

	while (*p) {
		const char *tok = p;
		size_t len = 0;

		while (tok[len] && tok[len] != ' ')
			len++;
		if (len > klen && !strncmp(tok, key, klen) && tok[klen] == '=') {
			size_t vlen = len - klen - 1;

			if (vlen >= size)
				vlen = size - 1;
			memcpy(out, tok + klen + 1, vlen);
			out[vlen] = '\0';
			return true;
		}
		p = tok + len;
		while (*p == ' ')
			p++;
	}
	return false;
}

/* Decimal or 0x-prefixed hexadecimal; false unless the whole string parses. */
static bool parse_u64(const char *s, uint64_t *out)
{
	uint64_t v = 0;
	unsigned int base = 10;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	if (!*s)
		return false;
	for (; *s; s++) {
		unsigned int d;

		if (*s >= '0' && *s <= '9')
			d = *s - '0';
		else if (base == 16 && *s >= 'a' && *s <= 'f')
			d = *s - 'a' + 10;
		else if (base == 16 && *s >= 'A' && *s <= 'F')
			d = *s - 'A' + 10;
		else
			return false;
		v = v * base + d;
	}
	*out = v;
	return true;
}

bool get_arg_u64(const char *key, uint64_t *out)
{
	char buf[32];

	return get_arg(key, buf, sizeof(buf)) && parse_u64(buf, out);
}

/* ---- device tree ---- */

static int find_console(void)
{
	int chosen = fdt_path_offset(&dt, "/chosen");
	const char *path = NULL;
	char buf[128];
	size_t n;
	int node = -FDT_ERR_NOTFOUND;
	uint64_t addr, size;

	if (chosen >= 0 && fdt_read_string(&dt, chosen, "stdout-path", &path))
		fdt_read_string(&dt, chosen, "linux,stdout-path", &path);
	if (path) {
		/* "path:options" or "alias:options" */
		for (n = 0; path[n] && path[n] != ':' && n < sizeof(buf) - 1; n++)
			buf[n] = path[n];
		buf[n] = '\0';
		if (buf[0] != '/') {
			int aliases = fdt_path_offset(&dt, "/aliases");
			const char *full;

			if (aliases >= 0 && !fdt_read_string(&dt, aliases, buf, &full))
				node = fdt_path_offset(&dt, full);
		} else {
			node = fdt_path_offset(&dt, buf);
		}
	}
	/* Xen describes its vPL011 as the SBSA subset of the PL011, whose
	 * DR and FR are all this console uses. */
	if (node < 0)
		node = fdt_next_compatible(&dt, -1, "arm,pl011");
	if (node < 0)
		node = fdt_next_compatible(&dt, -1, "arm,sbsa-uart");
	if (node < 0 || (!fdt_is_compatible(&dt, node, "arm,pl011") &&
			 !fdt_is_compatible(&dt, node, "arm,sbsa-uart")))
		return -1;
	if (fdt_reg(&dt, node, 0, &addr, &size))
		return -1;
	uart_base = addr;
	return 0;
}

static bool is_device_type(int node, const char *type)
{
	const char *s;

	return !fdt_read_string(&dt, node, "device_type", &s) && !strcmp(s, type);
}

/* The memory range that holds this image (else the first one listed). */
static int find_memory(void)
{
	uint64_t self = (uintptr_t)_head;
	int node;

	for (node = fdt_first_child(&dt, fdt_root(&dt)); node >= 0;
	     node = fdt_next_sibling(&dt, node)) {
		int i, n;

		if (!is_device_type(node, "memory"))
			continue;
		n = fdt_reg_count(&dt, node);
		for (i = 0; i < n; i++) {
			uint64_t base, size;

			if (fdt_reg(&dt, node, i, &base, &size) || !size)
				continue;
			if (!ram_size || (self >= base && self - base < size)) {
				ram_base = base;
				ram_size = size;
			}
		}
	}
	return ram_size ? 0 : -1;
}

static int find_cpus(void)
{
	int cpus = fdt_path_offset(&dt, "/cpus");
	int node;

	if (cpus < 0)
		return -1;
	for (node = fdt_first_child(&dt, cpus); node >= 0;
	     node = fdt_next_sibling(&dt, node)) {
		uint64_t mpidr, size;

		if (!is_device_type(node, "cpu"))
			continue;
		if (fdt_reg(&dt, node, 0, &mpidr, &size))
			continue;
		if (nr_cpus < MAX_CPUS)
			cpu_mpidr[nr_cpus] = mpidr & MPIDR_AFF_MASK;
		nr_cpus++;
	}
	return nr_cpus ? 0 : -1;
}

static int find_psci(void)
{
	int node = fdt_path_offset(&dt, "/psci");
	const char *method;

	if (node < 0)
		node = fdt_next_compatible(&dt, -1, "arm,psci-0.2");
	if (node < 0 || fdt_read_string(&dt, node, "method", &method))
		return -1;
	if (!strcmp(method, "smc"))
		psci_smc = true;
	else if (strcmp(method, "hvc"))
		return -1;
	return 0;
}

/* ---- tests ---- */

static void test_hello(void)
{
	char name[32] = "?";

	get_arg("name", name, sizeof(name));
	print("hello from %s, %lu MiB RAM at 0x%lx, %d CPUs\n", name,
	      (unsigned long)(ram_size / MIB), (unsigned long)ram_base, nr_cpus);
	print("PASS hello\n");
}

static void test_read(void)
{
	char mode[16] = "read";
	uint64_t addr;

	if (!get_arg_u64("addr", &addr)) {
		print("FAIL read: no addr=0x... in bootargs\n");
		return;
	}
	get_arg("mode", mode, sizeof(mode));
	if (!strcmp(mode, "write")) {
		print("writing 0x%lx\n", (unsigned long)addr);
		*(volatile uint64_t *)addr = 0x7465737365726121ull;
		print("FAIL read: write to 0x%lx returned\n", (unsigned long)addr);
	} else {
		uint64_t v;

		print("reading 0x%lx\n", (unsigned long)addr);
		v = *(volatile uint64_t *)addr;
		print("FAIL read: 0x%lx returned 0x%lx\n", (unsigned long)addr,
		      (unsigned long)v);
	}
}

static inline uint64_t pattern(uint64_t addr)
{
	return ~addr ^ (addr << 29) ^ 0x5a5aa5a55a5aa5a5ull;
}

struct region {
	uint64_t start, end;
};

/*
 * Free RAM: after our image, below the top 2 MiB (where Tessera puts the
 * tree), and never the tree itself wherever it is (bare QEMU puts it in
 * the middle of RAM). Returns the number of regions (0..2).
 */
static int free_ram(const void *dtb, struct region r[2])
{
	uint64_t start = ((uintptr_t)_end + 0xfff) & ~0xfffull;
	uint64_t end = ram_base + ram_size - 2 * MIB;
	uint64_t dt_start = (uintptr_t)dtb & ~0xfffull;
	uint64_t dt_end = ((uintptr_t)dtb + fdt_totalsize(&dt) + 0xfff) & ~0xfffull;
	int n = 0;

	if (start >= end)
		return 0;
	if (dt_end <= start || dt_start >= end) {
		r[n++] = (struct region){ start, end };
		return n;
	}
	if (dt_start > start)
		r[n++] = (struct region){ start, dt_start };
	if (dt_end < end)
		r[n++] = (struct region){ dt_end, end };
	return n;
}

static void test_victim(const void *dtb)
{
	struct region r[2];
	uint64_t ms = 1000, total = 0, deadline;
	int i, n;

	get_arg_u64("ms", &ms);
	n = free_ram(dtb, r);
	for (i = 0; i < n; i++)
		total += r[i].end - r[i].start;
	if (!total) {
		print("FAIL victim: no free RAM\n");
		return;
	}
	for (i = 0; i < n; i++) {
		volatile uint64_t *p = (volatile uint64_t *)(uintptr_t)r[i].start;
		volatile uint64_t *e = (volatile uint64_t *)(uintptr_t)r[i].end;

		print("victim: filling 0x%lx-0x%lx\n", (unsigned long)r[i].start,
		      (unsigned long)r[i].end);
		for (; p < e; p++)
			*p = pattern((uintptr_t)p);
	}
	print("victim: %lu MiB filled, waiting %lu ms\n", (unsigned long)(total / MIB),
	      (unsigned long)ms);
	deadline = counter() + ms_to_ticks(ms);
	while (counter() < deadline)
		asm volatile("yield");
	for (i = 0; i < n; i++) {
		volatile uint64_t *p = (volatile uint64_t *)(uintptr_t)r[i].start;
		volatile uint64_t *e = (volatile uint64_t *)(uintptr_t)r[i].end;

		for (; p < e; p++) {
			uint64_t v = *p;

			if (v != pattern((uintptr_t)p)) {
				print("FAIL victim: word at 0x%lx changed (0x%lx, expected 0x%lx)\n",
				      (unsigned long)(uintptr_t)p, (unsigned long)v,
				      (unsigned long)pattern((uintptr_t)p));
				return;
			}
		}
	}
	print("PASS victim\n");
}

#define RESET_MAGIC	0x5445535345524153ull	/* "TESSERAS" */

/*
 * A guest reset with its RAM kept (the hypervisor reloads only the
 * images): true in the restarted guest, which finds its flag (and
 * clears it); otherwise it sets the flag and resets, and returns false
 * only if it could not (said as FAIL <who>).
 */
bool reset_restarted(const char *who)
{
	volatile uint64_t *flag;
	uint64_t addr = ram_base + ram_size - 4 * MIB;
	int64_t ret;

	if (addr < (uintptr_t)_end ||
	    (addr + 16 > (uintptr_t)dt.blob && addr < (uintptr_t)dt.blob + fdt_totalsize(&dt))) {
		print("FAIL %s: no room for the flag at 0x%lx\n", who, (unsigned long)addr);
		return false;
	}
	/* Two words, the second the complement, so stale RAM cannot match. */
	flag = (volatile uint64_t *)(uintptr_t)addr;
	if (flag[0] == RESET_MAGIC && flag[1] == ~RESET_MAGIC) {
		flag[0] = 0;
		flag[1] = 0;
		return true;
	}
	flag[0] = RESET_MAGIC;
	flag[1] = ~RESET_MAGIC;
	print("resetting\n");
	ret = psci_call(PSCI_SYSTEM_RESET, 0, 0, 0);
	flag[0] = 0;
	print("FAIL %s: SYSTEM_RESET returned %ld\n", who, (long)ret);
	return false;
}

static void test_reset(void)
{
	if (reset_restarted("reset"))
		print("PASS reset\n");
}

static void test_psci(void)
{
	int64_t ret;

	ret = psci_call(PSCI_VERSION, 0, 0, 0);
	print("psci: version %ld.%ld\n", (long)(ret >> 16), (long)(ret & 0xffff));
	if (ret < 0x10000) {
		print("FAIL psci: PSCI_VERSION 0x%lx < 1.0\n", (unsigned long)ret);
		return;
	}
	ret = psci_call(PSCI_FEATURES, PSCI_CPU_ON, 0, 0);
	if (ret != 0) {
		print("FAIL psci: PSCI_FEATURES(CPU_ON) = %ld, expected 0\n", (long)ret);
		return;
	}
	ret = psci_call(PSCI_FEATURES, PSCI_UNKNOWN_FN, 0, 0);
	if (ret != PSCI_NOT_SUPPORTED) {
		print("FAIL psci: PSCI_FEATURES(0x%x) = %ld, expected -1\n",
		      PSCI_UNKNOWN_FN, (long)ret);
		return;
	}
	ret = psci_probe(PSCI_UNKNOWN_FN, 0);
	if ((uint64_t)ret == PROBE_TRAPPED) {
		print("FAIL psci: function 0x%x trapped as undefined, expected -1\n",
		      PSCI_UNKNOWN_FN);
		return;
	}
	if (ret != PSCI_NOT_SUPPORTED) {
		print("FAIL psci: function 0x%x returned %ld, expected -1\n",
		      PSCI_UNKNOWN_FN, (long)ret);
		return;
	}
	print("PASS psci\n");
}

/* Wait until *flag != 0 or ms pass; true if it was set. */
static bool wait_flag(uint32_t *flag, uint64_t ms)
{
	uint64_t deadline = counter() + ms_to_ticks(ms);

	while (!__atomic_load_n(flag, __ATOMIC_ACQUIRE)) {
		if (counter() > deadline)
			return false;
		asm volatile("yield");
	}
	return true;
}

static int64_t wait_affinity(uint64_t mpidr, int64_t want, uint64_t ms)
{
	uint64_t deadline = counter() + ms_to_ticks(ms);
	int64_t ret;

	do {
		ret = psci_call(PSCI_AFFINITY_INFO, mpidr, 0, 0);
	} while (ret != want && counter() < deadline);
	return ret;
}

static void test_smp(void)
{
	uint64_t self = read_mpidr();
	int i, started = 0;

	if (nr_cpus < 2) {
		print("FAIL smp: /cpus lists %d CPU\n", nr_cpus);
		return;
	}
	if (nr_cpus > MAX_CPUS) {
		print("FAIL smp: /cpus lists %d CPUs, at most %d supported\n", nr_cpus, MAX_CPUS);
		return;
	}
	for (i = 0; i < nr_cpus; i++) {
		uint64_t mpidr = cpu_mpidr[i];
		int64_t ret;

		if (mpidr == self)
			continue;
		ret = psci_call(PSCI_CPU_ON, mpidr, (uintptr_t)secondary_entry, i);
		if (ret != 0) {
			print("FAIL smp: CPU_ON(cpu%d, mpidr 0x%lx) returned %ld\n", i,
			      (unsigned long)mpidr, (long)ret);
			return;
		}
		if (!wait_flag(&cpu_up[i], 5000)) {
			print("FAIL smp: cpu%d did not come up within 5 s\n", i);
			return;
		}
		ret = psci_call(PSCI_AFFINITY_INFO, mpidr, 0, 0);
		if (ret != AFFINITY_ON) {
			print("FAIL smp: AFFINITY_INFO(cpu%d) = %ld while it runs\n", i,
			      (long)ret);
			return;
		}
		__atomic_store_n(&cpu_release[i], 1, __ATOMIC_RELEASE);
		ret = wait_affinity(mpidr, AFFINITY_OFF, 5000);
		if (ret != AFFINITY_OFF) {
			print("FAIL smp: cpu%d not off after CPU_OFF (AFFINITY_INFO = %ld)\n",
			      i, (long)ret);
			return;
		}
		print("cpu%d off\n", i);
		started++;
	}
	if (started != nr_cpus - 1) {
		print("FAIL smp: own MPIDR 0x%lx not in /cpus\n", (unsigned long)self);
		return;
	}
	print("PASS smp\n");
}

void secondary_main(uint64_t idx)
{
	int64_t ret;

	print("cpu%lu up\n", (unsigned long)idx);
	__atomic_store_n(&cpu_up[idx], 1, __ATOMIC_RELEASE);
	while (!__atomic_load_n(&cpu_release[idx], __ATOMIC_ACQUIRE))
		asm volatile("yield");
	ret = psci_call(PSCI_CPU_OFF, 0, 0, 0);
	print("FAIL smp: CPU_OFF on cpu%lu returned %ld\n", (unsigned long)idx, (long)ret);
}

/* ---- entry ---- */

static const char *const exception_kinds[4] = {
	"synchronous", "IRQ", "FIQ", "SError",
};

/* From head.S for any exception (kind = vector index 0..15); no return. */
void __attribute__((noreturn)) exception_report(uint64_t kind, uint64_t esr, uint64_t far,
						uint64_t elr)
{
	/* If this CPU faulted while printing, do not wait for itself. */
	if (print_lock_cpu == (int32_t)read_mpidr())
		unlock_print();
	print("FAIL %s: unexpected %s exception: ESR_EL1=0x%lx (EC 0x%lx) FAR_EL1=0x%lx ELR_EL1=0x%lx\n",
	      test_name[0] ? test_name : "boot", exception_kinds[kind & 3],
	      (unsigned long)esr, (unsigned long)(esr >> 26) & 0x3f, (unsigned long)far,
	      (unsigned long)elr);
	system_off();
}

/* ---- GIC isolation: gic-victim and gic-attack ---- */

/* GICv3 frames as the guest's tree gives them (Tessera: 0x03001000). */
uintptr_t gicd, gicr_region;
static volatile uint32_t irq_seen[64];
static volatile uint32_t irq_seen_other;
volatile uint32_t lpi_seen, lpi_last;	/* LPIs (INTID >= 8192) taken, the last one */
volatile uint32_t lpi_by_id[64];	/* LPIs 8192-8255 taken, each */

#define GIC_IGROUPR		0x0080
#define GIC_ISENABLER		0x0100
#define GIC_ISPENDR		0x0200
#define GIC_ISACTIVER		0x0300
#define GIC_IPRIORITYR		0x0400
#define GIC_ICFGR		0x0c00

bool gic_v2;

/* A GICv3 (distributor, redistributors) or a GICv2 (distributor, CPU
 * interface: gicv2.c), whichever the tree has. */
int find_gic(void)
{
	int node = fdt_next_compatible(&dt, -1, "arm,gic-v3");
	uint64_t size;

	gic_v2 = node < 0;
	if (gic_v2 && (node = fdt_next_compatible(&dt, -1, "arm,gic-400")) < 0)
		node = fdt_next_compatible(&dt, -1, "arm,cortex-a15-gic");
	if (node < 0 || fdt_reg(&dt, node, 0, (uint64_t *)&gicd, &size) ||
	    fdt_reg(&dt, node, 1, (uint64_t *)(gic_v2 ? &gicc : &gicr_region), &size))
		return -1;
	return 0;
}

void (*volatile irq_hook)(uint32_t intid, uint64_t at);

/* Called from the IRQ vector in head.S. */
void guest_irq(void)
{
	uint64_t at = counter(), iar, raw = 0;

	if (gic_v2) {
		raw = gicv2_ack();
		iar = raw & 0x3ff;
	} else {
		asm volatile("mrs %0, S3_0_C12_C12_0" : "=r"(iar));	/* ICC_IAR1_EL1 */
		iar &= 0xffffff;
	}
	if (iar >= 1020 && iar < 8192)
		return;		/* spurious */
	if (irq_hook)
		irq_hook(iar, at);
	if (iar < 64) {
		irq_seen[iar]++;
	} else if (iar >= 8192) {
		lpi_seen++;
		lpi_last = iar;
		if (iar < 8192 + 64)
			lpi_by_id[iar - 8192]++;
	} else {
		irq_seen_other++;
	}
	if (gic_v2)
		gicv2_eoi(raw);
	else
		asm volatile("msr S3_0_C12_C12_1, %0\n\tisb" : : "r"(iar));	/* ICC_EOIR1_EL1 */
}

static void send_sgi(uint64_t sgi1r)
{
	asm volatile("msr S3_0_C12_C11_5, %0\n\tisb" : : "r"(sgi1r));	/* ICC_SGI1R_EL1 */
}

/* Our own distributor, redistributor and CPU interface, SGIs enabled. */
void gic_setup(void)
{
	uintptr_t rd = gicr_region + 0x20000 * (read_mpidr() & 0xff);
	uint64_t sre;
	int i;

	if (gic_v2) {
		gicv2_setup();
		return;
	}
	mmio_write32(gicd + GICD_CTLR, 0x12);	/* ARE, EnableGrp1 */
	mmio_write32(rd + GICR_WAKER, mmio_read32(rd + GICR_WAKER) & ~2u);
	while (mmio_read32(rd + GICR_WAKER) & 4)
		;
	mmio_write32(rd + GICR_SGI + GIC_IGROUPR, ~0u);
	for (i = 0; i < 8; i++)
		mmio_write32(rd + GICR_SGI + GIC_IPRIORITYR + 4 * i, 0x80808080);
	mmio_write32(rd + GICR_SGI + GIC_ISENABLER, 0xffff);
	asm volatile("mrs %0, S3_0_C12_C12_5" : "=r"(sre));		/* ICC_SRE_EL1 */
	asm volatile("msr S3_0_C12_C12_5, %0\n\tisb" : : "r"(sre | 1));
	asm volatile("msr S3_0_C4_C6_0, %0" : : "r"(0xffull));		/* ICC_PMR_EL1 */
	asm volatile("msr S3_0_C12_C12_7, %0\n\tisb" : : "r"(1ull));	/* ICC_IGRPEN1_EL1 */
	asm volatile("msr daifclr, #2" ::: "memory");
}

uint32_t irqs_so_far(void)
{
	uint32_t n = irq_seen_other;
	int i;

	for (i = 0; i < 64; i++)
		n += irq_seen[i];
	return n;
}

/* Listen with every SGI enabled: nothing may arrive from outside. Then
 * prove the listening works: an SGI to ourselves arrives exactly once. */
static void test_gic_victim(void)
{
	uint64_t ms = 3000, end;
	int i;

	get_arg_u64("ms", &ms);
	if (find_gic()) {
		print("FAIL gic-victim: no GIC node in the device tree\n");
		return;
	}
	gic_setup();
	print("gic-victim: listening for %llu ms\n", (unsigned long long)ms);
	for (end = counter() + ms_to_ticks(ms); counter() < end;)
		;
	if (irqs_so_far()) {
		for (i = 0; i < 64 && !irq_seen[i]; i++)
			;
		print("FAIL gic-victim: got %u interrupt(s) from outside, first INTID %d\n",
		      irqs_so_far(), i);
		return;
	}
	if (gic_v2)
		gicv2_sgi(2, 0, 5);	/* filter 2: this CPU only */
	else
		send_sgi(5ull << 24 | 1u << (read_mpidr() & 0xf));
	for (end = counter() + ms_to_ticks(200); counter() < end && !irq_seen[5];)
		;
	if (irq_seen[5] != 1 || irqs_so_far() != 1) {
		print("FAIL gic-victim: self SGI 5 seen %u times (%u interrupts in all)\n",
		      irq_seen[5], irqs_so_far());
		return;
	}
	print("PASS gic-victim\n");
}

static void write_bank(uintptr_t base, unsigned int bytes, uint32_t v)
{
	unsigned int off;

	for (off = 0; off < bytes; off += 4)
		mmio_write32(base + off, v);
}

/* Everything a guest can say to its own vGIC that might reach others:
 * SGIs naming every CPU and cluster, all SPIs enabled, pending, active,
 * re-prioritised, re-configured and routed everywhere. */
static void test_gic_attack(void)
{
	uint64_t end, delay = 500, aff;
	unsigned int sgi, intid;

	get_arg_u64("delay", &delay);
	if (find_gic()) {
		print("FAIL gic-attack: no GIC node in the device tree\n");
		return;
	}
	for (end = counter() + ms_to_ticks(delay); counter() < end;)
		;
	if (gic_v2) {
		gicv2_attack();
		print("attack done\n");
		print("PASS gic-attack\n");
		return;
	}
	for (sgi = 0; sgi < 16; sgi++) {
		uint64_t id = (uint64_t)sgi << 24;

		send_sgi(id | 0xffff);			/* every Aff0 */
		send_sgi(id | 0xffff | 1ull << 16);	/* Aff1 = 1 */
		send_sgi(id | 0xffff | 1ull << 32);	/* Aff2 = 1 */
		send_sgi(id | 0xffff | 1ull << 48);	/* Aff3 = 1 */
		send_sgi(id | 1ull << 40);		/* all but us */
	}
	mmio_write32(gicd + GICD_CTLR, 0x13);
	write_bank(gicd + GIC_IGROUPR, 0x80, ~0u);
	write_bank(gicd + GIC_ISENABLER, 0x80, ~0u);
	write_bank(gicd + GIC_ISPENDR, 0x80, ~0u);
	write_bank(gicd + GIC_ISACTIVER, 0x80, ~0u);
	write_bank(gicd + GIC_IPRIORITYR, 0x3fc, 0);
	write_bank(gicd + GIC_ICFGR, 0x100, ~0u);
	for (intid = 32, aff = 1; intid < 1020; intid++, aff = aff % 255 + 1)
		mmio_write64(gicd + GICD_IROUTER + 8 * intid, aff);
	mmio_write32(gicr_region + GICR_SGI + GIC_ISPENDR, 0xffff);
	print("attack done\n");
	print("PASS gic-attack\n");
}

uint64_t entry_counter;

void __attribute__((noreturn)) guest_main(const void *dtb, uint64_t first_counter)
{
	uint32_t totalsize;
	int err, chosen;

	entry_counter = first_counter;
	/* The header's totalsize bounds the buffer we validate (big endian). */
	totalsize = __builtin_bswap32(((const volatile uint32_t *)dtb)[1]);
	if (totalsize > DT_MAX_SIZE)
		totalsize = DT_MAX_SIZE;
	err = fdt_init(&dt, dtb, totalsize);
	if (err)
		system_off();	/* no tree, no console: nothing to say it with */
	if (find_console())
		system_off();

	chosen = fdt_path_offset(&dt, "/chosen");
	if (chosen >= 0)
		fdt_read_string(&dt, chosen, "bootargs", &bootargs);
	if (!get_arg("test", test_name, sizeof(test_name))) {
		print("FAIL boot: no test= in bootargs \"%s\"\n", bootargs);
		system_off();
	}
	if (find_psci()) {
		print("FAIL %s: no usable /psci method in the device tree\n", test_name);
		for (;;)
			asm volatile("wfi");
	}
	if (find_memory()) {
		print("FAIL %s: no memory node in the device tree\n", test_name);
		system_off();
	}
	if (find_cpus()) {
		print("FAIL %s: no cpu nodes under /cpus\n", test_name);
		system_off();
	}

	if (!strcmp(test_name, "hello"))
		test_hello();
	else if (!strcmp(test_name, "read"))
		test_read();
	else if (!strcmp(test_name, "victim"))
		test_victim(dtb);
	else if (!strcmp(test_name, "reset"))
		test_reset();
	else if (!strcmp(test_name, "psci"))
		test_psci();
	else if (!strcmp(test_name, "smp"))
		test_smp();
	else if (!strcmp(test_name, "gic-victim"))
		test_gic_victim();
	else if (!strcmp(test_name, "gic-attack"))
		test_gic_attack();
	else if (!strcmp(test_name, "vpci-victim"))
		test_vpci_victim();
	else if (!strcmp(test_name, "vpci-attack"))
		test_vpci_attack();
	else if (!strcmp(test_name, "vpci-list"))
		test_vpci_list();
	else if (!strcmp(test_name, "bench"))
		test_bench();
	else if (!strcmp(test_name, "hostile"))
		test_hostile();
	else if (!strcmp(test_name, "vpci-hostile"))
		test_vpci_hostile();
	else if (!strcmp(test_name, "vpci-kept"))
		test_vpci_kept();
	else if (!strcmp(test_name, "edu-dma"))
		test_edu_dma();
	else if (!strcmp(test_name, "edu-victim"))
		test_edu_victim();
	else if (!strcmp(test_name, "dma-storm"))
		test_dma_storm();
	else if (!strcmp(test_name, "its"))
		test_its();
	else if (!strcmp(test_name, "irqbench"))
		test_irqbench();
	else
		print("FAIL %s: unknown test\n", test_name);
	system_off();
}
