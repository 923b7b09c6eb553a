// SPDX-License-Identifier: GPL-2.0-only
/*
 * test=its: the guest drives its virtual ITS (the tree's arm,gic-v3-its
 * node) for its own PCI function (the edu, found on its virtual bus),
 * then says what reached it. It first maps its own event 0 to an LPI
 * (MAPD, MAPC, MAPTI); every mode ends by showing that listening works
 * (its own event arrives once), so a "not received" means something.
 * mode= is a comma-separated list, run in order in one boot, each mode
 * ending in PASS or FAIL its-<mode> (the first FAIL ends the list):
 *   basic     INT arrives; INT then CLEAR, and INT then DISCARD, with
 *             interrupts masked meanwhile: nothing arrives
 *   foreign   MAPD/MAPTI/INT of DeviceID 0x100, not its own
 *   event     MAPTI/INT of event 1 (the edu has one vector)
 *   itt       MAPD of its own device with a 2^32-event ITT, then
 *             MAPTI/INT of event 0 on it
 *   cwriter   CWRITER past the end of its queue
 *   queue     CBASER naming memory outside its RAM
 *   storm     a 1 MiB queue full of commands (32767), polled
 *   doorbell  CPU writes of its vITS's GITS_TRANSLATER, with its own and
 *             foreign event and DeviceID values: none raises anything
 *   hostdb    a CPU write of the host ITS's GITS_TRANSLATER
 *             (host-doorbell=, QEMU virt's 0x08090040): not in its stage
 *             2, so the hypervisor stops it there (nothing after it runs)
 *   msi       the edu's own MSI (message to its vITS doorbell, event 0)
 *             arrives once per raise; then, with MSI enabled, the message
 *             data changed to event 1 and the address to the host
 *             doorbell: nothing arrives; the old message again: it does
 *   dma       (behind an SMMU) its edu DMA-writes 4 bytes to the host
 *             doorbell, with its own event 0 and with event 1, then to
 *             the page past the doorbell's frame and to its vITS doorbell
 *             (neither in its devices' view: blocked) and DMA-reads the
 *             host ITS's GITS_TYPER (blocked: nothing comes back)
 *   msix      (its function an e1000e) its MSI-X entry 0 rewritten while
 *             unmasked (data event 1, address the host doorbell): the old
 *             message stays live until the entry is masked and unmasked;
 *             then the new one counts, in its own vITS only
 *   victim    (ints=N ms=MS) the partner of a hostile guest: asks for its
 *             own LPI N times over MS, alternately by INT and by its
 *             edu's MSI; each must arrive exactly once, and nothing else
 *             at any time
 *   reset     resets the guest (RAM kept); the restarted guest runs the
 *             whole list again and passes here
 * Each hostile step reports received / not received; the case checks
 * that and the hypervisor's note. The MMU is off (Device memory), so the
 * tables in RAM need no cache maintenance.
 */
#include "gic_regs.h"
#include "guest.h"
#include "lib/printf.h"
#include "lib/string.h"


#define EDU_ID			0x11e81234u
#define E1000E_ID		0x10d38086u
#define LPI			8197u	/* what its event 0 becomes */
#define FOREIGN_DEVID		0x100u
/* Its tables, in its RAM past the image and tree. */
#define PROP_OFF		0x2000000ull	/* 64 KiB: LPIs 8192..65535 */
#define PEND_OFF		0x2010000ull	/* 64 KiB */
#define ITT_OFF			0x2020000ull
#define QUEUE_OFF		0x2100000ull	/* up to 1 MiB */
#define DMA_OFF			0x2200000ull	/* the edu's DMA scratch page */

/* The edu (facts from QEMU's hw/misc/edu.c, as in edu.c): one MSI
 * vector, sent on every write to its raise register. */
#define EDU_BAR0		0x23000000u	/* in the vPCI 32-bit window */
#define EDU_RAISE		0x60
#define EDU_ACK			0x64
#define EDU_DMA_SRC		0x80
#define EDU_DMA_DST		0x88
#define EDU_DMA_CNT		0x90
#define EDU_DMA_CMD		0x98
#define EDU_DMA_RUN		0x1
#define EDU_DMA_TO_RAM		0x2
#define EDU_BUF			0x40000u
#define PCI_CAP_MSI		0x05
#define SENTINEL		0x53454e54494e454cull	/* "LENITNES" */

