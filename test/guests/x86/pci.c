// SPDX-License-Identifier: GPL-2.0-only
/*
 * test=edu-dma on x86: the guest owns QEMU's edu (1234:11e8; its
 * registers are described in test/guests/edu.c) and checks, from what it
 * sees itself:
 *   - config space through CF8/CFC finds exactly one function on its
 *     bus, the edu, and the ECAM of its ACPI MCFG (GUEST_ECAM, the guest
 *     machine's) shows the same function, a BAR written through one
 *     reads back through the other;
 *   - with BAR0 placed at GUEST_BAR and decoding on, the edu answers
 *     (its id, and its liveness register's complement);
 *   - the edu's DMA of a page of its own RAM to the device and back
 *     arrives intact (addresses are its own guest addresses: AMD-Vi
 *     walks its NPT);
 *   - victim=ADDR: a DMA write of a marker there (another guest's host
 *     address, outside its own RAM) does not come back: blocked.
 * delay=MS waits first (the victim fills its RAM).
 */
#include "../edu_regs.h"
#include "guest.h"

#define GUEST_ECAM	0xe0000000u	/* the MCFG's, checked by test_guest_acpi */
#define GUEST_BAR	0xc0000000u	/* the vPCI 32-bit window's start */
#define PAGE		4096u
#define OWN_OUT		0x2000000u	/* two pages of its RAM, 32 MiB up */
#define OWN_IN		0x2001000u
#define MARKER		0x444d412141545421ull	/* "!TTA!AMD" */

static uint32_t cf8_read(unsigned int dev, unsigned int off)
{
	outl(0xcf8, 0x80000000u | dev << 11 | (off & 0xfc));
	return inl(0xcfc);
}

static void cf8_write16(unsigned int dev, unsigned int off, uint16_t v)
{
	outl(0xcf8, 0x80000000u | dev << 11 | (off & 0xfc));
	outw(0xcfc + (off & 2), v);
}

static volatile uint32_t *ecam(unsigned int dev, unsigned int off)
{
	return (volatile uint32_t *)(uintptr_t)(GUEST_ECAM + (dev << 15) + off);
}

static volatile uint32_t *reg32(unsigned int off)
{
	return (volatile uint32_t *)(uintptr_t)(GUEST_BAR + off);
}

static volatile uint64_t *reg64(unsigned int off)
{
	return (volatile uint64_t *)(uintptr_t)(GUEST_BAR + off);
}

/* The edu's slot on bus 0 through CF8/CFC; -1 unless it is the only
 * function there. */
static int find_edu(void)
{
	unsigned int dev, n = 0;
	int edu = -1;

	for (dev = 0; dev < 32; dev++) {
		uint32_t id = cf8_read(dev, 0);

		if (id == 0xffffffffu)
			continue;
		n++;
		gprintf("edu-dma: cf8 00:%02x.0 %04x:%04x\n", dev, id & 0xffff, id >> 16);
		if (id == EDU_ID)
			edu = (int)dev;
	}
	gprintf("edu-dma: %u function(s) on its bus\n", n);
	return n == 1 ? edu : -1;
}

static bool setup(unsigned int dev)
{
	if (*ecam(dev, 0) != EDU_ID) {
		gprintf("FAIL edu-dma: ECAM at 0x%x reads 0x%08x for 00:%02x.0\n", GUEST_ECAM,
			*ecam(dev, 0), dev);
		return false;
	}
	*ecam(dev, 0x10) = GUEST_BAR;
	if (cf8_read(dev, 0x10) != GUEST_BAR) {
		gprintf("FAIL edu-dma: BAR0 written by ECAM reads 0x%08x by CF8\n",
			cf8_read(dev, 0x10));
		return false;
	}
	cf8_write16(dev, 0x04, CMD_MEM_MASTER);
	*reg32(REG_ALIVE) = 0x12345678;
	gprintf("edu-dma: edu at 00:%02x.0 by CF8 and ECAM, id 0x%08x, liveness 0x%08x, command 0x%x\n",
		dev, *reg32(REG_ID), *reg32(REG_ALIVE), *ecam(dev, 0x04) & 0xffff);
	return *reg32(REG_ID) == EDU_MAGIC && *reg32(REG_ALIVE) == ~0x12345678u;
}

