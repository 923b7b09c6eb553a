// SPDX-License-Identifier: GPL-2.0-only
/*
 * The Arm SMMUv3 as the IOMMU seam's driver (iommu.h), in one of two
 * modes, chosen at probe from what the SMMU has:
 *  - stage 2 (IDR0.S2P): each guest's devices walk that guest's own
 *    stage-2 tables (its p2m, shared with the CPU) with its VMID; with
 *    an MSI controller, a copy of them in the same format (the p2m's
 *    DMA mirror) that alone maps the controller's doorbell, which the
 *    guest's CPUs must not reach (p2m_map_dma_only);
 *  - stage 1 only (IDR0.S1P, no S2P): each guest's devices walk its
 *    p2m's DMA mirror, a stage-1 table of the same IPA->PA map that the
 *    p2m keeps in step with the CPU's (kernel/p2m.h), through one
 *    context descriptor per guest, ASID = the guest's VMID.
 * Everything else aborts: GBPA before the SMMU is enabled, an abort STE
 * for each quarantined stream (IOMMU-1..3), an invalid STE (so an
 * abort, recorded) for every stream nobody set up. Formats and the
 * device-free logic: smmuv3_hw.c.
 *
 * Locking: smmu.lock (LOCK_IOMMU, innermost: taken under a p2m's lock
 * by flush()) protects the command queue, the stream table and the
 * fault log. Stream table entries change only through attach(),
 * quarantine() and detach(), each completed by CMD_CFGI_STE + CMD_SYNC
 * before it returns; flush() returns after CMD_TLBI_S12_VMALL (stage 2)
 * or CMD_TLBI_NH_ASID (stage 1) + CMD_SYNC (IOMMU-4). The context
 * descriptors are written once, at boot by domain_init(), before any
 * STE points at them, and never change (the mirror's root stays).
 */
#include "iommu.h"

#include "arch.h"
#include "domain.h"
#include "irq.h"
#include "lib/fdt.h"
#include "lib/lockorder.h"
#include "lib/printf.h"
#include "lib/spinlock.h"
#include "lib/string.h"
#include "mm.h"
#include "pci_dt.h"
#include "p2m.h"
#include "pci_host.h"
#include "pci_plan.h"
#include "fault_log.h"
#include "printk.h"
#include "smmuv3_hw.h"

#define CMDQ_LOG2	8	/* 256 commands, 4 KiB */
#define EVTQ_LOG2	7	/* 128 records, 4 KiB */
#define SMMU_SPIN	1000000	/* register polls before a timeout */
#define EVTQ_BUDGET	32	/* records handled per interrupt */
#define SCRATCH_VMID_BASE	0x80	/* their tags, above every guest's VMID */
_Static_assert(MAX_DOMAINS < SCRATCH_VMID_BASE, "scratch VMIDs overlap guests'");
_Static_assert(SCRATCH_VMID_BASE + SMMU_SCRATCH_MAX <= 0x100, "scratch VMIDs need 8 bits");

static struct smmu {
	spinlock_t lock;	/* LOCK_IOMMU: everything below it */
	uintptr_t base;
	const char *name;
	struct mm_pool *pool;
	const struct fdt *fdt;
	int node;
	struct smmu_strtab_layout st;
	uint64_t *strtab;	/* linear table, or the level-1 table */
	struct smmu_queue cmdq, evtq;
	int evtq_irq, gerror_irq;
	unsigned int oas_bits;
	bool stage1;		/* stage 1 only: guests' DMA mirrors */
	bool asid16;
	uint64_t *cds;		/* stage 1: a CD per domain (domains[] order) */
	uint32_t gerrorn;
	uint64_t cmdq_stopped;	/* refused CMD_SYNCs: the queue cannot run on */
	uint64_t evtq_aborts;	/* event queue full: records the SMMU dropped */
	struct iommu_fault_log faults;
	/* Scratch quarantine (IOMMU-2): contexts are made at boot only, by
	 * the boot CPU, until boot_done() seals the set; pages are zeroed
	 * under the lock. */
	bool scratch;
	struct smmu_scratch_set quarantine;
} smmu;

static uint32_t rd32(uint32_t off)
{
	return *(volatile uint32_t *)(smmu.base + off);
}

