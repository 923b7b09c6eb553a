// SPDX-License-Identifier: GPL-2.0-only
/*
 * AMD-Vi (the AMD I/O Virtualization Technology IOMMU specification,
 * 48882 rev 3) as the IOMMU seam's driver (iommu.h) on x86. A guest's
 * devices walk that guest's NPT itself: its entries carry AMD-Vi's
 * NextLevel and read/write permissions in bits the CPU ignores
 * (kernel/arch/x86_64/include/arch/pte.h), so there is no second table
 * to keep in step, and what the guest's CPUs cannot reach its devices
 * cannot either. Device memory has no DMA permission: a device reaches
 * the guest's RAM, not another function's BARs.
 *
 * Every requester id starts aborted: a device table entry that is valid,
 * translates, and allows nothing (a zeroed root table, and no IR/IW in
 * the entry itself, which AMD-Vi checks before walking), so every DMA
 * of a quarantined or unknown device is refused and logged as an
 * IO_PAGE_FAULT. A guest's function's interrupt requests are remapped
 * (section 2.2.5): its device table entry points at a table of its own
 * whose entries the hypervisor writes from its host vectors
 * (msi_remap), so the message the function sends is only an index, and
 * an index without an entry is refused. Others' requests pass as they
 * are (the IOAPIC's, whose lines the hypervisor programs itself).
 *
 * Locking: amdvi.lock (LOCK_IOMMU, innermost: flush() is called under a
 * p2m's lock) protects the command buffer, the device table and the
 * fault log. A device table entry changes only through attach(),
 * quarantine() and detach(), and each returns after
 * INVALIDATE_DEVTAB_ENTRY and a COMPLETION_WAIT that the IOMMU has
 * stored; flush() returns after INVALIDATE_IOMMU_PAGES for the domain
 * and a COMPLETION_WAIT (IOMMU-4).
 */
#include "amd_vi.h"

#include <stddef.h>

#include "amd_vi_hw.h"
#include "arch.h"
#include "domain.h"
#include "fault_log.h"
#include "iommu.h"
#include "irq.h"
#include "lib/fdt.h"
#include "lib/lockorder.h"
#include "lib/spinlock.h"
#include "lib/string.h"
#include "mm.h"
#include "p2m.h"
#include "pci_host.h"
#include "printk.h"

/* Registers (specification section 3.4). */
#define MMIO_DEVTAB		0x0000
#define MMIO_CMDBUF		0x0008
#define MMIO_EVTLOG		0x0010
#define MMIO_CONTROL		0x0018
#define MMIO_CMD_HEAD		0x2000
#define MMIO_CMD_TAIL		0x2008
#define MMIO_EVT_HEAD		0x2010
#define MMIO_EVT_TAIL		0x2018
#define MMIO_STATUS		0x2020
#define CTL_IOMMU_EN		(1ull << 0)
#define CTL_EVTLOG_EN		(1ull << 2)
#define CTL_EVTINT_EN		(1ull << 3)
#define CTL_CMDBUF_EN		(1ull << 12)
#define STATUS_EVT_OVERFLOW	(1ull << 0)
#define STATUS_EVT_INT		(1ull << 1)
#define RING_LEN_SHIFT		56		/* log2 of the entries */

#define NR_DEVICES		0x10000
#define DTE_QWORDS		4
#define DEVTAB_BYTES		(NR_DEVICES * DTE_QWORDS * 8)	/* 2 MiB */
#define RING_ENTRIES		256		/* 16 bytes each: one page */
#define RING_BYTES		(RING_ENTRIES * 16)

