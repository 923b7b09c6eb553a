/* SPDX-License-Identifier: GPL-2.0-only */
/* x86_64 exit handlers by kind (exits.c dispatches). */
#ifndef TESSERA_X86_EXITS_H
#define TESSERA_X86_EXITS_H

#include <stdbool.h>
#include <stdint.h>

struct vcpu;

void x86_port_io(struct vcpu *v);	/* ioport.c */
void x86_msr(struct vcpu *v);		/* msr.c */
void x86_cpuid(struct vcpu *v);		/* cpuid.c */
/* An access to gpa outside RAM that something emulates: true if done. */
bool x86_mmio(struct vcpu *v, uint64_t gpa, bool write);
/* Whether v has an interrupt or start-up to take (ends HLT). */
bool x86_vcpu_has_event(struct vcpu *v);

#endif
