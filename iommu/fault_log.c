// SPDX-License-Identifier: GPL-2.0-only
#include "fault_log.h"

bool iommu_fault_note(struct iommu_fault_log *log, uint32_t sid)
{
	unsigned int i;

	for (i = 0; i < log->nr; i++)
		if (log->sid[i] == sid)
			return ++log->count[i] == 1;
	if (log->nr == IOMMU_FAULT_STREAMS)
		return ++log->untracked == 1;
	log->sid[log->nr] = sid;
	log->count[log->nr++] = 1;
	return true;
}

uint64_t iommu_fault_count(const struct iommu_fault_log *log, uint32_t sid)
{
	unsigned int i;

	for (i = 0; i < log->nr; i++)
		if (log->sid[i] == sid)
			return log->count[i];
	return 0;
}