/* Device table entry, quadword 0 and 1 (section 2.2.2). */
#define DTE_V			(1ull << 0)
#define DTE_TV			(1ull << 1)
#define DTE_MODE_4LEVEL		(4ull << 9)
#define DTE_ROOT_MASK		0x000ffffffffff000ull
#define DTE_IR			(1ull << 61)
#define DTE_IW			(1ull << 62)
/* Quadword 2: interrupt remapping. */
#define DTE_IV			(1ull << 0)
#define DTE_INT_TAB_LEN(n)	((uint64_t)(n) << 1)	/* 2^n entries */
#define DTE_INT_ROOT_MASK	0x000fffffffffffc0ull
#define DTE_INTCTL_REMAP	(2ull << 60)	/* 0: abort, the quarantine's */
#define IOAPIC_IRT_LOG2		8		/* indexed by the vector */
#define IRT_LOG2		6		/* VPCI_MSI_MAX_VEC entries */
#define IRT_ENTRIES		(1u << IRT_LOG2)
#define IRT_MAX			16		/* functions with a table */
/* A 32-bit remapping table entry (fixed, physical destination). */
#define IRTE_REMAP_EN		(1u << 0)
#define IRTE_DEST_SHIFT		8
#define IRTE_VECTOR_SHIFT	16
#define MSI_ADDR_BASE		0xfee00000ull

/* Commands (section 2.4): the opcode in bits 63:60 of the first qword. */
#define CMD_COMPLETION_WAIT	(1ull << 60)
#define CMD_INVAL_DEVTAB	(2ull << 60)
#define CMD_INVAL_PAGES		(3ull << 60)
#define CMD_INVAL_IRT		(5ull << 60)
#define CMD_WAIT_STORE		(1ull << 0)
#define INVAL_ALL_PAGES		0x7ffffffffffff000ull
#define INVAL_SIZE		(1ull << 0)
#define INVAL_PDE		(1ull << 1)
#define WAIT_SPINS		10000000u

#define EVT_BUDGET		64	/* event log entries per interrupt */

static struct {
	spinlock_t lock;	/* LOCK_IOMMU: everything below it */
	volatile uint8_t *regs;
	const char *name;
	struct mm_pool *pool;
	uint16_t self;		/* its own requester id */
	int32_t ioapic;		/* the IOAPIC's requester id (tessera,ioapic-device), or -1 */
	uint64_t *devtab;
	uint64_t *cmd;
	uint64_t *evt;
	uint32_t cmd_tail, evt_head;
	uint64_t abort_root;	/* a zeroed top-level table: nothing mapped */
	volatile uint64_t wait_word;
	uint64_t wait_seq;
	uint64_t evt_overflows;
	unsigned int irq;
	struct iommu_fault_log faults;
	/* Each assigned function's remapping table, made at its first
	 * attach and kept (a restart finds it). Boot only. */
	unsigned int nr_irts;
	struct {
		uint32_t sid;
		uint32_t *table;
	} irts[IRT_MAX];
} amdvi;

static uint64_t rd64(uint32_t off)
{
	return *(volatile uint64_t *)(amdvi.regs + off);
}

static void wr64(uint32_t off, uint64_t v)
{
	*(volatile uint64_t *)(amdvi.regs + off) = v;
}

static void *alloc_zeroed(uint64_t size)
{
	uint64_t pa;

	if (mm_alloc(amdvi.pool, size, size, &pa))
		return NULL;
	memset((void *)(uintptr_t)pa, 0, size);
	return (void *)(uintptr_t)pa;
}

/* ---- the command buffer ---- */

static void cmd_put(uint64_t q0, uint64_t q1)
{
	uint32_t next = (amdvi.cmd_tail + 16) % RING_BYTES;
	unsigned int spins = 0;

	lock_assert(spin_is_locked(&amdvi.lock));
	while (rd64(MMIO_CMD_HEAD) == next && ++spins < WAIT_SPINS)
		;		/* full: the IOMMU is behind */
	amdvi.cmd[amdvi.cmd_tail / 8] = q0;
	amdvi.cmd[amdvi.cmd_tail / 8 + 1] = q1;
	arch_dma_barrier();
	amdvi.cmd_tail = next;
	wr64(MMIO_CMD_TAIL, next);
}

