/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What boot/main.c needs from the architecture (boot/arch/$(ARCH).c):
 * the hypervisor image's magic, a start-up counter, a check that the
 * firmware left us where the hypervisor can run, and the jump.
 */
#ifndef TESSERA_BOOT_ARCH_H
#define TESSERA_BOOT_ARCH_H

#include <stdbool.h>
#include <stdint.h>

#include "lib/bootinfo.h"

/* The magic of the hypervisor image (lib/image.h) and, for messages,
 * what such an image is called. */
extern const uint32_t arch_image_magic;
extern const char arch_image_kind[];
/* Where the hypervisor runs, for "entering hypervisor at ...". */
extern const char arch_hyp_mode[];
/* Whether the hypervisor reads the firmware's ACPI tables. If not, the
 * firmware's ACPI reclaim memory is free RAM once boot services are
 * gone (UEFI: "available for general use" once the tables are read). */
extern const bool arch_reads_acpi;

/* The counter bootinfo's loader_counter holds (read first thing). */
uint64_t arch_loader_counter(void);
/* NULL if the hypervisor can run on this CPU as the firmware left it,
 * else why not, as one sentence for "tessera-boot: error: ". */
const char *arch_loader_check(char *buf, unsigned int len);
/* After ExitBootServices: mask interrupts, make what the loader wrote
 * visible to the hypervisor, enter it at image_base with bi. */
__attribute__((noreturn)) void arch_enter(struct bootinfo *bi);

#endif