/* One transfer; false if the device never finished (3 s of TSC). */
static bool dma(uint64_t src, uint64_t dst, uint32_t cmd, uint32_t bytes)
{
	uint64_t end = guest_rdtsc() + guest_tsc_khz() * 3000;

	*reg64(REG_DMA_SRC) = src;
	*reg64(REG_DMA_DST) = dst;
	*reg32(REG_DMA_CNT) = bytes;
	*reg32(REG_DMA_CMD) = cmd | DMA_RUN;
	while (*reg32(REG_DMA_CMD) & DMA_RUN)
		if (guest_rdtsc() > end) {
			gprintf("FAIL edu-dma: DMA 0x%llx -> 0x%llx still running\n",
				(unsigned long long)src, (unsigned long long)dst);
			return false;
		}
	*reg32(REG_IRQ_ACK) = *reg32(REG_IRQ_STATUS);
	return true;
}

static bool own_ram(void)
{
	volatile uint64_t *out = (volatile uint64_t *)(uintptr_t)OWN_OUT;
	volatile uint64_t *in = (volatile uint64_t *)(uintptr_t)OWN_IN;
	unsigned int i;

	for (i = 0; i < PAGE / 8; i++) {
		out[i] = MARKER ^ i;
		in[i] = 0;
	}
	if (!dma(OWN_OUT, EDU_BUF, 0, PAGE) || !dma(EDU_BUF, OWN_IN, DMA_TO_RAM, PAGE))
		return false;
	for (i = 0; i < PAGE / 8; i++)
		if (in[i] != (MARKER ^ i)) {
			gprintf("FAIL edu-dma: own RAM 0x%x -> device -> 0x%x: word %u is 0x%llx\n",
				OWN_OUT, OWN_IN, i, (unsigned long long)in[i]);
			return false;
		}
	gprintf("edu-dma: own RAM 0x%x -> device -> 0x%x: %u bytes match\n", OWN_OUT, OWN_IN,
		PAGE);
	return true;
}

/* The marker to victim, and back into the device's buffer: anything
 * but the marker means the write never landed. */
static bool victim_reached(uint64_t victim)
{
	volatile uint64_t *out = (volatile uint64_t *)(uintptr_t)OWN_OUT;
	volatile uint64_t *in = (volatile uint64_t *)(uintptr_t)OWN_IN;

	out[0] = MARKER;
	in[0] = 0;
	if (!dma(OWN_OUT, EDU_BUF, 0, 8) || !dma(EDU_BUF, victim, DMA_TO_RAM, 8))
		return true;
	out[0] = 0;
	if (!dma(OWN_OUT, EDU_BUF, 0, 8) || !dma(victim, EDU_BUF, 0, 8) ||
	    !dma(EDU_BUF, OWN_IN, DMA_TO_RAM, 8))
		return true;
	gprintf("edu-dma: victim 0x%llx: wrote 0x%llx, read back 0x%llx: %s\n",
		(unsigned long long)victim, (unsigned long long)MARKER, (unsigned long long)in[0],
		in[0] == MARKER ? "REACHED" : "not reached");
	return in[0] == MARKER;
}

int edu_dma_run(void)
{
	uint64_t victim = arg_u64("victim", 0), t;
	int dev = find_edu();

	if (dev < 0) {
		gprintf("FAIL edu-dma: not exactly one function, the edu, on its bus\n");
		return -1;
	}
	if (!setup((unsigned int)dev)) {
		gprintf("FAIL edu-dma: the edu does not answer at its BAR\n");
		return -1;
	}
	if (!own_ram())
		return -1;
	t = guest_rdtsc() + arg_u64("delay", 0) * guest_tsc_khz();
	while (guest_rdtsc() < t)
		;
	if (victim && victim_reached(victim)) {
		gprintf("FAIL edu-dma: its DMA reached 0x%llx, outside its RAM\n",
			(unsigned long long)victim);
		return -1;
	}
	gprintf("PASS edu-dma\n");
	return 0;
}
