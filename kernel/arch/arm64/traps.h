/* SPDX-License-Identifier: GPL-2.0-only */
/* Exits from guests to EL2, entered from vectors.S. */
#ifndef TESSERA_ARM64_TRAPS_H
#define TESSERA_ARM64_TRAPS_H

#include <stdint.h>

struct vcpu;

void guest_sync(void);
void guest_irq(void);
void guest_bad_exception(int kind);
void hyp_fault(int kind, uint64_t esr, uint64_t elr, uint64_t far)
	__attribute__((noreturn));

void vpsci_call(struct vcpu *v);

#endif
