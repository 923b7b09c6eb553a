// SPDX-License-Identifier: GPL-2.0-only
/*
 * vPCI from inside a guest, without Linux:
 *   vpci-victim  owns one function (QEMU's e1000e): checks its virtual
 *                bus, BAR sizing, that decoding off makes the BAR read
 *                as nothing and decoding on brings it back, that a BAR
 *                moved while decoding was off is reached only at its new
 *                address, and, after another guest's attack, that its
 *                device is untouched.
 *   vpci-list    prints each function it sees: identity, interrupt pin,
 *                BAR sizes; then decodes the first one's BAR 0.
 *   vpci-attack  writes the command register, ROM BAR and BARs of every
 *                function it does not own on its bus, then reaches for
 *                the host's real ECAM (and is stopped for that).
 * The virtual host bridge comes from the guest's device tree.
 */
#include "guest.h"
#include "lib/string.h"

#define CMD		0x04
#define CMD_MEM		0x2
#define BAR(i)		(0x10 + 4 * (i))
#define ROM		0x30
#define E1000_STATUS	0x08
#define ATTACK_MS	1500	/* victim waits this long for the attacker */
#define BAR0_MOVED	0x23100000u	/* in the 32-bit window, clear of BAR0 */
#define PSCI_SYSTEM_RESET	0x84000009u
#define RESET_MAGIC	0x5650434952535421ull	/* "VPCIRST!" */

static uintptr_t ecam;

static uintptr_t cfg(unsigned int dev, unsigned int off)
{
	return ecam + (dev << 15) + off;
}

static bool find_ecam(const char *test)
{
	int node = fdt_next_compatible(&dt, -1, "pci-host-ecam-generic");
	uint64_t base, size;

	if (node < 0 || fdt_reg(&dt, node, 0, &base, &size)) {
		print("FAIL %s: no pci-host-ecam-generic node in the device tree\n", test);
		return false;
	}
	ecam = base;
	return true;
}

/* Slots that answer; prints each. */
static unsigned int list_functions(unsigned int *first)
{
	unsigned int dev, n = 0;

	for (dev = 0; dev < 32; dev++) {
		uint32_t id = mmio_read32(cfg(dev, 0));

		if (id == 0xffffffff)
			continue;
		if (!n++)
			*first = dev;
		print("vpci 00:%02x.0 %04x:%04x class %06x\n", dev, id & 0xffff, id >> 16,
		      mmio_read32(cfg(dev, 8)) >> 8);
	}
	return n;
}

static uint32_t size_bar(unsigned int dev, unsigned int off)
{
	uint32_t old = mmio_read32(cfg(dev, off)), mask;

	mmio_write32(cfg(dev, off), 0xffffffff);
	mask = mmio_read32(cfg(dev, off));
	mmio_write32(cfg(dev, off), old);
	return mask;
}

#define CHECK(cond, ...) do { \
	if (!(cond)) { \
		print("FAIL vpci-victim: " __VA_ARGS__); \
		return; \
	} \
} while (0)

/* A flag in the top 4 MiB of RAM, which the reset reloads nothing into. */
static volatile uint64_t *reset_flag(void)
{
	return (volatile uint64_t *)(uintptr_t)(ram_base + ram_size - (4ull << 20));
}

/*
 * After a reset the device is back in its planned state (decoding off,
 * BARs for the guest to assign), and the old BAR address reaches nothing:
 * the reset took the mapping away (BAR-2).
 */
static void after_reset(unsigned int dev, uint32_t bar0)
{
	uint32_t cmd = mmio_read16(cfg(dev, CMD)), bar = mmio_read32(cfg(dev, BAR(0)));
	uint32_t v = mmio_read32(bar0 + E1000_STATUS);

	reset_flag()[0] = 0;
	CHECK(!(cmd & CMD_MEM) && bar == 0, "after reset: command 0x%x, BAR0 0x%08x\n", cmd, bar);
	CHECK(v == 0xffffffff, "after reset the old BAR address reads 0x%08x\n", v);
	print("PASS vpci-reset\n");
}

