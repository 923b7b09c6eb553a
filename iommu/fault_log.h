/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * An IOMMU driver's fault log: each stream's (device's) first blocked DMA
 * is said, later ones are counted, so that a fault storm costs no console
 * time. Plain C, shared by the drivers and the host tests.
 */
#ifndef TESSERA_IOMMU_FAULT_LOG_H
#define TESSERA_IOMMU_FAULT_LOG_H

#include <stdbool.h>
#include <stdint.h>

#define IOMMU_FAULT_STREAMS	64

struct iommu_fault_log {
	unsigned int nr;
	uint32_t sid[IOMMU_FAULT_STREAMS];
	uint64_t count[IOMMU_FAULT_STREAMS];
	uint64_t untracked;		/* faults of streams beyond the table */
};

/* Count one fault of sid; true if it is that stream's first (log it). */
bool iommu_fault_note(struct iommu_fault_log *log, uint32_t sid);
uint64_t iommu_fault_count(const struct iommu_fault_log *log, uint32_t sid);

#endif
