/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * x86_64: what a domain and a vCPU carry for the architecture (embedded
 * in struct domain and struct vcpu, kernel/domain.h). Only arch code
 * looks inside.
 */
#ifndef TESSERA_ARCH_DOMAIN_H
#define TESSERA_ARCH_DOMAIN_H

#include <stdbool.h>
#include <stdint.h>

#include "arch/cpu.h"
#include "lib/spinlock.h"

struct vmcb;

/* The guest's boot state, written by the domain builder (boot.c) and
 * loaded into the VMCB when vCPU 0 starts. */
struct x86_boot_state {
	uint64_t cr3;		/* identity page tables for the 64-bit entry */
	uint64_t gdt_base;	/* __BOOT_CS at 0x10, __BOOT_DS at 0x18 */
	uint64_t boot_params;	/* %rsi at the kernel's 64-bit entry */
};

struct domain_arch {
	uint32_t asid;		/* TLB tag of this domain's vCPUs (= domain id) */
	struct x86_boot_state boot;
	uint8_t cf9;		/* the reset control register's last value */
};

struct vcpu_arch {
	struct cpu_regs regs;
	struct vmcb *vmcb;	/* one page, from the pool (svm.c) */
	uint64_t vmcb_pa;
	bool flush_tlb;		/* flush on the next VMRUN (atomic: arch_p2m_flush) */
};

#endif