static void wr32(uint32_t off, uint32_t v)
{
	*(volatile uint32_t *)(smmu.base + off) = v;
}

static void wr64(uint32_t off, uint64_t v)
{
	*(volatile uint64_t *)(smmu.base + off) = v;
}

/* Write reg, wait for its acknowledgement register to match. */
static int write_ack(uint32_t reg, uint32_t ack, uint32_t v)
{
	unsigned long n;

	wr32(reg, v);
	for (n = 0; n < SMMU_SPIN; n++)
		if (rd32(ack) == v)
			return 0;
	printk("tessera: error: smmu: %s: register 0x%x not acknowledged (wrote 0x%x)\n",
	       smmu.name, reg, v);
	return -1;
}

static int gbpa_abort(void)
{
	unsigned long n;

	wr32(SMMU_GBPA, GBPA_ABORT | GBPA_UPDATE);
	for (n = 0; n < SMMU_SPIN; n++)
		if (!(rd32(SMMU_GBPA) & GBPA_UPDATE))
			return 0;
	printk("tessera: error: smmu: %s: GBPA update did not complete\n", smmu.name);
	return -1;
}

/* ---- the command queue ---- */

static uint32_t cmdq_read_cons(void *ctx)
{
	return rd32(SMMU_CMDQ_CONS);
}

static void cmdq_write_prod(void *ctx, uint32_t prod)
{
	arch_dma_barrier();	/* the entry is in memory before PROD moves */
	wr32(SMMU_CMDQ_PROD, prod);
}

static bool cmdq_error_active(void *ctx)
{
	return (rd32(SMMU_GERROR) ^ smmu.gerrorn) & GERROR_CMDQ_ERR;
}

static void cmdq_ack_error(void *ctx)
{
	lock_assert(spin_is_locked(&smmu.lock));
	arch_dma_barrier();	/* the replaced entry is in memory first */
	smmu.gerrorn ^= GERROR_CMDQ_ERR;
	wr32(SMMU_GERRORN, smmu.gerrorn);
}

static const struct smmu_cmdq_io cmdq_io = {
	.read_cons = cmdq_read_cons, .write_prod = cmdq_write_prod,
	.cmdq_error = cmdq_error_active, .ack_error = cmdq_ack_error, .spin = SMMU_SPIN,
};

/*
 * The SMMU refused a command (GERROR.CMDQ_ERR active): said once, the
 * command replaced and the error acknowledged, so that the queue runs on
 * instead of refusing the same entry again; smmu.lock held.
 */
static void cmdq_recover(const char *what)
{
	struct smmu_cmdq_fault f;

	lock_assert(spin_is_locked(&smmu.lock));
	if (smmu_cmdq_recover(&smmu.cmdq, &cmdq_io, &f)) {
		if (!smmu.cmdq_stopped++)
			printk("tessera: error: smmu: %s: %s: CMD_SYNC refused (%s) at CMDQ_CONS 0x%x: the command queue stays stopped\n",
			       smmu.name, what, smmu_cerror_name(f.err), f.index);
		return;
	}
	printk("tessera: error: smmu: %s: %s: command 0x%02x refused (%s) at CMDQ_CONS 0x%x; replaced by CMD_SYNC, the queue runs on\n",
	       smmu.name, what, f.opcode, smmu_cerror_name(f.err), f.index);
}

/* One command and its CMD_SYNC; smmu.lock held. A refusal is still an
 * error for the caller. */
static int issue_sync(const uint64_t cmd[2], const char *what)
{
	int ret;

	lock_assert(spin_is_locked(&smmu.lock));
	ret = smmu_cmdq_issue(&smmu.cmdq, &cmdq_io, cmd);
	if (!ret)
		ret = smmu_cmdq_sync(&smmu.cmdq, &cmdq_io);
	if (ret == -SMMU_ECMD)
		cmdq_recover(what);
	else if (ret)
		printk("tessera: error: smmu: %s: %s: CMD_SYNC timed out (CMDQ_CONS 0x%x)\n",
		       smmu.name, what, rd32(SMMU_CMDQ_CONS));
	return ret;
}

/* ---- the stream table ---- */

static void *alloc_zeroed(uint64_t size)
{
	uint64_t pa;

	if (size < PAGE_SIZE)
		size = PAGE_SIZE;
	if (mm_alloc(smmu.pool, size, size, &pa))
		return NULL;
	memset((void *)(uintptr_t)pa, 0, size);
	return (void *)(uintptr_t)pa;
}

