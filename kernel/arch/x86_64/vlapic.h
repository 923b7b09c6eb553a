/* SPDX-License-Identifier: GPL-2.0-only */
/* Each vCPU's virtual x2APIC, reached through MSRs 0x800-0x8ff. */
#ifndef TESSERA_X86_VLAPIC_H
#define TESSERA_X86_VLAPIC_H

#include <stdint.h>

struct vcpu;

/* 0 (and *val), or -1 for #GP. */
int vlapic_msr_read(struct vcpu *v, uint32_t msr, uint64_t *val);
int vlapic_msr_write(struct vcpu *v, uint32_t msr, uint64_t val);

#endif