/* COMPLETION_WAIT with a store: every command before it is done when
 * the IOMMU has written the word. -1 if it never does. */
static int cmd_sync(const char *what)
{
	uint64_t seq = ++amdvi.wait_seq;
	unsigned int spins;

	cmd_put(((uintptr_t)&amdvi.wait_word & 0x000ffffffffffff8ull) | CMD_WAIT_STORE |
		CMD_COMPLETION_WAIT, seq);
	for (spins = 0; spins < WAIT_SPINS; spins++)
		if (__atomic_load_n(&amdvi.wait_word, __ATOMIC_ACQUIRE) == seq)
			return 0;
	printk("tessera: error: amd-vi: %s: COMPLETION_WAIT after %s timed out\n", amdvi.name,
	       what);
	return -1;
}

/* ---- device table entries ---- */

/* Quadword 0 last (it holds V and the root), then the IOMMU drops what
 * it cached of the old entry before this returns. */
static int dte_write(uint32_t id, uint64_t q0, uint16_t domain, uint64_t q2, const char *what)
{
	uint64_t *dte = &amdvi.devtab[id * DTE_QWORDS];
	int ret;

	spin_lock(&amdvi.lock);
	lock_order_take(LOCK_IOMMU);
	dte[1] = domain;
	dte[2] = q2;
	dte[3] = 0;
	arch_dma_barrier();
	__atomic_store_n(&dte[0], q0, __ATOMIC_RELEASE);
	arch_dma_barrier();
	cmd_put(id | CMD_INVAL_DEVTAB, 0);
	ret = cmd_sync(what);
	lock_order_drop(LOCK_IOMMU);
	spin_unlock(&amdvi.lock);
	return ret;
}

static uint64_t dte_abort(void)
{
	return DTE_V | DTE_TV | DTE_MODE_4LEVEL | amdvi.abort_root;
}

/* The interrupts of an aborting entry: none remapped, so each is refused
 * (IntCtl abort; NMI, INIT and ExtINT not passed). */
#define DTE_INT_ABORT	DTE_IV

static int amdvi_domain_init(struct domain *d)
{
	/* Its NPT is its devices' table; its tag is its domain ID. */
	return d->p2m.vmid && d->p2m.vmid < NR_DEVICES ? 0 : -1;
}

static void amdvi_domain_teardown(struct domain *d)
{
}

/* sid's remapping table, made if need be; NULL if none can be. */
static uint32_t *irt_of(uint32_t sid)
{
	unsigned int i;

	for (i = 0; i < amdvi.nr_irts; i++)
		if (amdvi.irts[i].sid == sid)
			return amdvi.irts[i].table;
	if (amdvi.nr_irts == IRT_MAX)
		return NULL;
	amdvi.irts[i].table = alloc_zeroed(PAGE_SIZE);	/* an empty table refuses all */
	if (!amdvi.irts[i].table)
		return NULL;
	amdvi.irts[i].sid = sid;
	amdvi.nr_irts++;
	return amdvi.irts[i].table;
}

static int amdvi_attach(struct domain *d, uint32_t sid)
{
	uint32_t *irt = sid < NR_DEVICES ? irt_of(sid) : NULL;

	if (!irt)
		return -1;
	return dte_write(sid, DTE_V | DTE_TV | DTE_MODE_4LEVEL | (p2m_root(&d->p2m) & DTE_ROOT_MASK) |
			 DTE_IR | DTE_IW, (uint16_t)d->p2m.vmid,
			 DTE_IV | DTE_INT_TAB_LEN(IRT_LOG2) |
			 ((uintptr_t)irt & DTE_INT_ROOT_MASK) | DTE_INTCTL_REMAP, "attach");
}

/* Entry index of sid's table irt raises vector on APIC ID dest; done
 * when the IOMMU has dropped what it cached of the table. */
