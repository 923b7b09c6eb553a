/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The static partitioning planner: a board description (its device tree
 * with the PCI inventory merged in) and a partition description (Xen's
 * dom0less bindings plus ours, without addresses) in; every address,
 * CPU, BAR and interrupt decided, checked, and written out. One place
 * computes a partition (PLAN-1); the same inputs give the same bytes
 * (PLAN-3); a conflict writes nothing and names both parties (PLAN-2).
 */
#ifndef TESSERA_PLAN_H
#define TESSERA_PLAN_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "lib/caps.h"
#include "lib/fdt.h"
#include "lib/printf.h"
#include "lib/rangeset.h"
#include "lib/resmem.h"
#include "guest_uart.h"
#include "pci_dt.h"
#include "plan_check.h"
#include "vpci.h"

/* The guest memory map and interrupts: the hypervisor's own header. */
#include "arch/guest.h"

#define PLAN_MAX_DOMAINS	64
#define PLAN_MAX_CPUS		256
#define PLAN_MAX_FUNCS		65536	/* one segment: 256 buses of 32 x 8 */
#define PLAN_MAX_DEVS		8	/* PCI functions per guest */
#define PLAN_MAX_VCPUS		8
#define PLAN_MAX_HIDDEN		16
#define PLAN_MAX_RAM		64	/* board memory ranges */
#define PLAN_MAX_SRIOV		16	/* PFs whose VFs the plan enables */
#define PLAN_NAME		(CAPS_NAME_MAX + 1)

/*
 * What the boot needs beside the guests (docs/planner.md, "RAM"). The
 * UEFI firmware keeps its own data at the top of RAM while the loader
 * runs (AAVMF: 60 MiB below the end of RAM, on 1 and 2 GiB boards), and
 * the loader's files are allocated below it: the hypervisor (its Image
 * with bss at a 2 MiB aligned address), the boot tree with room for the
 * reg the loader adds, each module file, each guest tree, the boot
 * record and the memory map. The hypervisor's own allocations (page
 * tables, stacks, stage-2 tables) come from the lowest free RAM.
 */
#define PLAN_FW_TOP		(64ull << 20)
#define PLAN_HYP_IMAGE		(4ull << 20)
#define PLAN_TREE_ROOM		(64ull << 10)	/* per tree */
#define PLAN_LOADER_MISC	(1ull << 20)
#define PLAN_HYP_POOL		(8ull << 20)
#define SZ_2MB			(2ull << 20)

struct plan_dev {
	unsigned int func;		/* index into board.funcs */
	uint32_t sbdf;			/* that function (a VF: once its PF's are enabled) */
	int vf;				/* VF index of PF pf_sbdf, or -1: not a VF */
	uint32_t pf_sbdf;
	uint32_t vsbdf;
	uint64_t guest_bar[PCI_MAX_BARS];	/* 0: none; I/O BARs: a port */
	int host_intid, virt_intid;	/* -1: no INTx */
	const char *node;		/* the partition's node name */
	struct plan_regs regs[PLAN_MAX_REGS];	/* the inventory's tessera,registers */
	unsigned int nr_regs;
	/* The partition's tessera,hypervisor-ranges (HID-2, shared). */
	struct plan_regs kept[VPCI_MAX_KEPT];
	unsigned int nr_kept;
	uint32_t kept_read;
};

struct plan_domain {
	char name[PLAN_NAME];
	unsigned int nr_vcpus;
	unsigned int cpu[PLAN_MAX_VCPUS];	/* board CPU index per vCPU */
	uint64_t mem;			/* bytes */
	uint64_t ram_pa, ram_ipa;
	enum guest_uart uart;		/* tessera,vuart or vpl011 */
	bool direct_map;
	bool dma_fault_stops;		/* tessera,dma-fault = "stop" */
	bool static_mem;		/* xen,static-mem given: ram_pa is fixed */
	bool pinned;			/* domain-cpupool given: cpu[] is fixed */
	const char *pool;		/* that pool's node name */
	const char *kernel, *ramdisk, *bootargs;
	unsigned int nr_dev;
	struct plan_dev dev[PLAN_MAX_DEVS];
};

/* A PF whose VFs the plan enables (tessera,sriov-pf in the boot tree). */
struct plan_sriov {
	uint32_t pf_sbdf;
	unsigned int nr;		/* NumVFs: the highest VF index named, plus one */
	uint64_t bar_addr[PCI_SRIOV_NUM_BARS];	/* VF 0's BARs, placed below 4 GiB */
	/* The VFs' local-mac-address (tessera,vf-macs): with any, the
	 * hypervisor keeps the PF and answers the VFs' mailbox. */
	unsigned int nr_macs;
	bool has_mac[PCI_SRIOV_MAX_MACS];
	uint8_t mac[PCI_SRIOV_MAX_MACS][6];
};

