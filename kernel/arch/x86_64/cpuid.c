// SPDX-License-Identifier: GPL-2.0-only
/*
 * CPUID exits: the host's answers, filtered. A guest sees no SVM, VMX
 * or MONITOR, an x2APIC whose ID is its vCPU number, a topology of its
 * own vCPUs, the hypervisor bit and Tessera's leaves (arch/guest.h).
 */
#include "exits.h"

#include "arch.h"
#include "arch/guest.h"
#include "domain.h"
#include "vmcb.h"
#include "x86.h"

#define LEN_CPUID	2
#define CR4_OSXSAVE	(1ull << 18)

/* Leaf 1 ecx: what the guest never gets (DTES64, MONITOR, DS-CPL, VMX,
 * SMX, EST, TM2, PDCM) and what it always gets (x2APIC, TSC-deadline,
 * both emulated by the vLAPIC, and the hypervisor bit). */
#define L1_ECX_HIDE	((1u << 2) | (1u << 3) | (1u << 4) | (1u << 5) | (1u << 6) | \
			 (1u << 7) | (1u << 8) | (1u << 15) | (1u << 27))
#define L1_ECX_SHOW	((1u << 21) | (1u << 24) | (1u << 31))
/* Leaf 1 edx: no MCE, MTRR, MCA, DS, ACPI thermal, TM, PBE. */
#define L1_EDX_HIDE	((1u << 7) | (1u << 12) | (1u << 14) | (1u << 21) | (1u << 22) | \
			 (1u << 29) | (1u << 31))
/* 0x80000001 ecx: no SVM, IBS, SKINIT, WDT, MONITORX. */
#define E1_ECX_HIDE	((1u << 2) | (1u << 10) | (1u << 12) | (1u << 13) | (1u << 29))
#define E7_EDX_INVARIANT_TSC	(1u << 8)

static unsigned int order_bits(unsigned int n)
{
	unsigned int b = 0;

	while ((1u << b) < n)
		b++;
	return b;
}

/* Leaf 0xb: one thread per core, the guest's vCPUs as cores. */
static void topology(struct vcpu *v, uint32_t sub, struct cpuid_regs *r)
{
	unsigned int n = v->dom->nr_vcpus;

	r->edx = v->id;
	r->ecx = sub;
	if (sub == 0) {
		r->eax = 0;
		r->ebx = 1;
		r->ecx |= 1u << 8;
	} else if (sub == 1) {
		r->eax = order_bits(n);
		r->ebx = n;
		r->ecx |= 2u << 8;
	} else {
		r->eax = r->ebx = 0;
	}
}

static void hypervisor_leaf(uint32_t leaf, struct cpuid_regs *r)
{
	*r = (struct cpuid_regs){ 0 };
	if (leaf == GUEST_CPUID_BASE) {
		r->eax = GUEST_CPUID_FREQ;
		r->ebx = 0x73736554;	/* "Tess" */
		r->ecx = 0x48617265;	/* "eraH" */
		r->edx = 0x00000056;	/* "V\0\0\0" */
	} else if (leaf == GUEST_CPUID_FREQ) {
		r->eax = (uint32_t)(arch_counter_freq() / 1000);
		r->ebx = r->eax;	/* the vLAPIC timer counts TSC ticks */
	}
}

static void filter(struct vcpu *v, uint32_t leaf, uint32_t sub, struct cpuid_regs *r)
{
	switch (leaf) {
	case 1:
		r->ebx = (r->ebx & 0xffff) | (v->dom->nr_vcpus << 16) | (v->id << 24);
		r->ecx = (r->ecx & ~L1_ECX_HIDE) | L1_ECX_SHOW;
		if (v->arch.vmcb->save.cr4 & CR4_OSXSAVE)
			r->ecx |= 1u << 27;
		r->edx &= ~L1_EDX_HIDE;
		break;
	case 5: case 6: case 0x8000000a: case 0x8000001e:
		*r = (struct cpuid_regs){ 0 };	/* MONITOR, power, SVM, AMD topology */
		break;
	case 0xb: case 0x1f:
		topology(v, sub, r);
		break;
	case 0x80000001:
		r->ecx &= ~E1_ECX_HIDE;
		break;
	case 0x80000007:
		*r = (struct cpuid_regs){ .edx = r->edx & E7_EDX_INVARIANT_TSC };
		break;
	case 0x80000008:
		r->ecx = (r->ecx & ~0xffu) | (v->dom->nr_vcpus - 1);
		break;
	}
}

void x86_cpuid(struct vcpu *v)
{
	uint64_t *g = v->arch.regs.gpr;
	uint32_t leaf = (uint32_t)g[0], sub = (uint32_t)g[1];
	struct cpuid_regs r;

	if ((leaf & 0xf0000000u) == GUEST_CPUID_BASE) {
		hypervisor_leaf(leaf, &r);
	} else {
		r = cpuid(leaf, sub);
		filter(v, leaf, sub, &r);
	}
	g[0] = r.eax;
	g[3] = r.ebx;
	g[1] = r.ecx;
	g[2] = r.edx;
	v->arch.vmcb->save.rip += LEN_CPUID;
}
