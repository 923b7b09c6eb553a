// SPDX-License-Identifier: GPL-2.0-only
/*
 * The guests' virtual CMOS RTC (vrtc.h). Linux reads the wall clock
 * from it once at boot; with nothing at 0x70/0x71 it reads all-ones,
 * so "update in progress" never clears and it waits its full timeout
 * (about 2 s of every boot) to say "Unable to read current time from
 * RTC". The guest sees a clock in BCD, 24-hour mode, that is never
 * updating; writes (setting the time, alarms, NVRAM) are dropped, said
 * once. Register numbers are the MC146818's.
 */
#include "vrtc.h"

#include "acpi.h"
#include "arch/guest.h"
#include "domain.h"
#include "printk.h"
#include "x86.h"

#define RTC_SECONDS	0x00
#define RTC_MINUTES	0x02
#define RTC_HOURS	0x04
#define RTC_WEEKDAY	0x06
#define RTC_DAY		0x07
#define RTC_MONTH	0x08
#define RTC_YEAR	0x09
#define RTC_STATUS_A	0x0a
#define RTC_STATUS_B	0x0b
#define RTC_STATUS_D	0x0d
#define RTC_CENTURY	GUEST_RTC_CENTURY	/* the guest FADT names it */
#define STATUS_A_UIP	0x80
#define STATUS_A_GUEST	0x26	/* 32.768 kHz time base, 1024 Hz rate */
#define STATUS_B_24H	0x02
#define STATUS_B_BIN	0x04
#define STATUS_D_VRT	0x80	/* the clock's battery is good */
#define SECS_PER_DAY	86400ull

struct civil {
	unsigned int year, month, day, hour, min, sec, weekday;
};

static uint64_t boot_secs, boot_tsc;	/* written once at boot */

/* Days since 1970-01-01 of a date in the proleptic Gregorian calendar:
 * years counted from March, so that the leap day ends a year. */
static uint64_t days_from_civil(unsigned int y, unsigned int m, unsigned int d)
{
	uint64_t era, yoe, doy;

	y -= m <= 2;
	era = y / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

static void civil_from_secs(uint64_t secs, struct civil *c)
{
	uint64_t days = secs / SECS_PER_DAY + 719468, era, doe, yoe, doy, mp;

	c->sec = secs % 60;
	c->min = secs / 60 % 60;
	c->hour = secs / 3600 % 24;
	c->weekday = (secs / SECS_PER_DAY + 4) % 7 + 1;	/* 1970-01-01: Thursday */
	era = days / 146097;
	doe = days - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	c->day = (unsigned int)(doy - (153 * mp + 2) / 5 + 1);
	c->month = (unsigned int)(mp < 10 ? mp + 3 : mp - 9);
	c->year = (unsigned int)(yoe + era * 400 + (c->month <= 2));
}

static uint8_t host_cmos(uint8_t reg)
{
	outb(VRTC_INDEX_PORT, reg);	/* bit 7 clear: NMIs stay enabled */
	return inb(VRTC_DATA_PORT);
}

static unsigned int from_bcd(uint8_t v, bool binary)
{
	return binary ? v : (v >> 4) * 10 + (v & 0xf);
}

void vrtc_init(void)
{
	uint64_t t0 = rdtsc(), hz = acpi_tsc_hz();
	uint8_t b, century = acpi_century_index();
	unsigned int y, hour;
	bool bin;

	/* An update lasts under 2 ms; a board without an RTC reads 0xff. */
	while ((host_cmos(RTC_STATUS_A) & STATUS_A_UIP) && rdtsc() - t0 < hz / 100)
		;
	boot_tsc = rdtsc();
	b = host_cmos(RTC_STATUS_B);
	bin = b & STATUS_B_BIN;
	y = from_bcd(host_cmos(RTC_YEAR), bin) +
	    (century ? from_bcd(host_cmos(century), bin) * 100 : 2000);
	hour = from_bcd(host_cmos(RTC_HOURS) & 0x7f, bin);
	if (!(b & STATUS_B_24H))	/* 12-hour mode: bit 7 is PM */
		hour = hour % 12 + (host_cmos(RTC_HOURS) & 0x80 ? 12 : 0);
	boot_secs = days_from_civil(y, from_bcd(host_cmos(RTC_MONTH), bin),
				    from_bcd(host_cmos(RTC_DAY), bin)) * SECS_PER_DAY +
		    hour * 3600ull + from_bcd(host_cmos(RTC_MINUTES), bin) * 60 +
		    from_bcd(host_cmos(RTC_SECONDS), bin);
	if (y < 1970 || y > 2199 || host_cmos(RTC_STATUS_A) == 0xff)
		boot_secs = 0;	/* no usable RTC: guests start in 1970 */
}

static uint8_t to_bcd(unsigned int v)
{
	return (uint8_t)((v / 10 % 10) << 4 | v % 10);
}

static uint8_t guest_register(uint8_t reg)
{
	uint64_t hz = acpi_tsc_hz();
	struct civil c;

	civil_from_secs(boot_secs + (hz ? (rdtsc() - boot_tsc) / hz : 0), &c);
	switch (reg) {
	case RTC_SECONDS: return to_bcd(c.sec);
	case RTC_MINUTES: return to_bcd(c.min);
	case RTC_HOURS: return to_bcd(c.hour);
	case RTC_WEEKDAY: return to_bcd(c.weekday);
	case RTC_DAY: return to_bcd(c.day);
	case RTC_MONTH: return to_bcd(c.month);
	case RTC_YEAR: return to_bcd(c.year % 100);
	case RTC_CENTURY: return to_bcd(c.year / 100);
	case RTC_STATUS_A: return STATUS_A_GUEST;
	case RTC_STATUS_B: return STATUS_B_24H;
	case RTC_STATUS_D: return STATUS_D_VRT;
	}
	return 0;	/* status C (no interrupt pending), NVRAM */
}

bool vrtc_io(struct vcpu *v, uint16_t port, bool write, uint32_t *val)
{
	struct domain *d = v->dom;

	if (port == VRTC_INDEX_PORT) {
		if (write)
			d->arch.rtc_index = (uint8_t)(*val & 0x7f);	/* bit 7: NMI mask */
		else
			*val = 0xff;	/* write-only on PCs */
		return true;
	}
	if (port != VRTC_DATA_PORT)
		return false;
	if (write)
		domain_note_once(d, NOTE_RTC_WRITE,
				 "write of 0x%x to RTC register 0x%x: the clock is read-only, dropped",
				 *val & 0xff, d->arch.rtc_index);
	else
		*val = guest_register(d->arch.rtc_index);
	return true;
}
