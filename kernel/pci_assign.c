// SPDX-License-Identifier: GPL-2.0-only
/*
 * PCI assignment: the plan read and checked by pci_plan.c, applied. Each
 * guest with functions gets a virtual ECAM and BAR windows, its vPCI
 * state, BAR mappings in stage 2 (from a page reserve, so never an
 * allocation under a lock) and its INTx lines forwarded.
 */
#include "pci_assign.h"

#include "arch/guest.h"
#include "console.h"
#include "domain.h"
#include "iommu.h"
#include "irq.h"
#include "lib/fdt.h"
#include "lib/lockorder.h"
#include "lib/printf.h"
#include "lib/string.h"
#include "mm.h"
#include "owner.h"
#include "pci_host.h"
#include "pci_plan.h"
#include "printk.h"


static struct guest_pci *pci_of(struct domain *d)
{
	struct guest_pci *gp = &guest_pci[d->id - 1];

	return gp->d == d ? gp : NULL;
}

/* ---- BARs in the guest's p2m ---- */

static int env_map(void *ctx, uint64_t gpa, uint64_t hpa, uint64_t size)
{
	struct guest_pci *gp = ctx;

	return p2m_map(&gp->d->p2m, gpa, hpa, size, P2M_DEVICE);
}

/* BAR-2: when this returns, no CPU can still reach the BAR (p2m_unmap
 * flushes the TLBs). */
static void env_unmap(void *ctx, uint64_t gpa, uint64_t size)
{
	struct guest_pci *gp = ctx;

	p2m_unmap(&gp->d->p2m, gpa, size);
}

/* A guest port access inside its own device's I/O BAR (vpci_io_access). */
static void env_io(void *ctx, uint64_t port, unsigned int size, bool write, uint32_t *val)
{
	pci_host_io(port, size, write, val);
}

/* vPCI device states come from a fixed table; never under a lock. */
static struct vpci_dev vdev_slab[MAX_VDEVS];
static bool vdev_used[MAX_VDEVS];
static spinlock_t slab_lock;

static void *env_alloc(void *ctx, size_t size)
{
	void *p = NULL;
	unsigned int i;

	if (size != sizeof(struct vpci_dev))
		return NULL;
	spin_lock(&slab_lock);
	for (i = 0; i < MAX_VDEVS && !p; i++)
		if (!vdev_used[i]) {
			vdev_used[i] = true;
			p = &vdev_slab[i];
		}
	spin_unlock(&slab_lock);
	if (p)
		memset(p, 0, size);
	return p;
}

static void env_free(void *ctx, void *p)
{
	spin_lock(&slab_lock);
	vdev_used[(struct vpci_dev *)p - vdev_slab] = false;
	spin_unlock(&slab_lock);
}

/* ---- message interrupts ---- */

static struct planned_dev *planned_of(struct guest_pci *gp, const struct pci_dev *pdev)
{
	unsigned int i;

	for (i = 0; i < gp->nr_dev; i++)
		if (gp->dev[i].pdev == pdev)
			return &gp->dev[i];
	return NULL;
}

/*
 * The host ITS maps a DeviceID once, so the vectors are set up at the
 * first attach and the same messages are given again on a restart.
 * Boot only (and restarts, which find them made): outside every lock.
 */
static int env_msi_setup(void *ctx, struct pci_dev *pdev, unsigned int nvec,
			 struct irq_msi_msg *msg)
{
	struct guest_pci *gp = ctx;
	struct planned_dev *pd = planned_of(gp, pdev);
	unsigned int i;

	if (!pd || !pdev->dma.has_msi_id || !irq_msi_present())
		return -1;
	if (!pd->msi_done) {
		pd->msi_done = true;
		if (irq_msi_setup(pdev->dma.msi_id, nvec, gp->d->vcpus[0].pcpu, pd, msg))
			return -1;
		pd->msi_nvec = nvec;
		pd->msi0 = msg[0];
	}
	if (nvec > pd->msi_nvec)
		return -1;
	for (i = 0; i < nvec; i++)
		msg[i] = (struct irq_msi_msg){ pd->msi0.addr, pd->msi0.data + i };
	return 0;
}

