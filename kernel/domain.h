/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Domains (guests) and their vCPUs.
 *
 * Each vCPU is pinned to one physical CPU for its whole life, and a
 * physical CPU runs at most one vCPU, so there is no scheduler: a CPU
 * either runs its vCPU or waits (WFE) for it to be switched on.
 *
 * Lifecycle: RUNNING -> STOPPING (powered off, crashed) -> STOPPED, or
 * RUNNING -> RESETTING -> RUNNING (PSCI SYSTEM_RESET reloads the
 * images). A stop or reset takes effect when the last vCPU has left the
 * guest; CPUs still in the guest are kicked (arch_kick).
 */
#ifndef TESSERA_DOMAIN_H
#define TESSERA_DOMAIN_H

#include <stdbool.h>
#include <stdint.h>

#include "arch.h"
#include "lib/caps.h"
#include "guest_uart.h"
#include "lib/spinlock.h"
#include "p2m.h"
#include "vpl011.h"
#include "vuart16550.h"

#define MAX_DOMAINS		16
#define MAX_VCPUS		8
/* A PCI guest with a vITS and a vPL011 uses 8 (vGIC distributor and
 * redistributors, vITS, vPL011, ECAM, three BAR windows); room for more. */
#define MAX_MMIO_REGIONS	12
#define DOMAIN_NAME_LEN		(CAPS_NAME_MAX + 1)	/* lib/caps.h */

enum vcpu_power { VCPU_OFF, VCPU_ON_PENDING, VCPU_ON };
enum domain_state { DOM_RUNNING, DOM_STOPPING, DOM_RESETTING, DOM_STOPPED };

struct domain;
struct vcpu;

/* An emulated device window. access() returns 0, or < 0 to stop the
 * guest for a bad access. */
struct mmio_region {
	uint64_t base, size;
	const char *name;
	int (*access)(struct vcpu *v, void *priv, uint64_t offset,
		      unsigned int size, bool write, uint64_t *val);
	void *priv;
};

struct vcpu {
	struct vcpu_arch arch;		/* registers first: entry code wants them */
	struct domain *dom;
	struct pcpu *pcpu;
	unsigned int id;
	/* Protected by dom->lock. */
	enum vcpu_power power;
	uint64_t entry, context;	/* where CPU_ON starts it */
};

/* A boot module (file from the ESP) as the boot tree's reg names it. */
struct boot_module {
	uint64_t pa, size;
};

struct domain {
	char name[DOMAIN_NAME_LEN];
	unsigned int id;			/* 1-based; also the VMID */

	spinlock_t lock;	/* state, nr_in_guest, every vcpu->power */
	enum domain_state state;
	unsigned int nr_in_guest;		/* vCPUs in state VCPU_ON */

	unsigned int nr_vcpus;
	struct vcpu vcpus[MAX_VCPUS];

	uint64_t ram_ipa, ram_pa, ram_size;
	bool static_mem;			/* xen,static-mem: fixed pa */
	bool direct_map;			/* direct-map: ram_ipa == ram_pa */
	bool dma_fault_stops;			/* tessera,dma-fault = "stop" */
	struct p2m p2m;				/* guest physical -> host */

	/* Boot images, kept so SYSTEM_RESET can reload them. */
	struct boot_module kernel, ramdisk, dtb;
	const char *bootargs;			/* in the boot tree, or NULL */
	uint64_t entry_ipa, dtb_ipa;

	struct domain_arch arch;
	struct mmio_region mmio[MAX_MMIO_REGIONS];
	unsigned int nr_mmio;
	enum guest_uart uart;			/* which of the union below */
	uint32_t noted;		/* enum domain_note kinds already said */
	union {
		struct vpl011 vpl011;
		struct vuart16550 vuart16550;
	};
	unsigned int resets;
};

/*
 * The hypervisor's view of [gpa, gpa + size) of d's RAM, for reading
 * what a guest hands over in its memory (vITS queues and tables): its
 * RAM is the one bank its p2m maps as RAM, fixed while it runs. NULL if
 * any byte is elsewhere (a device window, a hole, beyond its space):
 * such memory is never touched, whatever the guest says.
 */
