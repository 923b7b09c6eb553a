/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Each vCPU's virtual x2APIC, reached through MSRs 0x800-0x8ff and
 * IA32_TSC_DEADLINE: the guest's interrupts (IPIs among its own vCPUs,
 * its timer, its device lines through the vIOAPIC), INIT and SIPI for
 * its secondary vCPUs. Delivered by EVENTINJ before each VMRUN.
 */
#ifndef TESSERA_X86_VLAPIC_H
#define TESSERA_X86_VLAPIC_H

#include <stdbool.h>
#include <stdint.h>

struct domain;
struct vcpu;

/* The reset state (on every start of the vCPU). */
void vlapic_reset(struct vcpu *v);
/* 0 (and *val), or -1 for #GP. */
int vlapic_msr_read(struct vcpu *v, uint32_t msr, uint64_t *val);
int vlapic_msr_write(struct vcpu *v, uint32_t msr, uint64_t val);
/* Post vector to v's IRR from any CPU (level: its TMR bit) and kick it. */
void vlapic_post(struct vcpu *v, uint8_t vector, bool level);
/* Before VMRUN, on v's own CPU: fire an expired timer, inject the
 * highest deliverable interrupt or ask for the window, arm the host
 * timer for v's next expiry. */
void vlapic_before_entry(struct vcpu *v);
/* After an exit, on v's own CPU: re-inject an event the exit cut short. */
void vlapic_after_exit(struct vcpu *v);
/* The interrupt window opened (the VINTR exit). */
void vlapic_window_open(struct vcpu *v);
/* The vCPU of d with x2APIC ID id, or NULL. */
struct vcpu *vlapic_vcpu_by_id(struct domain *d, uint32_t id);

#endif
