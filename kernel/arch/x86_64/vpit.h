/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Each guest's 8254 programmable interval timer, counters only
 * (vpit.c): ports 0x40-0x43 and the gate and OUT2 bits of port 0x61.
 * It raises no interrupt (a hardware-reduced guest has no IRQ 0). It is
 * there because Linux on AMD calibrates the CPU clock against channel 2
 * whatever the hypervisor says, and against an absent one (all-ones) it
 * spins through 100,000 port reads: 2 s of each boot under QEMU (make
 * bench). Against this one its quick calibration ends within its 50 ms
 * (under TCG every read is an exit, too slow for its 500 ppm bound, so
 * it still takes the TSC rate the hypervisor gives, tsc_early_khz).
 */
#ifndef TESSERA_X86_VPIT_H
#define TESSERA_X86_VPIT_H

#include <stdbool.h>
#include <stdint.h>

struct vcpu;

/* A guest's 1-byte access to the PIT's ports or 0x61; false for others. */
bool vpit_io(struct vcpu *v, uint16_t port, bool write, uint32_t *val);

#endif
