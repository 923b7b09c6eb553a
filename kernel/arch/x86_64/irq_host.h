/* SPDX-License-Identifier: GPL-2.0-only */
/* The host local APIC's timer, which wakes a CPU for its vCPU's timer,
 * and its MSI vectors. */
#ifndef TESSERA_X86_IRQ_HOST_H
#define TESSERA_X86_IRQ_HOST_H

#include <stdint.h>

/* Interrupt this CPU at TSC value tsc (0: not at all); one-shot. */
void host_timer_arm(uint64_t tsc);
/* Its interrupt came (it may come a little before tsc: the APIC timer
 * and the TSC are converted with a measured rate). */
void host_timer_fired(void);
/* A guest function's MSI came at vector (irq_msi_setup gave it). */
void x86_msi_fired(unsigned int vector);

#endif
