/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Checks over a PCI plan: every host function with its owner decided.
 * Shared by the hypervisor, which re-checks the boot tree's plan before
 * anything is changed (PLAN-1), the planner and the unit tests. Each
 * refusal names both parties and the resource (PLAN-2).
 *
 * Cost: plan_check_all() sorts once and sweeps, O(n log n) in the number
 * of functions n (plus the pairs of BARs that share a 4 KiB page, at
 * most a few per BAR since firmware gives BARs disjoint addresses).
 */
#ifndef TESSERA_VPCI_PLAN_CHECK_H
#define TESSERA_VPCI_PLAN_CHECK_H

#include <stdint.h>

#include "lib/printf.h"
#include "vpci.h"

/* Scratch for plan_check_all(): one span per memory BAR and two for
 * MSI-X, per function. */
struct plan_span {
	uint64_t first, last;	/* 4 KiB page numbers, inclusive */
	uint32_t dev;		/* index in devs */
	uint8_t bar;		/* BAR index */
	uint8_t what;		/* PLAN_SPAN_* */
};

enum { PLAN_SPAN_BAR, PLAN_SPAN_MSIX_TABLE, PLAN_SPAN_MSIX_PBA };
#define PLAN_SPANS_PER_FUNC	(PCI_MAX_BARS + 2)

struct plan_check {
	const struct pci_dev *devs;	/* every host function, owners set */
	unsigned int nr;
	const char *(*owner_name)(void *ctx, uint16_t owner);
	void *ctx;
	struct plan_span *spans;	/* nr * PLAN_SPANS_PER_FUNC entries */
	uint32_t *order;		/* nr entries */
	char err[PRINT_LINE_MAX];	/* why the last check failed */
};

/* A guest-owned function: neither dom_xen nor dom_io. */
bool plan_owner_is_guest(uint16_t owner);

/*
 * Every guest function against every other function:
 *  - every memory BAR has an address, and no BAR shares a 4 KiB page
 *    with a BAR of another owner, hidden devices included (HID-3);
 *  - the pages of its MSI-X table and PBA, which the guest never gets
 *    (BAR-1), hold no other BAR and lie inside their BAR;
 *  - it has a BAR a guest can use, if the firmware gave it any, and its
 *    I/O BARs overlap no port of another owner's (they are forwarded
 *    access by access, so sharing a page is fine);
 *  - functions of one device go to one owner or to quarantine (IOMMU-6);
 *  - its INTx line is taken by no function of another owner.
 * 0, or -1 with pc->err set (the first conflict in SBDF/address order).
 */
int plan_check_all(struct plan_check *pc);

/*
 * Can nr VFs be enabled on pf with VF 0's BARs at bar_addr[] (0: the
 * firmware's)? It has an SR-IOV capability, 1 <= nr <= TotalVFs, every
 * VF's requester id exists, and every VF BAR has an address aligned to
 * its size. Where the VF BARs land against other BARs is plan_check_all's
 * (they are the VFs' BARs). Also: plan_check_all refuses a PF with VFs
 * enabled that a guest owns.
 */
int plan_check_sriov(struct plan_check *pc, const struct pci_func *pf, unsigned int nr,
		     const uint64_t bar_addr[PCI_SRIOV_NUM_BARS]);

#define PLAN_MAX_REGS	8	/* per function */

/* None of regs[n] (registers of a) is on a page of its MSI-X table or
 * PBA: the guest could not reach them. */
int plan_check_msix_regs(struct plan_check *pc, const struct pci_dev *a,
			 const struct plan_regs *regs, unsigned int n);

/*
 * The ranges the hypervisor keeps of a guest's function a (HID-2's
 * shared flavour, tessera,hypervisor-ranges), n <= VPCI_MAX_KEPT: each
 * inside a memory BAR of a, in whole aligned dwords, none on a page of
 * its MSI-X table or PBA (those pages are emulated whole, BAR-1).
 */
int plan_check_kept(struct plan_check *pc, const struct pci_dev *a, const struct plan_regs *r,
		    unsigned int n);

/* One assigned function's INTx as its guest sees it. */
struct plan_line {
	uint32_t vsbdf;
	int host_intid;		/* -1: no INTx */
	int virt_intid;
};

/*
 * A guest's virtual INTx lines pair one to one with the host lines they
 * forward (two functions share a virtual line iff they share the host
 * one), and none lands on the virtual UART's (vuart_intid, < 0: none).
 */
int plan_check_guest_lines(struct plan_check *pc, const char *guest,
			   const struct plan_line *lines, unsigned int n, int vuart_intid);

/*
 * The host has message vectors for the guests' functions fn[0..n), in the
 * order the hypervisor sets them up (guests in boot-tree order, each
 * one's functions in node order): irq_msi_fit() over what each needs
 * (pci_msi_host_vectors). 0, or -1 naming the first that does not fit.
 */
#define PLAN_CHECK_MAX_MSI_FUNCS	128	/* MAX_DOMAINS guests of MAX_GUEST_PCI */
int plan_check_msi_budget(struct plan_check *pc, const struct pci_dev *const *fn, unsigned int n);

/* What the plan says the hardware at a function's SBDF is (PLAN-1). */
struct plan_expect {
	int32_t vendor, device;			/* -1: not stated */
	uint64_t bar_size[PCI_MAX_BARS];	/* meaningful where has_size */
	bool has_size[PCI_MAX_BARS];
};

/* The function found at a's SBDF is the one the plan was made for. */
int plan_check_matches(struct plan_check *pc, const struct pci_dev *a,
		       const struct plan_expect *e);

#endif
