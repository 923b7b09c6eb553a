// SPDX-License-Identifier: GPL-2.0-only
/*
 * What Tessera drives on QEMU's virt board (arm64): the one table the
 * hypervisor's checks and the planner's refusals read (lib/caps.h).
 */
#include "lib/caps.h"

#include "arch/gic_compat.h"

#define NO_VIRT	"the GIC has no virtualization extensions (no GICH and GICV in its reg)"

static const struct caps_irqchip irqchips[] = {
	{ GIC_COMPAT_V3, 0, NULL },
	{ GIC_COMPAT_V2, GIC_V2_NR_REGS, NO_VIRT },
	{ GIC_COMPAT_V2_A15, GIC_V2_NR_REGS, NO_VIRT },
	{ NULL, 0, NULL },
};

static const char *const psci[] = { "arm,psci-1.0", "arm,psci-0.2", NULL };
static const char *const uarts[] = { "arm,pl011", NULL };

const struct platform_caps platform_caps = {
	.platform = "qemu-virt-arm64",
	.irqchips = irqchips,
	.irqchip_name = "GICv3, or GICv2 with the virtualization extensions",
	.psci = psci,
	.uarts = uarts,
	.pci_uart = true,
	.consoles = "arm,pl011 and 16550-class functions of the PCI host bridge",
};
