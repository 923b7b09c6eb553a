// SPDX-License-Identifier: GPL-2.0-only
/*
 * Per-device restrictions on what vPCI passes through (docs/bindings.md,
 * "The guest's side"). By default a guest reads its device's
 * device-specific config space and the bodies of the capabilities it
 * sees, and writes none of them; an entry here takes more away, for a
 * device whose config space holds something a guest must not reach or
 * that cannot work read-only. Checked once, when a device is attached.
 */
#include "vpci.h"

static const struct vpci_quirk quirks[] = {
	/*
	 * virtio-pci (all Red Hat / virtio device ids): the "PCI
	 * configuration access" capability (cfg_type 5) is a window into
	 * the device's BARs through config space. Read-only it cannot
	 * work, and writable it would reach the MSI-X table the guest never
	 * gets (BAR-1); drivers use the BARs themselves. Not in the list.
	 */
	{ 0x1af4, VPCI_QUIRK_ANY, VPCI_QUIRK_HIDE_VNDR_CAP, 5, 0,
	  "virtio PCI configuration access capability" },
	/*
	 * QEMU's EHCI (usb-ehci, ICH4 ids): the USB legacy support control
	 * and status dword (EECP + 4) holds SMI enables and status meant
	 * for the board firmware; a guest has no use for them.
	 */
	{ 0x8086, 0x24cd, VPCI_QUIRK_HIDE_RANGE, 0x6c, 4,
	  "EHCI USB legacy support control/status" },
};

const struct vpci_quirk *vpci_quirk_find(uint16_t vendor, uint16_t device, unsigned int i)
{
	unsigned int k;

	for (k = 0; k < sizeof(quirks) / sizeof(quirks[0]); k++) {
		const struct vpci_quirk *q = &quirks[k];

		if (q->vendor != vendor || (q->device != VPCI_QUIRK_ANY && q->device != device))
			continue;
		if (!i--)
			return q;
	}
	return NULL;
}