/* The MSI-X table and PBA of a function of the guest's: the host's own
 * (the hypervisor maps device space as it is). */
static void env_mmio(void *ctx, uint64_t hpa, unsigned int size, bool write, uint32_t *val)
{
	volatile void *reg = (volatile void *)(uintptr_t)hpa;

	if (write && size == 1)
		*(volatile uint8_t *)reg = (uint8_t)*val;
	else if (write && size == 2)
		*(volatile uint16_t *)reg = (uint16_t)*val;
	else if (write)
		*(volatile uint32_t *)reg = *val;
	else if (size == 1)
		*val = *(volatile uint8_t *)reg;
	else if (size == 2)
		*val = *(volatile uint16_t *)reg;
	else
		*val = *(volatile uint32_t *)reg;
}

/* The guest's message for that vector, to its virtual ITS. No lock held. */
static void msi_deliver(struct guest_pci *gp, uint32_t vsbdf, unsigned int vector)
{
	uint64_t addr;
	uint32_t data;

	if (vpci_msi_message(&gp->vd, vsbdf, vector, &addr, &data))
		virq_msi(gp->d, vsbdf & 0xffff, addr, data);
}

static void env_msi_fire(void *ctx, uint32_t vsbdf, unsigned int vector)
{
	msi_deliver(ctx, vsbdf, vector);
}

void msi_host_fired(void *cookie, unsigned int vector)
{
	struct planned_dev *pd = cookie;
	struct guest_pci *gp = &guest_pci[((uintptr_t)pd - (uintptr_t)guest_pci) /
					  sizeof(struct guest_pci)];

	/* Without the domain lock: an LPI that still sees RUNNING while the
	 * guest stops is harmless. vPCI's lock orders it against the
	 * quiesce that turns MSI off, and a vLPI pended then never runs. */
	if (gp->d && __atomic_load_n(&gp->d->state, __ATOMIC_ACQUIRE) == DOM_RUNNING)
		msi_deliver(gp, pd->vsbdf, vector);
}

/* ---- guest MMIO: the virtual ECAM and the BAR windows ---- */

static int vecam_access(struct vcpu *v, void *priv, uint64_t off, unsigned int size,
			bool write, uint64_t *val)
{
	struct guest_pci *gp = priv;
	uint32_t v32 = *val;
	int ret = vpci_ecam_access(&gp->vd, off, size, write, &v32);

	/* The bus answers those all-ones and ignores the writes. */
	if (size == 8 || (off & (size - 1)))
		domain_note_once(v->dom, NOTE_VECAM,
				 "%u-byte config access at ECAM offset 0x%llx: all-ones, writes ignored",
				 size, (unsigned long long)off);
	if (!write)
		*val = size == 8 ? ~0ull : v32;
	p2m_refill(&gp->d->p2m);
	if (ret < 0)
		domain_crash(v, "vPCI: %s", gp->vd.error ? gp->vd.error : "config access failed");
	return 0;
}

/* BAR space with nothing mapped (decoding off, or no BAR there): reads
 * all-ones and writes go nowhere, as an unclaimed bus cycle. */
static const uint64_t window_base[] = { GUEST_VPCI_MEM_BASE, GUEST_VPCI_MEM64_BASE };

static bool kept_access(struct vcpu *v, struct guest_pci *gp, uint64_t gpa, unsigned int size,
			bool write, uint64_t *val)
{
	struct vpci_kept_hit hit;
	enum vpci_kept_result res = vpci_kept_access(&gp->vd, gpa, size, write, val, &hit);
	char s[16];

	if (res == VPCI_KEPT_DROPPED) {
		pci_sbdf_str(hit.vsbdf, s);
		domain_note_once(v->dom, NOTE_KEPT,
				 "write to %s BAR %u + 0x%llx, which the hypervisor keeps: dropped", s,
				 hit.bar, (unsigned long long)hit.off);
	}
	return res != VPCI_KEPT_NOT_MINE;
}