static int irte_set(uint32_t sid, uint32_t *irt, unsigned int index, uint8_t vector,
		    uint32_t dest)
{
	int ret;

	spin_lock(&amdvi.lock);
	lock_order_take(LOCK_IOMMU);
	__atomic_store_n(&irt[index], IRTE_REMAP_EN | dest << IRTE_DEST_SHIFT |
			 (uint32_t)vector << IRTE_VECTOR_SHIFT, __ATOMIC_RELEASE);
	arch_dma_barrier();
	cmd_put(sid | CMD_INVAL_IRT, 0);
	ret = cmd_sync("interrupt table invalidation");
	lock_order_drop(LOCK_IOMMU);
	spin_unlock(&amdvi.lock);
	return ret;
}

/* Entry index of sid's table: vector on APIC ID dest; the function then
 * sends the index (data bits 10:0) to the MSI address range. */
static int amdvi_msi_remap(uint32_t sid, unsigned int index, uint8_t vector, uint32_t dest,
			   struct irq_msi_msg *msg)
{
	uint32_t *irt = sid < NR_DEVICES ? irt_of(sid) : NULL;
	int ret;

	if (!irt || index >= IRT_ENTRIES || dest > 0xff)
		return -1;
	ret = irte_set(sid, irt, index, vector, dest);
	msg->addr = MSI_ADDR_BASE;
	msg->data = index;
	return ret;
}

/* At boot for dom_io's and dom_xen's functions, and for a guest's when
 * it stops or resets: one line each. */
static int amdvi_quarantine(uint32_t sid)
{
	const char *owner;
	char s[16];

	/* The IOAPIC's id may also be a PCI function's (an AMD board's FCH
	 * at 00:14.0): its DMA aborts, the IOAPIC's remapping stays. */
	if (sid >= NR_DEVICES ||
	    dte_write(sid, dte_abort(), 0, (int32_t)sid == amdvi.ioapic ?
		      amdvi.devtab[sid * DTE_QWORDS + 2] : DTE_INT_ABORT, "quarantine"))
		return -1;
	iommu_name_stream(sid, s, &owner);
	printk("tessera: amd-vi: %s (%s) device 0x%04x: quarantine, its DMA aborts\n", s, owner,
	       sid);
	return 0;
}

static void amdvi_detach(uint32_t sid)
{
	amdvi_quarantine(sid);
}

/* From p2m_unmap() under p->lock: no device keeps a stale translation. */
static void amdvi_flush(struct p2m *p)
{
	lock_assert(spin_is_locked(&p->lock));
	spin_lock(&amdvi.lock);
	lock_order_take(LOCK_IOMMU);
	cmd_put(((uint64_t)p->vmid << 32) | CMD_INVAL_PAGES, INVAL_ALL_PAGES | INVAL_SIZE | INVAL_PDE);
	cmd_sync("page invalidation");
	lock_order_drop(LOCK_IOMMU);
	spin_unlock(&amdvi.lock);
}

/* ---- faults ---- */

/* One event log entry (amdvi_evt_drain's callback), under amdvi.lock. */
static void fault_record(void *ctx, const struct amdvi_event *ev)
{
	struct iommu_fault_stops *stops = ctx;
	const char *fault = amdvi_event_fault_name(ev->code), *owner;
	char s[16];

	if (!fault) {
		printk("tessera: amd-vi: %s: event 0x%x of device 0x%04x (0x%llx)\n", amdvi.name,
		       ev->code, ev->device, (unsigned long long)ev->addr);
		return;
	}
	if (iommu_fault_note(&amdvi.faults, ev->device)) {
		iommu_name_stream(ev->device, s, &owner);
		printk("tessera: amd-vi: %s (%s) DMA %s 0x%llx blocked (%s)\n", s, owner,
		       ev->write ? "write to" : "read from", (unsigned long long)ev->addr, fault);
	}
	iommu_fault_policy(ev->device, stops);
}

