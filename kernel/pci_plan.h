/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The PCI plan in the boot tree, read and checked whole (pci_plan.c),
 * and the per-guest state it fills in, which pci_assign.c then applies.
 * Internal to kernel/pci_*.c.
 */
#ifndef TESSERA_PCI_PLAN_H
#define TESSERA_PCI_PLAN_H

#include <stdbool.h>
#include <stdint.h>

#include "domain.h"
#include "lib/spinlock.h"
#include "plan_check.h"
#include "printk.h"
#include "irq.h"
#include "vpci.h"

#define MAX_GUEST_PCI	8		/* functions per guest */
#define MAX_VDEVS	32		/* vPCI device states, all guests */

struct planned_dev {
	struct pci_dev *pdev;
	uint32_t vsbdf;
	uint64_t bars[PCI_MAX_BARS];	/* planned guest addresses, 0: guest's choice */
	bool decode;			/* planned BARs: decoding on at boot */
	int host_intid, virt_intid;	/* INTx, or -1 */
	uint32_t sid;			/* IOMMU stream id (iommu-map) */
	bool translated;		/* an IOMMU translates its DMA */
	struct plan_regs regs[PLAN_MAX_REGS];	/* tessera,registers */
	unsigned int nr_regs;
	/* Its host message vectors, set up once at its first attach and
	 * kept for the plan's life (a restart reuses them): vector i is
	 * msi0 with data + i. */
	bool msi_done;
	unsigned int msi_nvec;		/* 0: none */
	struct irq_msi_msg msi0;
};

/* A guest's PCI state. Its BARs are mapped in d->p2m, whose table pages
 * come from the p2m's reserve, so that mapping a BAR under the vPCI lock
 * never allocates (VPCI-8). */
struct guest_pci {
	struct domain *d;
	struct vpci_domain vd;
	unsigned int nr_dev;
	struct planned_dev dev[MAX_GUEST_PCI];
};

extern struct guest_pci guest_pci[MAX_DOMAINS];

/* "tessera: error: pci: <what>" and a newline; a function, so that the
 * prefix is in the image once. */
void pci_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

struct fdt;

/*
 * Owners for every host function (the console UART, hidden devices,
 * each guest's functions, bridges, the rest quarantined) and every check
 * over the whole plan. Fills guest_pci[]; changes no device. 0, or -1
 * after one error line naming both parties (PLAN-2).
 */
int pci_plan_read(const struct fdt *fdt, int console_intid);
/* After a function's slow work (IOMMU, BARs, vPCI state) succeeded: its
 * owner entry becomes active (OWN-3). Or, if it failed, the entry goes. */
int pci_plan_activate(uint32_t sbdf);
void pci_plan_undo(uint32_t sbdf);
const char *pci_owner_name(uint16_t owner);

#endif
