// SPDX-License-Identifier: GPL-2.0-only
/*
 * What Tessera drives on QEMU's q35 board (x86_64): the one table the
 * hypervisor's checks and the planner's refusals read (lib/caps.h). The
 * interrupt controllers and CPUs come from ACPI (the MADT), not from the
 * boot tree, so the tree names neither.
 */
#include "lib/caps.h"

static const char *const uarts[] = { "ns16550a", NULL };

const struct platform_caps platform_caps = {
	.platform = "qemu-q35-x86_64",
	.irqchips = NULL,
	.irqchip_name = "x2APIC",
	.psci = NULL,
	.uarts = uarts,
	.pci_uart = true,
	.consoles = "ns16550a at an I/O port (COM1) and 16550-class functions of the PCI host bridge",
};
