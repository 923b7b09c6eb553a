// SPDX-License-Identifier: GPL-2.0-only
/*
 * test=irqbench: what a device interrupt costs, from the device raising
 * it to the guest's handler, for make bench (docs/bench.md). The guest
 * owns QEMU's edu (1234:11e8) and makes it raise its interrupt by a
 * write to its raise register (BAR0 + 0x60; QEMU's hw/misc/edu.c: the
 * value is ORed into the status at 0x24, and the device then sends its
 * MSI if MSI is enabled, or raises INTx; a write of those bits to 0x64
 * clears them and, with no MSI, lowers the line). First over INTx, then
 * with the device's MSI capability on, through the ITS the tree names
 * (under Tessera its vITS, run directly on QEMU the GIC's own ITS):
 *   BENCH irq-<intx|msi> n=<n> intid=<INTID> entry_sum=<ticks>
 *         round_sum=<ticks> entry_median=<> entry_min=<> entry_max=<>
 *         round_median=<>
 * entry: from the counter just before the raise write to the counter at
 * the handler's entry; round: to the point the interrupted loop runs
 * again (handler, device acknowledge and EOI included); sums over the
 * n raises, the rest per raise. Under QEMU's -icount shift=0 virtual
 * time is 1 ns per instruction executed (guest and hypervisor), so the
 * figures repeat from run to run; a tick of the counter is 16 of them
 * at QEMU's 62.5 MHz, so the sums (each raise at another phase of the
 * tick) are the figures to divide.
 * Every interrupt counted must be the INTID expected with the edu's
 * status showing our bit; anything else, or one that never comes, is a
 * FAIL. Without n= it does 200 of each after 16 to warm up. First line:
 *   BENCH entry counter=<ticks at the first instruction> freq=<Hz>
 */
#include "gic_regs.h"
#include "guest.h"
#include "lib/string.h"
#include "sort_u64.h"

#define EDU_ID			0x11e81234u
#define EDU_BAR0		0x23000000u	/* in the vPCI (and QEMU virt's) 32-bit window */
#define REG_IRQ_STATUS		0x24
#define REG_IRQ_RAISE		0x60
#define REG_IRQ_ACK		0x64
#define RAISE_BIT		0x40000000u	/* ours: edu's own use 0x1 and 0x100 */

#define PCI_COMMAND		0x04
#define CMD_MEM_MASTER		0x0006
#define CMD_INTX_OFF		0x0400
#define PCI_CAP_PTR		0x34
#define PCI_INT_PIN		0x3d
#define CAP_MSI			0x05
#define MSI_64BIT		0x0080
#define MSI_ENABLE		0x0001

#define GICD_IGROUPR		0x0080
#define GICD_ISENABLER		0x0100
#define GICD_ICENABLER		0x0180
#define GICD_IPRIORITYR		0x0400
#define GICD_ICFGR		0x0c00
#define BASER_DEVICES		1
#define BASER_COLLECTIONS	4

#define LPI			8200u
#define MAX_N			1024
#define WARMUP			16
#define TABLE_PAGE		4096ull

static uintptr_t ecam, bar, its;
static unsigned int slot;
static uint64_t tables;			/* 1 MiB of our RAM for the ITS's tables */
static uint64_t cq, cq_write;		/* the ITS command queue (4 KiB) */
static uint64_t entry_ticks[MAX_N], round_ticks[MAX_N];

static volatile uint32_t want_intid, handled, strays, stray_intid, not_edu;
static volatile uint64_t handled_at;

static uintptr_t cfg(unsigned int off)
{
	return ecam + (slot << 15) + off;
}

/* From guest_irq (main.c): at = the counter as the handler began. */
static void on_irq(uint32_t intid, uint64_t at)
{
	uint32_t status;

	if (intid != want_intid) {
		strays++;
		stray_intid = intid;
		return;
	}
	status = mmio_read32(bar + REG_IRQ_STATUS);
	if (!(status & RAISE_BIT))
		not_edu++;
	mmio_write32(bar + REG_IRQ_ACK, status);
	handled_at = at;
	handled++;
}