static int window_access(struct vcpu *v, void *priv, uint64_t off, unsigned int size,
			 bool write, uint64_t *val)
{
	const uint64_t *base = priv;
	struct guest_pci *gp = pci_of(v->dom);

	/* An MSI-X table or PBA page (never mapped, BAR-1): emulated. */
	if (gp && vpci_msix_access(&gp->vd, *base + off, size, write, val) != VPCI_MSIX_NOT_MINE)
		return 0;
	/* A page a device service answers (an igb VF's mailbox). */
	if (gp && vpci_trap_access(&gp->vd, *base + off, size, write, val))
		return 0;
	/* A page with a range the hypervisor keeps (HID-2, shared). */
	if (gp && kept_access(v, gp, *base + off, size, write, val))
		return 0;
	if (!write)
		*val = ~0ull;
	return 0;
}

/* The I/O window: each access goes to the I/O BAR it falls in, if the
 * guest owns one there (HID-3 holds though BARs share pages). */
static int io_window_access(struct vcpu *v, void *priv, uint64_t off, unsigned int size,
			    bool write, uint64_t *val)
{
	struct guest_pci *gp = priv;
	uint32_t v32 = *val;

	vpci_io_access(&gp->vd, off, size, write, &v32);
	if (!write)
		*val = size == 8 ? ~0ull : v32;
	return 0;
}

bool pci_guest_io(struct vcpu *v, uint16_t port, unsigned int size, bool write, uint32_t *val)
{
	struct guest_pci *gp = pci_of(v->dom);

	if (!gp || port < GUEST_VPCI_IO_MIN)
		return false;
	return vpci_io_access(&gp->vd, port, size, write, val);
}

bool pci_guest_config(struct vcpu *v, uint32_t off, unsigned int size, bool write, uint32_t *val)
{
	struct guest_pci *gp = pci_of(v->dom);
	uint64_t v64 = *val;

	if (!gp)
		return false;
	vecam_access(v, gp, off, size, write, &v64);
	*val = (uint32_t)v64;
	return true;
}

/* ---- applying it ---- */

static const struct vpci_env guest_env_proto = {
	.map = env_map, .unmap = env_unmap, .alloc = env_alloc, .free = env_free,
	.cfg = &pci_host_cfg, .io = env_io,
};
static struct vpci_env guest_env[MAX_DOMAINS];

struct intx_route {
	uint16_t host;
	uint16_t virt;
	struct domain *d;
};
static struct intx_route routes[MAX_DOMAINS * MAX_GUEST_PCI];
static unsigned int nr_routes;

/* Planned state: decoding on with the planned BARs, or off (the guest
 * assigns them). Bus mastering always starts off. */
static int attach(struct guest_pci *gp, struct planned_dev *pd)
{
	char s[16];
	int ret;

	pci_host_cfg.write(pci_host_cfg.ctx, pd->pdev->f.sbdf, PCI_COMMAND, 2,
			   pd->decode ? PCI_COMMAND_MEMORY : 0);
	ret = vpci_add_device(&gp->vd, pd->pdev, pd->vsbdf, pd->bars, pd->decode);
	p2m_refill(&gp->d->p2m);
	if (ret) {
		pci_sbdf_str(pd->pdev->f.sbdf, s);
		pci_err("%s: cannot attach %s (error %d)", gp->d->name, s, -ret);
	}
	return ret;
}

/* The host line follows the virtual one (irq.h); -1 if it cannot. */
static int forward_intx(struct domain *d, const struct planned_dev *pd)
{
	if (pd->host_intid < 0)
		return 0;
	if (irq_route(pd->host_intid, d->vcpus[0].pcpu)) {
		pci_err("%s: host interrupt %d cannot be routed", d->name, pd->host_intid);
		return -1;
	}
	virq_bind_host(d, pd->virt_intid, pd->host_intid);
	routes[nr_routes++] = (struct intx_route){ pd->host_intid, pd->virt_intid, d };
	return 0;
}

/*
 * One function to its guest in OWN-3's order: its owner entry is
 * reserved (pci_plan_read), then the slow work (IOMMU context, vPCI
 * state and BAR mapping, INTx), then the entry is activated. A failure
 * undoes what was done, latest first: no mapping, IOMMU context or
 * owner entry is left behind.
 */
