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

#include "lib/guest_desc.h"

/* Always enough for what guest_tree_build() writes. */
#define GUEST_TREE_MAX_SIZE	(16u << 10)

/* Whether tables (size bytes, at guest physical base) are fit for a
 * domain of nr_vcpus (guest_acpi_check.c): NULL, or what is wrong, for
 * "guest ACPI tables: <why>". */
const char *guest_acpi_check(const void *tables, uint64_t size, uint64_t base,
			     unsigned int nr_vcpus);

#endif
