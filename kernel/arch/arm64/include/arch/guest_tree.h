/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The guest device tree a domain gets when its author gives none
 * (docs/bindings.md, "The guest device tree"): memory, CPUs, PSCI, the
 * virtual GIC and timer, the vPL011 if asked for, a vPCI host bridge if
 * the guest owns PCI functions, and /chosen. One builder for the loader
 * (a Xen dom0less tree without tessera,guest-device-tree modules) and
 * the planner (<guest>.dtb); the hypervisor only checks such trees.
 */
#ifndef TESSERA_ARCH_GUEST_TREE_H
#define TESSERA_ARCH_GUEST_TREE_H

#include "lib/guest_desc.h"

/* Always enough for what guest_tree_build() writes. */
#define GUEST_TREE_MAX_SIZE	(16u << 10)

#endif
