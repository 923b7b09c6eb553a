// SPDX-License-Identifier: GPL-2.0-only
/* The IOMMU drivers the hypervisor tries on q35, in order: none yet
 * (AMD-Vi comes with x86 PCI assignment). */
#include <stddef.h>

#include "iommu.h"

const struct iommu_driver *const platform_iommu_drivers[] = {
	NULL,
};
