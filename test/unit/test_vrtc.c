// SPDX-License-Identifier: GPL-2.0-only
/*
 * The x86 guests' vRTC (kernel/arch/x86_64/vrtc.c), built on the host
 * with the file included so that its calendar is reachable: every day
 * from 1970 to 2199 goes to a date and back, dates with a known count
 * of days and weekday land on it, and a guest reading the registers
 * through ports 0x70/0x71 gets that time in BCD, with its writes
 * dropped. The board's RTC (vrtc_init) is not read here.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "../../kernel/arch/x86_64/vrtc.c"

static unsigned int notes;

uint64_t acpi_tsc_hz(void)
{
	return 1ull << 62;	/* the test's reads come within one "second" */
}

uint8_t acpi_century_index(void)
{
	return 0x32;
}

void domain_note_once(struct domain *d, enum domain_note kind, const char *fmt, ...)
{
	(void)d;
	(void)fmt;
	assert_int_equal(kind, NOTE_RTC_WRITE);
	notes++;
}

static void test_every_day_there_and_back(void **state)
{
	uint64_t day;

	(void)state;
	for (day = 0; day < days_from_civil(2200, 1, 1); day++) {
		struct civil c;

		civil_from_secs(day * SECS_PER_DAY + 86399, &c);
		assert_int_equal(days_from_civil(c.year, c.month, c.day), day);
		assert_true(c.month >= 1 && c.month <= 12 && c.day >= 1 && c.day <= 31);
		assert_int_equal(c.hour, 23);
		assert_int_equal(c.min, 59);
		assert_int_equal(c.sec, 59);
	}
}

static void test_known_dates(void **state)
{
	struct civil c;

	(void)state;
	assert_int_equal(days_from_civil(1970, 1, 1), 0);
	assert_int_equal(days_from_civil(2000, 3, 1), 11017);	/* after a 400-year leap day */
	assert_int_equal(days_from_civil(2100, 3, 1) - days_from_civil(2100, 2, 28), 1);
	assert_int_equal(days_from_civil(2024, 3, 1) - days_from_civil(2024, 2, 28), 2);
	civil_from_secs(days_from_civil(2026, 12, 3) * SECS_PER_DAY + 15 * 3600 + 4 * 60 + 5, &c);
	assert_int_equal(c.year, 2026);
	assert_int_equal(c.month, 12);
	assert_int_equal(c.day, 3);
	assert_int_equal(c.weekday, 5);		/* a Thursday: Sunday is 1 */
	assert_int_equal(c.hour, 15);
}

static uint32_t guest_read(struct vcpu *v, uint8_t reg)
{
	uint32_t val = reg;

	assert_true(vrtc_io(v, VRTC_INDEX_PORT, true, &val));
	assert_true(vrtc_io(v, VRTC_DATA_PORT, false, &val));
	return val;
}

static void test_guest_reads_bcd(void **state)
{
	static struct domain d;
	struct vcpu v = { .dom = &d };
	uint32_t val = 0x12;

	(void)state;
	boot_secs = days_from_civil(2026, 12, 3) * SECS_PER_DAY + 15 * 3600 + 4 * 60 + 59;
	boot_tsc = rdtsc();
	assert_int_equal(guest_read(&v, RTC_SECONDS), 0x59);
	assert_int_equal(guest_read(&v, RTC_MINUTES), 0x04);
	assert_int_equal(guest_read(&v, RTC_HOURS), 0x15);
	assert_int_equal(guest_read(&v, RTC_DAY), 0x03);
	assert_int_equal(guest_read(&v, RTC_MONTH), 0x12);
	assert_int_equal(guest_read(&v, RTC_YEAR), 0x26);
	assert_int_equal(guest_read(&v, RTC_CENTURY), 0x20);
	assert_int_equal(guest_read(&v, RTC_STATUS_A) & STATUS_A_UIP, 0);
	assert_int_equal(guest_read(&v, RTC_STATUS_B), STATUS_B_24H);
	assert_int_equal(guest_read(&v, RTC_STATUS_D), STATUS_D_VRT);
	assert_int_equal(guest_read(&v, 0x0f), 0);		/* NVRAM: nothing */
	/* The NMI-mask bit of the index port is not part of the index. */
	assert_int_equal(guest_read(&v, 0x80 | RTC_YEAR), 0x26);
	assert_true(vrtc_io(&v, VRTC_DATA_PORT, true, &val));	/* dropped */
	assert_int_equal(notes, 1);
	assert_int_equal(guest_read(&v, RTC_YEAR), 0x26);
	assert_false(vrtc_io(&v, 0x72, false, &val));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_day_there_and_back),
		cmocka_unit_test(test_known_dates),
		cmocka_unit_test(test_guest_reads_bcd),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