/* The STE of sid, its level-2 table made on first use (at boot, before
 * guests run: attach and quarantine happen then); NULL if out of range
 * or out of memory. */
static uint64_t *ste_of(uint32_t sid)
{
	uint64_t *l2;
	unsigned int i;

	lock_assert(spin_is_locked(&smmu.lock));
	if (sid >> smmu.st.sid_bits)
		return NULL;
	if (!smmu.st.two_level)
		return smmu.strtab + (uint64_t)sid * STE_DWORDS;
	if (!smmu.strtab[sid >> SMMU_SPLIT]) {
		l2 = alloc_zeroed((uint64_t)STE_BYTES << SMMU_SPLIT);
		if (!l2)
			return NULL;
		for (i = 0; i < 1u << SMMU_SPLIT; i++)
			smmu_ste_abort(l2 + i * STE_DWORDS);
		arch_dma_barrier();
		smmu.strtab[sid >> SMMU_SPLIT] = smmu_l1_desc((uintptr_t)l2);
	}
	l2 = (uint64_t *)(uintptr_t)(smmu.strtab[sid >> SMMU_SPLIT] & 0x000fffffffffffc0ull);
	return l2 + (sid & ((1u << SMMU_SPLIT) - 1)) * STE_DWORDS;
}

/*
 * Replace a live STE: the new entry's other words while the old one
 * (abort or a translation) still rules, CFGI+SYNC, then word 0, which
 * switches the configuration at once, CFGI+SYNC again.
 */
static int ste_write(uint32_t sid, const uint64_t ste[STE_DWORDS], const char *what)
{
	uint64_t *cur = ste_of(sid), cmd[2];
	unsigned int i;

	if (!cur) {
		printk("tessera: error: smmu: %s: stream 0x%x is outside its stream table\n",
		       smmu.name, sid);
		return -1;
	}
	smmu_cmd_cfgi_ste(cmd, sid);
	if ((cur[0] & STE_V) && (cur[0] & STE_CFG_MASK) != STE_CFG_ABORT) {
		cur[0] = STE_V | STE_CFG_ABORT;
		arch_dma_barrier();
		if (issue_sync(cmd, what))
			return -1;
	}
	for (i = 1; i < STE_DWORDS; i++)
		cur[i] = ste[i];
	arch_dma_barrier();
	if (issue_sync(cmd, what))
		return -1;
	cur[0] = ste[0];
	arch_dma_barrier();
	return issue_sync(cmd, what);
}

/* ---- the seam ---- */

/* The output size of a walk: the CPU's, capped at the SMMU's. */
static unsigned int walk_pa_bits(const struct p2m_walk *w)
{
	return w->pa_bits < smmu.oas_bits ? w->pa_bits : smmu.oas_bits;
}


static struct smmu_s1_ctx s1_ctx(struct domain *d);

/*
 * Stage 2: the guest's p2m is the context, shared with its CPUs, unless
 * the host has an MSI controller: its doorbell must be in the devices'
 * view and not in the CPUs' (p2m_map_dma_only), so the devices walk a
 * stage-2 copy. Stage 1: its mirror, from now on, and the CD that
 * points at it.
 */
static int smmu_domain_init(struct domain *d)
{
	struct smmu_s1_ctx c;

	if (!smmu.stage1) {
		if (irq_msi_present() && p2m_mirror_enable(&d->p2m, true)) {
			printk("tessera: error: smmu: %s: no memory for %s's DMA stage-2 table\n",
			       smmu.name, d->name);
			return -1;
		}
		return 0;
	}
	if (d->p2m.vmid >> (smmu.asid16 ? 16 : 8)) {
		printk("tessera: error: smmu: %s: %s's ASID %u does not fit the SMMU's\n",
		       smmu.name, d->name, d->p2m.vmid);
		return -1;
	}
	if (p2m_mirror_enable(&d->p2m, false)) {
		printk("tessera: error: smmu: %s: no memory for %s's stage-1 table\n", smmu.name,
		       d->name);
		return -1;
	}
	c = s1_ctx(d);
	if (smmu_cd_s1((uint64_t *)(uintptr_t)c.cd, &c)) {
		printk("tessera: error: smmu: %s: cannot walk %s's stage-1 table\n", smmu.name,
		       d->name);
		return -1;
	}
	arch_dma_barrier();	/* the CD is in memory before an STE names it */
	return 0;
}