static uintptr_t its;
static uint64_t queue, qsize, cwriter;
static uint32_t devid;
static uintptr_t edu_cfg;	/* its function's config space in the virtual ECAM */
static const char *fn_name;	/* "edu" or "e1000e" (mode=msix) */
static unsigned int msi_pos;	/* its MSI capability */

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
	for (dev = 0; dev < 32; dev++) {
		uint32_t id = mmio_read32(ecam + (dev << 15));

		if (id == EDU_ID || id == E1000E_ID)
			break;
	}
	if (dev == 32) {
		print("FAIL its: no edu or e1000e on its virtual bus\n");
		return false;
	}
	fn_name = mmio_read32(ecam + (dev << 15)) == EDU_ID ? "edu" : "e1000e";
	devid = dev << 3;	/* bus 0, function 0: msi-map is the identity */
	edu_cfg = ecam + (dev << 15);
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
	/* Priority 0xa0, enabled: its LPI, and the first 64 of them, so
	 * that a mapping the vITS should have refused would be heard. */
	for (i = 0; i < 0x10000 - 8192; i++)
		prop[i] = i < 64 ? 0xa0 | 1 : 0;
	for (i = 0; i < 0x10000; i += 4)
		mmio_write32(ram_base + PEND_OFF + i, 0);
	mmio_write64(rd + GICR_PROPBASER, (ram_base + PROP_OFF) | 15);
	mmio_write64(rd + GICR_PENDBASER, ram_base + PEND_OFF);
	mmio_write32(rd + GICR_CTLR, 1);
	its_queue(ram_base + QUEUE_OFF, 1);
	print("its: ITS at 0x%lx, GITS_TYPER 0x%llx, %s is DeviceID 0x%x\n", (unsigned long)its,
	      (unsigned long long)mmio_read64(its + GITS_TYPER), fn_name, devid);
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
	uint32_t before = lpi_seen;
	bool drained, r;

	/* The host's GIC address, not its RAM (and never touched here). */
	its_queue(0x08000000, 1);
	cwriter = 32;
	mmio_write64(its + GITS_CWRITER, cwriter);
	drained = queue_drained();
	r = lpi_seen != before;
	print("its: queue at 0x08000000: a command %s, CREADR caught up: %s\n",
	      r ? "raised an LPI" : "raised nothing", drained ? "yes" : "no");
	its_queue(ram_base + QUEUE_OFF, 1);
	return !r && drained && listening("with its queue back in RAM");
}

/* 32767 INV commands and one INT in a 1 MiB queue, one CWRITER write. */
static bool mode_storm(void)
{
	uint64_t n = 0, polls = 0, worst = 0, t0, t, end;
	uint32_t before = lpi_seen;

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
	      (unsigned long long)(worst * 1000000 / counter_freq()), lpi_seen - before);
	if (mmio_read64(its + GITS_CREADR) != cwriter || lpi_seen != before + 1)
		return false;
	its_queue(ram_base + QUEUE_OFF, 1);
	return listening("after the storm");
}

/* ---- messages: the CPU, the edu's MSI, the edu's DMA ---- */

/* LPIs that arrive after fire(addr, data): the first within 500 ms
 * (a loaded host slows QEMU, not its counter), then 50 ms more for a
 * second copy. */
static unsigned int arrivals(void (*fire)(uint64_t, uint32_t), uint64_t addr, uint32_t data)
{
	uint32_t before = lpi_seen;
	uint64_t end;

	lpi_last = 0;
	fire(addr, data);
	for (end = counter() + ms_to_ticks(500); counter() < end && lpi_seen == before;)
		;
	delay_ms(50);
	return lpi_seen - before;
}

static void fire_cpu32(uint64_t addr, uint32_t data)
{
	mmio_write32(addr, data);
}

static void fire_cpu64(uint64_t addr, uint32_t data)
{
	mmio_write64(addr, (uint64_t)FOREIGN_DEVID << 32 | data);
}

static void fire_int(uint64_t addr, uint32_t event)
{
	event_cmd(0x03, devid, event);
}

static void fire_edu(uint64_t addr, uint32_t data)
{
	mmio_write32(EDU_BAR0 + EDU_RAISE, 1);
	mmio_write32(EDU_BAR0 + EDU_ACK, 1);
}

