// SPDX-License-Identifier: GPL-2.0-only
/*
 * test=its: the guest drives its virtual ITS (the tree's arm,gic-v3-its
 * node) for its own PCI function (the edu, found on its virtual bus),
 * then says what reached it. Every mode first maps its own event 0 to an
 * LPI (MAPD, MAPC, MAPTI), and finally shows that listening works (INT
 * of that event arrives once), so a "not received" means something.
 *   mode=basic     INT arrives; INT then CLEAR, and INT then DISCARD,
 *                  with interrupts masked meanwhile: nothing arrives
 *   mode=foreign   MAPD/MAPTI/INT of DeviceID 0x100, not its own
 *   mode=event     MAPTI/INT of event 1 (the edu has one vector)
 *   mode=itt       MAPD of its own device with a 2^32-event ITT, then
 *                  MAPTI/INT of event 0 on it
 *   mode=cwriter   CWRITER past the end of its queue
 *   mode=queue     CBASER naming memory outside its RAM
 *   mode=storm     a 1 MiB queue full of commands (32767), polled
 * Each hostile step reports received / not received; the case checks
 * that and the hypervisor's note. The MMU is off (Device memory), so the
 * tables in RAM need no cache maintenance.
 */
#include "guest.h"
#include "lib/string.h"

#define GICD_TYPER		0x0004
#define GICR_CTLR		0x0000
#define GICR_TYPER		0x0008
#define GICR_PROPBASER		0x0070
#define GICR_PENDBASER		0x0078
#define GITS_CTLR		0x0000
#define GITS_TYPER		0x0008
#define GITS_CBASER		0x0080
#define GITS_CWRITER		0x0088
#define GITS_CREADR		0x0090

#define EDU_ID			0x11e81234u
#define LPI			8197u	/* what its event 0 becomes */
#define FOREIGN_DEVID		0x100u
/* Its tables, in its RAM past the image and tree. */
#define PROP_OFF		0x2000000ull	/* 64 KiB: LPIs 8192..65535 */
#define PEND_OFF		0x2010000ull	/* 64 KiB */
#define ITT_OFF			0x2020000ull
#define QUEUE_OFF		0x2100000ull	/* up to 1 MiB */

static uintptr_t its;
static uint64_t queue, qsize, cwriter;
static uint32_t devid;

static bool find_its_and_edu(void)
{
	int node = fdt_next_compatible(&dt, -1, "arm,gic-v3-its");
	uint64_t base, size, ecam;
	unsigned int dev;

	if (node < 0 || fdt_reg(&dt, node, 0, &base, &size)) {
		print("FAIL its: no arm,gic-v3-its node in the device tree\n");
		return false;
	}
	its = base;
	node = fdt_next_compatible(&dt, -1, "pci-host-ecam-generic");
	if (node < 0 || fdt_reg(&dt, node, 0, &ecam, &size)) {
		print("FAIL its: no pci-host-ecam-generic node in the device tree\n");
		return false;
	}
	for (dev = 0; dev < 32; dev++)
		if (mmio_read32(ecam + (dev << 15)) == EDU_ID)
			break;
	if (dev == 32) {
		print("FAIL its: no edu on its virtual bus\n");
		return false;
	}
	devid = dev << 3;	/* bus 0, function 0: msi-map is the identity */
	return true;
}

static bool queue_drained(void)
{
	uint64_t end = counter() + ms_to_ticks(1000);

	while (mmio_read64(its + GITS_CREADR) != cwriter)
		if (counter() > end)
			return false;
	return true;
}

/* One command at CWRITER, then CWRITER past it and wait for CREADR. */
static bool cmd(uint64_t d0, uint64_t d1, uint64_t d2, uint64_t d3)
{
	mmio_write64(queue + cwriter, d0);
	mmio_write64(queue + cwriter + 8, d1);
	mmio_write64(queue + cwriter + 16, d2);
	mmio_write64(queue + cwriter + 24, d3);
	cwriter = (cwriter + 32) % qsize;
	mmio_write64(its + GITS_CWRITER, cwriter);
	return queue_drained();
}

static bool mapd(uint32_t id, unsigned int bits)
{
	return cmd(0x08 | (uint64_t)id << 32, bits - 1, 1ull << 63 | (ram_base + ITT_OFF), 0);
}

static bool mapti(uint32_t id, uint32_t event, uint32_t intid)
{
	return cmd(0x0a | (uint64_t)id << 32, event | (uint64_t)intid << 32, 0, 0);
}

