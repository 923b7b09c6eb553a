// SPDX-License-Identifier: GPL-2.0-only
/*
 * What Tessera drives on NXP's i.MX 8M Plus EVK (four Cortex-A53, a
 * GICv3, PSCI by SMC to the board's TF-A, or QEMU's own under -kernel):
 * the one table the hypervisor's checks and the planner's refusals read
 * (lib/caps.h).
 */
#include "lib/caps.h"

#include "arch/gic_compat.h"

static const struct caps_irqchip irqchips[] = {
	{ GIC_COMPAT_V3, 0, NULL },
	{ NULL, 0, NULL },
};

static const char *const psci[] = { "arm,psci-1.0", "arm,psci-0.2", NULL };
static const char *const uarts[] = { "fsl,imx8mp-uart", "fsl,imx6q-uart", NULL };

const struct platform_caps platform_caps = {
	.platform = "imx8mp-evk",
	.irqchips = irqchips,
	.irqchip_name = "GICv3",
	.psci = psci,
	.uarts = uarts,
	.pci_uart = false,
	.consoles = "the i.MX UART (fsl,imx8mp-uart)",
	.virq_unwired = true,
};