/*
 * BAR-2 seen from the guest: BAR0 decodes at a and was just read there
 * (so its translation is warm in the TLB). Decoding off, BAR0 moved to
 * b, decoding on: b must reach the device (status_on) and a nothing,
 * i.e. the all-ones the hypervisor answers for window space with no BAR
 * (kernel/pci_assign.c window_access). The host device decodes again by
 * then, so if the stage-2 mapping of a outlived the decoding-off write
 * (not unmapped, or its TLB entry not invalidated), a reads the device's
 * register. Then back to a, with the same check the other way round.
 * Under QEMU a missing TLB invalidation does not show here: the host
 * device's decoding going off changes QEMU's memory map, and QEMU then
 * flushes every vCPU's TLB itself.
 */
static bool move_one(unsigned int dev, uint32_t from, uint32_t to, uint32_t status_on)
{
	uint32_t v_from, v_to;

	v_from = mmio_read32(from + E1000_STATUS);
	if (v_from != status_on) {
		print("FAIL vpci-bar-move: BAR0 at 0x%08x reads 0x%08x before the move, not 0x%08x\n",
		      from, v_from, status_on);
		return false;
	}
	mmio_write16(cfg(dev, CMD), 0);
	mmio_write32(cfg(dev, BAR(0)), to);
	mmio_write16(cfg(dev, CMD), CMD_MEM);
	v_from = mmio_read32(from + E1000_STATUS);
	v_to = mmio_read32(to + E1000_STATUS);
	print("vpci bar move 0x%08x -> 0x%08x: old address reads 0x%08x, new 0x%08x\n", from, to,
	      v_from, v_to);
	if (mmio_read32(cfg(dev, BAR(0))) != to) {
		print("FAIL vpci-bar-move: BAR0 reads 0x%08x after the move to 0x%08x\n",
		      mmio_read32(cfg(dev, BAR(0))), to);
		return false;
	}
	if (v_from != 0xffffffff) {
		print("FAIL vpci-bar-move: the old address 0x%08x still reaches the device "
		      "(stage-2 mapping or TLB entry left behind)\n", from);
		return false;
	}
	if (v_to != status_on) {
		print("FAIL vpci-bar-move: the new address 0x%08x reads 0x%08x, not 0x%08x\n", to,
		      v_to, status_on);
		return false;
	}
	return true;
}

static bool bar_move(unsigned int dev, uint32_t bar0, uint32_t status_on)
{
	if (!move_one(dev, bar0, BAR0_MOVED, status_on) ||
	    !move_one(dev, BAR0_MOVED, bar0, status_on))
		return false;
	print("PASS vpci-bar-move\n");
	return true;
}

