// SPDX-License-Identifier: GPL-2.0-only
/*
 * edu-dma: a bare-metal guest that owns QEMU's edu device (1234:11e8)
 * and makes it DMA wherever it likes. Facts from QEMU's hw/misc/edu.c
 * (the dma_mask property checked on QEMU 10.0 with -device edu,help):
 *   BAR0       1 MiB of 32-bit memory: 0x00 id (0x010000ed), 0x04
 *              liveness (reads back the complement), 0x24 interrupt
 *              status, 0x64 interrupt acknowledge, 0x80 DMA source,
 *              0x88 destination, 0x90 count, 0x98 command (bit 0 run,
 *              bit 1 direction: 0 RAM to the device, 1 the device to
 *              RAM, bit 2 raise DMA_IRQ 0x100 when done);
 *   the device's 4 KiB buffer is at DMA address 0x40000 (its side only);
 *   a transfer starts 100 ms (QEMU's virtual clock) after the command and
 *   clears the run bit when done; nothing reports a failed transfer;
 *   DMA addresses are masked with the dma_mask property, 28 bits by
 *   default, so cases widen it (-device edu,dma_mask=...).
 *
 * Bootargs (addresses are DMA addresses: without an IOMMU the host's,
 * with one the guest's own):
 *   victim=ADDR   write a marker there and read it back
 *   hyp=ADDR      read the hypervisor's image there (its Image header
 *                 magic at +0x38); with hyp-write=1 also write it
 *   isolated=1    any target reached is a FAIL (an IOMMU must stop it)
 *   handback=1    start a DMA to victim= and power off before it runs:
 *                 the device, handed back by the hypervisor, must not
 *                 do it (the victim checks its RAM)
 *   handback=reset  start a DMA to a page of its own RAM and reset
 *                 before it runs; restarted (RAM kept), it waits, finds
 *                 that page untouched (the device was taken away), and
 *                 its own-RAM DMA must work again (the device is back)
 *   peer=ADDR     DMA 8 bytes of the marker to ADDR, another guest's
 *                 device register (its BAR's host address + 0x80), and
 *                 read them back (that guest, test=edu-victim, checks it)
 *   delay=MS      wait before attacking (the victim fills its RAM)
 *
 * test=edu-victim (ms=MS): the guest that owns the other edu puts a
 * pattern in its DMA source register (0x80, plain storage while no DMA
 * runs) and checks, MS later, that no other device's DMA changed it.
 * Every line says what the device did; own-RAM DMA must work.
 */
#include "edu_regs.h"
#include "guest.h"
#include "lib/string.h"

#define EDU_BAR0		0x23000000u	/* in the vPCI 32-bit window */
#define PAGE			4096u
#define IMAGE_MAGIC_OFF		0x38
#define IMAGE_MAGIC		0x644d5241u	/* "ARM\x64" */
#define MARKER			0x444d412141545421ull	/* "!TTA!AMD" */
#define SENTINEL		0x53454e54494e454cull	/* "LENITNES" */

static uintptr_t bar;
static uint32_t dma_bytes = PAGE;	/* each transfer's length */
static uint64_t page_out, page_in;	/* two pages of our own RAM */

static uintptr_t ecam_cfg(uintptr_t ecam, unsigned int dev, unsigned int off)
{
	return ecam + (dev << 15) + off;
}

