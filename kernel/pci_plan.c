// SPDX-License-Identifier: GPL-2.0-only
/*
 * The PCI plan in the boot tree, read and checked whole before anything
 * is changed (PLAN-1, PLAN-2). Bindings: docs/bindings.md.
 *
 *   /chosen/<domU> { direct-map; ...
 *       pci-0 { compatible = "tessera,pci-device"; tessera,sbdf = "0000:00:02.0";
 *               tessera,guest-sbdf = "0000:00:01.0";              (optional)
 *               tessera,guest-bars = <0 0x0 0x23000000 ...>;      (optional)
 *       }; };
 *   /chosen/hidden-0 { compatible = "tessera,hidden-pci-device";
 *       tessera,sbdf = "0000:00:04.0"; tessera,hidden-mode = "read-only"; };
 *
 * Owners (OWN-1): the assigned guest; dom_xen for the console UART,
 * hidden devices, bridges and host bridges; dom_io (quarantine: decoding,
 * bus mastering and INTx off) for every other function.
 */
#include "pci_plan.h"

#include <stdarg.h>

#include "arch/guest.h"
#include "console.h"
#include "iommu.h"
#include "lib/fdt.h"
#include "lib/printf.h"
#include "lib/string.h"
#include "owner.h"
#include "pci_assign.h"
#include "pci_host.h"
#include "pci_inventory.h"
#include "plan_check.h"

void pci_err(const char *fmt, ...)
{
	char what[PRINT_LINE_MAX];
	va_list ap;

	va_start(ap, fmt);
	fmt_vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	printk("tessera: error: pci: %s\n", what);
}

struct guest_pci guest_pci[MAX_DOMAINS];
static struct owner_registry owners;

/* ---- the plan in the boot tree ---- */

const char *pci_owner_name(uint16_t owner)
{
	if (owner == OWNER_DOM_XEN)
		return "dom_xen";
	if (owner == OWNER_DOM_IO)
		return "dom_io";
	return owner && owner <= nr_domains ? domains[owner - 1].name : "?";
}

/* Record an owner; a clash names both parties (OWN-2, PLAN-2). */
static int claim(uint32_t sbdf, uint16_t owner, uint32_t vsbdf, const char *why)
{
	uint16_t other = 0;
	uint32_t gen = 0;
	char s[16];
	int ret = owner_reserve(&owners, sbdf, owner, vsbdf, &other, &gen);

	pci_sbdf_str(sbdf, s);
	if (ret == -OWN_EEXIST) {
		pci_err("%s is given to %s but already belongs to %s", s, pci_owner_name(owner),
			pci_owner_name(other));
		return -1;
	}
	if (ret == -OWN_EVSBDF) {
		char v[16];

		pci_sbdf_str(vsbdf, v);
		pci_err("%s: virtual SBDF %s is used twice", pci_owner_name(owner), v);
		return -1;
	}
	if (ret) {
		pci_err("cannot record the owner of %s (%s)", s, why);
		return -1;
	}
	pci_host_find(sbdf)->owner = owner;
	pci_host_find(sbdf)->owner_gen = gen;
	return 0;
}

static struct pci_dev *find_named(const struct fdt *fdt, int node, const char *who)
{
	const char *str;
	uint32_t sbdf;
	struct pci_dev *pdev;

	if (fdt_read_string(fdt, node, "tessera,sbdf", &str) || pci_parse_sbdf(str, &sbdf)) {
		pci_err("%s: %s: tessera,sbdf must be a string \"SSSS:BB:DD.F\"", who,
			fdt_node_name(fdt, node));
		return NULL;
	}
	pdev = pci_host_find(sbdf);
	if (!pdev)
		pci_err("%s: there is no PCI function %s on this board", who, str);
	return pdev;
}