static void smmu_domain_teardown(struct domain *d)
{
}

/* ste_write() under the SMMU's lock (LOCK_IOMMU). */
static int ste_write_locked(uint32_t sid, const uint64_t *ste, const char *why)
{
	int ret;

	spin_lock(&smmu.lock);
	lock_order_take(LOCK_IOMMU);
	ret = ste_write(sid, ste, why);
	lock_order_drop(LOCK_IOMMU);
	spin_unlock(&smmu.lock);
	return ret;
}

/* An STE walking the stage-2 tables at ttb with tag vmid. */
static int ste_s2(uint64_t ste[STE_DWORDS], uint64_t ttb, uint16_t vmid)
{
	struct p2m_walk w;
	struct smmu_s2_ctx c;

	arch_p2m_walk(&w);
	c = (struct smmu_s2_ctx){
		.ttb = ttb, .vmid = vmid, .ia_bits = w.ia_bits, .start_level = w.start_level,
		.pa_bits = walk_pa_bits(&w),
	};
	return smmu_ste_s2(ste, &c);
}

/* A stage-1 context (CD at cd) for the tables at ttb with tag asid. */
static struct smmu_s1_ctx s1_ctx_of(uint64_t cd, uint64_t ttb, uint16_t asid)
{
	struct p2m_walk w;

	arch_p2m_walk(&w);
	return (struct smmu_s1_ctx){
		.cd = cd, .ttb = ttb, .asid = asid, .ia_bits = w.ia_bits,
		.pa_bits = walk_pa_bits(&w), .mair = DMA_S1_MAIR,
	};
}

/* d's stage-1 context: its CD and its p2m's mirror, ASID = VMID. */
static struct smmu_s1_ctx s1_ctx(struct domain *d)
{
	return s1_ctx_of((uintptr_t)(smmu.cds + (d - domains) * CD_DWORDS),
			 p2m_mirror_root(&d->p2m), d->p2m.vmid);
}

/* A new scratch context's CD, in stage-1 mode: written once, here. */
static int scratch_cd(struct smmu_scratch *c)
{
	struct smmu_s1_ctx c1;

	c->cd = alloc_zeroed(PAGE_SIZE);
	if (!c->cd)
		return -1;
	c1 = s1_ctx_of((uintptr_t)c->cd, c->root, c->tag);
	if (smmu_cd_s1(c->cd, &c1))
		return -1;
	arch_dma_barrier();
	return 0;
}

/* sid's scratch context (made now if boot is not over); smmu.lock held. */
static struct smmu_scratch *scratch_ctx(uint32_t sid)
{
	unsigned int before = smmu.quarantine.nr;
	struct smmu_scratch *c;

	lock_assert(spin_is_locked(&smmu.lock));
	c = smmu_scratch_get(&smmu.quarantine, sid);
	if (c && smmu.quarantine.nr != before && smmu.stage1 && scratch_cd(c))
		return NULL;
	return c;
}

static struct smmu_scratch *scratch_ctx_locked(uint32_t sid)
{
	struct smmu_scratch *c;

	spin_lock(&smmu.lock);
	lock_order_take(LOCK_IOMMU);
	c = scratch_ctx(sid);
	lock_order_drop(LOCK_IOMMU);
	spin_unlock(&smmu.lock);
	return c;
}

/* d's own context: its stage 2 (or the devices' copy of it), or in
 * stage-1 mode its mirror. */
static int ste_of_domain(uint64_t ste[STE_DWORDS], struct domain *d)
{
	struct smmu_s1_ctx c1;

	if (!smmu.stage1)
		return ste_s2(ste, d->p2m.mirrored ? p2m_mirror_root(&d->p2m) : p2m_root(&d->p2m),
			      d->p2m.vmid);
	if (!d->p2m.mirrored)
		return -1;
	c1 = s1_ctx(d);
	return smmu_ste_s1(ste, &c1);
}

