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
 *
 * test=edu-msi: the same guest aims the edu's MSI (raised by writing its
 * register 0x60) at its own vCPU 0 with vector 0x41, which must come;
 * then at APIC ID 7, which it does not have, and with vector 5, an
 * exception's: neither may come (nor reach anyone else: the victim
 * checks itself); then at itself again, which must come again.
 */
#include "../edu_regs.h"
#include "guest.h"
#include "pci.h"

#define PAGE		4096u
#define PCI_CAP_PTR	0x34
#define CAP_ID_MSI	0x05
#define OWN_OUT		0x2000000u	/* two pages of its RAM, 32 MiB up */
#define OWN_IN		0x2001000u
#define MARKER		0x444d412141545421ull	/* "!TTA!AMD" */

/* What the shared steps' lines begin with: the test's name. */
static const char *tag = "edu-dma";

void pci_tag(const char *name)
{
	tag = name;
}

uint32_t cf8_read(unsigned int dev, unsigned int off)
{
	outl(0xcf8, 0x80000000u | dev << 11 | (off & 0xfc));
	return inl(0xcfc);
}

void cf8_write16(unsigned int dev, unsigned int off, uint16_t v)
{
	outl(0xcf8, 0x80000000u | dev << 11 | (off & 0xfc));
	outw(0xcfc + (off & 2), v);
}

void cf8_write32(unsigned int dev, unsigned int off, uint32_t v)
{
	outl(0xcf8, 0x80000000u | dev << 11 | (off & 0xfc));
	outl(0xcfc, v);
}

volatile uint32_t *ecam(unsigned int dev, unsigned int off)
{
	return (volatile uint32_t *)(uintptr_t)(GUEST_ECAM + (dev << 15) + off);
}

volatile uint32_t *reg32(unsigned int off)
{
	return (volatile uint32_t *)(uintptr_t)(GUEST_BAR + off);
}

static volatile uint64_t *reg64(unsigned int off)
{
	return (volatile uint64_t *)(uintptr_t)(GUEST_BAR + off);
}

/* The slot on bus 0 of the function with vendor and device id, through
 * CF8/CFC; -1 unless it is the only function there. */
int find_single(uint32_t want)
{
	unsigned int dev, n = 0;
	int found = -1;

	for (dev = 0; dev < 32; dev++) {
		uint32_t id = cf8_read(dev, 0);

		if (id == 0xffffffffu)
			continue;
		n++;
		gprintf("%s: cf8 00:%02x.0 %04x:%04x\n", tag, dev, id & 0xffff, id >> 16);
		if (id == want)
			found = (int)dev;
	}
	gprintf("%s: %u function(s) on its bus\n", tag, n);
	return n == 1 ? found : -1;
}

int find_edu(void)
{
	return find_single(EDU_ID);
}

bool edu_setup(unsigned int dev)
{
	if (*ecam(dev, 0) != EDU_ID) {
		gprintf("FAIL %s: ECAM at 0x%x reads 0x%08x for 00:%02x.0\n", tag, GUEST_ECAM,
			*ecam(dev, 0), dev);
		return false;
	}
	*ecam(dev, 0x10) = GUEST_BAR;
	if (cf8_read(dev, 0x10) != GUEST_BAR) {
		gprintf("FAIL %s: BAR0 written by ECAM reads 0x%08x by CF8\n", tag,
			cf8_read(dev, 0x10));
		return false;
	}
	cf8_write16(dev, 0x04, CMD_MEM_MASTER);
	*reg32(REG_ALIVE) = 0x12345678;
	gprintf("%s: edu at 00:%02x.0 by CF8 and ECAM, id 0x%08x, liveness 0x%08x, command 0x%x\n",
		tag, dev, *reg32(REG_ID), *reg32(REG_ALIVE), *ecam(dev, 0x04) & 0xffff);
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
			gprintf("FAIL %s: DMA 0x%llx -> 0x%llx still running\n", tag,
				(unsigned long long)src, (unsigned long long)dst);
			return false;
		}
	*reg32(REG_IRQ_ACK) = *reg32(REG_IRQ_STATUS);
	return true;
}

bool edu_dma(uint64_t src, uint64_t dst, uint32_t cmd, uint32_t bytes)
{
	return dma(src, dst, cmd, bytes);
}