static int hidden_device(const struct fdt *fdt, int node)
{
	struct pci_dev *pdev = find_named(fdt, node, "hidden device");
	const char *mode;

	if (!pdev)
		return -1;
	if (pci_hidden_mode_read(fdt, node, &mode)) {
		pci_err(PCI_HIDDEN_MODE_ERROR, fdt_node_name(fdt, node), mode);
		return -1;
	}
	if (pdev->owner == OWNER_DOM_XEN)
		return 0;	/* the console UART, listed again */
	return claim(pdev->f.sbdf, OWNER_DOM_XEN, VSBDF_NONE, "hidden");
}

static int planned_bars(const struct fdt *fdt, int node, struct domain *d,
			struct planned_dev *pd)
{
	const uint8_t *cells;
	int len, i;

	cells = fdt_getprop(fdt, node, "tessera,guest-bars", &len);
	if (!cells)
		return 0;
	if (len <= 0 || len % 12) {
		pci_err("%s: tessera,guest-bars must be <index addr-hi addr-lo> triples", d->name);
		return -1;
	}
	for (i = 0; i < len; i += 12) {
		uint32_t bar = fdt_cells_to_u64(cells + i, 1);
		uint64_t addr = fdt_cells_to_u64(cells + i + 4, 2);
		const struct pci_bar *b = &pd->pdev->f.bar[bar < PCI_MAX_BARS ? bar : 0];

		if (bar >= PCI_MAX_BARS || !b->size || (addr & (b->size - 1))) {
			pci_err("%s: tessera,guest-bars: BAR %u is not a BAR of this function, or 0x%llx is not aligned to its size",
				d->name, bar, (unsigned long long)addr);
			return -1;
		}
		if (b->kind == PCI_BAR_IO &&
		    (addr < GUEST_VPCI_IO_MIN || addr + b->size > GUEST_VPCI_IO_SIZE)) {
			pci_err("%s: tessera,guest-bars: I/O BAR %u at port 0x%llx is outside the guest's I/O window (0x%llx-0x%llx)",
				d->name, bar, (unsigned long long)addr, GUEST_VPCI_IO_MIN,
				GUEST_VPCI_IO_SIZE - 1);
			return -1;
		}
		pd->bars[bar] = addr;
		pd->decode = true;
	}
	return 0;
}

/*
 * The plan may say what it expects at the SBDF (vendor-id, device-id,
 * tessera,bar-sizes = <index size-hi size-lo>...); other hardware there
 * means the plan was made for another board (PLAN-1).
 */
static int hardware_matches(const struct fdt *fdt, int node, struct domain *d,
			    const struct pci_dev *pdev)
{
	struct plan_check pc = { .devs = pdev, .nr = 1 };
	struct plan_expect e = { .vendor = -1, .device = -1 };
	const uint8_t *cells;
	uint32_t v;
	int len, i;

	if (!fdt_read_u32(fdt, node, "vendor-id", &v))
		e.vendor = v;
	if (!fdt_read_u32(fdt, node, "device-id", &v))
		e.device = v;
	cells = fdt_getprop(fdt, node, "tessera,bar-sizes", &len);
	if (cells && (len <= 0 || len % 12)) {
		pci_err("%s: tessera,bar-sizes must be <index size-hi size-lo> triples", d->name);
		return -1;
	}
	for (i = 0; cells && i < len; i += 12) {
		uint32_t bar = fdt_cells_to_u64(cells + i, 1);

		if (bar >= PCI_MAX_BARS) {
			pci_err("%s: tessera,bar-sizes names BAR %u", d->name, bar);
			return -1;
		}
		e.has_size[bar] = true;
		e.bar_size[bar] = fdt_cells_to_u64(cells + i + 4, 2);
	}
	if (plan_check_matches(&pc, pdev, &e)) {
		pci_err("%s: %s", d->name, pc.err);
		return -1;
	}
	return 0;
}

/* HID-2's shared flavour: the blocks of the function's BARs the
 * hypervisor keeps from d (checked with the whole plan, check_guest). */
