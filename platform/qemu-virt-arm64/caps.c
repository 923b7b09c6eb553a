// SPDX-License-Identifier: GPL-2.0-only
/*
 * What Tessera drives on QEMU's virt board (arm64): the one table the
 * hypervisor's checks and the planner's refusals read (lib/caps.h).
 */
#include "lib/caps.h"

static const char *const psci[] = { "arm,psci-1.0", "arm,psci-0.2", NULL };
static const char *const uarts[] = { "arm,pl011", NULL };

const struct platform_caps platform_caps = {
	.platform = "qemu-virt-arm64",
	.irqchip = "arm,gic-v3",
	.irqchip_name = "GICv3",
	.psci = psci,
	.uarts = uarts,
	.pci_uart = true,
	.consoles = "arm,pl011 and 16550-class functions of the PCI host bridge",
};
