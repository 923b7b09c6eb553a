// SPDX-License-Identifier: GPL-2.0-only
/*
 * The i.MX 8M Plus has no SMMU (its masters sit behind the RDC, not an
 * IOMMU), so nothing is tried: a device a guest owns there must be
 * direct-mapped (docs/boards.md).
 */
#include <stddef.h>

#include "iommu.h"

const struct iommu_driver *const platform_iommu_drivers[] = {
	NULL,
};
