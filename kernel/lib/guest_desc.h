/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the builder of a guest's description (arch/guest_tree.h: a device
 * tree on arm64, ACPI tables on x86) is told about the domain. One
 * interface for every architecture, for the loader, the planner and the
 * host tests; each arch/guest_tree.h adds only its GUEST_TREE_MAX_SIZE.
 */
#ifndef TESSERA_LIB_GUEST_DESC_H
#define TESSERA_LIB_GUEST_DESC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct guest_tree_desc {
	uint64_t ram_base;		/* guest physical */
	uint64_t ram_size;
	unsigned int nr_vcpus;		/* 1 to GUEST_TREE_MAX_VCPUS */
	bool vpl011;			/* it has the vPL011 (arm64) */
	bool vpci;			/* owns PCI functions */
};

#define GUEST_TREE_MAX_VCPUS	8

/* Write the description into buf. Returns its size, or a negative
 * -FDT_ERR_* (also for the ACPI builder, so that callers have one). */
int guest_tree_build(const struct guest_tree_desc *d, void *buf, size_t size);

#endif
