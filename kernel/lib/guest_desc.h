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
	bool irqchip_v2;		/* arm64: a GICv2, as the board's */
};

#define GUEST_TREE_MAX_VCPUS	8

struct fdt;

/* What of the board's tree the description follows (arm64: a GICv2
 * board gives its guests a GICv2); the rest of d is left alone. */
void guest_tree_board(struct guest_tree_desc *d, const struct fdt *board);

/* Write the description into buf. Returns its size, or a negative
 * -FDT_ERR_* (also for the ACPI builder, so that callers have one). */
int guest_tree_build(const struct guest_tree_desc *d, void *buf, size_t size);

#endif
