// SPDX-License-Identifier: GPL-2.0-only
/*
 * AMD-Vi's event log as the driver reads it (iommu/amd_vi_hw.c): an
 * entry's fields where the specification (48882 rev 3, section 2.5, the
 * IO_PAGE_FAULT and ILLEGAL_DEV_TABLE_ENTRY events) puts them, and the
 * walk of the ring from the driver's head to the IOMMU's tail: in order,
 * across the end, at most a budget, with a tail whose reserved bits are
 * set or that lies past the ring. Under QEMU no guest can make the IOMMU
 * log an event (docs/x86.md), so this is where the path is checked.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "amd_vi_hw.h"

/* An entry as the specification lays it out: DeviceID 15:0, the flags
 * 59:48 (I is their bit 3, RW their bit 5), EventCode 63:60, then the
 * address. */
static void entry(uint64_t *e, uint16_t device, unsigned int code, bool rw, uint64_t addr)
{
	e[0] = device | (uint64_t)code << 60 | (uint64_t)rw << 53 | 1ull << 51;
	e[1] = addr;
}

static void test_decode(void **state)
{
	uint64_t e[2];
	struct amdvi_event ev;

	entry(e, 0x0028, 2, true, 0xfee00000ull);
	amdvi_event_decode(e, &ev);
	assert_int_equal(ev.code, AMDVI_EVT_IO_PAGE_FAULT);
	assert_int_equal(ev.device, 0x0028);		/* 00:05.0 */
	assert_true(ev.write);
	assert_int_equal(ev.addr, 0xfee00000ull);
	assert_string_equal(amdvi_event_fault_name(ev.code), "IO_PAGE_FAULT");
	entry(e, 0x0100, 1, false, 0x12345000ull);
	amdvi_event_decode(e, &ev);
	assert_int_equal(ev.device, 0x0100);		/* 01:00.0 */
	assert_false(ev.write);
	assert_string_equal(amdvi_event_fault_name(ev.code), "ILLEGAL_DEV_TABLE_ENTRY");
	/* The other events (hardware errors, illegal commands) are no
	 * device's fault. */
	assert_null(amdvi_event_fault_name(3));
	assert_null(amdvi_event_fault_name(5));
	/* QEMU 10 puts a write's permission at bit 1 of the flags, not at
	 * RW (their bit 5): such a fault reads as a read. */
	e[0] = 0x0028 | 2ull << 60 | 1ull << 51 | 1ull << 49;
	amdvi_event_decode(e, &ev);
	assert_false(ev.write);
}

struct seen {
	unsigned int n;
	uint32_t device[8];
};

static void record(void *ctx, const struct amdvi_event *ev)
{
	struct seen *s = ctx;

	s->device[s->n++] = ev->device;
}

static uint64_t ring[8];	/* 4 entries: 64 bytes */

static void fill(void)
{
	unsigned int i;

	for (i = 0; i < 4; i++)
		entry(&ring[2 * i], (uint16_t)(0x10 + i), 2, false, 0x1000 * i);
}

static void test_drain(void **state)
{
	struct seen s = { 0 };
	uint32_t head = 48;

	fill();
	/* From the last entry across the end to the second. */
	assert_int_equal(amdvi_evt_drain(ring, sizeof(ring), &head, 16, 64, record, &s), 2);
	assert_int_equal(head, 16);
	assert_int_equal(s.device[0], 0x13);
	assert_int_equal(s.device[1], 0x10);
	/* Nothing new. */
	assert_int_equal(amdvi_evt_drain(ring, sizeof(ring), &head, 16, 64, record, &s), 0);
	/* A budget of two: the third waits for the next interrupt. */
	s.n = 0;
	head = 0;
	assert_int_equal(amdvi_evt_drain(ring, sizeof(ring), &head, 48, 2, record, &s), 2);
	assert_int_equal(head, 32);
	assert_int_equal(amdvi_evt_drain(ring, sizeof(ring), &head, 48, 2, record, &s), 1);
	assert_int_equal(head, 48);
	assert_int_equal(s.device[2], 0x12);
}

/* A tail with its reserved bits 3:0 set ends at its entry, and one past
 * the ring wraps into it: the walk always meets it. */
static void test_drain_odd_tail(void **state)
{
	struct seen s = { 0 };
	uint32_t head = 0;

	fill();
	assert_int_equal(amdvi_evt_drain(ring, sizeof(ring), &head, 0x1f, 64, record, &s), 1);
	assert_int_equal(head, 16);
	assert_int_equal(amdvi_evt_drain(ring, sizeof(ring), &head, 64 + 48, 64, record, &s), 2);
	assert_int_equal(head, 48);
	assert_int_equal(s.n, 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decode),
		cmocka_unit_test(test_drain),
		cmocka_unit_test(test_drain_odd_tail),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