static int smmu_attach(struct domain *d, uint32_t sid)
{
	uint64_t ste[STE_DWORDS];

	/* The context it will go back to when d stops: made now, while
	 * quarantine contexts may still be built. Without one (tags or
	 * memory ran out) its quarantine aborts, which is as safe, and the
	 * planner, which cannot count the pool, need not refuse the plan. */
	if (smmu.scratch && !scratch_ctx_locked(sid))
		printk("tessera: smmu: %s: no scratch context for stream 0x%x (at most %u): its quarantine aborts\n",
		       smmu.name, sid, SMMU_SCRATCH_MAX);
	if (ste_of_domain(ste, d)) {
		printk("tessera: error: smmu: %s: %s has no %s context\n", smmu.name, d->name,
		       smmu.stage1 ? "stage-1" : "stage-2");
		return -1;
	}
	return ste_write_locked(sid, ste, "attach");
}


/* The quarantine STE of sid: its scratch context, its page zeroed, or
 * an abort. Under smmu.lock, so that the zeroing and the switch are one
 * step for anyone else quarantining. */
static int quarantine_ste(uint32_t sid, uint64_t ste[STE_DWORDS])
{
	struct smmu_scratch *c = smmu.scratch ? scratch_ctx(sid) : NULL;

	struct smmu_s1_ctx c1;
	int bad = !c;

	if (c && smmu.stage1) {
		c1 = s1_ctx_of((uintptr_t)c->cd, c->root, c->tag);
		bad = smmu_ste_s1(ste, &c1);
	} else if (c) {
		bad = ste_s2(ste, c->root, c->tag);
	}
	if (bad) {
		smmu_ste_abort(ste);
		return smmu.scratch ? -1 : 0;
	}
	smmu_scratch_enter(c);
	arch_dma_barrier();
	return 0;
}

/* At boot for dom_io's and dom_xen's functions, and for a guest's when
 * it stops or resets: one line each, so the log shows every function
 * whose DMA is blocked and when. */
static int smmu_quarantine(uint32_t sid)
{
	uint64_t ste[STE_DWORDS];
	const char *owner;
	bool scratch;
	char s[16];
	int ret;

	spin_lock(&smmu.lock);
	lock_order_take(LOCK_IOMMU);
	scratch = !quarantine_ste(sid, ste) && smmu.scratch;
	ret = ste_write(sid, ste, "quarantine");
	lock_order_drop(LOCK_IOMMU);
	spin_unlock(&smmu.lock);
	if (ret)
		return -1;
	iommu_name_stream(sid, s, &owner);
	printk("tessera: smmu: %s (%s) stream 0x%x: quarantine, %s\n", s, owner, sid,
	       scratch ? "its DMA reaches only its own scratch page" : "its DMA aborts");
	return 0;
}

static void *scratch_page(void *ctx)
{
	return alloc_zeroed(PAGE_SIZE);
}

static int smmu_use_scratch(void)
{
	/* The page is RAM the device may read and write, in the format the
	 * SMMU walks (the mirror's, in stage-1 mode). */
	uint64_t ram = arch_p2m_attrs(P2M_RAM);
	struct p2m_walk w;

	arch_p2m_walk(&w);
	smmu.quarantine = (struct smmu_scratch_set){
		.levels = 4 - w.start_level,
		.leaf_attrs = smmu.stage1 ? arch_p2m_mirror_attrs(ram) : ram,
		.tag_base = SCRATCH_VMID_BASE, .alloc_page = scratch_page,
	};
	smmu.scratch = true;
	printk("tessera: smmu: %s: quarantine with a scratch page per function (tessera,iommu-quarantine)\n",
	       smmu.name);
	return 0;
}

static void smmu_boot_done(void)
{
	spin_lock(&smmu.lock);
	smmu.quarantine.sealed = true;
	spin_unlock(&smmu.lock);
}

static void smmu_detach(uint32_t sid)
{
	smmu_quarantine(sid);
}

/* From p2m_unmap() under p->lock: no device keeps a stale translation. */
static void smmu_flush(struct p2m *p)
{
	uint64_t cmd[2];

	lock_assert(spin_is_locked(&p->lock));
	if (smmu.stage1)
		smmu_cmd_tlbi_nh_asid(cmd, p->vmid);
	else
		smmu_cmd_tlbi_s12_vmall(cmd, p->vmid);
	spin_lock(&smmu.lock);
	lock_order_take(LOCK_IOMMU);
	issue_sync(cmd, "TLB invalidation");
	lock_order_drop(LOCK_IOMMU);
	spin_unlock(&smmu.lock);
}

