/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host GICv3, as much as the hypervisor needs: the host-line half of
 * kernel/irq.h, per-CPU redistributor wake-up, and one SGI to kick
 * another CPU out of its guest (a domain being stopped or reset).
 */
#ifndef TESSERA_ARM64_GIC_H
#define TESSERA_ARM64_GIC_H

#include <stdint.h>

#include "irq.h"

#define GIC_SGI_KICK	0
#define GIC_PPI_MAINT	25	/* GICv3 virtualisation maintenance */

struct fdt;
struct pcpu;

/* The redistributor (RD_base) of the CPU with affinity mpidr, or 0. */
uintptr_t gic_redist(uint64_t mpidr);
void gic_send_sgi(const struct pcpu *target, unsigned int intid);
/* Acknowledge the highest pending interrupt: its id, or 1023 if none. */
uint32_t gic_ack(void);
/* EOImode is 1: gic_eoi() only drops priority; gic_deactivate() ends it.
 * An interrupt handed to a guest as a hardware interrupt (the virtual
 * timer) is deactivated by the guest instead. */
void gic_eoi(uint32_t intid);
void gic_deactivate(uint32_t intid);

#endif