/* The edu on our virtual bus, BAR0 placed, decoding and bus mastering on. */
static bool edu_setup(void)
{
	int node = fdt_next_compatible(&dt, -1, "pci-host-ecam-generic");
	uint64_t ecam, size;
	unsigned int dev;

	if (node < 0 || fdt_reg(&dt, node, 0, &ecam, &size)) {
		print("FAIL edu-dma: no pci-host-ecam-generic node in the device tree\n");
		return false;
	}
	for (dev = 0; dev < 32; dev++)
		if (mmio_read32(ecam_cfg(ecam, dev, 0)) == EDU_ID)
			break;
	if (dev == 32) {
		print("FAIL edu-dma: no edu (1234:11e8) on its virtual bus\n");
		return false;
	}
	mmio_write32(ecam_cfg(ecam, dev, 0x10), EDU_BAR0);
	mmio_write16(ecam_cfg(ecam, dev, 0x04), CMD_MEM_MASTER);
	bar = EDU_BAR0;
	mmio_write32(bar + REG_ALIVE, 0x12345678);
	print("edu-dma: edu at 00:%02x.0, id 0x%08x, liveness 0x%08x, command 0x%x\n", dev,
	      mmio_read32(bar + REG_ID), mmio_read32(bar + REG_ALIVE),
	      mmio_read16(ecam_cfg(ecam, dev, 0x04)));
	return true;
}

static void edu_start(uint64_t src, uint64_t dst, uint32_t cmd)
{
	mmio_write64(bar + REG_DMA_SRC, src);
	mmio_write64(bar + REG_DMA_DST, dst);
	mmio_write32(bar + REG_DMA_CNT, dma_bytes);
	mmio_write32(bar + REG_DMA_CMD, cmd | DMA_RUN | DMA_IRQ_ON);
}

/* One page each way; false if the device never finished. */
static bool edu_dma(uint64_t src, uint64_t dst, uint32_t cmd)
{
	uint64_t end = counter() + ms_to_ticks(3000);
	uint32_t irq;

	edu_start(src, dst, cmd);
	while (mmio_read32(bar + REG_DMA_CMD) & DMA_RUN)
		if (counter() > end) {
			print("FAIL edu-dma: DMA 0x%llx -> 0x%llx still running after 3 s\n",
			      (unsigned long long)src, (unsigned long long)dst);
			return false;
		}
	irq = mmio_read32(bar + REG_IRQ_STATUS);
	mmio_write32(bar + REG_IRQ_ACK, irq);
	if (!(irq & DMA_IRQ)) {
		print("FAIL edu-dma: DMA 0x%llx -> 0x%llx done without DMA_IRQ (status 0x%x)\n",
		      (unsigned long long)src, (unsigned long long)dst, irq);
		return false;
	}
	return true;
}

static void fill(uint64_t page, uint64_t v)
{
	volatile uint64_t *p = (volatile uint64_t *)(uintptr_t)page;
	unsigned int i;

	for (i = 0; i < PAGE / 8; i++)
		p[i] = v;
}

static uint64_t word(uint64_t page, unsigned int off)
{
	return *(volatile uint64_t *)(uintptr_t)(page + off);
}

/* The device's buffer filled with v, by way of our own RAM. */
static bool buf_fill(uint64_t v)
{
	fill(page_out, v);
	return edu_dma(page_out, EDU_BUF, 0);
}

/* A page at addr read by the device; *v = its word at off, as it came
 * back into our RAM (the sentinel if the read left the buffer alone). */
static bool dma_read(uint64_t addr, unsigned int off, uint64_t *v)
{
	if (!buf_fill(SENTINEL) || !edu_dma(addr, EDU_BUF, 0))
		return false;
	fill(page_in, 0);
	if (!edu_dma(EDU_BUF, page_in, DMA_TO_RAM))
		return false;
	*v = word(page_in, off);
	return true;
}

static bool dma_write(uint64_t addr)
{
	return buf_fill(MARKER) && edu_dma(EDU_BUF, addr, DMA_TO_RAM);
}

