// SPDX-License-Identifier: GPL-2.0-only
#include "amd_vi_hw.h"

#include <stddef.h>

/* The first quadword: DeviceID in 15:0, the flags in 59:48 (RW is bit 5
 * of them), EventCode in 63:60. The second: the address. */
#define EVT_DEVICE_MASK		0xffffull
#define EVT_RW			(1ull << 53)
#define EVT_CODE_SHIFT		60

void amdvi_event_decode(const uint64_t e[2], struct amdvi_event *ev)
{
	ev->code = (unsigned int)(e[0] >> EVT_CODE_SHIFT);
	ev->device = (uint32_t)(e[0] & EVT_DEVICE_MASK);
	ev->write = e[0] & EVT_RW;
	ev->addr = e[1];
}

const char *amdvi_event_fault_name(unsigned int code)
{
	if (code == AMDVI_EVT_IO_PAGE_FAULT)
		return "IO_PAGE_FAULT";
	if (code == AMDVI_EVT_ILLEGAL_DTE)
		return "ILLEGAL_DEV_TABLE_ENTRY";
	return NULL;
}

unsigned int amdvi_evt_drain(const uint64_t *ring, uint32_t ring_bytes, uint32_t *head,
			     uint64_t tail, unsigned int budget,
			     void (*fn)(void *ctx, const struct amdvi_event *ev), void *ctx)
{
	uint32_t end = (uint32_t)(tail % ring_bytes) & ~(uint32_t)(AMDVI_EVT_BYTES - 1);
	struct amdvi_event ev;
	unsigned int n = 0;

	while (*head != end && n < budget) {
		amdvi_event_decode(&ring[*head / 8], &ev);
		fn(ctx, &ev);
		*head = (*head + AMDVI_EVT_BYTES) % ring_bytes;
		n++;
	}
	return n;
}