void test_vpci_victim(void)
{
	uint32_t bar0 = 0x23000000, status_on, v;
	unsigned int dev = 0, n;
	char arg[4];

	if (!find_ecam("vpci-victim"))
		return;
	n = list_functions(&dev);
	if (reset_flag()[0] == RESET_MAGIC && reset_flag()[1] == ~RESET_MAGIC) {
		after_reset(dev, bar0);
		return;
	}
	CHECK(n == 1, "expected 1 function on the bus, found %u\n", n);
	CHECK(mmio_read32(cfg(dev, 0)) == 0x10d38086, "not the e1000e\n");

	/* Sizing: 128 KiB mem32 BAR0, 32-byte I/O BAR2, 256 KiB ROM. */
	v = size_bar(dev, BAR(0));
	CHECK(v == 0xfffe0000, "BAR0 sizing gave 0x%08x\n", v);
	v = size_bar(dev, BAR(2));
	CHECK(v == 0xffffffe1, "I/O BAR2 sizing gave 0x%08x\n", v);
	v = size_bar(dev, ROM);
	print("vpci sizing bar0=0x%08x rom=0x%08x\n", 0xfffe0000u, v);

	mmio_write32(cfg(dev, BAR(0)), bar0);
	mmio_write16(cfg(dev, CMD), CMD_MEM);
	status_on = mmio_read32(bar0 + E1000_STATUS);
	CHECK(status_on != 0xffffffff, "decoding on, yet the BAR reads all-ones\n");
	/* BAR writes while decoding are ignored (BAR-3). */
	mmio_write32(cfg(dev, BAR(0)), 0x24000000);
	CHECK(mmio_read32(cfg(dev, BAR(0))) == bar0, "BAR moved while decoding\n");

	mmio_write16(cfg(dev, CMD), 0);
	v = mmio_read32(bar0 + E1000_STATUS);
	CHECK(v == 0xffffffff, "decoding off, yet the BAR reads 0x%08x\n", v);
	print("vpci decode off: BAR reads 0x%08x\n", v);
	mmio_write16(cfg(dev, CMD), CMD_MEM);
	v = mmio_read32(bar0 + E1000_STATUS);
	CHECK(v == status_on, "decoding on again reads 0x%08x, was 0x%08x\n", v, status_on);
	print("vpci decode on: status 0x%08x\n", v);
	if (!bar_move(dev, bar0, status_on))
		return;

	/* The attacker runs meanwhile; our device must not notice. */
	delay_ms(ATTACK_MS);
	CHECK((mmio_read16(cfg(dev, CMD)) & CMD_MEM), "command register changed\n");
	CHECK(mmio_read32(cfg(dev, BAR(0))) == bar0, "BAR0 changed\n");
	CHECK(mmio_read32(bar0 + E1000_STATUS) == status_on, "device stopped answering\n");
	print("PASS vpci-victim\n");
	if (get_arg("reset", arg, sizeof(arg))) {
		/* Leave decoding on: the reset must take the mapping away. */
		reset_flag()[0] = RESET_MAGIC;
		reset_flag()[1] = ~RESET_MAGIC;
		print("vpci resetting with decoding on\n");
		psci_call(PSCI_SYSTEM_RESET, 0, 0, 0);
		print("FAIL vpci-victim: SYSTEM_RESET returned\n");
	}
}

void test_vpci_attack(void)
{
	unsigned int dev, own = 0, n, writes = 0;
	char host[24];
	uint64_t host_ecam = 0;

	if (!find_ecam("vpci-attack"))
		return;
	n = list_functions(&own);
	for (dev = 0; dev < 32; dev++) {
		if (n && dev == own)
			continue;
		mmio_write16(cfg(dev, CMD), 0);
		mmio_write16(cfg(dev, CMD), 0x7);
		mmio_write32(cfg(dev, ROM), 0xffffffff);
		mmio_write32(cfg(dev, BAR(0)), 0);
		mmio_write32(cfg(dev, 0x3c), 0);
		writes += 5;
		if (mmio_read32(cfg(dev, 0)) != 0xffffffff) {
			print("FAIL vpci-attack: slot %u answered after the writes\n", dev);
			return;
		}
	}
	print("vpci-attack: %u writes to %u slots it does not own; it sees %u function(s)\n",
	      writes, n ? 31 : 32, n);
	print("PASS vpci-attack\n");
	/* Last: the host's real config space, which no guest may reach. */
	if (get_arg("host-ecam", host, sizeof(host))) {
		for (const char *p = host + 2; *p; p++)
			host_ecam = host_ecam * 16 + (*p <= '9' ? *p - '0' : (*p | 0x20) - 'a' + 10);
		print("vpci-attack: reading host ECAM at 0x%llx\n", (unsigned long long)host_ecam);
		mmio_read32(host_ecam);
		print("FAIL vpci-attack: the host ECAM answered\n");
	}
}

