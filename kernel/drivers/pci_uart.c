// SPDX-License-Identifier: GPL-2.0-only
/*
 * A 16550 that is a function of the ECAM host bridge (QEMU's pci-serial)
 * as the console. stdout-path names it in the PCI binding's form: a
 * child of the host bridge whose reg's first cell is bus << 16 |
 * dev << 11 | fn << 8. It is used before PCI enumeration, so it reads
 * its config space directly; firmware has assigned its BAR 0. An I/O
 * BAR (QEMU's pci-serial has one) is reached through the bridge's I/O
 * space, ports on x86 (pci_uart_io_driver).
 */
#include "drivers/ns16550.h"
#include "drivers/uart.h"
#include "lib/fdt.h"
#include "pci.h"
#include "pci_dt.h"
#include "pci_host.h"

/* The function's config space, or NULL if node is not one. */
static volatile uint8_t *config_of(const struct fdt *fdt, int node, uint32_t *sbdf)
{
	int bridge = fdt_parent(fdt, node), len;
	const uint8_t *reg = fdt_getprop(fdt, node, "reg", &len);
	const uint8_t *range = fdt_getprop(fdt, bridge, "bus-range", NULL);
	unsigned int bus, first = range ? fdt_cells_to_u64(range, 1) : 0;
	uint64_t ecam, ecam_size;
	uint32_t hi;

	if (!fdt_is_compatible(fdt, bridge, "pci-host-ecam-generic") || !reg || len < 4 ||
	    fdt_reg(fdt, bridge, 0, &ecam, &ecam_size))
		return NULL;
	hi = fdt_cells_to_u64(reg, 1);
	bus = (hi >> 16) & 0xff;
	if (bus < first || ((uint64_t)(bus - first) << 20) >= ecam_size)
		return NULL;
	*sbdf = PCI_SBDF(0, bus, (hi >> 11) & 0x1f, (hi >> 8) & 7);
	return (volatile uint8_t *)(uintptr_t)(ecam + ((uint64_t)(bus - first) << 20) +
					       ((hi >> 8 & 0xff) << 12));
}

static const struct uart_driver pci_uart_io_driver;

static bool pci_uart_probe(const struct fdt *fdt, int node, struct uart *u)
{
	int bridge = fdt_parent(fdt, node);
	volatile uint8_t *cfg = config_of(fdt, node, &u->sbdf);
	uint32_t bar;

	if (!cfg || *(volatile uint16_t *)cfg == 0xffff ||
	    (*(volatile uint32_t *)(cfg + PCI_CLASS_REVISION) >> 16) != 0x0700)
		return false;	/* not there, or not a 16550-style serial port */
	bar = *(volatile uint32_t *)(cfg + PCI_BAR0);
	if (bar & 1)
		u->base = pci_bridge_to_cpu(fdt, bridge, 1, bar & ~3u, 8);
	else if (bar & ~0xfu)
		u->base = pci_bridge_to_cpu(fdt, bridge, 2, bar & ~0xfu, 8);
	if (!u->base)
		return false;
	*(volatile uint16_t *)(cfg + PCI_COMMAND) |= bar & 1 ? PCI_COMMAND_IO : PCI_COMMAND_MEMORY;
	if (bar & 1) {
		u->drv = &pci_uart_io_driver;
		ns16550_io_init(u->base);
	} else {
		ns16550_init(u->base);
	}
	u->on_pci = true;
	u->irq = -1;	/* its INTx is known after enumeration */
	return true;
}

static void pci_uart_late_init(const struct fdt *fdt, struct uart *u)
{
	if (pci_host_find(u->sbdf))
		u->irq = pci_host_intx_intid(u->sbdf, pci_host_cfg.read(pci_host_cfg.ctx, u->sbdf,
									 PCI_INTERRUPT_PIN, 1));
}

const struct uart_driver pci_uart_driver = {
	.name = "pci-16550",
	.probe = pci_uart_probe,
	.late_init = pci_uart_late_init,
	.putc = ns16550_putc,
	.getc = ns16550_getc,
	.enable_rx = ns16550_enable_rx,
};

static const struct uart_driver pci_uart_io_driver = {
	.name = "pci-16550-io",
	.probe = pci_uart_probe,
	.late_init = pci_uart_late_init,
	.putc = ns16550_io_putc,
	.getc = ns16550_io_getc,
	.enable_rx = ns16550_io_enable_rx,
};
