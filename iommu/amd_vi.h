/* SPDX-License-Identifier: GPL-2.0-only */
/* AMD-Vi (iommu/amd_vi.c): the node x86 writes for it from the ACPI
 * IVRS (kernel/arch/x86_64/pci_root.c), which the driver probes. */
#ifndef TESSERA_IOMMU_AMD_VI_H
#define TESSERA_IOMMU_AMD_VI_H

#include "pci_dt.h"

/* reg: its registers; tessera,pci-function: its own requester id. */
#define AMD_VI_COMPATIBLE	IOMMU_COMPAT_AMD_VI

#endif
