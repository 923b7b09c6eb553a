/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The host's PCI functions, found at boot through the ECAM window of the
 * tree's pci-host-ecam-generic node. Firmware's BAR assignment is kept.
 */
#ifndef TESSERA_VPCI_PCI_HOST_H
#define TESSERA_VPCI_PCI_HOST_H

#include "pci.h"

#define PCI_HOST_MAX_FUNCS	256

struct fdt;

/* Enumerate and log every function; 0 if there is no host bridge. */
int pci_host_init(const struct fdt *fdt);
extern struct pci_func pci_host_funcs[PCI_HOST_MAX_FUNCS];
extern unsigned int pci_host_nr_funcs;

#endif