static bool find_edu(void)
{
	int node = fdt_next_compatible(&dt, -1, "pci-host-ecam-generic");
	uint64_t base, size;

	if (node < 0 || fdt_reg(&dt, node, 0, &base, &size)) {
		print("FAIL irqbench: no pci-host-ecam-generic node in the device tree\n");
		return false;
	}
	ecam = base;
	for (slot = 0; slot < 32; slot++)
		if (mmio_read32(cfg(0)) == EDU_ID)
			break;
	if (slot == 32) {
		print("FAIL irqbench: no edu (1234:11e8) on bus 0\n");
		return false;
	}
	mmio_write32(cfg(0x10), EDU_BAR0);
	mmio_write16(cfg(PCI_COMMAND), CMD_MEM_MASTER);
	bar = EDU_BAR0;
	mmio_write32(bar + REG_IRQ_ACK, mmio_read32(bar + REG_IRQ_STATUS));
	return true;
}

/* One SPI on, level, group 1, routed to this CPU. */
static void spi_on(unsigned int intid)
{
	mmio_write32(gicd + GICD_IGROUPR + intid / 32 * 4,
		     mmio_read32(gicd + GICD_IGROUPR + intid / 32 * 4) | 1u << (intid % 32));
	mmio_write32(gicd + GICD_ICFGR + intid / 16 * 4,
		     mmio_read32(gicd + GICD_ICFGR + intid / 16 * 4) & ~(3u << (intid % 16 * 2)));
	mmio_write32(gicd + GICD_IPRIORITYR + intid / 4 * 4,
		     (mmio_read32(gicd + GICD_IPRIORITYR + intid / 4 * 4) &
		      ~(0xffu << (intid % 4 * 8))) | 0xa0u << (intid % 4 * 8));
	mmio_write64(gicd + GICD_IROUTER + 8 * intid, read_mpidr());
	mmio_write32(gicd + GICD_ISENABLER + intid / 32 * 4, 1u << (intid % 32));
}

/* n raises, each waited for; false (and said) if any went wrong. */
static bool measure(const char *name, uint64_t n)
{
	uint64_t i, k, t0, t1, end, entry_sum = 0, round_sum = 0;
	uint32_t before;

	for (i = 0; i < WARMUP + n; i++) {
		/* 0-15 instructions more each time: the raise falls at every
		 * phase of the counter's tick, so the sums resolve below it. */
		for (k = 0; k < i % 16; k++)
			asm volatile("nop");
		before = handled;
		t0 = counter();
		mmio_write32(bar + REG_IRQ_RAISE, RAISE_BIT);
		for (end = t0 + ms_to_ticks(1000); handled == before && counter() < end;)
			;
		t1 = counter();
		if (handled == before || strays || not_edu) {
			print("FAIL irqbench: %s raise %llu: %s (INTID expected %u; %u strays, last "
			      "INTID %u; %u without the edu's status bit)\n", name,
			      (unsigned long long)i, handled == before ? "no interrupt in 1 s" :
			      "wrong interrupt", want_intid, strays, stray_intid, not_edu);
			return false;
		}
		if (i >= WARMUP) {
			entry_ticks[i - WARMUP] = handled_at - t0;
			round_ticks[i - WARMUP] = t1 - t0;
			entry_sum += handled_at - t0;
			round_sum += t1 - t0;
		}
	}
	sort_u64(entry_ticks, n);
	sort_u64(round_ticks, n);
	print("BENCH irq-%s n=%llu intid=%u entry_sum=%llu round_sum=%llu entry_median=%llu "
	      "entry_min=%llu entry_max=%llu round_median=%llu\n", name, (unsigned long long)n,
	      want_intid, (unsigned long long)entry_sum, (unsigned long long)round_sum,
	      (unsigned long long)entry_ticks[n / 2], (unsigned long long)entry_ticks[0],
	      (unsigned long long)entry_ticks[n - 1], (unsigned long long)round_ticks[n / 2]);
	return true;
}

