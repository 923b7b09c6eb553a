/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Each guest's CMOS real-time clock at ports 0x70/0x71 (vrtc.c): the
 * wall-clock time, read-only. Its time is the board's RTC as read once
 * at boot, advanced by the TSC; guests never reach the board's RTC.
 */
#ifndef TESSERA_X86_VRTC_H
#define TESSERA_X86_VRTC_H

#include <stdbool.h>
#include <stdint.h>

struct vcpu;

#define VRTC_INDEX_PORT	0x70
#define VRTC_DATA_PORT	0x71

/* Read the board's RTC (after acpi_init: the TSC rate is known). */
void vrtc_init(void);
/* A guest's 1-byte access to 0x70/0x71; false for any other port. */
bool vrtc_io(struct vcpu *v, uint16_t port, bool write, uint32_t *val);

#endif
