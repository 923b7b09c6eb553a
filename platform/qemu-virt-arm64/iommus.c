// SPDX-License-Identifier: GPL-2.0-only
/* The IOMMU drivers the hypervisor tries on QEMU's virt board, in order. */
#include <stddef.h>

#include "iommu.h"

const struct iommu_driver *const platform_iommu_drivers[] = {
	&smmuv3_driver,
	NULL,
};
