/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Each vCPU's virtual local APIC, reached through MSRs 0x800-0x8ff and
 * IA32_TSC_DEADLINE in x2APIC mode, or through the page at 0xfee00000
 * in xAPIC mode: the guest's interrupts (IPIs among its own vCPUs,
 * its timer, its device lines through the vIOAPIC), INIT and SIPI for
 * its secondary vCPUs. Offered as SVM's virtual interrupt (V_IRQ)
 * before each VMRUN; NMIs by EVENTINJ.
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
/* A 32-bit access at offset off of the xAPIC page: false if the vCPU is
 * not in xAPIC mode or there is no such register. */
bool vlapic_mmio(struct vcpu *v, uint64_t off, bool write, uint32_t *val);
/* IA32_APIC_BASE as the guest reads it, and a write: 0, or -1 (#GP). */
uint64_t vlapic_base(const struct vcpu *v);
int vlapic_base_write(struct vcpu *v, uint64_t val);
/* Whether t takes an interrupt for dest (physical or logical), as its
 * mode reads dest: from an IPI, or from an IOAPIC entry's 8 bits. */
bool vlapic_accepts(const struct vcpu *t, uint32_t dest, bool logical);
bool vlapic_accepts_ioapic(const struct vcpu *t, uint8_t dest, bool logical);
/* Post vector to v's IRR from any CPU (level: its TMR bit) and kick it. */
void vlapic_post(struct vcpu *v, uint8_t vector, bool level);
/* Before VMRUN, on v's own CPU: fire an expired timer, inject the
 * highest deliverable interrupt (V_IRQ), arm the host
 * timer for v's next expiry. */
void vlapic_before_entry(struct vcpu *v);
/* After an exit, on v's own CPU: settle the offered interrupt (taken:
 * into the ISR), re-inject an event the exit cut short. */
void vlapic_after_exit(struct vcpu *v);
/* The vCPU of d with x2APIC ID id, or NULL. */
struct vcpu *vlapic_vcpu_by_id(struct domain *d, uint32_t id);

#endif
