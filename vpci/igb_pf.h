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

#include "vpci.h"

#define IGB_PF_VENDOR	0x8086
#define IGB_PF_DEVICE	0x10c9	/* 82576 */
/* The BARs 0 the service needs: the PF's registers, a VF's register
 * page with its mailbox (the planner checks the same). */
#define IGB_PF_BAR0_MIN	0x20000
#define IGB_VF_BAR0_MIN	0x1000

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