static inline void *domain_ram(const struct domain *d, uint64_t gpa, uint64_t size)
{
	if (gpa < d->ram_ipa || size > d->ram_size || gpa - d->ram_ipa > d->ram_size - size)
		return NULL;
	return (void *)(uintptr_t)(d->ram_pa + (gpa - d->ram_ipa));
}

extern struct domain domains[MAX_DOMAINS];
extern unsigned int nr_domains;

struct domain *domain_alloc(const char *name);
int domain_add_mmio(struct domain *d, const struct mmio_region *r);
const struct mmio_region *domain_find_mmio(struct domain *d, uint64_t ipa,
					   unsigned int size);

/* Switch every domain's boot vCPU on; then this CPU runs its own. */
void domains_start(void);
/* This CPU's loop: run the pinned vCPU whenever it is switched on. */
void pcpu_run(struct pcpu *p) __attribute__((noreturn));

/* A guest's own CPU power calls (PSCI on arm64), by vCPU id. */
#define VCPU_ENOENT	1	/* the guest has no such vCPU */
#define VCPU_EALREADY	2	/* it is on */
#define VCPU_EPENDING	3	/* it is being switched on */
int vcpu_cpu_on(struct vcpu *caller, unsigned int target, uint64_t entry,
		uint64_t context);
/* enum vcpu_power of target, or -VCPU_ENOENT. */
int vcpu_power_state(struct vcpu *caller, unsigned int target);
void vcpu_cpu_off(struct vcpu *v) __attribute__((noreturn));
/* A vCPU that can never run again by itself (x86: HLT with interrupts
 * off) is switched off, as a guest parks the CPUs it stops (its
 * INIT/SIPI or CPU_ON can start it again); if it is the last one in the
 * guest, the domain stops as domain_crash does, saying why. */
void vcpu_park(struct vcpu *v, const char *why) __attribute__((noreturn));

/*
 * Requests a guest may repeat at will and that are refused or answered
 * all-ones rather than stopping it: said once per guest (a flood of them
 * must not flood the console), as "tessera: <guest>: <what>".
 */
enum domain_note {
	NOTE_SETWAY,		/* set/way maintenance done as clean+invalidate */
	NOTE_CALL,		/* an HVC/SMC function outside PSCI */
	NOTE_CPU_ON,		/* CPU_ON of a CPU it does not have */
	NOTE_VECAM,		/* a config access that is not 1, 2 or 4 aligned bytes */
	NOTE_ITS_CMD,		/* a vITS command naming what is not its own: dropped */
	NOTE_ITS_QUEUE,		/* a vITS command queue or CWRITER it cannot have */
	NOTE_ITS_TABLE,		/* an LPI property table entry outside its RAM */
	NOTE_ITS_DOORBELL,	/* a CPU access to the vITS doorbell: ignored */
	NOTE_PORT_IO,		/* x86: a port nothing emulates: all-ones, writes dropped */
	NOTE_RTC_WRITE,		/* x86: a write to the read-only vRTC */
	NOTE_MSR,		/* x86: an MSR outside the whitelist: #GP */
	NOTE_IPI,		/* x86: an IPI to none of its vCPUs, or of a mode not emulated */
	NOTE_MMIO_REG,		/* x86: an emulated page's access it cannot make */
	NOTE_MSI,		/* x86: an MSI message naming none of its vCPUs: dropped */
	NOTE_KEPT,		/* a write in a BAR range the hypervisor keeps: dropped */
};
void domain_note_once(struct domain *d, enum domain_note kind, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* End the domain: one log line, then every vCPU leaves the guest. */
void domain_crash(struct vcpu *v, const char *fmt, ...)
	__attribute__((noreturn, format(printf, 2, 3)));
void domain_poweroff(struct vcpu *v) __attribute__((noreturn));
void domain_reboot(struct vcpu *v) __attribute__((noreturn));
/* From anywhere (an interrupt handler included): d is to stop; its vCPUs
 * are kicked out and the last one to leave stops it. Said once, as
 * "tessera: <guest>: stopped by the hypervisor: <why>". */
void domain_stop_async(struct domain *d, const char *why);
/* From the kick interrupt: leave the guest if the domain is ending. */
void vcpu_check_kick(struct vcpu *v);

#endif
