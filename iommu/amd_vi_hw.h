/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * AMD-Vi's event log as data (specification 48882 rev 3, section 2.5):
 * an entry's fields, and the walk of the ring from the driver's head to
 * the IOMMU's tail. Plain C without the hardware, so that the host unit
 * tests check it (test/unit/test_amd_vi.c); iommu/amd_vi.c drives it.
 */
#ifndef TESSERA_IOMMU_AMD_VI_HW_H
#define TESSERA_IOMMU_AMD_VI_HW_H

#include <stdbool.h>
#include <stdint.h>

#define AMDVI_EVT_BYTES		16
#define AMDVI_EVT_ILLEGAL_DTE	1	/* ILLEGAL_DEV_TABLE_ENTRY */
#define AMDVI_EVT_IO_PAGE_FAULT	2

/* One entry of the event log. */
struct amdvi_event {
	unsigned int code;	/* EventCode */
	uint32_t device;	/* DeviceID: the requester id */
	bool write;		/* an IO_PAGE_FAULT's RW flag */
	uint64_t addr;		/* the address it names */
};

void amdvi_event_decode(const uint64_t e[2], struct amdvi_event *ev);
/* A device's fault by its name in the specification, or NULL if code is
 * another kind of event. */
const char *amdvi_event_fault_name(unsigned int code);

/*
 * At most budget entries of the ring (ring_bytes long) from *head up to
 * tail, each given to fn in order; *head then follows the last. A tail
 * (the IOMMU's register) is taken to its entry (bits 3:0 are reserved)
 * and inside the ring. Returns how many were given.
 */
unsigned int amdvi_evt_drain(const uint64_t *ring, uint32_t ring_bytes, uint32_t *head,
			     uint64_t tail, unsigned int budget,
			     void (*fn)(void *ctx, const struct amdvi_event *ev), void *ctx);

#endif