/* At most EVT_BUDGET records per interrupt, so that a storm costs each
 * a bounded time; the rest wait for the next one. */
static bool amdvi_irq(unsigned int irq)
{
	struct iommu_fault_stops stops = { 0 };

	if (irq != amdvi.irq)
		return false;
	spin_lock(&amdvi.lock);
	lock_order_take(LOCK_IOMMU);
	wr64(MMIO_STATUS, STATUS_EVT_INT);	/* write 1 to clear, before reading */
	amdvi_evt_drain(amdvi.evt, RING_BYTES, &amdvi.evt_head, rd64(MMIO_EVT_TAIL), EVT_BUDGET,
			fault_record, &stops);
	wr64(MMIO_EVT_HEAD, amdvi.evt_head);
	if (rd64(MMIO_STATUS) & STATUS_EVT_OVERFLOW) {
		if (!amdvi.evt_overflows++)
			printk("tessera: amd-vi: %s: event log full, fault records dropped (the DMA stays blocked)\n",
			       amdvi.name);
		wr64(MMIO_STATUS, STATUS_EVT_OVERFLOW);
	}
	lock_order_drop(LOCK_IOMMU);
	spin_unlock(&amdvi.lock);
	iommu_fault_stops_apply(&stops);
	return true;
}

/* ---- probe ---- */

/* Its event interrupt: its own function's MSI, to the hypervisor. */
static void event_interrupt(void)
{
	const struct pci_dev *p = pci_host_find(amdvi.self);
	struct irq_msi_msg msg;
	unsigned int pos, data;

	if (!p || !p->f.msi.pos || irq_msi_hypervisor(&msg, &amdvi.irq)) {
		amdvi.irq = ~0u;
		printk("tessera: warning: amd-vi: %s: no MSI for its event log; faults are not logged\n",
		       amdvi.name);
		return;
	}
	pos = p->f.msi.pos;
	data = pos + (p->f.msi.addr64 ? 12 : 8);
	pci_host_cfg.write(pci_host_cfg.ctx, p->f.sbdf, pos + 4, 4, (uint32_t)msg.addr);
	if (p->f.msi.addr64)
		pci_host_cfg.write(pci_host_cfg.ctx, p->f.sbdf, pos + 8, 4, msg.addr >> 32);
	pci_host_cfg.write(pci_host_cfg.ctx, p->f.sbdf, data, 2, msg.data);
	pci_host_cfg.write(pci_host_cfg.ctx, p->f.sbdf, pos + PCI_MSI_FLAGS, 2, 1);
}

static int tables_init(void)
{
	uint32_t i;

	amdvi.devtab = alloc_zeroed(DEVTAB_BYTES);
	amdvi.cmd = alloc_zeroed(RING_BYTES);
	amdvi.evt = alloc_zeroed(RING_BYTES);
	amdvi.abort_root = (uintptr_t)alloc_zeroed(PAGE_SIZE);
	if (!amdvi.devtab || !amdvi.cmd || !amdvi.evt || !amdvi.abort_root)
		return -1;
	/* Its own event interrupt is the one message that passes as it is. */
	for (i = 0; i < NR_DEVICES; i++) {
		amdvi.devtab[i * DTE_QWORDS] = dte_abort();
		amdvi.devtab[i * DTE_QWORDS + 2] = i == amdvi.self ? 0 : DTE_INT_ABORT;
	}
	arch_dma_barrier();
	return 0;
}

/*
 * The IOAPIC's entry: its messages, and (QEMU's model) every DMA write
 * to the MSI range that carries no requester id, are remapped by a
 * table indexed by their vector, which holds only what the hypervisor
 * routes (amdvi_ioapic_remap). So no message forged by DMA raises a
 * host vector. Before the IOMMU is on: no invalidation needed.
 */
