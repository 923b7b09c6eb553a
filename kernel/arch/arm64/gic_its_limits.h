/* SPDX-License-Identifier: GPL-2.0-only */
/* What the host ITS driver sets up for guests' functions (gic_its.h);
 * plain constants, shared with the planner through irq_dt.c. */
#ifndef TESSERA_ARM64_GIC_ITS_LIMITS_H
#define TESSERA_ARM64_GIC_ITS_LIMITS_H

#define GIC_FIRST_LPI		8192
/* 14 INTID bits: LPIs 8192-16383, the least every GIC with LPIs has
 * (GICD_TYPER.IDbits >= 13); plenty for the functions of a board. */
#define ITS_LPI_ID_BITS		14
#define ITS_NR_LPIS		((1u << ITS_LPI_ID_BITS) - GIC_FIRST_LPI)
#define ITS_MAX_DEVS		32	/* functions with messages, like MAX_VDEVS */

#endif
