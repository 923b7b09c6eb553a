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

struct fdt;
struct pcpu;

int gic_init(const struct fdt *fdt);
/* Per CPU, on that CPU. */
int gic_cpu_init(struct pcpu *p);
void gic_send_sgi(const struct pcpu *target, unsigned int intid);
/* Acknowledge the highest pending interrupt: its id, or 1023 if none. */
uint32_t gic_ack(void);
void gic_eoi(uint32_t intid);

#endif
