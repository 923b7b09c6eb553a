/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * 16550-compatible UART (QEMU's pci-serial, most PC-style PCI UARTs):
 * polled output and input for the hypervisor console. Registers are
 * bytes, one apart, at base: in memory (a memory BAR), or, for the
 * ns16550_io_ calls, in the host bridge's I/O space (an I/O BAR, reached
 * through arch_pci_io(): ports on x86, a memory window on arm64).
 */
#ifndef TESSERA_DRIVERS_NS16550_H
#define TESSERA_DRIVERS_NS16550_H

#include <stdint.h>

void ns16550_init(uintptr_t base);
void ns16550_putc(uintptr_t base, char c);
/* -1 if no character is waiting. */
int ns16550_getc(uintptr_t base);
/* Interrupt when a character arrives. */
void ns16550_enable_rx(uintptr_t base);

void ns16550_io_init(uintptr_t base);
void ns16550_io_putc(uintptr_t base, char c);
int ns16550_io_getc(uintptr_t base);
void ns16550_io_enable_rx(uintptr_t base);

#endif