static int assign_device(const struct fdt *fdt, struct guest_pci *gp, struct planned_dev *pd)
{
	uint32_t sbdf = pd->pdev->f.sbdf;
	char s[16];

	pci_sbdf_str(sbdf, s);
	if (pci_host_stream_id(fdt, sbdf, &pd->sid)) {
		pci_err("%s: the host bridge's iommu-map gives %s no stream id", gp->d->name, s);
		goto undo_owner;
	}
	pd->translated = pci_host_dma_translated(fdt, sbdf);
	if (pd->translated && iommu_attach(gp->d, pd->sid)) {
		pci_err("%s: the IOMMU cannot attach %s (stream 0x%x)", gp->d->name, s, pd->sid);
		goto undo_owner;
	}
	if (attach(gp, pd))
		goto undo_iommu;
	if (forward_intx(gp->d, pd))
		goto undo_vpci;
	if (pci_plan_activate(sbdf)) {
		pci_err("%s: %s changed owner while it was being assigned", gp->d->name, s);
		goto undo_intx;
	}
	return 0;
undo_intx:
	if (pd->host_intid >= 0) {
		irq_mask(pd->host_intid);
		nr_routes--;	/* forward_intx() added it last */
	}
undo_vpci:
	vpci_remove_device(&gp->vd, pd->vsbdf);
undo_iommu:
	pci_host_cfg.write(pci_host_cfg.ctx, sbdf, PCI_COMMAND, 2, PCI_COMMAND_INTX_OFF);
	if (pd->translated)
		iommu_detach(pd->sid);
undo_owner:
	pci_plan_undo(sbdf);
	return -1;
}

/* dom_io's and dom_xen's functions: DMA blocked (IOMMU-1), and dom_io's
 * decoding, bus mastering and INTx off; then their entries are active. */
static int quarantine_device(const struct fdt *fdt, struct pci_dev *pdev)
{
	uint32_t sid;
	char s[16];

	pci_sbdf_str(pdev->f.sbdf, s);
	if (pdev->owner == OWNER_DOM_IO && pdev->f.header == 0)
		pci_host_cfg.write(pci_host_cfg.ctx, pdev->f.sbdf, PCI_COMMAND, 2, PCI_COMMAND_INTX_OFF);
	/* A bridge's own INTx (hotplug, PME, AER) has nobody to serve it
	 * here, and it shares its line with the functions below it, which
	 * may be a guest's: silenced, its forwarding untouched (the bit
	 * covers only the bridge's own interrupt). */
	if (pdev->f.header == 1)
		pci_host_cfg.write(pci_host_cfg.ctx, pdev->f.sbdf, PCI_COMMAND, 2,
				   pci_host_cfg.read(pci_host_cfg.ctx, pdev->f.sbdf, PCI_COMMAND, 2) |
				   PCI_COMMAND_INTX_OFF);
	if (pci_host_dma_translated(fdt, pdev->f.sbdf) &&
	    !pci_host_stream_id(fdt, pdev->f.sbdf, &sid) && iommu_quarantine(sid)) {
		pci_err("%s: the IOMMU cannot quarantine %s (stream 0x%x)",
			pci_owner_name(pdev->owner), s, sid);
		return -1;
	}
	return pci_plan_activate(pdev->f.sbdf);
}