/* INTx of slot d, pin p: SPI 3 + (d + p - 1) % 4, as on QEMU's virt
 * board and in Tessera's virtual bus (docs/bindings.md). */
static bool intx(uint64_t n)
{
	unsigned int pin = mmio_read32(cfg(PCI_INT_PIN & ~3u)) >> 8 & 0xff;

	if (pin < 1 || pin > 4) {
		print("FAIL irqbench: edu has no INTx pin (%u)\n", pin);
		return false;
	}
	want_intid = 32 + 3 + (slot + pin - 1) % 4;
	spi_on(want_intid);
	if (!measure("intx", n))
		return false;
	mmio_write32(gicd + GICD_ICENABLER + want_intid / 32 * 4, 1u << (want_intid % 32));
	return true;
}

/* ---- MSI through the ITS ---- */

static bool its_cmd(uint64_t d0, uint64_t d1, uint64_t d2)
{
	uint64_t end = counter() + ms_to_ticks(1000);

	mmio_write64(cq + cq_write, d0);
	mmio_write64(cq + cq_write + 8, d1);
	mmio_write64(cq + cq_write + 16, d2);
	mmio_write64(cq + cq_write + 24, 0);
	cq_write = (cq_write + 32) % TABLE_PAGE;
	mmio_write64(its + GITS_CWRITER, cq_write);
	while (mmio_read64(its + GITS_CREADR) != cq_write)
		if (counter() > end) {
			print("FAIL irqbench: ITS command 0x%llx not done in 1 s\n",
			      (unsigned long long)(d0 & 0xff));
			return false;
		}
	return true;
}

/* The device and collection tables an ITS asks for (GITS_BASER<n>):
 * one flat 4 KiB page each, enough for DeviceIDs of bus 0. A vITS that
 * asks for none (Tessera's) gets none. */
static void its_tables(uint64_t at)
{
	unsigned int n;
	uint64_t v, type;

	for (n = 0; n < 8; n++) {
		v = mmio_read64(its + GITS_BASER + 8 * n);
		type = v >> 56 & 7;
		if (type != BASER_DEVICES && type != BASER_COLLECTIONS)
			continue;
		mmio_write64(its + GITS_BASER + 8 * n, 1ull << 63 | (v & (0x1full << 48)) |
			     (at + n * TABLE_PAGE));
	}
}

/* LPIs on for this CPU, the ITS on, collection 0 here, the edu's event
 * 0 to our LPI. Tables: property (64 KiB), pending (64 KiB), ITT, the
 * ITS's own, command queue, all in the 1 MiB at tables. */
