/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host GICv3 ITS: host functions' messages become LPIs of the
 * hypervisor (the "message-signalled host interrupts" half of
 * kernel/irq.h). gic_its_boot.c finds the ITS, gives it its tables and
 * the redistributors their LPI tables, and maps each device's events;
 * gic_its.c runs the command queue and takes the LPIs as they fire.
 *
 * Locking: its.lock (LOCK_ITS, innermost; nothing is taken under it but
 * the console) protects the command queue (cmdq, cmdq_wr) and each
 * device's collection. Devices are added at boot only, before any
 * other CPU runs (nr_devs is published last, so a CPU taking an LPI
 * sees whole records); their LPIs and cookies never change after.
 */
#ifndef TESSERA_ARM64_GIC_ITS_H
#define TESSERA_ARM64_GIC_ITS_H

#include <stdbool.h>
#include <stdint.h>

#include "arch.h"
#include "lib/spinlock.h"

#include "gic_its_limits.h"

struct its_dev {
	uint32_t devid;
	uint32_t lpi;		/* vector i is LPI lpi + i */
	uint32_t nvec;
	uint32_t col;		/* collection = pcpu id of the target; its.lock */
	void *cookie;
};

struct host_its {
	spinlock_t lock;	/* LOCK_ITS: cmdq, cmdq_wr, devs[].col */
	uintptr_t base;		/* control frame */
	uint64_t doorbell;	/* GITS_TRANSLATER's physical address */
	bool present;
	bool flush;		/* the ITS does not snoop: clean what it reads */
	uint64_t *cmdq;
	uint32_t cmdq_bytes, cmdq_wr;
	/* Per host CPU: its collection's RDbase (as GITS_TYPER.PTA wants
	 * it, 0 if the CPU has no redistributor) and LPI pending table. */
	uint64_t rdbase[MAX_PCPUS];
	uint64_t pend[MAX_PCPUS];
	bool rd_ok[MAX_PCPUS];
	uint8_t *prop;		/* LPI properties, shared by every redistributor */
	uint64_t *dt;		/* device table (level 1 if dt_l2_ids) */
	uint32_t dt_l2_ids;	/* DeviceIDs per level-2 page; 0: flat */
	uint32_t dt_page, dte_bytes;
	unsigned int dev_bits, event_bits, ite_bytes;
	uint32_t next_lpi;
	unsigned int nr_devs;
	struct its_dev devs[ITS_MAX_DEVS];
};

extern struct host_its its;

/* ITS commands, 4 doublewords each. */
#define ITS_CMD_MOVI		0x01
#define ITS_CMD_SYNC		0x05
#define ITS_CMD_MAPD		0x08
#define ITS_CMD_MAPC		0x09
#define ITS_CMD_MAPTI		0x0a
#define ITS_CMD_INV		0x0c

/* Queue one command (with its.lock held): 0, or -1 if the ITS did not
 * make room in time (said). */
int its_cmd(const uint64_t cmd[4]);
/* Queue a SYNC for CPU cpu's redistributor and wait until the ITS has
 * done everything queued: 0, or -1 (said). its.lock held. */
int its_sync(unsigned int cpu);
/* Clean [p, p + n) to memory if the ITS does not snoop the caches. */
void its_clean(const void *p, uint64_t n);

/* This CPU's redistributor rd: LPIs on (gic.c's irq_cpu_init). */
void its_cpu_init(const struct pcpu *p, uintptr_t rd);
/* LPI intid was acknowledged (and its priority dropped): hand it on. */
void its_lpi_fired(uint32_t intid);

#endif
