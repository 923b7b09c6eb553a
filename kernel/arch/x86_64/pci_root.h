/* SPDX-License-Identifier: GPL-2.0-only */
/* The x86 host PCI bridge from ACPI (pci_root.c; arch.h has the rest). */
#ifndef TESSERA_X86_PCI_ROOT_H
#define TESSERA_X86_PCI_ROOT_H

/* The bridge as device-tree source for make inspect, inside the root
 * node; nothing if the board has no MCFG. After arch_pci_host_tree(). */
void pci_root_print(void);

#endif
