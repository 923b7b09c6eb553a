// SPDX-License-Identifier: GPL-2.0-only
/* The IOMMU drivers the hypervisor tries on q35, in order: AMD-Vi, as
 * the ACPI IVRS describes it (kernel/arch/x86_64/pci_root.c). */
#include <stddef.h>

#include "iommu.h"

const struct iommu_driver *const platform_iommu_drivers[] = {
	&amd_vi_driver,
	NULL,
};