/*
 * vpci-hostile attack=NAME: one escape through the guest's own vPCI
 * function (the first it sees), each with the outcome the hypervisor
 * defines for it (docs/security.md). The guest prints what it saw; an
 * attack that gets the guest stopped prints nothing after "trying".
 *   ecam-range     read past the end of its ECAM window
 *   ecam-unaligned a 4-byte read at a 2-byte offset
 *   ecam-wide      an 8-byte read
 *   bar-on-ram     its BAR moved onto its own RAM: RAM stays RAM
 *   bar-on-hyp     its BAR moved onto the hypervisor's image (addr=)
 *   decode-storm   memory decoding toggled 20000 times
 *   rom            the ROM BAR sized, enabled inside and outside windows
 *   io             (an e1000e) its I/O BAR enabled: it reaches its own
 *                  registers, and every other port of its I/O window,
 *                  written 'X' then read, reads all-ones
 */
static uint64_t ldr64(uintptr_t addr)
{
	uint64_t v;

	asm volatile("ldr %x0, [%1]" : "=r"(v) : "r"(addr) : "memory");
	return v;
}

static void hostile_bar_move(unsigned int dev, uint64_t target, bool expect_stop)
{
	volatile uint32_t *ram = (volatile uint32_t *)(uintptr_t)target;
	uint32_t before = 0;

	if (!expect_stop) {
		*ram = 0x5a5aa5a5;	/* its own RAM: a mark to find again */
		before = *ram;
	}
	mmio_write16(cfg(dev, CMD), 0);
	mmio_write32(cfg(dev, BAR(0)), (uint32_t)target);
	mmio_write32(cfg(dev, BAR(1)), target >> 32);
	mmio_write16(cfg(dev, CMD), CMD_MEM);
	print("vpci-hostile: BAR 0 at 0x%llx, decoding on; reading there\n",
	      (unsigned long long)target);
	if (expect_stop) {
		mmio_read32(target);
		print("FAIL vpci-hostile: 0x%llx answered\n", (unsigned long long)target);
		return;
	}
	if (*ram != before) {
		print("FAIL vpci-hostile: its RAM at 0x%llx reads 0x%08x, not its mark\n",
		      (unsigned long long)target, *ram);
		return;
	}
	print("vpci-hostile: RAM at 0x%llx still reads its mark 0x%08x\n",
	      (unsigned long long)target, before);
	print("PASS vpci-hostile\n");
}

#define CMD_IO		0x1
#define IO_WINDOW	0x3eff0000u	/* GUEST_VPCI_IO_BASE (arch/guest.h) */
#define IO_BAR_AT	0x1000u
#define E1000_IOADDR	0x0
#define E1000_IODATA	0x4

static void hostile_io(unsigned int dev)
{
	uint32_t size = size_bar(dev, BAR(2)), ioaddr, status, port, loud = 0;

	mmio_write32(cfg(dev, BAR(2)), IO_BAR_AT);
	mmio_write16(cfg(dev, CMD), CMD_IO);
	mmio_write32(IO_WINDOW + IO_BAR_AT + E1000_IOADDR, E1000_STATUS);
	ioaddr = mmio_read32(IO_WINDOW + IO_BAR_AT + E1000_IOADDR);
	status = mmio_read32(IO_WINDOW + IO_BAR_AT + E1000_IODATA);
	print("vpci-hostile: I/O BAR sizes to 0x%08x; at port 0x%x IOADDR reads 0x%x, STATUS 0x%08x\n",
	      size, IO_BAR_AT, ioaddr, status);
	if (ioaddr != E1000_STATUS || status == 0xffffffff) {
		print("FAIL vpci-hostile: its own I/O BAR does not reach its device\n");
		return;
	}
	/* The host's pci-serial, the hypervisor's console, has ports here
	 * too (0x2a0 on QEMU): none of this may reach it. */
	for (port = 0; port < 0x10000; port += 2)
		if (port - IO_BAR_AT >= 0x20)
			mmio_write16(IO_WINDOW + port, 0x5858);
	for (port = 0; port < 0x10000; port += 2)
		if (port - IO_BAR_AT >= 0x20 && mmio_read16(IO_WINDOW + port) != 0xffff)
			loud++;
	print("vpci-hostile: %u ports outside its BAR written; %u answered\n",
	      (0x10000 - 0x20) / 2, loud);
	if (loud) {
		print("FAIL vpci-hostile: ports outside its I/O BAR answered\n");
		return;
	}
	print("PASS vpci-hostile\n");
}