static bool event_cmd(unsigned int op, uint32_t id, uint32_t event)
{
	return cmd(op | (uint64_t)id << 32, event, 0, 0);
}

static void its_queue(uint64_t base, unsigned int pages)
{
	queue = base;
	qsize = pages * 4096ull;
	cwriter = 0;
	mmio_write32(its + GITS_CTLR, 0);
	mmio_write64(its + GITS_CBASER, 1ull << 63 | base | (pages - 1));
	mmio_write64(its + GITS_CWRITER, 0);
	mmio_write32(its + GITS_CTLR, 1);
}

/* The LPI tables, LPIs on, a queue, collection 0 on this CPU. */
static bool its_setup(void)
{
	uintptr_t rd = gicr_region + 0x20000 * (read_mpidr() & 0xff);
	volatile uint8_t *prop = (volatile uint8_t *)(uintptr_t)(ram_base + PROP_OFF);
	uint32_t typer = mmio_read32(gicd + GICD_TYPER);
	unsigned int i;

	if (!(typer & (1u << 17)) || ((typer >> 19) & 0x1f) + 1 < 14 ||
	    !(mmio_read64(rd + GICR_TYPER) & 1)) {
		print("FAIL its: no LPIs (GICD_TYPER 0x%x)\n", typer);
		return false;
	}
	for (i = 0; i < 0x10000 - 8192; i++)
		prop[i] = 0;
	prop[LPI - 8192] = 0xa0 | 1;		/* priority 0xa0, enabled */
	for (i = 0; i < 0x10000; i += 4)
		mmio_write32(ram_base + PEND_OFF + i, 0);
	mmio_write64(rd + GICR_PROPBASER, (ram_base + PROP_OFF) | 15);
	mmio_write64(rd + GICR_PENDBASER, ram_base + PEND_OFF);
	mmio_write32(rd + GICR_CTLR, 1);
	its_queue(ram_base + QUEUE_OFF, 1);
	print("its: ITS at 0x%lx, GITS_TYPER 0x%llx, edu is DeviceID 0x%x\n", (unsigned long)its,
	      (unsigned long long)mmio_read64(its + GITS_TYPER), devid);
	/* MAPC: collection 0 to processor number 0 (GITS_TYPER.PTA = 0). */
	return cmd(0x09, 0, 1ull << 63, 0);
}

/* Raise with op (0x03 INT) on (id, event), optionally withdraw it with
 * with_op (CLEAR, DISCARD) while masked; then did any LPI arrive? */
static bool raised(uint32_t id, uint32_t event, unsigned int with_op)
{
	uint32_t before = lpi_seen;
	uint64_t end;

	asm volatile("msr daifset, #2" ::: "memory");
	event_cmd(0x03, id, event);
	if (with_op)
		event_cmd(with_op, id, event);
	asm volatile("msr daifclr, #2" ::: "memory");
	for (end = counter() + ms_to_ticks(200); counter() < end && lpi_seen == before;)
		;
	return lpi_seen != before;
}

static const char *got(bool r)
{
	return r ? "received" : "not received";
}

/* Its own event 0 arrives, as LPI, exactly once. */
static bool listening(const char *what)
{
	uint32_t before = lpi_seen;
	bool r = raised(devid, 0, 0);

	print("its: %s: INT of its own event 0: %s, INTID %u\n", what, got(r), lpi_last);
	if (!r || lpi_last != LPI || lpi_seen != before + 1) {
		print("FAIL its: its own LPI %u did not arrive once\n", LPI);
		return false;
	}
	return true;
}

static bool mode_basic(void)
{
	bool r;

	if (!listening("basic"))
		return false;
	r = raised(devid, 0, 0x04);
	print("its: INT then CLEAR: %s\n", got(r));
	if (r || !listening("after CLEAR"))
		return false;
	r = raised(devid, 0, 0x0f);
	print("its: INT then DISCARD: %s\n", got(r));
	return !r;
}

static bool mode_foreign(void)
{
	bool r;

	mapd(FOREIGN_DEVID, 1);
	mapti(FOREIGN_DEVID, 0, LPI + 1);
	r = raised(FOREIGN_DEVID, 0, 0);
	print("its: DeviceID 0x%x (not its own) event 0: %s\n", FOREIGN_DEVID, got(r));
	return !r && listening("then");
}

static bool mode_event(void)
{
	bool r;

	mapti(devid, 1, LPI + 1);
	r = raised(devid, 1, 0);
	print("its: event 1 (beyond its vector): %s\n", got(r));
	return !r && listening("then");
}

