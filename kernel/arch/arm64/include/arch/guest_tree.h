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

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct guest_tree_desc {
	uint64_t ram_base;		/* guest physical */
	uint64_t ram_size;
	unsigned int nr_vcpus;		/* 1 to GUEST_TREE_MAX_VCPUS */
	bool vpl011;
	bool vpci;			/* owns PCI functions */
};

#define GUEST_TREE_MAX_VCPUS	8
/* Always enough for what guest_tree_build() writes. */
#define GUEST_TREE_MAX_SIZE	(16u << 10)

/* Write the tree into buf. Returns its size, or a negative -FDT_ERR_*. */
int guest_tree_build(const struct guest_tree_desc *d, void *buf, size_t size);

#endif
