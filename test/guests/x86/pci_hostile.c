// SPDX-License-Identifier: GPL-2.0-only
/*
 * Hostile PCI guest on x86 (test=pci-hostile attack=NAME), owning QEMU's
 * edu, and the victim that owns another (test=pci-victim). The attacker
 * prints what it saw; an attack the hypervisor answers by stopping it
 * prints nothing after "trying".
 *   config        CF8/CFC to every bus, slot and function, and the ECAM
 *                 to every slot of its bus: only its edu answers; then
 *                 writes to the command register and BARs of every
 *                 function it does not own (the host's slots of the
 *                 hypervisor's console and of the victim's edu among
 *                 them), config cycles with CF8's enable bit clear, and
 *                 byte and word accesses at CFC + 1 to 3: its edu is
 *                 unchanged and still DMAs
 *   bar-on-ram    BAR0 moved onto its own RAM: RAM stays RAM
 *   bar-on-hyp    BAR0 moved to addr= (the hypervisor's image's host
 *                 address: its guest addresses are not the host's, so
 *                 it is outside its RAM and windows): touching it stops it
 *   decode-storm  memory decoding toggled 20000 times, through CF8/CFC
 *                 and the ECAM in turn: the edu is unchanged
 *   msi-dma       its edu's MSI aimed at itself comes; then the edu DMAs
 *                 30 data words to the MSI doorbell 0xfee00000, forging
 *                 messages (each an interrupt remapping index, or a raw
 *                 vector: exceptions', the host's MSI vectors, the
 *                 console's and the IOMMU's): whatever comes is its own
 *                 vector, and nothing reaches the victim, whose edu's MSI
 *                 is aimed at itself, nor the hypervisor
 * The victim places and checks its edu, aims its MSI at itself without
 * raising it, waits delay= ms for the attacker, and checks it all again,
 * DMA included, and that no interrupt came at that vector.
 */
#include "../edu_regs.h"
#include "guest.h"
#include "lib/string.h"
#include "pci.h"

#define PCI_COMMAND	0x04
#define PCI_BAR(i)	(0x10 + 4 * (i))
#define CONF1_ENABLE	0x80000000u
#define OWN_MARK	0x3000000u	/* a page of its RAM, 48 MiB up */
#define STORM		20000u

static uint32_t conf1_addr(unsigned int bus, unsigned int devfn, unsigned int off)
{
	return CONF1_ENABLE | bus << 16 | devfn << 8 | (off & 0xfc);
}

static uint32_t conf1_read(unsigned int bus, unsigned int devfn, unsigned int off)
{
	outl(0xcf8, conf1_addr(bus, devfn, off));
	return inl(0xcfc);
}

static void conf1_write(unsigned int bus, unsigned int devfn, unsigned int off, uint32_t v)
{
	outl(0xcf8, conf1_addr(bus, devfn, off));
	outl(0xcfc, v);
}

/* Its edu as it left it: placed, decoding, answering. */
static bool edu_unchanged(unsigned int dev)
{
	uint32_t id = cf8_read(dev, 0), bar = cf8_read(dev, PCI_BAR(0));
	uint16_t cmd = (uint16_t)cf8_read(dev, PCI_COMMAND);

	if (id != EDU_ID || bar != GUEST_BAR || cmd != CMD_MEM_MASTER ||
	    *reg32(REG_ID) != EDU_MAGIC) {
		gprintf("FAIL pci: edu at 00:%02x.0 reads id 0x%08x BAR0 0x%08x command 0x%x, register 0 0x%08x\n",
			dev, id, bar, cmd, *reg32(REG_ID));
		return false;
	}
	*reg32(REG_ALIVE) = 0x600dcafe;
	return *reg32(REG_ALIVE) == ~0x600dcafeu;
}

static unsigned int count_answering(void)
{
	unsigned int bus, devfn, n = 0;

	for (bus = 0; bus < 256; bus++)
		for (devfn = 0; devfn < 256; devfn++)
			if (conf1_read(bus, devfn, 0) != 0xffffffffu)
				n++;
	return n;
}

static unsigned int count_ecam_answering(void)
{
	unsigned int devfn, n = 0;

	for (devfn = 0; devfn < 256; devfn++)
		if (*ecam(devfn >> 3, (devfn & 7) << 12) != 0xffffffffu)
			n++;
	return n;
}

