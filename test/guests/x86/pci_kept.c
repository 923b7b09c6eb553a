// SPDX-License-Identifier: GPL-2.0-only
/*
 * test=pci-kept read=V on x86, as test/guests/vpci.c's vpci-kept on
 * arm64: the guest owns an e1000e whose BAR 0 bytes 0x5300-0x53ff (the
 * upper half of the multicast table, MTA[64..127]) the hypervisor keeps
 * (tessera,hypervisor-ranges, HID-2's shared flavour). It writes all 128
 * MTA entries and reads them back: the lower half, on the same page, is
 * the device's (its writes read back); the kept half reads V, the plan's
 * value. Its I/O BAR, another way to those registers, is not offered
 * (sizes to 0). A register on another page (STATUS) answers.
 */
#include "guest.h"
#include "pci.h"

#define E1000E_ID	0x10d38086u
#define E1000_STATUS	0x0008
#define E1000_MTA	0x5200
#define PCI_COMMAND	0x04
#define PCI_BAR2	0x18
#define CMD_MEM		0x2

static volatile uint32_t *nic_reg(unsigned int off)
{
	return (volatile uint32_t *)(uintptr_t)(GUEST_BAR + off);
}

int pci_kept_run(void)
{
	uint32_t want = (uint32_t)arg_u64("read", 0), io, status;
	unsigned int i, own = 0, kept = 0;
	int dev;

	pci_tag("pci-kept");
	dev = find_single(E1000E_ID);
	if (dev < 0) {
		gprintf("FAIL pci-kept: not exactly one function, an e1000e, on its bus\n");
		return -1;
	}
	cf8_write32((unsigned int)dev, PCI_BAR2, 0xffffffffu);
	io = cf8_read((unsigned int)dev, PCI_BAR2);
	cf8_write32((unsigned int)dev, 0x10, GUEST_BAR);
	cf8_write16((unsigned int)dev, PCI_COMMAND, CMD_MEM);
	status = *nic_reg(E1000_STATUS);
	for (i = 0; i < 128; i++)
		*nic_reg(E1000_MTA + 4 * i) = 0xa5000000u | i;
	for (i = 0; i < 128; i++) {
		uint32_t v = *nic_reg(E1000_MTA + 4 * i);

		if (i < 64 && v == (0xa5000000u | i))
			own++;
		if (i >= 64 && v == want)
			kept++;
	}
	gprintf("pci-kept: MTA 0-63 read back its writes: %u of 64; MTA 64-127 read 0x%08x: %u of 64\n",
		own, want, kept);
	gprintf("pci-kept: BAR 2 (I/O) sizes to 0x%08x; STATUS 0x%08x\n", io, status);
	if (own != 64 || kept != 64 || io || status == 0xffffffffu) {
		gprintf("FAIL pci-kept\n");
		return -1;
	}
	gprintf("PASS pci-kept\n");
	return 0;
}