/* received / not received, and for what arrived: how often, where. */
static const char *seen(unsigned int n)
{
	static char buf[48];

	if (!n)
		return "not received";
	fmt_snprintf(buf, sizeof(buf), "received %u time(s), INTID %u", n, lpi_last);
	return buf;
}

/* Its own event, once, at its own LPI. */
static bool once(unsigned int n)
{
	return n == 1 && lpi_last == LPI;
}

static bool mode_doorbell(void)
{
	static const uint32_t values[] = { 0, 1, FOREIGN_DEVID, FOREIGN_DEVID << 16 };
	uintptr_t db = its + GITS_TRANSLATER;
	unsigned int i, n, all = 0;

	for (i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		n = arrivals(fire_cpu32, db, values[i]);
		print("its: CPU write of 0x%x to its GITS_TRANSLATER 0x%lx: %s\n", values[i],
		      (unsigned long)db, seen(n));
		all += n;
	}
	n = arrivals(fire_cpu64, db, 0);
	print("its: CPU write of 0x%llx (DeviceID 0x%x, event 0) to its GITS_TRANSLATER: %s\n",
	      (unsigned long long)FOREIGN_DEVID << 32, FOREIGN_DEVID, seen(n));
	return !(all + n) && listening("then");
}

static bool mode_hostdb(void)
{
	uint64_t db = 0x08090040;

	get_arg_u64("host-doorbell", &db);
	print("its: CPU write of 0 to the host ITS's GITS_TRANSLATER 0x%llx\n",
	      (unsigned long long)db);
	mmio_write32(db, 0);
	print("FAIL its: the write to the host doorbell 0x%llx went through\n",
	      (unsigned long long)db);
	return false;
}

/* Its edu's BAR0 placed, decoding and bus mastering on (an MSI is a
 * write by the function), its MSI capability found. */
static bool edu_on(void)
{
	unsigned int pos;
	uint32_t hdr = 0;

	mmio_write32(edu_cfg + 0x10, EDU_BAR0);
	mmio_write16(edu_cfg + 0x04, 0x6);
	for (pos = mmio_read32(edu_cfg + 0x34) & 0xfc; pos; pos = hdr >> 8 & 0xfc) {
		hdr = mmio_read32(edu_cfg + pos);
		if ((hdr & 0xff) == PCI_CAP_MSI)
			break;
	}
	if (!pos || !(hdr >> 16 & 0x80)) {
		print("FAIL its: no 64-bit MSI capability on its edu\n");
		return false;
	}
	msi_pos = pos;
	return true;
}

/* The message its edu's MSI capability holds (64-bit layout). */
static void msi_message(uint64_t addr, uint16_t data)
{
	mmio_write32(edu_cfg + msi_pos + 4, (uint32_t)addr);
	mmio_write32(edu_cfg + msi_pos + 8, addr >> 32);
	mmio_write16(edu_cfg + msi_pos + 12, data);
}

static bool edu_msi_on(void)
{
	if (!edu_on())
		return false;
	msi_message(its + GITS_TRANSLATER, 0);
	mmio_write16(edu_cfg + msi_pos + 2, 1);		/* MSI enable, one vector */
	return true;
}

static bool edu_own_msi(const char *what)
{
	unsigned int n = arrivals(fire_edu, 0, 0);

	print("its: %s: edu MSI: %s\n", what, seen(n));
	if (!once(n)) {
		print("FAIL its: its edu's MSI did not arrive once at LPI %u\n", LPI);
		return false;
	}
	return true;
}

/* Defined by vpci_msi.c: MSI address and data written while MSI is
 * enabled count from the next message, which the hypervisor translates
 * in this guest's vITS only; the function itself keeps sending its own
 * host message, whatever the guest wrote. */
static bool mode_msi(void)
{
	unsigned int n;

	if (!edu_msi_on() || !edu_own_msi("its own message (event 0)"))
		return false;
	msi_message(its + GITS_TRANSLATER, 1);
	n = arrivals(fire_edu, 0, 0);
	print("its: MSI data set to event 1 while enabled: edu MSI: %s\n", seen(n));
	if (n)
		return false;
	msi_message(0x08090040, 0);
	n = arrivals(fire_edu, 0, 0);
	print("its: MSI address set to the host doorbell 0x08090040 while enabled: edu MSI: %s\n",
	      seen(n));
	if (n)
		return false;
	msi_message(its + GITS_TRANSLATER, 0);
	return edu_own_msi("its own message again") && listening("then");
}