/* Command on, BARs at its own BAR's address, on every function but its
 * own: bus 0 through both mechanisms, every slot of the other buses
 * through CF8/CFC. */
static unsigned int write_foreign(unsigned int own_devfn)
{
	unsigned int bus, devfn, bar, writes = 0;

	for (bus = 0; bus < 256; bus++)
		for (devfn = 0; devfn < 256; devfn += bus ? 8 : 1) {
			if (!bus && devfn == own_devfn)
				continue;
			conf1_write(bus, devfn, PCI_COMMAND, 0x0007);
			for (bar = 0; bar < 6; bar++)
				conf1_write(bus, devfn, PCI_BAR(bar), GUEST_BAR);
			writes += 7;
			if (bus)
				continue;
			*ecam(devfn >> 3, ((devfn & 7) << 12) + PCI_COMMAND) = 0x0007;
			*ecam(devfn >> 3, ((devfn & 7) << 12) + PCI_BAR(0)) = GUEST_BAR;
			writes += 2;
		}
	return writes;
}

/* CF8's enable bit clear: no config cycle; CFC + 1 to 3: the bytes and
 * word of the dword CF8 selects. */
static bool odd_cycles(unsigned int dev)
{
	uint32_t id = cf8_read(dev, 0), off;

	outl(0xcf8, dev << 11 | PCI_COMMAND);
	off = inl(0xcfc);
	outl(0xcfc, 0);
	outw(0xcfc, 0);
	outl(0xcf8, conf1_addr(0, dev << 3, 0));
	gprintf("pci-hostile: CF8 enable clear reads 0x%08x; CFC+1 0x%02x, CFC+2 0x%04x, CFC+3 0x%02x of 0x%08x\n",
		off, inb(0xcfd), inw(0xcfe), inb(0xcff), id);
	outl(0xcf8, conf1_addr(0, dev << 3, 0));
	return off == 0xffffffffu && inb(0xcfd) == (uint8_t)(id >> 8) &&
	       inw(0xcfe) == (uint16_t)(id >> 16) && inb(0xcff) == (uint8_t)(id >> 24);
}

/* Every port of the PCI I/O window, which no BAR of its own claims (the
 * edu has none): each reads all-ones, and a '~' written to each reaches
 * no device, the hypervisor's pci-serial console among them. */
static bool unclaimed_ports(void)
{
	unsigned int port, ones = 0;

	for (port = 0x1000; port <= 0xffff; port++) {
		outb((uint16_t)port, '~');
		ones += inb((uint16_t)port) == 0xff;
	}
	gprintf("pci-hostile: ports 0x1000-0xffff: %u of 61440 read all-ones after a write\n", ones);
	return ones == 61440;
}

static int attack_config(unsigned int dev)
{
	unsigned int writes = write_foreign(dev << 3), n, e;

	gprintf("pci-hostile: %u writes to functions it does not own\n", writes);
	if (!odd_cycles(dev)) {
		gprintf("FAIL pci-hostile: config cycles outside CF8's rules\n");
		return -1;
	}
	n = count_answering();
	e = count_ecam_answering();
	gprintf("pci-hostile: CF8/CFC: 65536 functions on 256 buses probed, %u answered; ECAM: %u of bus 0's 256\n",
		n, e);
	if (n != 1 || e != 1) {
		gprintf("FAIL pci-hostile: it sees functions it does not own\n");
		return -1;
	}
	if (!unclaimed_ports()) {
		gprintf("FAIL pci-hostile: a port no BAR of its own claims answered\n");
		return -1;
	}
	return edu_unchanged(dev) && edu_own_ram() ? 0 : -1;
}

static void bar0_move(unsigned int dev, uint32_t to)
{
	cf8_write16(dev, PCI_COMMAND, 0);
	cf8_write32(dev, PCI_BAR(0), to);
	cf8_write16(dev, PCI_COMMAND, CMD_MEM_MASTER);
	gprintf("pci-hostile: BAR0 at 0x%x, decoding on; reading there\n", to);
}

