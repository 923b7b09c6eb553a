/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A domain's virtual IOAPIC: 24 pins (ISA IRQ n is pin n; the 16550's is
 * 4), reached by MMIO at GUEST_IOAPIC_BASE, delivering to the vLAPICs.
 */
#ifndef TESSERA_X86_VIOAPIC_H
#define TESSERA_X86_VIOAPIC_H

#include <stdbool.h>
#include <stdint.h>

struct domain;

void vioapic_init(struct domain *d);
/* A device line's level (kernel/irq.h virq_set_level). */
void vioapic_set_level(struct domain *d, unsigned int pin, bool level);
/* A vLAPIC EOI of a level-triggered vector: lines still high fire again. */
void vioapic_eoi(struct domain *d, uint8_t vector);
/* Register access at offset off of its page; false if not a register. */
bool vioapic_mmio(struct domain *d, uint64_t off, bool write, uint32_t *val);

#endif
