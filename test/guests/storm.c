// SPDX-License-Identifier: GPL-2.0-only
/*
 * dma-storm: a bare-metal guest that owns QEMU's e1000e (8086:10d3) and
 * makes it fetch count= (default 100000) transmit descriptors from
 * target= (a DMA address outside its RAM): with an IOMMU, each fetch is
 * a blocked DMA read. QEMU's e1000e (hw/net/e1000e_core.c) fetches the
 * ring from TDH up to TDT, 16 bytes a descriptor, synchronously when TDT
 * is written with TCTL.EN set; a fetch that fails leaves the device
 * going (the descriptor reads as nothing to send). The ring is TDLEN
 * bytes, a multiple of 128 below 1 MiB. Each step of the storm moves
 * TDT on and waits for TDH to follow: the guest reports how many fetches
 * the device made and how long they took.
 */
#include "guest.h"

#define E1000E_ID		0x10d38086u
#define NIC_BAR0		0x23000000u	/* in the vPCI 32-bit window */
#define CMD_MEM_MASTER		0x6
#define TCTL			0x0400
#define TCTL_EN			0x2
#define TDBAL			0x3800
#define TDBAH			0x3804
#define TDLEN			0x3808
#define TDH			0x3810
#define TDT			0x3818
#define RING_BYTES		0xfff80u
#define DESC			16u
#define RING			(RING_BYTES / DESC)
#define STEP			10000u

static uintptr_t nic_setup(void)
{
	int node = fdt_next_compatible(&dt, -1, "pci-host-ecam-generic");
	uint64_t ecam, size;
	unsigned int dev;

	if (node < 0 || fdt_reg(&dt, node, 0, &ecam, &size)) {
		print("FAIL dma-storm: no pci-host-ecam-generic node in the device tree\n");
		return 0;
	}
	for (dev = 0; dev < 32; dev++)
		if (mmio_read32(ecam + (dev << 15)) == E1000E_ID)
			break;
	if (dev == 32) {
		print("FAIL dma-storm: no e1000e (8086:10d3) on its virtual bus\n");
		return 0;
	}
	mmio_write32(ecam + (dev << 15) + 0x10, NIC_BAR0);
	mmio_write16(ecam + (dev << 15) + 0x04, CMD_MEM_MASTER);
	return NIC_BAR0;
}

/* TDH follows TDT to new_tdt; false if the device stopped short. */
static bool step(uintptr_t bar, uint32_t new_tdt)
{
	uint64_t end;

	mmio_write32(bar + TDT, new_tdt);
	for (end = counter() + ms_to_ticks(5000); mmio_read32(bar + TDH) != new_tdt;)
		if (counter() > end) {
			print("FAIL dma-storm: TDH stuck at %u, TDT %u\n", mmio_read32(bar + TDH),
			      new_tdt);
			return false;
		}
	return true;
}

void test_dma_storm(void)
{
	uint64_t target = 0x100000000ull, count = 100000, delay = 0, start, ms;
	uint64_t done = 0;
	uint32_t tdt = 0, n;
	uintptr_t bar;

	get_arg_u64("target", &target);
	get_arg_u64("count", &count);
	get_arg_u64("delay", &delay);
	bar = nic_setup();
	if (!bar)
		return;
	delay_ms(delay);
	mmio_write32(bar + TDBAL, (uint32_t)target);
	mmio_write32(bar + TDBAH, (uint32_t)(target >> 32));
	mmio_write32(bar + TDLEN, RING_BYTES);
	mmio_write32(bar + TDH, 0);
	mmio_write32(bar + TDT, 0);
	mmio_write32(bar + TCTL, TCTL_EN);
	print("dma-storm: %llu descriptor fetches from a ring at 0x%llx\n",
	      (unsigned long long)count, (unsigned long long)target);
	start = counter();
	while (done < count) {
		n = count - done < STEP ? (uint32_t)(count - done) : STEP;
		tdt = (tdt + n) % RING;
		if (!step(bar, tdt))
			return;
		done += n;
	}
	ms = (counter() - start) / ms_to_ticks(1);
	mmio_write32(bar + TCTL, 0);
	print("dma-storm: the device made %llu fetches in %llu ms\n", (unsigned long long)done,
	      (unsigned long long)ms);
	print("PASS dma-storm\n");
}