static int guest_bus_init(const struct fdt *fdt, struct guest_pci *gp)
{
	struct domain *d = gp->d;
	struct vpci_env *env = &guest_env[d->id - 1];
	struct mmio_region ecam = {
		.base = GUEST_VPCI_ECAM_BASE, .size = GUEST_VPCI_ECAM_SIZE,
		.name = "vPCI ECAM", .access = vecam_access, .priv = gp,
	};
	struct mmio_region mem = {
		.base = GUEST_VPCI_MEM_BASE, .size = GUEST_VPCI_MEM_SIZE,
		.name = "vPCI memory window", .access = window_access,
		.priv = (void *)&window_base[0],
	};
	struct mmio_region mem64 = {
		.base = GUEST_VPCI_MEM64_BASE, .size = GUEST_VPCI_MEM64_SIZE,
		.name = "vPCI 64-bit window", .access = window_access,
		.priv = (void *)&window_base[1],
	};
	struct mmio_region io = {
		.base = GUEST_VPCI_IO_BASE, .size = GUEST_VPCI_IO_SIZE,
		.name = "vPCI I/O window", .access = io_window_access, .priv = gp,
	};
	unsigned int i;

	*env = guest_env_proto;
	env->ctx = gp;
	env->mmio = env_mmio;
	if (irq_msi_present()) {
		env->msi_setup = env_msi_setup;
		env->msi_fire = env_msi_fire;
	}
	/* From now on p2m table pages come from its reserve (VPCI-8). */
	p2m_use_reserve(&d->p2m);
	vpci_domain_init(&gp->vd, d->id, env);
	vpci_domain_add_window(&gp->vd, GUEST_VPCI_MEM_BASE, GUEST_VPCI_MEM_SIZE, false);
	vpci_domain_add_window(&gp->vd, GUEST_VPCI_MEM64_BASE, GUEST_VPCI_MEM64_SIZE, true);
	vpci_domain_set_io(&gp->vd, 0, GUEST_VPCI_IO_SIZE);
	if (domain_add_mmio(d, &ecam) || domain_add_mmio(d, &mem) || domain_add_mmio(d, &mem64) ||
	    (!GUEST_VPCI_IO_PORTS && domain_add_mmio(d, &io))) {
		pci_err("%s: the virtual host bridge overlaps another device", d->name);
		return -1;
	}
	if (iommu_domain_init(d)) {
		pci_err("%s: no IOMMU context for its devices", d->name);
		return -1;
	}
	if (iommu_map_msi_doorbell(d))
		return -1;
	for (i = 0; i < gp->nr_dev; i++)
		if (assign_device(fdt, gp, &gp->dev[i]))
			return -1;
	/* Its vITS, whose DeviceIDs are the functions just attached. */
	if (virq_msi_init(d)) {
		pci_err("%s: no room for its virtual MSI controller", d->name);
		return -1;
	}
	return 0;
}

static void log_owner(const struct pci_dev *pdev, uint32_t vsbdf)
{
	char s[16], v[16];

	pci_sbdf_str(pdev->f.sbdf, s);
	if (vsbdf == VSBDF_NONE) {
		printk("tessera: pci %s -> %s\n", s, pci_owner_name(pdev->owner));
		return;
	}
	pci_sbdf_str(vsbdf, v);
	printk("tessera: pci %s -> %s as %s\n", s, pci_owner_name(pdev->owner), v);
}

int pci_assign_all(const struct fdt *fdt)
{
	unsigned int i;

	/* The console's own interrupt is dom_xen's line. */
	if (pci_plan_read(fdt, console_irq()))
		return -1;
	for (i = 0; i < pci_host_nr_devs; i++)
		if (pci_host_devs[i].owner >= OWNER_DOM_XEN &&
		    quarantine_device(fdt, &pci_host_devs[i]))
			return -1;
	for (i = 0; i < nr_domains; i++) {
		struct guest_pci *gp = &guest_pci[i];
		unsigned int n;

		for (n = 0; n < gp->nr_dev; n++)
			log_owner(gp->dev[n].pdev, gp->dev[n].vsbdf);
		if (gp->nr_dev && guest_bus_init(fdt, gp))
			return -1;
	}
	for (i = 0; i < pci_host_nr_devs; i++)
		if (pci_host_devs[i].owner >= OWNER_DOM_XEN)
			log_owner(&pci_host_devs[i], VSBDF_NONE);
	return 0;
}

/* Bus 0, so the requester id is the slot's devfn. MSI-X: the table size
 * found at enumeration; MSI: the Multiple Message Capable field of the
 * host's capability (read-only, so no device lock is needed). */
