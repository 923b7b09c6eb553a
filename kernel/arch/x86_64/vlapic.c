// SPDX-License-Identifier: GPL-2.0-only
/*
 * The virtual x2APIC. Not yet emulated: every x2APIC MSR raises #GP, so
 * a guest sees no local APIC and no interrupts reach it (docs/x86.md).
 */
#include "vlapic.h"

#include "exits.h"

int vlapic_msr_read(struct vcpu *v, uint32_t msr, uint64_t *val)
{
	(void)v;
	(void)msr;
	(void)val;
	return -1;
}

int vlapic_msr_write(struct vcpu *v, uint32_t msr, uint64_t val)
{
	(void)v;
	(void)msr;
	(void)val;
	return -1;
}

bool x86_vcpu_has_event(struct vcpu *v)
{
	(void)v;
	return false;
}

bool x86_mmio(struct vcpu *v, uint64_t gpa, bool write)
{
	(void)v;
	(void)gpa;
	(void)write;
	return false;
}
