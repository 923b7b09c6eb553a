// SPDX-License-Identifier: GPL-2.0-only
/* Host ITS at run time: the command queue, moving a device's events,
 * and the LPIs it raises (gic_its.h). */
#include "gic_its.h"

#include <stddef.h>

#include "irq.h"
#include "lib/lockorder.h"
#include "printk.h"
#include "sysreg.h"

#define GITS_CWRITER		0x0088
#define GITS_CREADR		0x0090
#define GITS_CREADR_STALLED	1u
#define GITS_QUEUE_OFFSET	0xfffe0u	/* CWRITER/CREADR bits [19:5] */
#define ITS_CMD_BYTES		32
#define ITS_WAIT_MS		100

struct host_its its = { .lock = SPINLOCK_INIT };

void its_clean(const void *p, uint64_t n)
{
	if (its.flush)
		arch_dcache_clean(p, n);
}

static uint32_t its_creadr(void)
{
	return *(volatile uint64_t *)(its.base + GITS_CREADR);
}

/* Wait (bounded) until the ITS has read past byte offset until, or,
 * with all, up to CWRITER: 0, or -1 with the reason said. */
static int its_wait(bool all, uint32_t until)
{
	uint64_t end = arch_counter() + arch_counter_freq() * ITS_WAIT_MS / 1000;
	uint32_t rd;

	for (;;) {
		rd = its_creadr();
		if (rd & GITS_CREADR_STALLED)
			break;
		rd &= GITS_QUEUE_OFFSET;
		if (all ? rd == its.cmdq_wr : rd != until)
			return 0;
		if (arch_counter() > end)
			break;
		cpu_relax();
	}
	printk("tessera: its: error: command queue %s (CREADR 0x%x, CWRITER 0x%x)\n",
	       rd & GITS_CREADR_STALLED ? "stalled on a refused command" : "not moving",
	       rd, its.cmdq_wr);
	return -1;
}

int its_cmd(const uint64_t cmd[4])
{
	uint32_t next = (its.cmdq_wr + ITS_CMD_BYTES) % its.cmdq_bytes;
	uint64_t *slot = its.cmdq + its.cmdq_wr / 8;
	unsigned int i;

	lock_assert(spin_is_locked(&its.lock));
	/* Full when the next write would meet the read pointer. */
	if ((its_creadr() & GITS_QUEUE_OFFSET) == next && its_wait(false, next))
		return -1;
	for (i = 0; i < 4; i++)
		slot[i] = cmd[i];
	its_clean(slot, ITS_CMD_BYTES);
	its.cmdq_wr = next;
	dsb(ishst);
	*(volatile uint64_t *)(its.base + GITS_CWRITER) = next;
	return 0;
}

int its_sync(unsigned int cpu)
{
	const uint64_t sync[4] = { ITS_CMD_SYNC, 0, its.rdbase[cpu], 0 };

	lock_assert(spin_is_locked(&its.lock));
	return its_cmd(sync) ? -1 : its_wait(true, 0);
}

/* The SMMU's interrupts are wired. */
int irq_msi_hypervisor(struct irq_msi_msg *msg, unsigned int *irq)
{
	(void)msg;
	(void)irq;
	return -1;
}

bool irq_msi_present(void)
{
	return its.present;
}

int irq_msi_doorbell(uint64_t *base, uint64_t *size)
{
	if (!its.present)
		return -1;
	/* The translation frame: 64 KiB holding only GITS_TRANSLATER. */
	*base = its.doorbell & ~0xffffull;
	*size = 0x10000;
	return 0;
}

static struct its_dev *its_find(uint32_t devid)
{
	unsigned int i, n = __atomic_load_n(&its.nr_devs, __ATOMIC_ACQUIRE);

	for (i = 0; i < n; i++)
		if (its.devs[i].devid == devid)
			return &its.devs[i];
	return NULL;
}

void irq_msi_retarget(uint32_t devid, const struct pcpu *target)
{
	struct its_dev *d = its_find(devid);
	unsigned int i, old;
	bool ok = true;

	if (!d || target->id >= MAX_PCPUS || !its.rd_ok[target->id]) {
		printk("tessera: its: error: cannot move DeviceID 0x%x to CPU %u\n", devid,
		       target->id);
		return;
	}
	spin_lock(&its.lock);
	lock_order_take(LOCK_ITS);
	old = d->col;
	for (i = 0; i < d->nvec && old != target->id && ok; i++) {
		const uint64_t movi[4] = { ITS_CMD_MOVI | (uint64_t)devid << 32, i, target->id, 0 };

		ok = !its_cmd(movi);
	}
	/* The old redistributor first: a pending LPI has left it. */
	if (ok && old != target->id && !its_sync(old) && !its_sync(target->id))
		d->col = target->id;
	lock_order_drop(LOCK_ITS);
	spin_unlock(&its.lock);
}

void its_lpi_fired(uint32_t intid)
{
	unsigned int i, n = __atomic_load_n(&its.nr_devs, __ATOMIC_ACQUIRE);
	static bool said;

	for (i = 0; i < n; i++) {
		const struct its_dev *d = &its.devs[i];

		if (intid - d->lpi < d->nvec) {
			msi_host_fired(d->cookie, intid - d->lpi);
			return;
		}
	}
	if (!__atomic_exchange_n(&said, true, __ATOMIC_RELAXED))
		printk("tessera: its: LPI %u is nobody's (said once)\n", intid);
}