static bool mode_itt(void)
{
	bool r;

	cmd(0x08 | (uint64_t)devid << 32, 0, 0, 0);	/* MAPD V=0: unmapped */
	mapd(devid, 32);		/* 2^32 events: refused, so it stays unmapped */
	mapti(devid, 0, LPI);
	r = raised(devid, 0, 0);
	print("its: MAPD with a 2^32-event ITT, then event 0: %s\n", got(r));
	if (r)
		return false;
	mapd(devid, 1);
	mapti(devid, 0, LPI);
	return listening("after a MAPD of 2 events");
}

static bool mode_cwriter(void)
{
	uint64_t creadr = mmio_read64(its + GITS_CREADR);

	mmio_write64(its + GITS_CWRITER, 0x100000);	/* the queue is 4 KiB */
	print("its: CWRITER 0x100000 past its 4 KiB queue: CWRITER reads 0x%llx, CREADR 0x%llx "
	      "(was 0x%llx)\n", (unsigned long long)mmio_read64(its + GITS_CWRITER),
	      (unsigned long long)mmio_read64(its + GITS_CREADR), (unsigned long long)creadr);
	return mmio_read64(its + GITS_CWRITER) == cwriter && listening("then");
}

static bool mode_queue(void)
{
	bool drained, r;

	/* The host's GIC address, not its RAM (and never touched here). */
	its_queue(0x08000000, 1);
	cwriter = 32;
	mmio_write64(its + GITS_CWRITER, cwriter);
	drained = queue_drained();
	r = lpi_seen > 0;
	print("its: queue at 0x08000000: a command %s, CREADR caught up: %s\n",
	      r ? "raised an LPI" : "raised nothing", drained ? "yes" : "no");
	its_queue(ram_base + QUEUE_OFF, 1);
	return !r && drained && listening("with its queue back in RAM");
}

/* 32767 INV commands and one INT in a 1 MiB queue, one CWRITER write. */
static bool mode_storm(void)
{
	uint64_t n = 0, polls = 0, worst = 0, t0, t, end;

	its_queue(ram_base + QUEUE_OFF, 256);
	for (cwriter = 0; cwriter < qsize - 64; cwriter += 32, n++) {
		mmio_write64(queue + cwriter, 0x0c | (uint64_t)devid << 32);
		mmio_write64(queue + cwriter + 8, 0);
	}
	mmio_write64(queue + cwriter, 0x03 | (uint64_t)devid << 32);
	mmio_write64(queue + cwriter + 8, 0);
	cwriter += 32;
	n++;
	t0 = counter();
	mmio_write64(its + GITS_CWRITER, cwriter);
	worst = counter() - t0;
	for (end = counter() + ms_to_ticks(20000); counter() < end; polls++) {
		t = counter();
		if (mmio_read64(its + GITS_CREADR) == cwriter)
			break;
		if (counter() - t > worst)
			worst = counter() - t;
	}
	delay_ms(100);
	print("its: storm: %llu commands, done after %llu CREADR polls, longest trap %llu us, "
	      "LPIs %u\n", (unsigned long long)n, (unsigned long long)polls,
	      (unsigned long long)(worst * 1000000 / counter_freq()), lpi_seen);
	if (mmio_read64(its + GITS_CREADR) != cwriter || lpi_seen != 1)
		return false;
	its_queue(ram_base + QUEUE_OFF, 1);
	return listening("after the storm");
}

void test_its(void)
{
	char mode[16] = "basic";
	bool ok;

	get_arg("mode", mode, sizeof(mode));
	if (find_gic() || !find_its_and_edu())
		return;
	gic_setup();
	if (!its_setup() || !mapd(devid, 1) || !mapti(devid, 0, LPI)) {
		print("FAIL its: setting up its own event did not complete\n");
		return;
	}
	if (!strcmp(mode, "basic"))
		ok = mode_basic();
	else if (!strcmp(mode, "foreign"))
		ok = mode_foreign();
	else if (!strcmp(mode, "event"))
		ok = mode_event();
	else if (!strcmp(mode, "itt"))
		ok = mode_itt();
	else if (!strcmp(mode, "cwriter"))
		ok = mode_cwriter();
	else if (!strcmp(mode, "queue"))
		ok = mode_queue();
	else if (!strcmp(mode, "storm"))
		ok = mode_storm();
	else {
		print("FAIL its: unknown mode %s\n", mode);
		return;
	}
	print(ok ? "PASS its-%s\n" : "FAIL its-%s\n", mode);
}