/* One DMA of cnt bytes; false if the device never finished. */
static bool edu_dma(uint64_t src, uint64_t dst, uint32_t cnt, uint32_t cmd)
{
	uint64_t end = counter() + ms_to_ticks(3000);

	mmio_write64(EDU_BAR0 + EDU_DMA_SRC, src);
	mmio_write64(EDU_BAR0 + EDU_DMA_DST, dst);
	mmio_write32(EDU_BAR0 + EDU_DMA_CNT, cnt);
	mmio_write32(EDU_BAR0 + EDU_DMA_CMD, cmd | EDU_DMA_RUN);
	while (mmio_read32(EDU_BAR0 + EDU_DMA_CMD) & EDU_DMA_RUN)
		if (counter() > end) {
			print("FAIL its: edu DMA 0x%llx -> 0x%llx still running after 3 s\n",
			      (unsigned long long)src, (unsigned long long)dst);
			return false;
		}
	return true;
}

/* data, 4 bytes, by way of its RAM and the edu's buffer, DMA-written to addr. */
static void fire_dma(uint64_t addr, uint32_t data)
{
	*(volatile uint32_t *)(uintptr_t)(ram_base + DMA_OFF) = data;
	if (edu_dma(ram_base + DMA_OFF, EDU_BUF, 4, 0))
		edu_dma(EDU_BUF, addr, 4, EDU_DMA_TO_RAM);
}

/* 8 bytes at addr as the edu reads them (the sentinel if blocked). */
static uint64_t dma_read(uint64_t addr)
{
	volatile uint64_t *scratch = (volatile uint64_t *)(uintptr_t)(ram_base + DMA_OFF);

	scratch[0] = SENTINEL;
	scratch[1] = 0;
	edu_dma(ram_base + DMA_OFF, EDU_BUF, 8, 0);
	edu_dma(addr, EDU_BUF, 8, 0);
	edu_dma(EDU_BUF, ram_base + DMA_OFF + 8, 8, EDU_DMA_TO_RAM);
	return scratch[1];
}

/* What a DMA read brought back: the sentinel (left alone), 0 (QEMU's
 * SMMU answers a blocked read with zeros) or what was there. */
static bool reached(uint64_t v)
{
	return v != SENTINEL && v != 0;
}

static unsigned int dma_to(uint64_t addr, uint32_t data, const char *what)
{
	unsigned int n = arrivals(fire_dma, addr, data);

	print("its: edu DMA write of 0x%x to 0x%llx (%s): %s\n", data,
	      (unsigned long long)addr, what, seen(n));
	return n;
}

/*
 * The ITS takes the DeviceID from the bus (the SMMU's stream), never
 * from the data, so the doorbell write can at most raise this device's
 * own translation of that event (QEMU's ITS, seeing no requester id on
 * plain DMA, takes it as DeviceID 0, which nothing maps: nothing). Every
 * other address near it is outside its devices' view.
 */
static bool mode_dma(void)
{
	uint64_t db = 0x08090040, v;
	unsigned int own, n;

	get_arg_u64("host-doorbell", &db);
	if (!edu_msi_on() || !edu_own_msi("before DMA"))
		return false;
	own = dma_to(db, 0, "the host doorbell, its own event 0");
	n = dma_to(db, 1, "the host doorbell, event 1");
	n += dma_to((db & ~0xffffull) + 0x10000, 0, "past the doorbell's frame");
	n += dma_to(its + GITS_TRANSLATER, 0, "its vITS doorbell");
	/* GITS_TYPER: never 0 (bit 0, physical LPIs); a blocked read gives 0. */
	v = dma_read((db & ~0x1ffffull) + 8);
	print("its: edu DMA read of 0x%llx (the host ITS's GITS_TYPER): 0x%llx, %s\n",
	      (unsigned long long)(db & ~0x1ffffull) + 8, (unsigned long long)v,
	      reached(v) ? "reached" : "not reached");
	return (!own || once(own)) && !n && !reached(v) && edu_own_msi("after DMA") &&
	       listening("then");
}

