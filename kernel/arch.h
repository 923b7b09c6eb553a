/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The architecture contract: everything the core needs from an
 * architecture, in one place. kernel/arch/<arch>/ implements it; its
 * public headers sit in kernel/arch/<arch>/include/arch/ and are the only
 * arch headers the core may include (scripts/check-includes.sh, run by
 * make test, fails otherwise). docs/porting.md says how to add one.
 *
 * What the architecture also provides, behind other core headers:
 *   kernel/irq.h     the host interrupt controller and guests' virtual one
 *   kernel/p2m.h     the descriptor format (arch/pte.h) and TLB flushes
 *   arch/guest.h     the guest ABI: guest memory map and interrupt numbers
 */
#ifndef TESSERA_ARCH_H
#define TESSERA_ARCH_H

#include <stdbool.h>
#include <stdint.h>

#include "arch/cpu.h"		/* struct pcpu, this_pcpu(), arch_cpus_wake/wait */
#include "arch/domain.h"	/* struct domain_arch, struct vcpu_arch */

struct bootinfo;
struct domain;
struct fdt;
struct mm_pool;
struct vcpu;

/* ---- boot and physical CPUs ---- */

/* The hypervisor's own address space from the boot memory map; the MMU
 * (or paging) is on when this returns 0. */
int arch_mmu_init(const struct bootinfo *bi, struct mm_pool *pool);
/* Firmware services the architecture needs (PSCI on arm64). NULL, or
 * what is missing, for the error line. */
const char *arch_firmware_init(const struct fdt *fdt);
extern struct pcpu pcpus[MAX_PCPUS];
extern unsigned int nr_pcpus;
/* Fill pcpus[] from the tree: the index of the boot CPU, or -1. */
int arch_cpus_discover(const struct fdt *fdt);
/* make inspect: what the boot tree does not say about the board, in the
 * planner's input form (docs/planner.md), before the PCI inventory.
 * x86: RAM from the memory map, CPUs from the MADT, ECAM from the MCFG;
 * arm64: nothing (QEMU's tree, which the planner reads, says it all). */
void arch_inspect_board(const struct bootinfo *bi);
/*
 * The tree whose pci-host-ecam-generic node is the host's PCI bridge: the
 * boot tree if it has one (arm64 boards; x86 plans, whose board part came
 * from make inspect, and which must then match the firmware's tables), or
 * one the architecture wrote from the firmware's tables (x86: the ACPI
 * MCFG and the root bridge's _CRS). NULL: no PCI. Once, at boot.
 */
const struct fdt *arch_pci_host_tree(const struct fdt *boot);
/* A 1, 2 or 4-byte access at addr, the CPU's address of a place in the
 * host bridge's I/O window (arm64: memory-mapped; x86: a port). */
void arch_pci_io(uint64_t addr, unsigned int size, bool write, uint32_t *val);
/* Set up the calling CPU to run guests (with its interrupt interface). */
int arch_cpu_init(struct pcpu *p);
/* Start a secondary CPU; it runs pcpu_run(p). 0, or -1 after a line. */
int arch_cpu_start(struct pcpu *p);
void arch_power_off(void) __attribute__((noreturn));

/* Why the boot CPU stopped before it had a console (arch_entry_refused). */
enum entry_refusal {
	ENTRY_UNKNOWN = 1,	/* neither a boot record nor a device tree */
	ENTRY_BAD_RECORD,	/* a boot record of another version or size */
	ENTRY_BAD_TREE,		/* a device tree fdt_init() refuses */
	ENTRY_NO_CONSOLE,	/* a tree with no console this build drives */
	ENTRY_FAULT,		/* a fault before the console (arg: the address) */
};
/*
 * The entry argument cannot be used, and there is no console to say so.
 * Powering off would look like a clean end; instead the boot CPU stops
 * for good where a debugger finds it, with arg and why kept in the
 * places the architecture documents (docs/boot.md).
 */
void arch_entry_refused(const void *arg, enum entry_refusal why) __attribute__((noreturn));

/* A free-running counter shared by all CPUs, and its ticks per second. */
uint64_t arch_counter(void);
uint64_t arch_counter_freq(void);

/* Write back data others read with caches off (CPUs before their MMU is
 * on, guests starting with theirs off, non-coherent DMA). */
void arch_dcache_clean(const void *start, uint64_t size);

/* ---- domains and vCPUs ---- */

/* After d's RAM and p2m exist: its emulated interrupt controller and
 * whatever the architecture keeps per domain. 0, or -1 (d named). */
int arch_domain_init(struct domain *d);

/*
 * The guest image loader's architecture part: where a kernel image of
 * this architecture goes in guest RAM. 0 and *out, or -1 if the image is
 * not one this architecture boots.
 */
struct kernel_layout {
	uint64_t load_offset;	/* from the start of guest RAM */
	uint64_t mem_size;	/* bytes the kernel needs there, bss included */
	uint64_t entry_offset;	/* first instruction, from the start of RAM */
	uint64_t file_offset;	/* bytes of the file not loaded (x86: the setup) */
};
int arch_kernel_layout(const void *image, uint64_t size, struct kernel_layout *out);

/*
 * The guest's description of its machine, once the core has placed the
 * kernel (kl) and the ramdisk (at rd_off) in its RAM (ram, the
 * hypervisor's view) and copied the description module (arm64: the
 * guest device tree; x86: its ACPI tables) to desc_off, in a slot of
 * slot_size bytes at the top of RAM. The architecture checks it against
 * the domain, completes it (command line, ramdisk; on x86 the
 * boot_params and early page tables, in the slot's second half) and
 * sets d->entry_ipa and d->dtb_ipa (the boot vCPU's first argument).
 * 0, or -1 after a line naming d.
 */
int arch_guest_describe(struct domain *d, uint8_t *ram, const struct kernel_layout *kl,
			uint64_t rd_off, uint64_t desc_off, uint64_t slot_size);

/* Enter v at v->entry with its first argument v->context, in the
 * architecture's boot state (arm64: EL1h, MMU off, x0 = the tree). */
void arch_vcpu_start(struct vcpu *v) __attribute__((noreturn));
/* Make p leave its guest and look at its vCPU's state. */
void arch_kick(struct pcpu *p);

#endif