static int attack_bar_on_ram(unsigned int dev)
{
	volatile uint32_t *ram = (volatile uint32_t *)(uintptr_t)OWN_MARK;
	uint32_t got;

	*ram = 0x5a5aa5a5;
	bar0_move(dev, OWN_MARK);
	got = *ram;
	*ram = 0xa5a55a5a;
	gprintf("pci-hostile: RAM at 0x%x reads 0x%08x, then 0x%08x after a write\n", OWN_MARK,
		got, *ram);
	if (got != 0x5a5aa5a5 || *ram != 0xa5a55a5a)
		return -1;
	bar0_move(dev, GUEST_BAR);
	return edu_unchanged(dev) ? 0 : -1;
}

static int attack_bar_on_hyp(unsigned int dev)
{
	uint32_t to = (uint32_t)arg_u64("addr", 0);

	bar0_move(dev, to);
	gprintf("FAIL pci-hostile: 0x%x answered 0x%08x\n", to,
		*(volatile uint32_t *)(uintptr_t)to);
	return -1;
}

#define MSI_DOORBELL	0xfee00000u
#define VEC_OWN		0x41	/* guest_irq_count(1) */
/* The data words forged (each edu DMA takes QEMU's 100 ms): its own
 * table's first entries, exception vectors, the first host MSI vectors
 * (the victim's edu's among them), the console's and the IOMMU's. */
static const uint32_t forged[] = {
	0x00, 0x01, 0x02, 0x03, 0x08, 0x0e, 0x0f, 0x10, 0x20, 0x2f,
	0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x3f, 0x40,
	0x41, 0x80, 0xcf, 0xe0, 0xe1, 0xff, 0x100, 0x400, 0x4030, 0x8031,
};
#define FORGED		(sizeof(forged) / sizeof(forged[0]))

/* Sleep until n interrupts have come at VEC_OWN or ms have passed: the
 * local APIC timer (vector 0x40) wakes the HLT if nothing else does. */
static void wait_own(unsigned int n, unsigned int ms)
{
	uint64_t khz = guest_tsc_khz();

	guest_wrmsr(0x83e, 0xb);		/* timer divide: by 1 */
	guest_wrmsr(0x832, 0x40);		/* one-shot, vector 0x40 */
	guest_wrmsr(0x838, khz * (ms + 50));
	guest_wait_irqs(1, n, guest_rdtsc() + khz * ms);
}

/* Raise the edu's interrupt; true if one came at VEC_OWN in 300 ms. */
static bool own_msi_comes(void)
{
	unsigned int before = guest_irq_count(1);

	*reg32(REG_IRQ_RAISE) = 1;
	wait_own(before + 1, 300);
	*reg32(REG_IRQ_ACK) = *reg32(REG_IRQ_STATUS);
	return guest_irq_count(1) == before + 1;
}

static int attack_msi_dma(unsigned int dev)
{
	volatile uint32_t *word = (volatile uint32_t *)(uintptr_t)OWN_MARK;
	unsigned int pos = msi_cap(dev), i, before;

	guest_wrmsr(0x80f, 0x1ff);	/* x2APIC SVR: software enable */
	if (!pos) {
		gprintf("FAIL pci-hostile: the edu shows no MSI capability\n");
		return -1;
	}
	msi_aim(dev, pos, 0, VEC_OWN);
	if (!own_msi_comes()) {
		gprintf("FAIL pci-hostile: its own MSI did not come\n");
		return -1;
	}
	/* All the words into the device's buffer, then one DMA each from
	 * there to the doorbell. */
	for (i = 0; i < FORGED; i++)
		word[i] = forged[i];
	if (!edu_dma(OWN_MARK, EDU_BUF, 0, sizeof(forged)))
		return -1;
	before = guest_irq_count(1);
	for (i = 0; i < FORGED; i++)
		if (!edu_dma(EDU_BUF + 4 * i, MSI_DOORBELL, DMA_TO_RAM, 4))
			return -1;
	wait_own(~0u, 200);
	gprintf("pci-hostile: %u messages forged by DMA to 0x%x: %u interrupt(s) came, at its own vector 0x%x\n",
		(unsigned int)FORGED, MSI_DOORBELL, guest_irq_count(1) - before, VEC_OWN);
	if (!own_msi_comes()) {
		gprintf("FAIL pci-hostile: its own MSI no longer comes\n");
		return -1;
	}
	return edu_unchanged(dev) ? 0 : -1;
}