/* The partner: its own LPI n times, by INT and by its edu, and only those. */
static bool mode_victim(void)
{
	uint64_t n = 8, ms = 6000, i;
	uint32_t other = irqs_so_far(), unasked = 0, bad = 0, before;

	get_arg_u64("ints", &n);
	get_arg_u64("ms", &ms);
	if (!n || !edu_msi_on())
		return false;
	print("its: victim: asking for its LPI %u %llu times over %llu ms\n", LPI,
	      (unsigned long long)n, (unsigned long long)ms);
	for (i = 0; i < n; i++) {
		unsigned int got = i & 1 ? arrivals(fire_edu, 0, 0) : arrivals(fire_int, 0, 0);

		if (!once(got)) {
			print("its: victim: %s %llu: %s\n", i & 1 ? "edu MSI" : "INT",
			      (unsigned long long)i, seen(got));
			bad++;
		}
		before = lpi_seen;
		delay_ms(ms / n);
		unasked += lpi_seen - before;
	}
	other = irqs_so_far() - other;
	print("its: victim: %llu asked (INT and edu MSI), %llu arrived once at LPI %u, "
	      "%u LPI(s) unasked, %u other interrupt(s)\n", (unsigned long long)n,
	      (unsigned long long)(n - bad), LPI, unasked, other);
	return !bad && !unasked && !other;
}

/*
 * mode=msix: an e1000e (MSI-X, 5 vectors; facts from QEMU's
 * hw/net/e1000e_core.c): an ICS write of the RXQ0 cause raises what
 * IVAR bits 0-3 route to, MSI-X vector 0 (receive stays off, so
 * nothing else raises it).
 */
#define NIC_BAR0		0x23000000u	/* registers, 128 KiB */
#define NIC_BAR3		0x23100000u	/* MSI-X table and PBA, 16 KiB */
#define NIC_ICR			0x00c0
#define NIC_ICS			0x00c8
#define NIC_IMS			0x00d0
#define NIC_IVAR		0x00e4
#define NIC_RXQ0		(1u << 20)
#define IVAR_RXQ0_VALID		(1u << 3)	/* RXQ0 to vector 0 */
#define PCI_CAP_MSIX		0x11

static uintptr_t msix_entry0;

static void fire_nic(uint64_t addr, uint32_t data)
{
	mmio_write32(NIC_BAR0 + NIC_ICS, NIC_RXQ0);
	/* With MSI-X a read does not clear ICR: a cause left set would be
	 * raised again by the next event (the link coming up). */
	mmio_write32(NIC_BAR0 + NIC_ICR, NIC_RXQ0);
}

static bool nic_msix_on(void)
{
	unsigned int pos;
	uint32_t hdr = 0, table;

	mmio_write32(edu_cfg + 0x10, NIC_BAR0);
	mmio_write32(edu_cfg + 0x1c, NIC_BAR3);
	mmio_write16(edu_cfg + 0x04, 0x6);
	for (pos = mmio_read32(edu_cfg + 0x34) & 0xfc; pos; pos = hdr >> 8 & 0xfc) {
		hdr = mmio_read32(edu_cfg + pos);
		if ((hdr & 0xff) == PCI_CAP_MSIX)
			break;
	}
	table = pos ? mmio_read32(edu_cfg + pos + 4) : 0;
	if (!pos || (table & 7) != 3) {
		print("FAIL its: no MSI-X capability with its table in BAR3\n");
		return false;
	}
	msix_entry0 = NIC_BAR3 + (table & ~7u);
	mmio_write32(msix_entry0, (uint32_t)(its + GITS_TRANSLATER));
	mmio_write32(msix_entry0 + 4, (uint64_t)(its + GITS_TRANSLATER) >> 32);
	mmio_write32(msix_entry0 + 8, 0);
	mmio_write32(msix_entry0 + 12, 0);			/* unmasked */
	mmio_write16(edu_cfg + pos + 2, 0x8000);		/* MSI-X enable */
	mmio_write32(NIC_BAR0 + NIC_IVAR, IVAR_RXQ0_VALID);
	mmio_write32(NIC_BAR0 + NIC_IMS, NIC_RXQ0);
	mmio_write32(NIC_BAR0 + NIC_ICR, ~0u);
	return true;
}

/*
 * Whether vector 0 arrived, and only at intid (0: nothing may arrive).
 * Not "once": QEMU's e1000e at times sends vector 0 twice for one ICS
 * write (seen with no table write anywhere near), so the count is not
 * the hypervisor's to keep.
 */