/* ---- faults ---- */

static void fault_record(const uint64_t rec[EVT_DWORDS], struct iommu_fault_stops *stops)
{
	struct smmu_event e;
	const char *owner;
	char s[16];

	smmu_event_decode(rec, &e);
	if (iommu_fault_note(&smmu.faults, e.sid)) {
		iommu_name_stream(e.sid, s, &owner);
		printk("tessera: smmu: %s (%s) DMA %s 0x%llx blocked (%s)\n", s, owner,
		       e.read ? "read from" : "write to", (unsigned long long)e.addr,
		       smmu_event_name(e.id));
	}
	/* Every record, not only the first: a restarted guest is stopped
	 * again by its next blocked DMA. */
	iommu_fault_policy(e.sid, stops);
}

/* At most EVTQ_BUDGET records per interrupt: a storm costs each
 * interrupt a bounded time; the rest wait for the next one (each new
 * record raises it again). */
static void evtq_drain(struct iommu_fault_stops *stops)
{
	struct smmu_queue *q = &smmu.evtq;
	unsigned int n;

	lock_assert(spin_is_locked(&smmu.lock));
	q->prod = rd32(SMMU_EVTQ_PROD);
	for (n = 0; n < EVTQ_BUDGET && !smmu_q_empty(q); n++) {
		fault_record(smmu_q_slot(q, q->cons), stops);
		q->cons = smmu_q_next(q, q->cons);
	}
	/* Acknowledge an overflow by copying its flag. */
	wr32(SMMU_EVTQ_CONS, q->cons | (q->prod & Q_OVERFLOW));
}

/*
 * A full event queue is not a failure of isolation: the DMA stays
 * blocked, only its record is lost (QEMU's model flags it as
 * EVENTQ_ABT_ERR). Said once, then counted, so that a fault storm keeps
 * the log short; every other global error is an error.
 */
static void gerror_handle(void)
{
	uint32_t active = (rd32(SMMU_GERROR) ^ smmu.gerrorn) & GERROR_MASK;
	uint32_t errors;

	/* Normally recovered by the command's issuer before this runs. */
	if (active & GERROR_CMDQ_ERR)
		cmdq_recover("global error");
	active &= ~GERROR_CMDQ_ERR;	/* acknowledged (or not) by cmdq_recover() */
	errors = active & ~GERROR_EVTQ_ABT;
	if (active & GERROR_EVTQ_ABT && !smmu.evtq_aborts++)
		printk("tessera: smmu: %s: event queue full, fault records dropped (the DMA stays blocked); counted from now on\n",
		       smmu.name);
	if (errors)
		printk("tessera: error: smmu: %s: global error 0x%x%s\n", smmu.name, errors,
		       errors & GERROR_SFM ? " (service failure: all DMA aborts)" : "");
	if (!active)
		return;
	smmu.gerrorn ^= active;
	wr32(SMMU_GERRORN, smmu.gerrorn);
}

static bool smmu_irq(unsigned int irq)
{
	struct iommu_fault_stops stops = { 0 };

	if ((int)irq != smmu.evtq_irq && (int)irq != smmu.gerror_irq)
		return false;
	spin_lock(&smmu.lock);
	lock_order_take(LOCK_IOMMU);
	if ((int)irq == smmu.evtq_irq)
		evtq_drain(&stops);
	else
		gerror_handle();
	lock_order_drop(LOCK_IOMMU);
	spin_unlock(&smmu.lock);
	iommu_fault_stops_apply(&stops);
	return true;
}

/* ---- probe ---- */

static int irq_named(const struct fdt *fdt, int node, const char *name)
{
	const char *names;
	int len, pos = 0, index = 0;

	names = fdt_getprop(fdt, node, "interrupt-names", &len);
	while (names && pos < len) {
		if (!strcmp(names + pos, name))
			return irq_dt_of_node(fdt, node, index);
		pos += strlen(names + pos) + 1;
		index++;
	}
	return -1;
}