static int attack_decode_storm(unsigned int dev)
{
	uint64_t t0 = guest_rdtsc();
	unsigned int i;

	for (i = 0; i < STORM; i++) {
		uint16_t cmd = i & 1 ? CMD_MEM_MASTER : 0;

		if (i & 2)
			*ecam(dev, PCI_COMMAND) = cmd;
		else
			cf8_write16(dev, PCI_COMMAND, cmd);
	}
	gprintf("pci-hostile: %u toggles in %llu ms, decoding left on; function 0x%08x\n", STORM,
		(unsigned long long)((guest_rdtsc() - t0) / guest_tsc_khz()), cf8_read(dev, 0));
	return edu_unchanged(dev) && edu_own_ram() ? 0 : -1;
}

int pci_hostile_run(void)
{
	const char *attack = arg("attack") ? arg("attack") : "";
	char name[16];
	int dev, ret = -1;
	size_t n;

	pci_tag("pci-hostile");
	dev = find_edu();
	if (dev < 0 || !edu_setup((unsigned int)dev)) {
		gprintf("FAIL pci-hostile: no edu answering on its bus\n");
		return -1;
	}
	for (n = 0; n < sizeof(name) - 1 && attack[n] && attack[n] != ' '; n++)
		name[n] = attack[n];
	name[n] = 0;
	gprintf("pci-hostile: trying %s\n", name);
	if (!strcmp(name, "config"))
		ret = attack_config((unsigned int)dev);
	else if (!strcmp(name, "bar-on-ram"))
		ret = attack_bar_on_ram((unsigned int)dev);
	else if (!strcmp(name, "bar-on-hyp"))
		ret = attack_bar_on_hyp((unsigned int)dev);
	else if (!strcmp(name, "decode-storm"))
		ret = attack_decode_storm((unsigned int)dev);
	else if (!strcmp(name, "msi-dma"))
		ret = attack_msi_dma((unsigned int)dev);
	else
		gprintf("FAIL pci-hostile: unknown attack\n");
	if (ret)
		return -1;
	gprintf("PASS pci-hostile\n");
	return 0;
}

/* Sleep in HLT, woken by its local APIC timer every 100 ms, rather than
 * spin: a spinning vCPU takes a host CPU from the attacker's under TCG. */
static void sleep_ms(uint64_t ms)
{
	uint64_t khz = guest_tsc_khz(), end = guest_rdtsc() + ms * khz;

	guest_wrmsr(0x80f, 0x1ff);		/* x2APIC SVR: software enable */
	guest_wrmsr(0x83e, 0xb);		/* timer divide: by 1 */
	guest_wrmsr(0x832, 0x40 | 1u << 17);	/* periodic, vector 0x40 */
	guest_wrmsr(0x838, khz * 100);
	while (guest_rdtsc() < end)
		guest_wait_irqs(0, guest_irq_count(0) + 1, end);
	guest_wrmsr(0x838, 0);
}

int pci_victim_run(void)
{
	int dev;

	pci_tag("pci-victim");
	dev = find_edu();
	if (dev < 0 || !edu_setup((unsigned int)dev) || !edu_own_ram() ||
	    !msi_cap((unsigned int)dev)) {
		gprintf("FAIL pci-victim: its edu does not work to begin with\n");
		return -1;
	}
	/* Aimed at itself, never raised: a message forged for its host
	 * vector would come here. */
	guest_wrmsr(0x80f, 0x1ff);
	msi_aim((unsigned int)dev, msi_cap((unsigned int)dev), 0, VEC_OWN);
	sleep_ms(arg_u64("delay", 0));
	if (!edu_unchanged((unsigned int)dev) || !edu_own_ram()) {
		gprintf("FAIL pci-victim: its edu changed while it waited\n");
		return -1;
	}
	if (guest_irq_count(1)) {
		gprintf("FAIL pci-victim: %u interrupt(s) came at 0x%x, which it never raised\n",
			guest_irq_count(1), VEC_OWN);
		return -1;
	}
	gprintf("PASS pci-victim: its edu placed, answering and DMAing as before\n");
	return 0;
}
