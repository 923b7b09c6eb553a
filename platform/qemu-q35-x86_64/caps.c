// SPDX-License-Identifier: GPL-2.0-only
/*
 * What Tessera is to drive on QEMU's q35 board (x86_64): the one table
 * the hypervisor's checks and the planner's refusals read (lib/caps.h).
 * q35 has no device tree; the boot tree (dts/x86/) describes what the
 * hypervisor uses: the local APIC, and the ISA 16550 at I/O port 0x3f8
 * as its console. CPUs start by INIT-SIPI, not PSCI.
 */
#include "lib/caps.h"

static const char *const psci[] = { NULL };
static const char *const uarts[] = { "ns16550a", NULL };

const struct platform_caps platform_caps = {
	.platform = "qemu-q35-x86_64",
	.irqchip = "intel,ce4100-lapic",
	.irqchip_name = "local APIC",
	.psci = psci,
	.uarts = uarts,
	.pci_uart = false,
	.consoles = "ns16550a (the ISA serial port at 0x3f8)",
};