/* Our own RAM to the device and back: must work in every setup. */
static bool own_ram(void)
{
	volatile uint64_t *in = (volatile uint64_t *)(uintptr_t)page_in;
	unsigned int i;

	for (i = 0; i < PAGE / 8; i++)
		((volatile uint64_t *)(uintptr_t)page_out)[i] = page_out + i * 0x0101010101ull;
	fill(page_in, 0);
	if (!edu_dma(page_out, EDU_BUF, 0) || !edu_dma(EDU_BUF, page_in, DMA_TO_RAM))
		return false;
	for (i = 0; i < PAGE / 8; i++)
		if (in[i] != page_out + i * 0x0101010101ull) {
			/* Bus mastering off, or edu's dma_mask not widened? */
			print("FAIL edu-dma: own RAM came back with 0x%llx at +0x%x\n",
			      (unsigned long long)in[i], i * 8);
			return false;
		}
	print("edu-dma: own RAM 0x%llx -> device -> 0x%llx: %u bytes match\n",
	      (unsigned long long)page_out, (unsigned long long)page_in, PAGE);
	return true;
}

/* Written first, so that an IOMMU's one fault line for the device is
 * this write. 1 reached, 0 not, -1 the device failed. */
static int attack_victim(uint64_t addr)
{
	uint64_t v;

	if (!dma_write(addr) || !dma_read(addr, 0, &v))
		return -1;
	print("edu-dma: victim 0x%llx: wrote 0x%016llx, read back 0x%016llx: %s\n",
	      (unsigned long long)addr, (unsigned long long)MARKER, (unsigned long long)v,
	      v == MARKER ? "reached" : "not reached");
	return v == MARKER;
}

static int attack_hyp(uint64_t addr, bool write)
{
	uint64_t v;
	int reached;

	if (!dma_read(addr, IMAGE_MAGIC_OFF, &v))
		return -1;
	reached = (uint32_t)v == IMAGE_MAGIC;
	print("edu-dma: hypervisor 0x%llx: read 0x%016llx at +0x%x: %s\n",
	      (unsigned long long)addr, (unsigned long long)v, IMAGE_MAGIC_OFF,
	      reached ? "its Image magic, reached" : "not its Image magic, not reached");
	if (!write)
		return reached;
	if (!dma_write(addr + PAGE) || !dma_read(addr + PAGE, 0, &v))
		return -1;
	print("edu-dma: hypervisor 0x%llx: wrote 0x%016llx, read back 0x%016llx: %s\n",
	      (unsigned long long)(addr + PAGE), (unsigned long long)MARKER,
	      (unsigned long long)v, v == MARKER ? "reached" : "not reached");
	return reached || v == MARKER;
}

/* The DMA is armed (100 ms to go) when we power off; the hypervisor
 * must take the device away first. */
static void handback(uint64_t victim)
{
	if (!buf_fill(MARKER))
		return;
	edu_start(EDU_BUF, victim, DMA_TO_RAM);
	print("edu-dma: DMA to 0x%llx armed (command 0x%x); powering off before it runs\n",
	      (unsigned long long)victim, mmio_read32(bar + REG_DMA_CMD));
	psci_call(0x84000008u, 0, 0, 0);	/* PSCI SYSTEM_OFF */
	print("FAIL edu-dma: SYSTEM_OFF returned\n");
}

/* 8 bytes only: a whole page would also hit the peer's command
 * register. 1 reached, 0 not, -1 the device failed. */
static int attack_peer(uint64_t addr)
{
	uint64_t v;
	int ret = -1;

	dma_bytes = 8;
	if (dma_write(addr) && dma_read(addr, 0, &v)) {
		print("edu-dma: peer register 0x%llx: wrote 0x%016llx, read back 0x%016llx: %s\n",
		      (unsigned long long)addr, (unsigned long long)MARKER,
		      (unsigned long long)v, v == MARKER ? "reached" : "not reached");
		ret = v == MARKER;
	}
	dma_bytes = PAGE;
	return ret;
}

void test_edu_victim(void)
{
	uint64_t ms = 5000, v;

	get_arg_u64("ms", &ms);
	if (!edu_setup())
		return;
	mmio_write64(bar + REG_DMA_SRC, SENTINEL);
	print("edu-victim: its edu's register 0x80 holds 0x%016llx, waiting %llu ms\n",
	      (unsigned long long)mmio_read64(bar + REG_DMA_SRC), (unsigned long long)ms);
	delay_ms(ms);
	v = mmio_read64(bar + REG_DMA_SRC);
	if (v != SENTINEL) {
		print("FAIL edu-victim: register 0x80 changed to 0x%016llx\n", (unsigned long long)v);
		return;
	}
	print("PASS edu-victim\n");
}