void test_vpci_hostile(void)
{
	char attack[24];
	unsigned int dev = 0, i;
	uint64_t addr = 0;

	if (!find_ecam("vpci-hostile") || !list_functions(&dev))
		return;
	get_arg("attack", attack, sizeof(attack));
	get_arg_u64("addr", &addr);
	print("vpci-hostile: trying %s\n", attack);
	if (!strcmp(attack, "ecam-range")) {
		print("vpci-hostile: read 0x%x\n", mmio_read32(ecam + (1u << 20)));
	} else if (!strcmp(attack, "ecam-unaligned")) {
		print("vpci-hostile: read 0x%x\n", mmio_read32(cfg(dev, 2)));
	} else if (!strcmp(attack, "ecam-wide")) {
		print("vpci-hostile: read 0x%llx\n", (unsigned long long)ldr64(cfg(dev, 0)));
	} else if (!strcmp(attack, "bar-on-ram")) {
		hostile_bar_move(dev, ram_base + ram_size / 2, false);
		return;
	} else if (!strcmp(attack, "bar-on-hyp")) {
		hostile_bar_move(dev, addr, true);
		return;
	} else if (!strcmp(attack, "decode-storm")) {
		uint32_t id = mmio_read32(cfg(dev, 0));

		for (i = 0; i < 20000; i++)
			mmio_write16(cfg(dev, CMD), i & 1 ? CMD_MEM : 0);
		print("vpci-hostile: 20000 toggles; function still %08x\n",
		      mmio_read32(cfg(dev, 0)));
		if (mmio_read32(cfg(dev, 0)) != id) {
			print("FAIL vpci-hostile: its function changed\n");
			return;
		}
	} else if (!strcmp(attack, "io")) {
		hostile_io(dev);
		return;
	} else if (!strcmp(attack, "rom")) {
		uint32_t size = size_bar(dev, ROM);

		mmio_write32(cfg(dev, ROM), 0x23800001);
		mmio_write16(cfg(dev, CMD), CMD_MEM);
		mmio_write32(cfg(dev, ROM), (uint32_t)(addr | 1));
		print("vpci-hostile: ROM BAR sizes to 0x%08x, reads 0x%08x\n", size,
		      mmio_read32(cfg(dev, ROM)));
	} else {
		print("FAIL vpci-hostile: unknown attack %s\n", attack);
		return;
	}
	print("PASS vpci-hostile\n");
}

#define VF_BAR_AT	0x23000000u	/* in the 32-bit window */

/* A BAR's kind and size by sizing it; returns how many BAR slots it uses. */
static unsigned int print_bar(unsigned int dev, unsigned int i)
{
	uint32_t lo = size_bar(dev, BAR(i)), hi = 0;
	uint64_t mask;
	bool is64 = !(lo & 1) && ((lo >> 1) & 3) == 2 && i < 5;

	if (is64)
		hi = size_bar(dev, BAR(i + 1));
	mask = (uint64_t)hi << 32 | (lo & (lo & 1 ? ~3u : ~0xfu));
	if (!is64)
		mask |= 0xffffffff00000000ull;
	if (mask == 0xffffffff00000000ull)
		return 1;
	print("vpci 00:%02x.0 BAR%u %s%s size 0x%llx\n", dev, i,
	      lo & 1 ? "io" : is64 ? "mem64" : "mem32", lo & 8 ? "-pf" : "",
	      (unsigned long long)(~mask + 1));
	return is64 ? 2 : 1;
}

