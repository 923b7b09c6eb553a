/* SPDX-License-Identifier: GPL-2.0-only */
/* What the core needs from the architecture to run and stop vCPUs. */
#ifndef TESSERA_ARM64_VCPU_H
#define TESSERA_ARM64_VCPU_H

#include "arch_cpu.h"
#include "psci.h"
#include "sysreg.h"

struct vcpu;

/* Enter v at v->entry with x0 = v->context, EL1h, MMU off. */
void arch_vcpu_start(struct vcpu *v) __attribute__((noreturn));
/* Make p leave its guest and look at its vCPU's state. */
void arch_kick(struct pcpu *p);
void arch_power_off(void) __attribute__((noreturn));

#endif
