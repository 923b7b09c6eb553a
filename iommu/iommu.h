/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The IOMMU seam: what PCI assignment asks of an IOMMU, whichever one the
 * board has. A driver (SMMUv3, AMD-Vi, ...) fills in struct iommu_driver
 * and is listed in iommu.c; with none that probes, the "none" backend
 * keeps DMA untranslated, and a guest that owns a DMA-capable function
 * must then be direct-mapped (its RAM at host addresses).
 *
 * Order (OWN-3): the owner entry is reserved first, then the device is
 * attached here, its BARs mapped and its vPCI state built, and only then
 * is the entry activated; if any step fails, everything before it is
 * undone (iommu_detach, ...), in reverse order.
 *
 * A device's stream id is its requester id through the host bridge's
 * iommu-map (vpci/pci_dt.h, pci_stream_id()).
 */
#ifndef TESSERA_IOMMU_H
#define TESSERA_IOMMU_H

#include <stdbool.h>
#include <stdint.h>

struct domain;
struct fdt;
struct irq_msi_msg;
struct mm_pool;
struct p2m;

struct iommu_driver {
	const char *name;
	/* After a successful probe: how it translates ("stage 2", ...). */
	const char *(*mode)(void);
	/* 0 if this IOMMU is in the tree and now blocks unknown streams;
	 * its tables and queues come from pool. */
	int (*probe)(const struct fdt *fdt, struct mm_pool *pool);
	/* A translation context for d: its own tables, d's p2m shared, or
	 * the p2m's DMA mirror (p2m_mirror_enable()); after d's RAM is
	 * mapped and its p2m is on its reserve. */
	int (*domain_init)(struct domain *d);
	void (*domain_teardown)(struct domain *d);
	/* Stream sid's DMA goes through d's context / is blocked. */
	int (*attach)(struct domain *d, uint32_t sid);
	int (*quarantine)(uint32_t sid);
	void (*detach)(uint32_t sid);
	/* p's mappings changed: no device may use a stale translation
	 * once this returns. */
	void (*flush)(struct p2m *p);
	/* Host line irq fired: true if it is this IOMMU's (handled). */
	bool (*irq)(unsigned int irq);
	/* Quarantine with a scratch page per stream, not aborts (IOMMU-2);
	 * 0, or -1 if this IOMMU cannot. Before any attach or quarantine. */
	int (*use_scratch)(void);
	/* Boot is over, guests are about to run: from now on quarantine
	 * contexts are only used, never built. */
	void (*boot_done)(void);
	/* Interrupt remapping: entry index of stream sid's table raises
	 * vector on the CPU with APIC ID dest; *msg is what the function
	 * must send for it. NULL: messages pass as they are. */
	int (*msi_remap)(uint32_t sid, unsigned int index, uint8_t vector, uint32_t dest,
			 struct irq_msi_msg *msg);
	/* The board's IOAPIC raises vector on APIC ID dest for the
	 * hypervisor; every other message under its id is refused. NULL:
	 * the IOMMU does not remap the IOAPIC's. */
	int (*ioapic_remap)(uint8_t vector, uint32_t dest);
};

/* The board's IOMMU drivers, tried in order, NULL-terminated
 * (platform/$(PLATFORM)/drivers.c). */
extern const struct iommu_driver *const platform_iommu_drivers[];
extern const struct iommu_driver smmuv3_driver;
extern const struct iommu_driver amd_vi_driver;

/* Probe the drivers on board (the tree that describes the host bridge,
 * pci_host_tree()); say which is used (or none) and what that means,
 * and set the quarantine mode the boot tree fdt asks for (vpci/pci_dt.h). */
int iommu_init(const struct fdt *board, const struct fdt *fdt, struct mm_pool *pool);
/* After every function has its context, before the first guest runs. */
void iommu_boot_done(void);
/* Can a guest's device reach only that guest's memory? */
bool iommu_isolates_dma(void);
int iommu_domain_init(struct domain *d);
void iommu_domain_teardown(struct domain *d);
int iommu_attach(struct domain *d, uint32_t sid);
int iommu_quarantine(uint32_t sid);
void iommu_detach(uint32_t sid);
/* Let d's devices, and not its CPUs, reach the host's MSI doorbell
 * (irq_msi_doorbell) at its own address. 0 also when no IOMMU
 * translates (the doorbell is then reached untranslated) or the host has
 * no MSI controller. After iommu_domain_init(d). */
int iommu_map_msi_doorbell(struct domain *d);
/* Remap a function's host MSI (the driver's msi_remap): 0 and *msg
 * changed, 1 if the IOMMU does not remap (*msg stays), -1 on failure. */
int iommu_msi_remap(uint32_t sid, unsigned int index, uint8_t vector, uint32_t dest,
		    struct irq_msi_msg *msg);
/* Let the board's IOAPIC raise vector on APIC ID dest (the driver's
 * ioapic_remap): 0, 1 if the IOMMU does not remap it, -1 on failure. */
int iommu_ioapic_remap(uint8_t vector, uint32_t dest);
/* From p2m_unmap(), under p->lock. */
void iommu_flush(struct p2m *p);
/* From the interrupt path: true if irq was the IOMMU's (event queue,
 * global errors), now handled. */
bool iommu_irq(unsigned int irq);

/* For a driver's fault records: the function whose DMA carries sid (an
 * endpoint before a bridge aliasing it) and its owner's name. */
void iommu_name_stream(uint32_t sid, char sbdf[16], const char **owner);
/* Guests to stop for their devices' blocked DMA (tessera,dma-fault =
 * "stop", IOMMU-5), found while a driver drains its faults under its
 * lock and stopped after it is dropped: the IOMMU's lock is innermost,
 * and stopping takes the domain's. A bit per domain, and the stream. */
struct iommu_fault_stops {
	uint32_t domains;
	uint32_t sid[32];
};
void iommu_fault_policy(uint32_t sid, struct iommu_fault_stops *stops);
void iommu_fault_stops_apply(const struct iommu_fault_stops *stops);

#endif