static int queue_init(struct smmu_queue *q, unsigned int log2, unsigned int dwords,
		      unsigned int max_log2)
{
	q->log2 = log2 < max_log2 ? log2 : max_log2;
	q->dwords = dwords;
	q->prod = q->cons = 0;
	q->base = alloc_zeroed((uint64_t)dwords * 8 << q->log2);
	return q->base ? 0 : -1;
}

static uint64_t queue_base(const struct smmu_queue *q)
{
	return BASE_RA | ((uintptr_t)q->base & BASE_ADDR_MASK) | q->log2;
}

static int tables_init(uint32_t idr0, uint32_t idr1)
{
	uint32_t max_sid, cfg;
	uint64_t i;

	if (pci_host_iommu_max_sid(smmu.fdt, smmu.node, &max_sid) ||
	    smmu_strtab_layout(IDR1_SIDSIZE(idr1), max_sid, IDR0_ST_2LVL(idr0) == 1, &smmu.st)) {
		printk("tessera: error: smmu: %s: the host bridge's iommu-map names stream ids it does not have\n",
		       smmu.name);
		return -1;
	}
	smmu.strtab = alloc_zeroed(smmu.st.bytes);
	if (!smmu.strtab || queue_init(&smmu.cmdq, CMDQ_LOG2, 2, IDR1_CMDQS(idr1)) ||
	    queue_init(&smmu.evtq, EVTQ_LOG2, EVT_DWORDS, IDR1_EVTQS(idr1)))
		return -1;
	if (!smmu.st.two_level)
		for (i = 0; i < 1ull << smmu.st.sid_bits; i++)
			smmu_ste_abort(smmu.strtab + i * STE_DWORDS);
	arch_dma_barrier();
	cfg = smmu.st.sid_bits;
	if (smmu.st.two_level)
		cfg |= STRTAB_CFG_2LVL | STRTAB_CFG_SPLIT(SMMU_SPLIT);
	wr64(SMMU_STRTAB_BASE, BASE_RA | ((uintptr_t)smmu.strtab & 0x000fffffffffffc0ull));
	wr32(SMMU_STRTAB_BASE_CFG, cfg);
	wr64(SMMU_CMDQ_BASE, queue_base(&smmu.cmdq));
	wr32(SMMU_CMDQ_PROD, 0);
	wr32(SMMU_CMDQ_CONS, 0);
	wr64(SMMU_EVTQ_BASE, queue_base(&smmu.evtq));
	wr32(SMMU_EVTQ_PROD, 0);
	wr32(SMMU_EVTQ_CONS, 0);
	return 0;
}

/* Queues on, caches clean, interrupts wired, then translation on. */
static int smmu_enable(void)
{
	uint64_t cmd[2];
	int ret;

	wr32(SMMU_CR1, CR1_WB_ISH);
	wr32(SMMU_CR2, CR2_RECINVSID);
	if (write_ack(SMMU_CR0, SMMU_CR0ACK, CR0_CMDQEN))
		return -1;
	spin_lock(&smmu.lock);
	lock_order_take(LOCK_IOMMU);
	smmu_cmd_cfgi_all(cmd);
	ret = issue_sync(cmd, "configuration invalidation");
	smmu_cmd_tlbi_nsnh_all(cmd);
	ret = ret ? ret : issue_sync(cmd, "TLB invalidation");
	lock_order_drop(LOCK_IOMMU);
	spin_unlock(&smmu.lock);
	if (ret || write_ack(SMMU_CR0, SMMU_CR0ACK, CR0_CMDQEN | CR0_EVTQEN))
		return -1;
	smmu.gerrorn = rd32(SMMU_GERRORN);
	if ((smmu.evtq_irq >= 0 && irq_route_edge(smmu.evtq_irq, &pcpus[0])) ||
	    (smmu.gerror_irq >= 0 && irq_route_edge(smmu.gerror_irq, &pcpus[0])))
		printk("tessera: warning: smmu: %s: its interrupts cannot be routed; faults are not logged\n",
		       smmu.name);
	if (write_ack(SMMU_IRQ_CTRL, SMMU_IRQ_CTRLACK, IRQ_CTRL_GERROR | IRQ_CTRL_EVTQ))
		return -1;
	return write_ack(SMMU_CR0, SMMU_CR0ACK, CR0_CMDQEN | CR0_EVTQEN | CR0_SMMUEN);
}