/*
 * vpci-list: what a driver's probe sees on the guest's bus: each
 * function's identity, interrupt pin and BAR sizes; then BAR 0 of the
 * first function placed and decoded, and read.
 */
void test_vpci_list(void)
{
	unsigned int first = 0, dev, i;
	uint32_t v;

	if (!find_ecam("vpci-list") || !list_functions(&first)) {
		print("FAIL vpci-list: no function on the bus\n");
		return;
	}
	for (dev = 0; dev < 32; dev++) {
		if (mmio_read32(cfg(dev, 0)) == 0xffffffff)
			continue;
		print("vpci 00:%02x.0 interrupt pin %u\n", dev,
		      (mmio_read32(cfg(dev, 0x3c)) >> 8) & 0xff);
		/* As a driver's probe does: no decoding while a BAR is sized
		 * (a planned function starts with its BARs placed and on). */
		mmio_write16(cfg(dev, CMD), 0);
		for (i = 0; i < 6;)
			i += print_bar(dev, i);
	}
	mmio_write32(cfg(first, BAR(0)), VF_BAR_AT);
	mmio_write32(cfg(first, BAR(1)), 0);
	mmio_write16(cfg(first, CMD), CMD_MEM);
	v = mmio_read32(VF_BAR_AT);
	print("vpci 00:%02x.0 BAR0 at 0x%x decodes: reads 0x%08x\n", first, VF_BAR_AT, v);
	if (v == 0xffffffff) {
		print("FAIL vpci-list: BAR0 reads all-ones with decoding on\n");
		return;
	}
	print("PASS vpci-list\n");
}

/*
 * vpci-kept read=V: it owns an e1000e whose BAR 0 bytes 0x5300-0x53ff
 * (the upper half of the multicast table, MTA[64..127]) the hypervisor
 * keeps (tessera,hypervisor-ranges, HID-2's shared flavour). It writes
 * all 128 MTA entries and reads them back: the lower half, on the same
 * page, is the device's (its writes read back); the kept half reads V,
 * the plan's value. Its I/O BAR, another way to those registers, is not
 * offered (sizes to 0). A register on another page (STATUS) answers.
 */
#define E1000_MTA	0x5200
#define KEPT_BAR0	0x23000000u

void test_vpci_kept(void)
{
	unsigned int dev = 0, i, own = 0, kept = 0;
	uint64_t want = 0;
	uint32_t io, status;

	if (!find_ecam("vpci-kept") || list_functions(&dev) != 1)
		return;
	get_arg_u64("read", &want);
	io = size_bar(dev, BAR(2));
	mmio_write32(cfg(dev, BAR(0)), KEPT_BAR0);
	mmio_write16(cfg(dev, CMD), CMD_MEM);
	status = mmio_read32(KEPT_BAR0 + E1000_STATUS);
	for (i = 0; i < 128; i++)
		mmio_write32(KEPT_BAR0 + E1000_MTA + 4 * i, 0xa5000000u | i);
	for (i = 0; i < 128; i++) {
		uint32_t v = mmio_read32(KEPT_BAR0 + E1000_MTA + 4 * i);

		if (i < 64 && v == (0xa5000000u | i))
			own++;
		if (i >= 64 && v == (uint32_t)want)
			kept++;
	}
	print("pci-kept: MTA 0-63 read back its writes: %u of 64; MTA 64-127 read 0x%08x: %u of 64\n",
	      own, (uint32_t)want, kept);
	print("pci-kept: BAR 2 (I/O) sizes to 0x%08x; STATUS 0x%08x\n", io, status);
	if (own != 64 || kept != 64 || io || status == 0xffffffff) {
		print("FAIL pci-kept\n");
		return;
	}
	print("PASS pci-kept\n");
}