struct plan_cpu {
	uint64_t mpidr;
	char path[64];			/* /cpus/cpu@N, for cpupool-cpus */
};

struct plan_board {
	struct fdt fdt;
	void *blob;
	struct rangeset ram;		/* free RAM, as the planner hands it out */
	struct range ram_storage[PLAN_MAX_RAM];
	uint64_t ram_bytes;		/* all of /memory */
	uint64_t reserved_bytes;	/* of it, reserved memory (lib/resmem.h) */
	uint64_t boot_bytes;		/* of it, kept for firmware, loader, hypervisor */
	unsigned int nr_cpus;
	struct plan_cpu cpus[PLAN_MAX_CPUS];
	int pcie;			/* host bridge node, or -1 */
	const char *pcie_name;
	unsigned int root_bus;
	unsigned int nr_funcs, max_funcs;
	struct pci_func *funcs;		/* [max_funcs], SBDF order */
	uint8_t *pins;
	int *nodes;			/* each function's inventory node */
	struct pci_dev *devs;		/* owners, INTx lines */
};

struct plan {
	struct plan_board board;
	struct fdt part;
	void *part_blob;
	unsigned int nr_domains;
	struct plan_domain dom[PLAN_MAX_DOMAINS];
	unsigned int nr_sriov;
	struct plan_sriov sriov[PLAN_MAX_SRIOV];
	unsigned int nr_hidden;
	uint32_t hidden[PLAN_MAX_HIDDEN];
	char console[96];		/* stdout-path, for the boot tree */
	enum pci_quarantine quarantine;	/* /chosen/tessera,iommu-quarantine */
	int console_func;		/* PCI console's index in funcs, or -1 */
	const char *const *search;	/* where module files are looked for */
	uint64_t file_bytes;		/* the module files found there, page-rounded */
	bool allow_unsupported;		/* --allow-unsupported: plan it all the same */
	char unsupported[CAPS_ERR_LEN];	/* what the board lacks for this build */
	char err[2 * PRINT_LINE_MAX];	/* the refusal, when a step fails */
};

/* board.c */
/* What the board lacks for this build (lib/caps.h): a refusal, or with
 * --allow-unsupported a warning on stderr and a line in the report. */
int plan_check_board_caps(struct plan *p);
/* A whole device-tree blob from a file, or a copy of one in memory,
 * checked by the shared reader; *blob is freed by plan_free(). */
int plan_load_dtb(struct plan *p, const char *path, struct fdt *fdt, void **blob);
int plan_use_dtb(struct plan *p, const char *name, const void *data, size_t size,
		 struct fdt *fdt, void **blob);
int plan_board_load(struct plan *p, const char *dtb_path);
int plan_board_load_mem(struct plan *p, const void *data, size_t size);
/* calloc, and a fault-injection site (lib/fault.h). */
void *plan_calloc(size_t n, size_t size);
/* Everything the loaders allocated. */
void plan_free(struct plan *p);
int plan_find_func(const struct plan *p, uint32_t sbdf);
/* partition.c */
int plan_partition_load(struct plan *p, const char *dtb_path);
int plan_partition_load_mem(struct plan *p, const void *data, size_t size);
/* The entry for PF pf_sbdf (added if new), or NULL when full. */
struct plan_sriov *plan_sriov_entry(struct plan *p, uint32_t pf_sbdf);
/* sriov.c: the VFs the partition names enabled, placed and added to
 * the board's functions, as the hypervisor will find them at boot. */
int plan_enable_vfs(struct plan *p);
/* Does the hypervisor serve e's VFs (tessera,vf-macs)? */
static inline bool plan_sriov_served(const struct plan_sriov *e)
{
	return e->nr_macs != 0;
}
/* place.c: CPUs, RAM, owners, virtual SBDFs, BARs, INTx; then checks. */
int plan_compute(struct plan *p);
const char *plan_owner_name(const struct plan *p, uint16_t owner);
/* emit.c / report.c: write into dir (which exists). */
int plan_write_boot_dts(const struct plan *p, FILE *f);
int plan_write_guest_dtb(const struct plan *p, const struct plan_domain *d, FILE *f);
int plan_write_cfg(const struct plan *p, FILE *f);
int plan_write_report(const struct plan *p, FILE *f);
int plan_write_json(const struct plan *p, FILE *f);
int plan_write_svg(const struct plan *p, FILE *f);

/* A refusal: the message into p->err, -1 to return. */
int plan_fail(struct plan *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