static int ioapic_table_init(void)
{
	uint32_t *irt;

	if (amdvi.ioapic < 0)
		return 0;
	irt = irt_of((uint32_t)amdvi.ioapic);
	if (!irt)
		return -1;
	amdvi.devtab[amdvi.ioapic * DTE_QWORDS + 2] = DTE_IV | DTE_INT_TAB_LEN(IOAPIC_IRT_LOG2) |
						      ((uintptr_t)irt & DTE_INT_ROOT_MASK) |
						      DTE_INTCTL_REMAP;
	arch_dma_barrier();
	return 0;
}

static int amdvi_ioapic_remap(uint8_t vector, uint32_t dest)
{
	uint32_t *irt;

	if (amdvi.ioapic < 0)
		return 1;
	irt = irt_of((uint32_t)amdvi.ioapic);
	if (!irt || dest > 0xff)
		return -1;
	return irte_set((uint32_t)amdvi.ioapic, irt, vector, vector, dest);
}

static int amdvi_probe(const struct fdt *fdt, struct mm_pool *pool)
{
	int node = fdt_next_compatible(fdt, -1, AMD_VI_COMPATIBLE);
	uint64_t base, size;
	uint32_t self, ioapic;

	if (node < 0)
		return -1;
	amdvi.name = fdt_node_name(fdt, node);
	if (fdt_reg(fdt, node, 0, &base, &size) || size < 0x4000 ||
	    fdt_read_u32(fdt, node, "tessera,pci-function", &self) || self >= NR_DEVICES) {
		printk("tessera: error: amd-vi: %s: reg and tessera,pci-function are needed\n",
		       amdvi.name);
		return -1;
	}
	spin_lock_init(&amdvi.lock);
	amdvi.regs = (volatile uint8_t *)(uintptr_t)base;
	amdvi.pool = pool;
	amdvi.self = (uint16_t)self;
	amdvi.ioapic = !fdt_read_u32(fdt, node, "tessera,ioapic-device", &ioapic) &&
		       ioapic < NR_DEVICES ? (int32_t)ioapic : -1;
	if (tables_init() || ioapic_table_init()) {
		printk("tessera: error: amd-vi: %s: no memory for its tables\n", amdvi.name);
		return -1;
	}
	wr64(MMIO_CONTROL, 0);
	wr64(MMIO_DEVTAB, (uintptr_t)amdvi.devtab | (DEVTAB_BYTES / PAGE_SIZE - 1));
	wr64(MMIO_CMDBUF, (uintptr_t)amdvi.cmd | (8ull << RING_LEN_SHIFT));
	wr64(MMIO_EVTLOG, (uintptr_t)amdvi.evt | (8ull << RING_LEN_SHIFT));
	wr64(MMIO_CMD_HEAD, 0);
	wr64(MMIO_CMD_TAIL, 0);
	wr64(MMIO_EVT_HEAD, 0);
	wr64(MMIO_EVT_TAIL, 0);
	event_interrupt();
	wr64(MMIO_CONTROL, CTL_CMDBUF_EN | CTL_EVTLOG_EN | CTL_EVTINT_EN | CTL_IOMMU_EN);
	spin_lock(&amdvi.lock);
	lock_order_take(LOCK_IOMMU);
	size = cmd_sync("enable");
	lock_order_drop(LOCK_IOMMU);
	spin_unlock(&amdvi.lock);
	return size ? -1 : 0;
}

static const char *amdvi_mode(void)
{
	return "guests' devices walk their NPT, their interrupts remapped; every other device aborts";
}

const struct iommu_driver amd_vi_driver = {
	.name = "AMD-Vi",
	.mode = amdvi_mode,
	.probe = amdvi_probe,
	.domain_init = amdvi_domain_init,
	.domain_teardown = amdvi_domain_teardown,
	.attach = amdvi_attach,
	.quarantine = amdvi_quarantine,
	.detach = amdvi_detach,
	.flush = amdvi_flush,
	.irq = amdvi_irq,
	.msi_remap = amdvi_msi_remap,
	.ioapic_remap = amdvi_ioapic_remap,
};
