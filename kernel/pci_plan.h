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
#include "vpci.h"

#define MAX_GUEST_PCI	8		/* functions per guest */
#define P2M_RESERVE_MAX	64		/* table pages kept ready per guest */
#define P2M_RESERVE_LOW	16		/* refill below this */
#define MAX_VDEVS	32		/* vPCI device states, all guests */

struct planned_dev {
	struct pci_dev *pdev;
	uint32_t vsbdf;
	uint64_t bars[PCI_MAX_BARS];	/* planned guest addresses, 0: guest's choice */
	bool decode;			/* planned BARs: decoding on at boot */
	int host_intid, virt_intid;	/* INTx, or -1 */
	struct plan_regs regs[PLAN_MAX_REGS];	/* tessera,registers */
	unsigned int nr_regs;
};

/* A guest's PCI state. p2m_lock (LOCK_P2M) protects d->s2 once guests
 * run, and reserve[]: stage-2 table pages taken from the pool outside
 * any lock, so that mapping a BAR under the vPCI lock never allocates
 * (VPCI-8). */
struct guest_pci {
	struct domain *d;
	struct vpci_domain vd;
	spinlock_t p2m_lock;
	uint64_t reserve[P2M_RESERVE_MAX];
	unsigned int nr_reserve;
	unsigned int nr_dev;
	struct planned_dev dev[MAX_GUEST_PCI];
};

extern struct guest_pci guest_pci[MAX_DOMAINS];

#define pci_err(fmt, ...) printk("tessera: error: pci: " fmt "\n", ##__VA_ARGS__)

struct fdt;

/*
 * Owners for every host function (the console UART, hidden devices,
 * each guest's functions, bridges, the rest quarantined) and every check
 * over the whole plan. Fills guest_pci[]; changes no device. 0, or -1
 * after one error line naming both parties (PLAN-2).
 */
int pci_plan_read(const struct fdt *fdt, int console_intid);
const char *pci_owner_name(uint16_t owner);

#endif
