/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host GICv3, as much as the hypervisor needs today: per-CPU
 * redistributor wake-up and one SGI to kick another CPU out of its
 * guest (a domain being stopped or reset).
 */
#ifndef TESSERA_ARM64_GIC_H
#define TESSERA_ARM64_GIC_H

#include <stdint.h>

#define GIC_SGI_KICK	0
#define GIC_PPI_MAINT	25	/* GICv3 virtualisation maintenance */

struct fdt;
struct pcpu;

int gic_init(const struct fdt *fdt);
/* Per CPU, on that CPU. */
int gic_cpu_init(struct pcpu *p);
void gic_send_sgi(const struct pcpu *target, unsigned int intid);
/* Deliver a level-sensitive SPI to the hypervisor on target. */
void gic_route_spi(unsigned int intid, const struct pcpu *target);
void gic_mask_spi(unsigned int intid);
void gic_unmask_spi(unsigned int intid);
void gic_clear_active_spi(unsigned int intid);
/* Acknowledge the highest pending interrupt: its id, or 1023 if none. */
uint32_t gic_ack(void);
/* EOImode is 1: gic_eoi() only drops priority; gic_deactivate() ends it.
 * An interrupt handed to a guest as a hardware interrupt (the virtual
 * timer) is deactivated by the guest instead. */
void gic_eoi(uint32_t intid);
void gic_deactivate(uint32_t intid);

#endif
