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

/*
 * Host message vectors for guests' functions, set up at boot by
 * irq_msi_setup() one function after another: how many of the functions
 * wanting nvec[0], nvec[1], ... vectors get theirs (n if all do).
 * *budget names what runs out, for messages. Shared with the planner,
 * which refuses what the hypervisor's own check (pci_plan.c) refuses.
 */
unsigned int irq_msi_fit(const unsigned int *nvec, unsigned int n, const char **budget);

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

/* ---- message-signalled host interrupts (hypervisor only) ---- */

/* One message a host function writes to raise vector i: address (the
 * MSI controller's doorbell, as the function's DMA names it) and data. */
struct irq_msi_msg {
	uint64_t addr;
	uint32_t data;
};

struct mm_pool;

/* The MSI controller the tree names, with its tables from pool: after
 * irq_init(), before irq_cpu_init() of any CPU. Without one, or if it
 * cannot be used (said on the console), irq_msi_present() is false. */
void irq_msi_init(const struct fdt *fdt, struct mm_pool *pool);
/* True if the host has an MSI controller the hypervisor drives. */
bool irq_msi_present(void);
/* The doorbell's page(s), [*base, *base + *size): an IOMMU must map
 * them for each function that sends messages; -1 without one. */
int irq_msi_doorbell(uint64_t *base, uint64_t *size);
/*
 * nvec message interrupts for the host function whose messages carry
 * device id devid (arm64: the ITS DeviceID, through its host bridge's
 * msi-map): msg[i] raises vector i; consecutive vectors have
 * consecutive data (multiple-message MSI needs that). They interrupt the
 * hypervisor on target, which then calls msi_host_fired(cookie, i).
 * Called at boot, outside every lock. 0, or -1 (no controller, no room).
 */
int irq_msi_setup(uint32_t devid, unsigned int nvec, const struct pcpu *target, void *cookie,
		  struct irq_msi_msg *msg);
/* A message that interrupts the hypervisor itself on the boot CPU, for
 * a device of its own (an IOMMU's event log): 0, *msg and *irq, which
 * iommu_irq() is then called with; -1 if the host has none to give. */
int irq_msi_hypervisor(struct irq_msi_msg *msg, unsigned int *irq);
/* Deliver devid's vectors to target from now on. */
void irq_msi_retarget(uint32_t devid, const struct pcpu *target);
/* Implemented by the core (kernel/pci_assign.c): vector of the
 * function set up with cookie fired. */
void msi_host_fired(void *cookie, unsigned int vector);

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
/*
 * A message the guest's function vdevid (its virtual requester id) sent:
 * data written to guest address addr. The virtual controller turns it
 * into an interrupt (arm64: the vITS translates it) or drops it: true
 * if it raised one.
 */
bool virq_msi(struct domain *d, uint32_t vdevid, uint64_t addr, uint32_t data);
/*
 * d owns PCI functions: its virtual controller translates their messages
 * from now on (arm64: a vITS at GUEST_GITS_BASE, and LPIs in its vGIC).
 * Each function's vector count is asked of pci_msi_vectors() here, so
 * call it at boot after the functions are attached, outside every lock.
 * 0, or -1 (no room for the emulated device).
 */
int virq_msi_init(struct domain *d);
/* Forget every line's level and binding state (the guest stops). */
void virq_reset_lines(struct domain *d);

#endif