static int kept_ranges(const struct fdt *fdt, int node, struct domain *d, struct pci_dev *pdev)
{
	int n = pci_kept_read(fdt, node, pdev->kept, VPCI_MAX_KEPT, &pdev->kept_read);

	if (n < 0 || (n && pdev->f.is_vf)) {
		pci_err("%s: %s: tessera,hypervisor-ranges must be at most %d <bar offset size> triples of a function that is not a VF, and tessera,hypervisor-ranges-read one cell beside them",
			d->name, fdt_node_name(fdt, node), VPCI_MAX_KEPT);
		return -1;
	}
	pdev->nr_kept = (uint8_t)n;
	return 0;
}

static int assigned_device(const struct fdt *fdt, int node, struct domain *d,
			   struct guest_pci *gp)
{
	struct planned_dev *pd = &gp->dev[gp->nr_dev];
	const char *str;
	uint32_t vsbdf;
	int n;

	if (gp->nr_dev == MAX_GUEST_PCI) {
		pci_err("%s: more than %d PCI functions", d->name, MAX_GUEST_PCI);
		return -1;
	}
	memset(pd, 0, sizeof(*pd));
	pd->pdev = find_named(fdt, node, d->name);
	if (!pd->pdev)
		return -1;
	if (pci_func_kept_by_hypervisor(&pd->pdev->f)) {
		pci_err("%s: %s %s", d->name, fdt_node_name(fdt, node),
			pci_func_kept_reason(&pd->pdev->f));
		return -1;
	}
	/* Without an IOMMU translating it, the device's DMA uses host
	 * addresses, so the guest's RAM must sit at its host addresses
	 * (docs/architecture.md); the rule is the planner's too
	 * (pci_dma_translated()). */
	if (!d->direct_map && !iommu_isolates_dma()) {
		pci_err("%s: PCI devices can do DMA and there is no IOMMU: " GUEST_UNTRANSLATED_DMA_NEEDS,
			d->name);
		return -1;
	}
	if (!d->direct_map && !pci_host_dma_translated(fdt, pd->pdev->f.sbdf)) {
		char s[16];

		pci_sbdf_str(pd->pdev->f.sbdf, s);
		pci_err("%s: %s is outside the IOMMU's iommu-map, so its DMA is not translated: "
			GUEST_UNTRANSLATED_DMA_NEEDS,
			d->name, s);
		return -1;
	}
	vsbdf = PCI_SBDF(0, 0, gp->nr_dev + 1, 0);
	if (!fdt_read_string(fdt, node, "tessera,guest-sbdf", &str) &&
	    (pci_parse_sbdf(str, &vsbdf) || (vsbdf & 0xffff0007u) || PCI_SBDF_BUS(vsbdf) ||
	     !PCI_SBDF_DEV(vsbdf))) {
		pci_err("%s: tessera,guest-sbdf \"%s\" must be 0000:00:dd.0 with dd from 01 to 1f",
			d->name, str);
		return -1;
	}
	pd->vsbdf = vsbdf;
	if (planned_bars(fdt, node, d, pd) || hardware_matches(fdt, node, d, pd->pdev))
		return -1;
	n = pci_regs_read(fdt, node, "tessera,registers", pd->regs, PLAN_MAX_REGS);
	if (n < 0) {
		pci_err("%s: %s: tessera,registers must be at most %d <bar offset size> triples",
			d->name, fdt_node_name(fdt, node), PLAN_MAX_REGS);
		return -1;
	}
	pd->nr_regs = n;
	if (kept_ranges(fdt, node, d, pd->pdev))
		return -1;
	gp->nr_dev++;
	return claim(pd->pdev->f.sbdf, d->id, vsbdf, d->name);
}

/* ---- checks over the whole plan ---- */

/* A VF has no INTx (its pin is read-only 0 in the SR-IOV spec). */
static unsigned int intx_pin(const struct pci_dev *pdev)
{
	if (pdev->f.is_vf)
		return 0;
	return pci_host_cfg.read(pci_host_cfg.ctx, pdev->f.sbdf, PCI_INTERRUPT_PIN, 1);
}

