/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Checks over a PCI plan: every host function with its owner decided,
 * each guest function's neighbours examined. Shared by the hypervisor,
 * which re-checks the boot tree's plan before anything is changed
 * (PLAN-1), the planner and the unit tests. Each refusal names both
 * parties and the resource (PLAN-2).
 */
#ifndef TESSERA_VPCI_PLAN_CHECK_H
#define TESSERA_VPCI_PLAN_CHECK_H

#include <stdint.h>

#include "vpci.h"

struct plan_check {
	const struct pci_dev *devs;	/* every host function, owners set */
	unsigned int nr;
	const char *(*owner_name)(void *ctx, uint16_t owner);
	void *ctx;
	char err[200];			/* why the last check failed */
};

/*
 * Function a (a guest's) must not share a 4 KiB BAR page with a function
 * of any other owner, hidden devices included (HID-3), and every memory
 * BAR must have an address.
 */
int plan_check_bar_pages(struct plan_check *pc, const struct pci_dev *a);
/* Functions of one device go to one owner or to quarantine (IOMMU-6). */
int plan_check_slot(struct plan_check *pc, const struct pci_dev *a);
/* a's INTx line is used by no function of another owner. */
int plan_check_intx(struct plan_check *pc, const struct pci_dev *a);
/* What the plan says the hardware at a function's SBDF is (PLAN-1). */
struct plan_expect {
	int32_t vendor, device;			/* -1: not stated */
	uint64_t bar_size[PCI_MAX_BARS];	/* meaningful where has_size */
	bool has_size[PCI_MAX_BARS];
};

/* The function found at a's SBDF is the one the plan was made for. */
int plan_check_matches(struct plan_check *pc, const struct pci_dev *a,
		       const struct plan_expect *e);
/* All three. 0, or -1 with pc->err set. */
int plan_check_function(struct plan_check *pc, const struct pci_dev *a);

#endif
