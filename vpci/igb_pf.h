/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hypervisor as the PF driver of an Intel 82576 (igb) whose VFs go to
 * guests (docs/bindings.md, tessera,sriov-pf with tessera,vf-macs). The
 * PF stays with the hypervisor (dom_xen); each VF's register page with
 * its mailbox is trapped (pci_dev.trap), and a request the VF posts there
 * is answered at once, as Linux's igb would: a reset gets the VF's
 * planned MAC, its receive address entry and its queues enabled. At
 * boot the PF is set up for the VFs' traffic (VMDq pools, receive and
 * transmit, the PHY's link).
 */
#ifndef TESSERA_VPCI_IGB_PF_H
#define TESSERA_VPCI_IGB_PF_H

#include <stdint.h>

#include "lib/printf.h"
#include "pci.h"
#include "pci_dt.h"
#include "vpci.h"

#define IGB_PF_VENDOR	0x8086
#define IGB_PF_DEVICE	0x10c9	/* 82576 */
/* The BARs 0 the service needs: the PF's registers, a VF's register
 * page with its mailbox (the planner checks the same). */
#define IGB_PF_BAR0_MIN	0x20000
#define IGB_VF_BAR0_MIN	0x1000

/* Most VFs the service serves, over all PFs. */
#define IGB_PF_MAX_SERVED	PCI_SRIOV_MAX_MACS

/*
 * Whether the service can serve pf's VFs, total of them over all PFs
 * then (pf's included): an 82576 with its register BAR, VFs with their
 * register page. The hypervisor asks before serving, the planner before
 * writing tessera,vf-macs. 0, or -1 with err set (naming pf as sbdf).
 */
static inline int igb_pf_can_serve(const struct pci_func *pf, const char *sbdf,
				   unsigned int total, char *err, unsigned int len)
{
	const struct pci_bar *b = &pf->bar[0];

	if (pf->vendor != IGB_PF_VENDOR || pf->device != IGB_PF_DEVICE)
		fmt_snprintf(err, len, "%s: tessera,vf-macs: the hypervisor serves the VF mailbox"
			     " of an 82576 (%04x:%04x) only, not of %04x:%04x", sbdf,
			     IGB_PF_VENDOR, IGB_PF_DEVICE, pf->vendor, pf->device);
	else if (b->kind == PCI_BAR_IO || b->size < IGB_PF_BAR0_MIN || !b->addr)
		fmt_snprintf(err, len, "%s: tessera,vf-macs: its BAR 0 is not usable", sbdf);
	else if (pf->sriov.vf_bar[0].size < IGB_VF_BAR0_MIN)
		fmt_snprintf(err, len, "%s: tessera,vf-macs: its VFs have no usable BAR 0", sbdf);
	else if (total > IGB_PF_MAX_SERVED)
		fmt_snprintf(err, len, "%s: tessera,vf-macs: the hypervisor serves %u VFs at most",
			     sbdf, IGB_PF_MAX_SERVED);
	else
		return 0;
	return -1;
}

/*
 * Serve the mailbox of pf's VFs vf[0..nr-1] (VF n is vf[n], vf_index n),
 * VF n with MAC mac[n]. Boot only, after VF Enable and before the plan
 * is read: marks pf held (pci_dev.held), turns its memory decoding and
 * bus mastering on, sets it up for the VFs' traffic and tells the VFs
 * the PF is ready. 0, or -1 with err set.
 */
int igb_pf_serve(struct pci_dev *pf, struct pci_dev *const vf[], unsigned int nr,
		 const uint8_t mac[][6], char *err, unsigned int len);

#endif