unsigned int pci_msi_vectors(struct domain *d, uint32_t vdevid)
{
	struct guest_pci *gp = pci_of(d);
	unsigned int i, pos, steps;

	for (i = 0; gp && i < gp->nr_dev; i++) {
		const struct pci_dev *pdev = gp->dev[i].pdev;
		uint32_t sbdf = pdev->f.sbdf;

		if ((gp->dev[i].vsbdf & 0xffff) != vdevid)
			continue;
		if (pdev->f.msix.table_bar >= 0)
			return pdev->f.msix.table_size / 16 < VPCI_MSI_MAX_VEC ?
			       pdev->f.msix.table_size / 16 : VPCI_MSI_MAX_VEC;
		if (!(pci_host_cfg.read(pci_host_cfg.ctx, sbdf, PCI_STATUS, 2) & PCI_STATUS_CAP_LIST))
			return 0;
		pos = pci_host_cfg.read(pci_host_cfg.ctx, sbdf, PCI_CAPABILITY_LIST, 1) & 0xfc;
		for (steps = 0; pos >= 0x40 && steps < 48; steps++) {
			uint32_t hdr = pci_host_cfg.read(pci_host_cfg.ctx, sbdf, pos, 4);

			/* Message Control bits 3:1, log2 of the count; 6 and 7
			 * are reserved (read as the most, 32). */
			if ((hdr & 0xff) == PCI_CAP_ID_MSI)
				return 1u << ((hdr >> 17 & 7) > 5 ? 5 : hdr >> 17 & 7);
			pos = hdr >> 8 & 0xfc;
		}
		return 0;
	}
	return 0;
}

bool pci_intx_fired(unsigned int intid)
{
	unsigned int i;

	for (i = 0; i < nr_routes; i++)
		if (routes[i].host == intid) {
			irq_mask(intid);
			virq_host_fired(routes[i].d, routes[i].virt);
			return true;
		}
	return false;
}

void pci_domain_stop(struct domain *d)
{
	struct guest_pci *gp = pci_of(d);
	unsigned int i;

	if (!gp || !gp->nr_dev)
		return;
	/* IOMMU-4: back in quarantine (CMD_SYNC done) before anything else
	 * touches the memory they could reach; pci_domain_reattach() gives
	 * them their guest again after a reset. */
	for (i = 0; i < gp->nr_dev; i++)
		if (gp->dev[i].translated)
			iommu_quarantine(gp->dev[i].sid);
	/* BAR-2: out of stage 2 before anything else happens to them. */
	vpci_domain_quiesce(&gp->vd);
	for (i = 0; i < gp->nr_dev; i++) {
		struct planned_dev *pd = &gp->dev[i];

		/* No more DMA into RAM that is about to be reloaded or idle. */
		pci_host_cfg.write(pci_host_cfg.ctx, pd->pdev->f.sbdf, PCI_COMMAND, 2, PCI_COMMAND_INTX_OFF);
		if (pd->host_intid >= 0) {
			irq_mask(pd->host_intid);
			irq_clear_active(pd->host_intid);
		}
	}
	virq_reset_lines(d);
}

int pci_domain_restart(struct domain *d)
{
	struct guest_pci *gp = pci_of(d);
	unsigned int i;

	if (!gp || !gp->nr_dev)
		return 0;
	pci_domain_stop(d);
	for (i = 0; i < gp->nr_dev; i++) {
		struct planned_dev *pd = &gp->dev[i];

		vpci_remove_device(&gp->vd, pd->vsbdf);
		if (attach(gp, pd))
			return -1;
		if (pd->host_intid >= 0)
			irq_unmask(pd->host_intid);
	}
	return 0;
}

int pci_domain_reattach(struct domain *d)
{
	struct guest_pci *gp = pci_of(d);
	unsigned int i;
	char s[16];

	for (i = 0; gp && i < gp->nr_dev; i++) {
		struct planned_dev *pd = &gp->dev[i];

		if (pd->translated && iommu_attach(d, pd->sid)) {
			pci_sbdf_str(pd->pdev->f.sbdf, s);
			pci_err("%s: the IOMMU cannot attach %s again (stream 0x%x)", d->name, s,
				pd->sid);
			return -1;
		}
	}
	return 0;
}
