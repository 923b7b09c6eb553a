/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What this hypervisor build supports: the board features it drives
 * (platform/<name>/caps.c, one table per platform) and the limits on
 * what a partition may ask for. The hypervisor's checks and the
 * planner's refusals both read this, so the planner never accepts a
 * board or a partition the hypervisor will refuse (docs/planner.md).
 */
#ifndef TESSERA_LIB_CAPS_H
#define TESSERA_LIB_CAPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/bootinfo.h"

struct fdt;

/* An interrupt controller this build drives, and the reg entries it
 * needs of the node (0: whatever it has); why_regs says what fewer mean. */
struct caps_irqchip {
	const char *compatible;
	unsigned int min_regs;
	const char *why_regs;
};

struct platform_caps {
	const char *platform;		/* platform/<name> */
	const struct caps_irqchip *irqchips;	/* ends with a NULL compatible;
						 * NULL: not in the tree (x86) */
	const char *irqchip_name;	/* for people: "GICv3 or GICv2" */
	const char *const *psci;	/* PSCI node compatibles, NULL-terminated */
	const char *const *uarts;	/* console UART compatibles, NULL-terminated */
	bool pci_uart;			/* a 16550-class function of the ECAM bridge */
	const char *consoles;		/* for people: the consoles above */
	/*
	 * The interrupt controller's virtual interrupt outputs reach no
	 * CPU (QEMU's imx8mp model wires only the physical IRQ and FIQ), so
	 * a virtual interrupt queued for a guest never interrupts it by
	 * itself: the hypervisor raises the guest's line while one waits.
	 */
	bool virq_unwired;
};

/* This build's table: platform/$(PLATFORM)/caps.c. */
extern const struct platform_caps platform_caps;

/* Guest names (xen,domain node names): at most this many characters. */
#define CAPS_NAME_MAX		31
/* Module file names (xen,uefi-binary), as the loader hands them over. */
#define CAPS_MODULE_NAME_MAX	(BOOTINFO_NAME_LEN - 1)
/* Guest RAM: a multiple of 2 MiB from CAPS_MEM_MIN to CAPS_MEM_MAX, the
 * guest's RAM bank (GUEST_RAM0_SIZE, checked in kernel/dom0less.c). */
#define CAPS_MEM_MIN		(4ull << 20)
#define CAPS_MEM_MAX		(3ull << 30)
#define CAPS_MEM_ALIGN		(2ull << 20)

/* Room for the longest caps_check_board() message. */
#define CAPS_ERR_LEN		512

/*
 * What the board lacks for this build, as one message in err: its
 * interrupt controller, PSCI, the console stdout_path names (NULL: the
 * board's /chosen/stdout-path). 0 when nothing is missing.
 */
int caps_check_board(const struct platform_caps *c, const struct fdt *fdt,
		     const char *stdout_path, char *err, size_t len);
/* The node a stdout-path names ("/path:options" or "alias:options"). */
int caps_console_node(const struct fdt *fdt, const char *stdout_path);
/* Whether the console at node is one this build drives. */
bool caps_console_supported(const struct platform_caps *c, const struct fdt *fdt, int node);

/* NULL if acceptable, otherwise why not (a fixed sentence). */
const char *caps_name_error(const char *name);
const char *caps_module_name_error(const char *name);
/* memory in KiB, as xen,domain's "memory" property gives it. */
const char *caps_memory_error(uint64_t kib);

#endif