static bool nic_fired(const char *what, uint32_t intid)
{
	uint32_t at = intid ? lpi_by_id[intid - 8192] : 0;
	unsigned int n = arrivals(fire_nic, 0, 0);

	if (intid)
		at = lpi_by_id[intid - 8192] - at;
	if (!n)
		print("its: %s: e1000e MSI-X: not received\n", what);
	else if (at == n)
		print("its: %s: e1000e MSI-X: received, all at INTID %u\n", what, intid);
	else
		print("its: %s: e1000e MSI-X: received %u time(s), %u not at INTID %u\n", what, n,
		      n - at, intid);
	return intid ? n && at == n : !n;
}

static void entry0_remask(void)
{
	mmio_write32(msix_entry0 + 12, 1);
	mmio_write32(msix_entry0 + 12, 0);
}

/*
 * Defined by vpci_msi.c (the PCI spec leaves it undefined): what the
 * guest writes to an unmasked entry is kept, and counts from its next
 * unmask; until then the old message stays live. Either way the message
 * is translated in its own vITS only: the function's own host entry
 * never changes.
 */
static bool mode_msix(void)
{
	uint64_t db = its + GITS_TRANSLATER;
	bool ok;

	if (strcmp(fn_name, "e1000e")) {
		print("FAIL its: mode msix needs an e1000e\n");
		return false;
	}
	if (!mapti(devid, 1, LPI + 1) || !nic_msix_on())
		return false;
	ok = nic_fired("entry 0, its own message (event 0)", LPI);
	mmio_write32(msix_entry0 + 8, 1);
	ok &= nic_fired("entry 0 data set to event 1 while unmasked", LPI);
	mmio_write32(msix_entry0, 0x08090040);
	mmio_write32(msix_entry0 + 4, 0);
	ok &= nic_fired("entry 0 address set to the host doorbell while unmasked", LPI);
	entry0_remask();
	ok &= nic_fired("entry 0 masked and unmasked (the host doorbell, event 1)", 0);
	mmio_write32(msix_entry0, (uint32_t)db);
	mmio_write32(msix_entry0 + 4, db >> 32);
	ok &= nic_fired("entry 0 address set back to its doorbell while unmasked", 0);
	entry0_remask();
	ok &= nic_fired("entry 0 masked and unmasked (its doorbell, event 1)", LPI + 1);
	return ok && listening("then");
}

/*
 * mode=reset: the guest resets itself (PSCI SYSTEM_RESET, its RAM kept)
 * and the restarted guest runs the whole mode list again, so what came
 * before must work once more: its vITS, vLPIs and MSI capability start
 * from reset, while the host keeps the function's vectors (the host ITS
 * maps a DeviceID once). In the restarted guest this mode passes.
 */
static bool mode_reset(void)
{
	if (!reset_restarted("its"))
		return false;
	print("its: restarted, all it set up before the reset set up again\n");
	return true;
}

static bool run_mode(const char *mode)
{
	static const struct {
		char name[12];
		bool (*run)(void);
	} modes[] = {
		{ "basic", mode_basic }, { "foreign", mode_foreign }, { "event", mode_event },
		{ "itt", mode_itt }, { "cwriter", mode_cwriter }, { "queue", mode_queue },
		{ "storm", mode_storm }, { "doorbell", mode_doorbell }, { "hostdb", mode_hostdb },
		{ "msi", mode_msi }, { "dma", mode_dma }, { "msix", mode_msix },
		{ "victim", mode_victim }, { "reset", mode_reset },
	};
	unsigned int i;
	bool ok;

	for (i = 0; i < sizeof(modes) / sizeof(modes[0]); i++)
		if (!strcmp(mode, modes[i].name))
			break;
	if (i == sizeof(modes) / sizeof(modes[0])) {
		print("FAIL its: unknown mode %s\n", mode);
		return false;
	}
	ok = modes[i].run();
	print(ok ? "PASS its-%s\n" : "FAIL its-%s\n", mode);
	return ok;
}

void test_its(void)
{
	char modes[128] = "basic", *mode, *next;

	get_arg("mode", modes, sizeof(modes));
	if (find_gic() || !find_its_and_edu())
		return;
	gic_setup();
	if (!its_setup() || !mapd(devid, 1) || !mapti(devid, 0, LPI)) {
		print("FAIL its: setting up its own event did not complete\n");
		return;
	}
	for (mode = modes; mode; mode = next) {
		next = strchr(mode, ',');
		if (next)
			*next++ = '\0';
		if (!run_mode(mode))
			return;
	}
}