static bool its_setup(uint32_t devid)
{
	uintptr_t rd = gicr_region + 0x20000 * (read_mpidr() & 0xff);
	uint64_t prop = tables, pend = tables + 0x10000, itt = tables + 0x20000;
	uint64_t typer;
	unsigned int i;

	if (!(mmio_read32(gicd + GICD_TYPER) & 1u << 17) || !(mmio_read64(rd + GICR_TYPER) & 1)) {
		print("FAIL irqbench: no LPIs (GICD_TYPER 0x%x)\n", mmio_read32(gicd + GICD_TYPER));
		return false;
	}
	for (i = 0; i < 0x20000; i += 8)
		mmio_write64(prop + i, 0);	/* and the pending table */
	mmio_write32(prop + (LPI - 8192) / 4 * 4, 0xa1u << (LPI % 4 * 8));	/* prio 0xa0, on */
	mmio_write64(rd + GICR_PROPBASER, prop | 15);	/* 16 INTID bits */
	mmio_write64(rd + GICR_PENDBASER, pend);
	mmio_write32(rd + GICR_CTLR, 1);
	mmio_write32(its + GITS_CTLR, 0);
	its_tables(tables + 0x30000);
	cq = tables + 0x40000;
	cq_write = 0;
	mmio_write64(its + GITS_CBASER, 1ull << 63 | cq);
	mmio_write64(its + GITS_CWRITER, 0);
	mmio_write32(its + GITS_CTLR, 1);
	typer = mmio_read64(its + GITS_TYPER);
	/* MAPC collection 0 to us: by processor number, or by address. */
	return its_cmd(0x09, 0, 1ull << 63 | (typer & 1ull << 19 ? rd >> 16 << 16 : 0)) &&
	       its_cmd(0x08 | (uint64_t)devid << 32, 0, 1ull << 63 | itt) &&	/* MAPD 2 events */
	       its_cmd(0x0a | (uint64_t)devid << 32, (uint64_t)LPI << 32, 0) &&	/* MAPTI 0 */
	       its_cmd(0x05, 0, 0);		/* SYNC */
}

static unsigned int msi_cap(void)
{
	unsigned int at = mmio_read32(cfg(PCI_CAP_PTR)) & 0xfc, n;

	for (n = 0; at && n < 48; n++) {
		uint32_t hdr = mmio_read32(cfg(at));

		if ((hdr & 0xff) == CAP_MSI)
			return at;
		at = hdr >> 8 & 0xfc;
	}
	return 0;
}

static bool msi(uint64_t n)
{
	int node = fdt_next_compatible(&dt, -1, "arm,gic-v3-its");
	unsigned int cap = msi_cap();
	uint64_t base, size;
	uint16_t ctrl;

	if (node < 0 || fdt_reg(&dt, node, 0, &base, &size)) {
		print("FAIL irqbench: no arm,gic-v3-its node in the device tree\n");
		return false;
	}
	if (!cap) {
		print("FAIL irqbench: the edu shows no MSI capability\n");
		return false;
	}
	its = base;
	/* bus 0: the DeviceID is the requester id (msi-map identity). */
	if (!its_setup(slot << 3))
		return false;
	ctrl = mmio_read16(cfg(cap + 2));
	mmio_write32(cfg(cap + 4), (uint32_t)(its + GITS_TRANSLATER));
	if (ctrl & MSI_64BIT) {
		mmio_write32(cfg(cap + 8), (uint32_t)((its + GITS_TRANSLATER) >> 32));
		mmio_write16(cfg(cap + 12), 0);		/* event 0 */
	} else {
		mmio_write16(cfg(cap + 8), 0);
	}
	mmio_write16(cfg(cap + 2), (ctrl & ~0x70u) | MSI_ENABLE);	/* one vector */
	mmio_write16(cfg(PCI_COMMAND), CMD_MEM_MASTER | CMD_INTX_OFF);
	want_intid = LPI;
	return measure("msi", n);
}

void test_irqbench(void)
{
	uint64_t n = 200;

	get_arg_u64("n", &n);
	print("BENCH entry counter=%llu freq=%llu\n", (unsigned long long)entry_counter,
	      (unsigned long long)counter_freq());
	if (n < 1 || n > MAX_N) {
		print("FAIL irqbench: n=%llu not in 1..%u\n", (unsigned long long)n, MAX_N);
		return;
	}
	if (find_gic()) {
		print("FAIL irqbench: no arm,gic-v3 node in the device tree\n");
		return;
	}
	/* Past the guest's image and below its tree (Tessera puts it in the
	 * top 2 MiB, QEMU's -kernel at ram_base + 128 MiB at most). */
	tables = (ram_base + ram_size / 4 * 3) & ~0xffffull;
	if (!find_edu())
		return;
	irq_hook = on_irq;
	gic_setup();
	if (intx(n) && msi(n))
		print("PASS irqbench\n");
	irq_hook = NULL;
}
