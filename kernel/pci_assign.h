/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * PCI assignment at boot: who owns each host function (a guest, dom_xen
 * or dom_io), each guest's virtual PCI bus, its BARs in stage 2 and its
 * INTx lines. Bindings: docs/bindings.md ("PCI devices"). The plan in
 * the boot tree is checked whole before anything is changed.
 */
#ifndef TESSERA_PCI_ASSIGN_H
#define TESSERA_PCI_ASSIGN_H

#include <stdbool.h>
#include <stdint.h>

struct domain;
struct fdt;
struct vcpu;

/* After the domains are built, before any guest runs. */
int pci_assign_all(const struct fdt *fdt);
/* A physical SPI fired: true if it was a guest's INTx (now forwarded). */
bool pci_intx_fired(unsigned int intid);
/* How many message vectors (MSI-X table size, or MSI's multiple message
 * capable count) the guest's function at virtual requester id vdevid
 * has: the largest event id + 1 its vITS may map. 0 if the guest owns
 * no such function or it has neither capability. */
unsigned int pci_msi_vectors(struct domain *d, uint32_t vdevid);
/*
 * Where the guest's machine reaches config space and I/O BARs through
 * ports (GUEST_VPCI_IO_PORTS: x86's CF8/CFC and I/O space), its
 * architecture forwards those accesses here. Config space by ECAM offset
 * (bus << 20 | devfn << 12 | register), the same handlers and locks as
 * the virtual ECAM; I/O ports at GUEST_VPCI_IO_MIN and above to the I/O
 * BAR they fall in. False if the domain has no PCI, or the port is not
 * the window's or in no BAR of the guest's (all-ones read, write
 * dropped: the caller says so once).
 */
bool pci_guest_config(struct vcpu *v, uint32_t off, unsigned int size, bool write, uint32_t *val);
bool pci_guest_io(struct vcpu *v, uint16_t port, unsigned int size, bool write, uint32_t *val);
/* The domain has stopped, or is about to restart: its devices go back
 * to the IOMMU's quarantine, stop decoding and DMA, and their BARs leave
 * its stage 2 (IOMMU-4, BAR-2). A restart then gets the planned state
 * back (pci_domain_restart), and once the guest's RAM is reloaded its
 * devices reach it again (pci_domain_reattach). */
void pci_domain_stop(struct domain *d);
int pci_domain_restart(struct domain *d);
int pci_domain_reattach(struct domain *d);

#endif
