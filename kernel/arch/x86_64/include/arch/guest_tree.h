/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The x86 guest's description: its ACPI tables (RSDP, XSDT, FADT in
 * hardware-reduced mode, MADT, DSDT), made offline by the planner or,
 * for a Xen dom0less tree without a tessera,guest-acpi module, by the
 * loader. Shared by the loader, the planner and the host tests; the
 * hypervisor only checks them (kernel/arch/x86_64/boot.c).
 *
 * The tables hold absolute addresses: they are made for the slot the
 * hypervisor copies them to, the top GUEST_DESC_SLOT bytes of guest RAM.
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
	bool vpl011;			/* the console UART (a 16550 on x86) */
	bool vpci;			/* owns PCI functions */
};

#define GUEST_TREE_MAX_VCPUS	8
#define GUEST_TREE_MAX_SIZE	(16u << 10)
#define GUEST_DESC_SLOT		(2ull << 20)	/* = kernel/dom0less.c's slot */

/* Write the tables into buf. Returns their size, or a negative -FDT_ERR_*
 * (the device-tree builder's errors, for one interface). */
int guest_tree_build(const struct guest_tree_desc *d, void *buf, size_t size);

#endif
