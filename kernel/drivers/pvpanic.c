// SPDX-License-Identifier: GPL-2.0-only
/* QEMU's pvpanic-pci as the exit device. See pvpanic.h. */
#include "drivers/pvpanic.h"

#include "lib/fdt.h"
#include "pci.h"
#include "pci_host.h"
#include "printk.h"

/* Its one register (QEMU's docs/specs/pvpanic.rst): bit 0, panicked. */
#define PVPANIC_PANICKED	1u
#define PVPANIC_PAGE		0x1000ull
#define PVPANIC_TRIES		64	/* pages tried below a window's top */

static volatile uint8_t *pvpanic_reg;

static bool page_has_bar(uint64_t page)
{
	unsigned int i, k;

	for (i = 0; i < pci_host_nr_devs; i++)
		for (k = 0; k < PCI_MAX_BARS; k++) {
			const struct pci_bar *b = &pci_host_devs[i].f.bar[k];

			if (b->size && b->kind != PCI_BAR_IO && b->addr &&
			    b->addr < page + PVPANIC_PAGE && page < b->addr + b->size)
				return true;
		}
	return false;
}

/*
 * AAVMF leaves its BAR unassigned (no driver asks for it), so it goes
 * on the highest page of the 32-bit memory window that no BAR uses.
 */
static uint64_t place_bar(const struct fdt *fdt, int bridge, struct pci_func *f)
{
	struct pci_window w;
	unsigned int i;
	uint64_t page, n;

	for (i = 0; !pci_bridge_window(fdt, bridge, i, &w); i++) {
		if (w.space != 2 || w.size < PVPANIC_PAGE || w.pci + w.size > 1ull << 32)
			continue;
		/* Counted down, not compared with w.pci: a window may start
		 * at PCI address 0. A few pages from the top are enough. */
		for (n = 1; n <= PVPANIC_TRIES && n * PVPANIC_PAGE <= w.size; n++) {
			page = w.pci + w.size - n * PVPANIC_PAGE;
			if (page_has_bar(page))
				continue;
			pci_host_cfg.write(pci_host_cfg.ctx, f->sbdf, PCI_BAR0, 4, (uint32_t)page);
			/* Its one register; the BAR is the minimum, 16 bytes. */
			f->bar[0] = (struct pci_bar){ .kind = PCI_BAR_MEM32, .addr = page,
						      .size = 16 };
			f->unusable &= ~1u;
			return w.cpu + (page - w.pci);
		}
	}
	return 0;
}

void pvpanic_probe(const struct fdt *fdt)
{
	int bridge = fdt_next_compatible(fdt, -1, "pci-host-ecam-generic");
	unsigned int i;
	uint64_t cpu;

	for (i = 0; i < pci_host_nr_devs; i++) {
		struct pci_func *f = &pci_host_devs[i].f;

		/* Unassigned, its BAR 0 was dropped (pci_bar_usable). */
		bool unassigned = f->unusable & 1u;

		if (f->vendor != PCI_EXIT_DEV_VENDOR || f->device != PCI_EXIT_DEV_DEVICE ||
		    (f->bar[0].kind != PCI_BAR_MEM32 && !unassigned))
			continue;
		cpu = unassigned ? place_bar(fdt, bridge, f) :
		      pci_bridge_to_cpu(fdt, bridge, 2, f->bar[0].addr, 1);
		if (!cpu)
			return;
		pci_host_cfg.write(pci_host_cfg.ctx, f->sbdf, PCI_COMMAND, 2, PCI_COMMAND_MEMORY);
		pvpanic_reg = (volatile uint8_t *)(uintptr_t)cpu;
		printk("tessera: exit device %04x:%04x at 0x%llx: a refused boot reports failure\n",
		       f->vendor, f->device, (unsigned long long)cpu);
		return;
	}
}

void pvpanic_signal_failure(void)
{
	if (pvpanic_reg)
		*pvpanic_reg = PVPANIC_PANICKED;
}
