// SPDX-License-Identifier: GPL-2.0-only
/*
 * The exit device on q35 (drivers/pvpanic.h): QEMU's ISA pvpanic at I/O
 * port 0x505, in place of arm64's pvpanic-pci. Reading the port gives
 * the events it supports (bit 0 panicked, bit 1 crash loaded, QEMU 9's
 * bit 2 shutdown); with no device there, all-ones.
 */
#include "drivers/pvpanic.h"

#include <stdbool.h>

#include "x86.h"

#define PVPANIC_PORT		0x505
#define PVPANIC_PANICKED	1u

static bool present;

void pvpanic_probe(const struct fdt *fdt)
{
	uint8_t events = inb(PVPANIC_PORT);

	(void)fdt;
	present = events != 0xff && (events & PVPANIC_PANICKED);
}

void pvpanic_signal_failure(void)
{
	if (present)
		outb(PVPANIC_PORT, PVPANIC_PANICKED);
}