#define RESET_MAGIC	0x5445535345524153ull	/* "TESSERAS" */

/* handback=reset, first run: arm a DMA into our own page and reset. */
static void reset_arm(volatile uint64_t *flag, uint64_t target)
{
	fill(target, SENTINEL);
	if (!buf_fill(MARKER))
		return;
	flag[0] = RESET_MAGIC;
	flag[1] = ~RESET_MAGIC;
	edu_start(EDU_BUF, target, DMA_TO_RAM);
	print("edu-dma: DMA to own 0x%llx armed (command 0x%x); resetting before it runs\n",
	      (unsigned long long)target, mmio_read32(bar + REG_DMA_CMD));
	psci_call(0x84000009u, 0, 0, 0);	/* PSCI SYSTEM_RESET */
	print("FAIL edu-dma: SYSTEM_RESET returned\n");
}

/* handback=reset, after the restart: the armed DMA never landed, and
 * the device DMAs to our RAM again. Bus mastering stays off (as the
 * hypervisor left it) until the wait is over, so the armed transfer
 * finds the device without its guest whatever the timing. */
static void reset_check(volatile uint64_t *flag, uint64_t target)
{
	uint64_t w;

	flag[0] = flag[1] = 0;
	print("edu-dma: restarted\n");
	delay_ms(300);
	w = word(target, 0);
	if (w != SENTINEL) {
		print("FAIL edu-dma: own 0x%llx holds 0x%016llx after the reset: the armed DMA ran\n",
		      (unsigned long long)target, (unsigned long long)w);
		return;
	}
	print("edu-dma: own 0x%llx untouched after the reset\n", (unsigned long long)target);
	if (edu_setup() && own_ram())
		print("PASS edu-dma\n");
}

static bool reset_handback(void)
{
	uint64_t target = page_in + 2 * PAGE;
	volatile uint64_t *flag = (volatile uint64_t *)(uintptr_t)(target + PAGE);
	char mode[8];

	if (!get_arg("handback", mode, sizeof(mode)) || strcmp(mode, "reset"))
		return false;
	if (flag[0] == RESET_MAGIC && flag[1] == ~RESET_MAGIC)
		reset_check(flag, target);
	else if (edu_setup() && own_ram())
		reset_arm(flag, target);
	return true;
}

void test_edu_dma(void)
{
	uint64_t victim = 0, hyp = 0, delay = 0, flag = 0;
	int reached = 0, r;

	page_out = (ram_base + ram_size / 2) & ~(uint64_t)(PAGE - 1);
	page_in = page_out + PAGE;
	if (reset_handback())
		return;
	if (!edu_setup() || !own_ram())
		return;
	get_arg_u64("victim", &victim);
	get_arg_u64("hyp", &hyp);
	get_arg_u64("delay", &delay);
	delay_ms(delay);
	if (get_arg_u64("handback", &flag) && flag) {
		handback(victim);
		return;
	}
	if (victim) {
		r = attack_victim(victim);
		if (r < 0)
			return;
		reached += r;
	}
	if (get_arg_u64("peer", &flag) && flag) {
		r = attack_peer(flag);
		if (r < 0)
			return;
		reached += r;
	}
	if (hyp) {
		r = attack_hyp(hyp, get_arg_u64("hyp-write", &flag) && flag);
		if (r < 0)
			return;
		reached += r;
	}
	if (get_arg_u64("isolated", &flag) && flag && reached) {
		print("FAIL edu-dma: %d target(s) outside its RAM reached by DMA\n", reached);
		return;
	}
	print("edu-dma: %d target(s) outside its RAM reached\n", reached);
	print("PASS edu-dma\n");
}