/* The host line behind a guest function's INTx, and the virtual one. */
static int route_intx(const struct fdt *fdt, struct guest_pci *gp, struct planned_dev *pd)
{
	unsigned int pin = intx_pin(pd->pdev);
	char sa[16];

	pd->host_intid = pd->virt_intid = -1;
	if (pin < 1 || pin > 4)
		return 0;
	if (!pci_host_routes_intx()) {
		if (pci_func_has_msi(&pd->pdev->f))
			return 0;	/* its pin reads 0 (vpci_header.c) */
		pci_sbdf_str(pd->pdev->f.sbdf, sa);
		pci_err("%s has neither MSI nor MSI-X, and the host bridge routes no INTx (no interrupt-map)",
			sa);
		return -1;
	}
	pd->host_intid = pci_host_intx_intid(pd->pdev->f.sbdf, pin);
	if (pd->host_intid < 32 || pd->host_intid >= 1020) {
		pci_sbdf_str(pd->pdev->f.sbdf, sa);
		pci_err("%s: INT%c is not in the host bridge's interrupt-map", sa, 'A' + pin - 1);
		return -1;
	}
	pd->pdev->intx = pd->host_intid;
	pd->pdev->intx_used = true;
	pd->virt_intid = GUEST_VPCI_INTX_IRQ(PCI_SBDF_DEV(pd->vsbdf), pin);
	return 0;
}

static const char *owner_name_cb(void *ctx, uint16_t owner)
{
	return pci_owner_name(owner);
}

/* Scratch for plan_check_all(), used once at boot. */
static struct plan_span check_spans[PCI_HOST_MAX_FUNCS * PLAN_SPANS_PER_FUNC];
static uint32_t check_order[PCI_HOST_MAX_FUNCS];

/*
 * Host and virtual INTx lines of one guest pair up one to one: a
 * virtual line follows one physical line (virq_bind_host), and a
 * physical line raises one virtual line (pci_intx_fired).
 */
static int check_guest(struct plan_check *pc, struct guest_pci *gp)
{
	struct plan_line lines[MAX_GUEST_PCI];
	unsigned int n;

	for (n = 0; n < gp->nr_dev; n++) {
		struct planned_dev *pd = &gp->dev[n];

		if (plan_check_msix_regs(pc, pd->pdev, pd->regs, pd->nr_regs) ||
		    plan_check_kept(pc, pd->pdev, pd->pdev->kept, pd->pdev->nr_kept))
			return -1;
		lines[n] = (struct plan_line){ pd->vsbdf, pd->host_intid, pd->virt_intid };
	}
	return plan_check_guest_lines(pc, gp->d->name, lines, gp->nr_dev,
				      gp->d->uart != GUEST_UART_NONE ? GUEST_VUART_IRQ : -1);
}

_Static_assert(MAX_DOMAINS * MAX_GUEST_PCI <= PLAN_CHECK_MAX_MSI_FUNCS,
	       "every guest function fits plan_check_msi_budget()");

/* Host message vectors for every guest's functions, in attach order. */
static int check_msi_budget(struct plan_check *pc)
{
	static const struct pci_dev *fn[MAX_DOMAINS * MAX_GUEST_PCI];
	unsigned int i, k, n = 0;

	for (i = 0; i < nr_domains; i++)
		for (k = 0; k < guest_pci[i].nr_dev; k++)
			fn[n++] = guest_pci[i].dev[k].pdev;
	return plan_check_msi_budget(pc, fn, n);
}

