/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Interrupts, as the core sees them: host lines the hypervisor routes to
 * itself, and guests' virtual lines. The architecture's interrupt
 * controller driver and its virtual controller implement this (arm64:
 * GICv3 in gic.c and vgic.c); the core never names a controller
 * register or decodes a specifier itself.
 *
 * A host line is a number in the controller's own space (a GIC INTID); a
 * virtual line likewise in the guest's (arch/guest.h).
 */
#ifndef TESSERA_IRQ_H
#define TESSERA_IRQ_H

#include <stdbool.h>
#include <stdint.h>

struct domain;
struct fdt;
struct pcpu;
struct vcpu;

/* ---- device-tree specifiers (shared with the planner and tests) ---- */

/* The host line an interrupt specifier of controller node ctrl names,
 * or -1 if it is not a shared line the hypervisor can route. */
int irq_dt_decode(const struct fdt *fdt, int ctrl, const uint8_t *spec,
		  unsigned int ncells);
/* The same for entry index of node's "interrupts", through its
 * interrupt-parent. */
int irq_dt_of_node(const struct fdt *fdt, int node, unsigned int index);

/* ---- host lines (hypervisor only) ---- */

/* The controller named by the tree; 0, or -1. */
int irq_init(const struct fdt *fdt);
/* The calling CPU's interface to it; 0, or -1. */
int irq_cpu_init(struct pcpu *p);
/* Deliver level-sensitive line irq to the hypervisor on target; -1 if
 * irq is not a routable shared line. */
int irq_route(int irq, const struct pcpu *target);
/* The same for an edge-triggered line (a pulse is latched). */
int irq_route_edge(int irq, const struct pcpu *target);
void irq_mask(unsigned int irq);
void irq_unmask(unsigned int irq);
/* Forget an activation the guest will never complete (guest stopped). */
void irq_clear_active(unsigned int irq);

/* ---- guests' virtual lines ---- */

/* Set the input level of a level-sensitive virtual line (emulated
 * devices). */
void virq_set_level(struct domain *d, unsigned int virq, bool level);
/* Raise an edge interrupt on one vCPU. */
void virq_inject(struct vcpu *target, unsigned int virq);
/*
 * Forward host line irq (an assigned device's) to virq, level-sensitive:
 * when it fires the core masks it and calls virq_host_fired(); when the
 * guest ends its handling of virq (its end-of-interrupt) the controller
 * unmasks irq, so a line still asserted fires again.
 */
void virq_bind_host(struct domain *d, unsigned int virq, unsigned int irq);
void virq_host_fired(struct domain *d, unsigned int virq);
/* Forget every line's level and binding state (the guest stops). */
void virq_reset_lines(struct domain *d);

#endif