bool edu_own_ram(void)
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
			gprintf("FAIL %s: own RAM 0x%x -> device -> 0x%x: word %u is 0x%llx\n", tag,
				OWN_OUT, OWN_IN, i, (unsigned long long)in[i]);
			return false;
		}
	gprintf("%s: own RAM 0x%x -> device -> 0x%x: %u bytes match\n", tag, OWN_OUT, OWN_IN,
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
	if (!edu_setup((unsigned int)dev)) {
		gprintf("FAIL edu-dma: the edu does not answer at its BAR\n");
		return -1;
	}
	if (!edu_own_ram())
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

/* ---- test=edu-msi ---- */

unsigned int msi_cap(unsigned int dev)
{
	unsigned int pos = cf8_read(dev, PCI_CAP_PTR) & 0xfc, n;

	for (n = 0; pos && n < 48; n++) {
		if ((cf8_read(dev, pos) & 0xff) == CAP_ID_MSI)
			return pos;
		pos = (cf8_read(dev, pos) >> 8) & 0xfc;
	}
	return 0;
}

/* The message the edu's MSI sends: to APIC ID dest, fixed, vector. */
void msi_aim(unsigned int dev, unsigned int pos, uint8_t dest, uint8_t vector)
{
	uint16_t flags = (uint16_t)(cf8_read(dev, pos) >> 16);
	unsigned int data = pos + ((flags & 0x80) ? 12 : 8);

	cf8_write16(dev, pos + 2, flags & ~1u);
	cf8_write32(dev, pos + 4, 0xfee00000u | (uint32_t)dest << 12);
	if (flags & 0x80)
		cf8_write32(dev, pos + 8, 0);
	cf8_write16(dev, data, vector);
	cf8_write16(dev, pos + 2, flags | 1);
}

/* Raise the edu's interrupt and count what arrives at vector 0x41 in
 * 300 ms; the local APIC timer (vector 0x40) wakes the wait if nothing
 * does. */
static unsigned int raise_and_count(void)
{
	unsigned int before = guest_irq_count(1);
	uint64_t khz = guest_tsc_khz();

	guest_wrmsr(0x83e, 0xb);		/* timer divide: by 1 */
	guest_wrmsr(0x832, 0x40);		/* one-shot, vector 0x40 */
	guest_wrmsr(0x838, khz * 350);		/* 350 ms */
	*reg32(REG_IRQ_RAISE) = 1;
	guest_wait_irqs(1, before + 1, guest_rdtsc() + khz * 300);
	*reg32(REG_IRQ_ACK) = *reg32(REG_IRQ_STATUS);
	return guest_irq_count(1) - before;
}

static bool aimed(unsigned int dev, unsigned int pos, uint8_t dest, uint8_t vector,
		  unsigned int want)
{
	unsigned int got;

	msi_aim(dev, pos, dest, vector);
	got = raise_and_count();
	gprintf("edu-msi: APIC ID %u vector 0x%x: %u interrupt(s) at 0x41, %s\n", dest, vector,
		got, got == want ? "as it should" : "WRONG");
	return got == want;
}

int edu_msi_run(void)
{
	int dev = find_edu();
	unsigned int pos;
	bool ok;

	if (dev < 0 || !edu_setup((unsigned int)dev)) {
		gprintf("FAIL edu-msi: no edu answering on its bus\n");
		return -1;
	}
	pos = msi_cap((unsigned int)dev);
	if (!pos) {
		gprintf("FAIL edu-msi: the edu shows no MSI capability\n");
		return -1;
	}
	guest_wrmsr(0x80f, 0x1ff);	/* x2APIC SVR: software enable */
	ok = aimed((unsigned int)dev, pos, 0, 0x41, 1);
	ok &= aimed((unsigned int)dev, pos, 7, 0x41, 0);
	ok &= aimed((unsigned int)dev, pos, 0, 0x05, 0);
	ok &= aimed((unsigned int)dev, pos, 0, 0x41, 1);
	if (!ok) {
		gprintf("FAIL edu-msi: its MSI went where it should not, or not where it should\n");
		return -1;
	}
	gprintf("PASS edu-msi\n");
	return 0;
}