static int check_plan(const struct fdt *fdt, int console_intid)
{
	struct plan_check pc = {
		.devs = pci_host_devs, .nr = pci_host_nr_devs, .owner_name = owner_name_cb,
		.spans = check_spans, .order = check_order,
	};
	uint32_t console_sbdf;
	unsigned int i, n;

	if (console_pci_function(&console_sbdf) && pci_host_find(console_sbdf)) {
		pci_host_find(console_sbdf)->intx = console_intid;
		pci_host_find(console_sbdf)->intx_used = console_intid >= 0;
	}
	for (i = 0; i < nr_domains; i++)
		for (n = 0; n < guest_pci[i].nr_dev; n++)
			if (route_intx(fdt, &guest_pci[i], &guest_pci[i].dev[n]))
				return -1;
	if (plan_check_all(&pc)) {
		pci_err("%s", pc.err);
		return -1;
	}
	for (i = 0; i < nr_domains; i++)
		if (check_guest(&pc, &guest_pci[i])) {
			pci_err("%s", pc.err);
			return -1;
		}
	if (check_msi_budget(&pc)) {
		pci_err("%s", pc.err);
		return -1;
	}
	return 0;
}

static int plan_domains(const struct fdt *fdt, int chosen)
{
	unsigned int i = 0;
	int dn, n;

	for (dn = fdt_first_child(fdt, chosen); dn >= 0; dn = fdt_next_sibling(fdt, dn)) {
		struct guest_pci *gp;

		if (!fdt_is_compatible(fdt, dn, "xen,domain"))
			continue;
		gp = &guest_pci[i];
		memset(gp, 0, sizeof(*gp));
		gp->d = &domains[i++];
		for (n = fdt_first_child(fdt, dn); n >= 0; n = fdt_next_sibling(fdt, n))
			if (fdt_is_compatible(fdt, n, "tessera,pci-device") &&
			    assigned_device(fdt, n, gp->d, gp))
				return -1;
	}
	return 0;
}

int pci_plan_read(const struct fdt *fdt, int console_intid)
{
	int chosen = fdt_path_offset(fdt, "/chosen"), node;
	uint32_t console_sbdf;
	unsigned int i;

	owner_init(&owners);
	if (pci_host_sriov_error()) {
		pci_err("%s", pci_host_sriov_error());
		return -1;
	}
	if (console_pci_function(&console_sbdf) && pci_host_find(console_sbdf) &&
	    claim(console_sbdf, OWNER_DOM_XEN, VSBDF_NONE, "console"))
		return -1;
	/* A PF the hypervisor drives for its VFs (tessera,vf-macs). */
	for (i = 0; i < pci_host_nr_devs; i++)
		if (pci_host_devs[i].held &&
		    claim(pci_host_devs[i].f.sbdf, OWNER_DOM_XEN, VSBDF_NONE, "serves its VFs"))
			return -1;
	for (node = fdt_first_child(fdt, chosen); node >= 0; node = fdt_next_sibling(fdt, node))
		if (fdt_is_compatible(fdt, node, "tessera,hidden-pci-device") &&
		    hidden_device(fdt, node))
			return -1;
	if (plan_domains(fdt, chosen))
		return -1;
	/* Everything else: bridges and the exit device stay with the
	 * hypervisor, the rest is quarantined (OWN-1). */
	for (i = 0; i < pci_host_nr_devs; i++) {
		struct pci_dev *pdev = &pci_host_devs[i];
		bool kept = pci_func_kept_by_hypervisor(&pdev->f);
		uint16_t who;

		if (owner_lookup(&owners, pdev->f.sbdf, &who) == -OWN_ENOENT &&
		    claim(pdev->f.sbdf, kept ? OWNER_DOM_XEN : OWNER_DOM_IO, VSBDF_NONE,
			  "default"))
			return -1;
	}
	return check_plan(fdt, console_intid);
}

/* The generation is the one owner_reserve() gave (VPCI-7): a name that
 * was undone and taken again meanwhile is not activated by mistake. */
int pci_plan_activate(uint32_t sbdf)
{
	struct pci_dev *pdev = pci_host_find(sbdf);

	return pdev ? owner_activate(&owners, sbdf, pdev->owner_gen) : -1;
}

void pci_plan_undo(uint32_t sbdf)
{
	struct pci_dev *pdev = pci_host_find(sbdf);

	if (pdev)
		owner_undo(&owners, sbdf, pdev->owner_gen);
}