static const char *mode_line(void)
{
	if (smmu.stage1)
		return "stage 1 only (IDR0.S2P=0): a stage-1 table per guest carrying its "
		       "IPA->PA map, ASID = VMID";
	if (irq_msi_present())
		return "stage 2 (IDR0.S2P), a copy of each guest's stage 2 that also maps the MSI doorbell";
	return "stage 2 (IDR0.S2P), shared with the CPU";
}

static const char *smmu_mode(void)
{
	return smmu.stage1 ? "stage 1" : "stage 2";
}

static int smmu_probe(const struct fdt *fdt, struct mm_pool *pool)
{
	int node = fdt_next_compatible(fdt, -1, IOMMU_COMPAT_SMMUV3);
	uint32_t idr0, idr1, idr5;
	uint64_t base, size;

	if (node < 0)
		return -1;
	smmu.name = fdt_node_name(fdt, node);
	if (fdt_reg(fdt, node, 0, &base, &size) || size < 0x20000) {
		printk("tessera: error: smmu: %s: reg must give its two 64 KiB pages\n", smmu.name);
		return -1;
	}
	smmu.base = base;
	smmu.pool = pool;
	smmu.fdt = fdt;
	smmu.node = node;
	/* The ID registers first (reading changes nothing): an SMMU this
	 * build cannot use is left as the firmware left it, and the board
	 * runs as without an IOMMU (direct-map required). */
	idr0 = rd32(SMMU_IDR0);
	idr1 = rd32(SMMU_IDR1);
	idr5 = rd32(SMMU_IDR5);
	if (!(idr0 & (IDR0_S2P | IDR0_S1P))) {
		printk("tessera: smmu: %s has neither stage 1 nor stage 2 (IDR0.S1P=0, S2P=0): not used\n",
		       smmu.name);
		return -1;
	}
	if (!(idr5 & IDR5_GRAN4K) || !(idr0 & IDR0_TTF_AA64)) {
		printk("tessera: smmu: %s cannot walk AArch64 4 KiB tables: not used\n", smmu.name);
		return -1;
	}
	/* Before any other write: a stream with no entry never bypasses,
	 * from now on, whatever fails below. */
	if (gbpa_abort() || write_ack(SMMU_CR0, SMMU_CR0ACK, 0))
		return -1;
	smmu.oas_bits = smmu_oas_bits(idr5);
	/* Stage 2 where there is one: the CPU's own tables, nothing to
	 * keep in step. */
	smmu.stage1 = !(idr0 & IDR0_S2P);
	smmu.asid16 = idr0 & IDR0_ASID16;
	smmu.evtq_irq = irq_named(fdt, node, "eventq");
	smmu.gerror_irq = irq_named(fdt, node, "gerror");
	if ((smmu.stage1 && !(smmu.cds = alloc_zeroed((uint64_t)CD_BYTES * MAX_DOMAINS))) ||
	    tables_init(idr0, idr1) || smmu_enable()) {
		printk("tessera: error: smmu: %s could not be set up\n", smmu.name);
		return -1;
	}
	if (smmu.st.two_level)
		printk("tessera: smmu: %s: %s; %u-bit stream ids in a 2-level table (%u x %u, IDR0.ST_LEVEL; a linear one would take %llu KiB); %u-bit output\n",
		       smmu.name, mode_line(), smmu.st.sid_bits, smmu.st.l1_entries,
		       1u << SMMU_SPLIT, (unsigned long long)((STE_BYTES << smmu.st.sid_bits) >> 10),
		       smmu.oas_bits);
	else
		printk("tessera: smmu: %s: %s; %u-bit stream ids in a linear table (%llu KiB); %u-bit output\n",
		       smmu.name, mode_line(), smmu.st.sid_bits,
		       (unsigned long long)(smmu.st.bytes >> 10), smmu.oas_bits);
	return 0;
}

const struct iommu_driver smmuv3_driver = {
	.name = "smmuv3",
	.mode = smmu_mode,
	.probe = smmu_probe,
	.domain_init = smmu_domain_init,
	.domain_teardown = smmu_domain_teardown,
	.attach = smmu_attach,
	.quarantine = smmu_quarantine,
	.detach = smmu_detach,
	.flush = smmu_flush,
	.irq = smmu_irq,
	.use_scratch = smmu_use_scratch,
	.boot_done = smmu_boot_done,
};
