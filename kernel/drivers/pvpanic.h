/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The exit device: QEMU's pvpanic-pci. A refused boot writes "panicked"
 * to it, and QEMU run with -action panic=exit-failure (scripts/run-qemu.sh)
 * exits with status 1 instead of the 0 of a normal power-off, so scripts
 * can tell the two apart. Boards without one just power off.
 */
#ifndef TESSERA_DRIVERS_PVPANIC_H
#define TESSERA_DRIVERS_PVPANIC_H

struct fdt;

/* Find it among the enumerated functions (after pci_host_init()). */
void pvpanic_probe(const struct fdt *fdt);
/* Say the boot failed; nothing if there is no exit device. */
void pvpanic_signal_failure(void);

#endif
