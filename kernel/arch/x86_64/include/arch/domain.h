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
};

#define VIOAPIC_PINS	24

/* The domain's virtual IOAPIC (vioapic.c), at the PC's 0xfec00000. */
struct vioapic {
	spinlock_t lock;	/* every field: vCPUs and device lines share it */
	uint32_t sel;		/* IOREGSEL */
	uint64_t redir[VIOAPIC_PINS];
	uint32_t level;		/* a bit per pin: its line is high */
};

/* The 8254's counters (vpit.c); every field under lock. */
struct vpit_channel {
	uint64_t load_tsc;		/* when its count was loaded */
	uint16_t count;			/* the initial count (0 means 0x10000) */
	uint16_t latch;
	uint8_t mode, access;		/* access: 1 LSB, 2 MSB, 3 LSB then MSB */
	uint8_t write_lsb;		/* the LSB of a count half written */
	bool loaded, latched, read_msb, write_msb;
};

struct vpit {
	spinlock_t lock;		/* its vCPUs share it */
	struct vpit_channel ch[3];
	uint8_t port61;			/* gate 2 (bit 0), speaker data (bit 1) */
};

struct domain_arch {
	uint32_t asid;		/* TLB tag of this domain's vCPUs (= domain id) */
	struct x86_boot_state boot;
	uint8_t cf9;		/* the reset control register's last value */
	/* PCI configuration address (port 0xcf8, ioport.c). One per
	 * domain, as a PC has one; unlocked: its vCPUs racing on it (which
	 * Linux's pci_config_lock prevents) only confuse their own guest. */
	uint32_t cf8;
	uint8_t rtc_index;	/* the vRTC register port 0x70 selected (vrtc.c) */
	struct vioapic ioapic;
	struct vpit pit;
};

/*
 * A vCPU's virtual x2APIC (vlapic.c). irr is posted to by any CPU (IPIs
 * from the guest's other vCPUs, device lines) with atomic ORs, then the
 * owner is kicked; everything else is touched by the owning vCPU's CPU
 * only, so there is no lock.
 */
/* How the guest reaches its local APIC (IA32_APIC_BASE). */
enum vlapic_mode { VLAPIC_X2APIC, VLAPIC_XAPIC, VLAPIC_DISABLED, VLAPIC_INVALID };

struct vlapic {
	uint32_t irr[8];		/* atomic: any CPU sets, the owner clears */
	uint32_t isr[8], tmr[8];
	uint32_t tpr, svr, icr_lo, icr_hi;
	/* Written on the owner's CPU, read by any CPU routing an IPI or an
	 * IOAPIC line (a read racing a mode change only routes by the old
	 * mode, as hardware may). */
	uint32_t ldr, dfr;		/* xAPIC mode only (x2APIC's LDR is fixed) */
	enum vlapic_mode mode;
	uint32_t lvt[7];		/* CMCI, timer, thermal, PMC, LINT0, LINT1, error */
	uint32_t timer_init, timer_dcr;
	uint64_t timer_expiry;		/* TSC when the timer fires, 0: not armed */
	uint64_t timer_period;		/* TSC ticks between periodic firings */
	uint64_t tsc_deadline;		/* IA32_TSC_DEADLINE as written */
	bool nmi_pending;		/* atomic, as irr */
	int offered;			/* the vector in V_IRQ for this run, or -1 */
};

struct vcpu_arch {
	struct cpu_regs regs;
	struct vmcb *vmcb;	/* one page, from the pool (svm.c) */
	uint64_t vmcb_pa;
	bool flush_tlb;		/* flush on the next VMRUN (atomic: arch_p2m_flush) */
	bool in_guest;		/* from before that flag is read to after VMRUN
				 * returns (atomic: arch_p2m_flush waits on it) */
	struct vlapic lapic;
};

#endif
