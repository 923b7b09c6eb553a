// SPDX-License-Identifier: GPL-2.0-only
#include "pci_host.h"

#include "arch.h"
#include "igb_pf.h"
#include "lib/fdt.h"
#include "lib/printf.h"
#include "lib/string.h"
#include "owner.h"
#include "pci_dt.h"
#include "pci_inventory.h"
#include "plan_check.h"
#include "printk.h"

struct pci_dev pci_host_devs[PCI_HOST_MAX_FUNCS];
unsigned int pci_host_nr_devs;
static struct pci_func funcs[PCI_HOST_MAX_FUNCS];
static uint32_t bus_up[PCI_NR_BUSES];	/* scratch for pci_dma_streams() */
static int host_node = -1;
/* The tree host_node is in (arch_pci_host_tree()). */
static const struct fdt *host_fdt;

static uintptr_t ecam_base;
static unsigned int ecam_bus0;
/* The host bridge's I/O window (pci_bridge_io_window); size 0: none. */
static uint64_t io_pci, io_cpu, io_size;

/* ECAM: each function has 4 KiB of config space at bus/dev/fn offsets.
 * Accesses keep their size: a read-modify-write of a wider word would
 * write back write-1-to-clear status bits. */
static volatile void *ecam_addr(uint32_t sbdf, unsigned int off)
{
	return (volatile void *)(ecam_base + ((uintptr_t)(PCI_SBDF_BUS(sbdf) - ecam_bus0) << 20) +
				 ((sbdf & 0xff) << 12) + off);
}

static uint32_t ecam_read(void *ctx, uint32_t sbdf, unsigned int off, unsigned int size)
{
	volatile void *a = ecam_addr(sbdf, off);

	if (size == 1)
		return *(volatile uint8_t *)a;
	if (size == 2)
		return *(volatile uint16_t *)a;
	return *(volatile uint32_t *)a;
}

static void ecam_write(void *ctx, uint32_t sbdf, unsigned int off, unsigned int size, uint32_t v)
{
	volatile void *a = ecam_addr(sbdf, off);

	if (size == 1)
		*(volatile uint8_t *)a = v;
	else if (size == 2)
		*(volatile uint16_t *)a = v;
	else
		*(volatile uint32_t *)a = v;
}

static const struct pci_cfg_ops ecam_cfg = { ecam_read, ecam_write, NULL };
/* Set once at boot, before any guest runs. */
struct pci_cfg_ops pci_host_cfg = { ecam_read, ecam_write, NULL };

static void drop_stray_bars(const struct fdt *fdt, struct pci_dev *pdev);
/* Why the plan's SR-IOV could not be set up; pci_plan_read() refuses
 * the plan with it. Set once at boot. */
static char sriov_err[PRINT_LINE_MAX];

static void log_func(const struct pci_func *f)
{
	char line[PRINT_LINE_MAX];
	int i, n;

	n = fmt_snprintf(line, sizeof(line), "%04x:%02x:%02x.%u %04x:%04x class %06x%s",
			 f->sbdf >> 16, PCI_SBDF_BUS(f->sbdf), PCI_SBDF_DEV(f->sbdf),
			 PCI_SBDF_FN(f->sbdf), f->vendor, f->device, f->class,
			 f->header == 1 ? " bridge" : "");
	for (i = 0; i < PCI_MAX_BARS && n < (int)sizeof(line); i++) {
		const struct pci_bar *b = &f->bar[i];

		if (b->size)
			n += fmt_snprintf(line + n, sizeof(line) - n, " %s%s 0x%llx+0x%llx",
					  pci_bar_kind_name(b->kind), b->prefetch ? "-pf" : "",
					  (unsigned long long)b->addr, (unsigned long long)b->size);
	}
	if (f->is_vf && n < (int)sizeof(line))
		fmt_snprintf(line + n, sizeof(line) - n, " VF %u of %02x:%02x.%u", f->vf_index,
			     PCI_SBDF_BUS(f->pf_sbdf), PCI_SBDF_DEV(f->pf_sbdf),
			     PCI_SBDF_FN(f->pf_sbdf));
	printk("tessera: pci %s\n", line);
}

static struct pci_func *find_func(uint32_t sbdf, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (funcs[i].sbdf == sbdf)
			return &funcs[i];
	return NULL;
}

/* The spec's wait between VF Enable and the VFs' first config request. */
static void sriov_wait(void)
{
	uint64_t start = arch_counter();
	uint64_t ticks = arch_counter_freq() / 1000 * PCI_SRIOV_ENABLE_WAIT_MS;

	while (arch_counter() - start < ticks)
		;
}

/* One tessera,sriov-pf node: its VFs enabled and appended to funcs[]. */
static int sriov_node(const struct fdt *fdt, int node, unsigned int *n)
{
	struct plan_check pc = { 0 };
	uint64_t bar_addr[PCI_SRIOV_NUM_BARS];
	struct pci_func *pf;
	unsigned int nr, i;
	uint32_t sbdf;
	char s[16];

	if (pci_sriov_plan_read(fdt, node, &sbdf, &nr, bar_addr, sriov_err, sizeof(sriov_err)))
		return -1;
	pci_sbdf_str(sbdf, s);
	pf = find_func(sbdf, *n);
	if (!pf) {
		fmt_snprintf(sriov_err, sizeof(sriov_err),
			     "%s: there is no PCI function %s on this board",
			     fdt_node_name(fdt, node), s);
		return -1;
	}
	if (pf->sriov.num && pf->sriov.ctrl & PCI_SRIOV_CTRL_VFE) {
		fmt_snprintf(sriov_err, sizeof(sriov_err),
			     "%s: its VFs are enabled already (by firmware, or named twice by tessera,sriov-pf)",
			     s);
		return -1;
	}
	if (plan_check_sriov(&pc, pf, nr, bar_addr)) {
		memcpy(sriov_err, pc.err, sizeof(sriov_err));
		return -1;
	}
	if (*n + nr > PCI_HOST_MAX_FUNCS) {
		fmt_snprintf(sriov_err, sizeof(sriov_err), "%s: %u VFs do not fit in %u functions",
			     s, nr, PCI_HOST_MAX_FUNCS);
		return -1;
	}
	pci_sriov_enable(&pci_host_cfg, pf, nr, bar_addr);
	sriov_wait();
	for (i = 0; i < nr; i++)
		if (pci_sriov_vf(&pci_host_cfg, pf, i, &funcs[(*n)++])) {
			fmt_snprintf(sriov_err, sizeof(sriov_err),
				     "%s: VF %u does not answer after VF Enable", s, i);
			return -1;
		}
	printk("tessera: pci %s: %u SR-IOV VFs enabled\n", s, nr);
	return 0;
}

/* Keep funcs[] in SBDF order, as pci_enumerate() gives it. */
static void sort_funcs(unsigned int n)
{
	unsigned int i, j;

	for (i = 1; i < n; i++)
		for (j = i; j > 0 && funcs[j - 1].sbdf > funcs[j].sbdf; j--) {
			struct pci_func t = funcs[j];

			funcs[j] = funcs[j - 1];
			funcs[j - 1] = t;
		}
}

/*
 * The VFs the plan names (docs/bindings.md, tessera,sriov-pf), enabled
 * before ownership is decided, so that they are functions like any
 * other from here on. A refusal is kept for pci_plan_read().
 */
static unsigned int sriov_setup(const struct fdt *fdt, unsigned int n)
{
	int chosen = fdt_path_offset(fdt, "/chosen"), node;

	sriov_err[0] = 0;
	for (node = chosen < 0 ? -1 : fdt_first_child(fdt, chosen); node >= 0;
	     node = fdt_next_sibling(fdt, node))
		if (fdt_is_compatible(fdt, node, PCI_SRIOV_COMPATIBLE) &&
		    sriov_node(fdt, node, &n))
			break;
	sort_funcs(n);
	return n;
}

/* One tessera,sriov-pf node's tessera,vf-macs: its PF serves the VFs. */
static int sriov_serve_node(const struct fdt *fdt, int node)
{
	uint8_t mac[PCI_SRIOV_MAX_MACS][6];
	struct pci_dev *vf[PCI_SRIOV_MAX_MACS];
	uint64_t bar_addr[PCI_SRIOV_NUM_BARS];
	unsigned int nr, n, i;
	struct pci_dev *pf;
	uint32_t sbdf;
	char s[16];

	if (pci_sriov_plan_read(fdt, node, &sbdf, &nr, bar_addr, sriov_err, sizeof(sriov_err)) ||
	    pci_sriov_macs_read(fdt, node, nr, mac, &n, sriov_err, sizeof(sriov_err)))
		return -1;
	pf = pci_host_find(sbdf);
	if (!n || !pf)
		return 0;
	for (i = 0; i < n; i++)
		vf[i] = pci_sriov_vf_sbdf(&pf->f, i, &sbdf) ? NULL : pci_host_find(sbdf);
	if (igb_pf_serve(pf, vf, n, mac, sriov_err, sizeof(sriov_err)))
		return -1;
	pci_sbdf_str(pf->f.sbdf, s);
	printk("tessera: pci %s: the hypervisor serves its %u VFs' mailbox\n", s, n);
	return 0;
}

/* After the functions are recorded, VFs enabled without an error. */
static void sriov_serve(const struct fdt *fdt)
{
	int chosen = fdt_path_offset(fdt, "/chosen"), node;

	for (node = chosen < 0 ? -1 : fdt_first_child(fdt, chosen);
	     node >= 0 && !sriov_err[0]; node = fdt_next_sibling(fdt, node))
		if (fdt_is_compatible(fdt, node, PCI_SRIOV_COMPATIBLE))
			sriov_serve_node(fdt, node);
}

const char *pci_host_sriov_error(void)
{
	return sriov_err[0] ? sriov_err : NULL;
}

int pci_host_init(const struct fdt *boot)
{
	const struct fdt *fdt = arch_pci_host_tree(boot);
	int node = fdt ? fdt_next_compatible(fdt, -1, "pci-host-ecam-generic") : -1;
	uint64_t base, size;
	unsigned int first = 0, last;
	const uint8_t *range;
	int len;

	if (node < 0)
		return 0;
	if (fdt_reg(fdt, node, 0, &base, &size) || size < (1u << 20)) {
		printk("tessera: warning: %s: no usable ECAM window\n", fdt_node_name(fdt, node));
		return -1;
	}
	last = (size >> 20) - 1;
	range = fdt_getprop(fdt, node, "bus-range", &len);
	if (range && len == 8) {
		first = fdt_cells_to_u64(range, 1);
		last = fdt_cells_to_u64(range + 4, 1);
	}
	/* Never look outside the window, whatever bus-range says. */
	if (last > first + (size >> 20) - 1)
		last = first + (size >> 20) - 1;
	ecam_base = base;
	printk("tessera: pci: ECAM at 0x%llx\n", (unsigned long long)base);
	return pci_host_enumerate(fdt, node, &ecam_cfg, first, last);
}

int pci_host_enumerate(const struct fdt *fdt, int node, const struct pci_cfg_ops *cfg,
		       unsigned int first, unsigned int last)
{
	unsigned int i;

	pci_host_cfg = *cfg;
	ecam_bus0 = first;
	host_node = node;
	host_fdt = fdt;
	if (pci_bridge_io_window(fdt, node, &io_pci, &io_cpu, &io_size))
		io_size = 0;
	pci_host_nr_devs = pci_enumerate(&pci_host_cfg, 0, first, last, funcs,
					 PCI_HOST_MAX_FUNCS);
	if (pci_host_nr_devs > PCI_HOST_MAX_FUNCS) {
		printk("tessera: warning: %u PCI functions, only the first %u kept\n",
		       pci_host_nr_devs, PCI_HOST_MAX_FUNCS);
		pci_host_nr_devs = PCI_HOST_MAX_FUNCS;
	}
	pci_host_nr_devs = sriov_setup(fdt, pci_host_nr_devs);
	printk("tessera: pci: %u functions on buses %02x-%02x\n", pci_host_nr_devs, first, last);
	for (i = 0; i < pci_host_nr_devs; i++) {
		struct pci_dev *pdev = &pci_host_devs[i];

		pdev->f = funcs[i];
		spin_lock_init(&pdev->lock);
		pdev->owner = OWNER_DOM_IO;
		pdev->intx = -1;
		log_func(&pdev->f);
		drop_stray_bars(fdt, pdev);
	}
	pci_dma_streams(fdt, node, first, pci_host_devs, pci_host_nr_devs, bus_up);
	sriov_serve(fdt);
	return 0;
}

/*
 * A BAR is used only if a guest can be given it (pci_bar_usable): a
 * memory BAR in a memory window, untranslated, an I/O BAR in the I/O
 * window. Firmware may leave a BAR, typically a ROM, unassigned
 * or holding a sizing pattern; mapping that into a guest could reach
 * anything, RAM included.
 */
static void drop_stray_bars(const struct fdt *fdt, struct pci_dev *pdev)
{
	unsigned int i;

	for (i = 0; i < PCI_MAX_BARS; i++) {
		struct pci_bar *b = &pdev->f.bar[i];

		if (!b->size || pci_bar_usable(fdt, host_node, b))
			continue;
		if (b->addr)	/* at 0: unassigned, which is no news */
			printk("tessera: pci %02x:%02x.%u: BAR %u at 0x%llx is outside the host bridge's windows; not used\n",
			       PCI_SBDF_BUS(pdev->f.sbdf), PCI_SBDF_DEV(pdev->f.sbdf),
			       PCI_SBDF_FN(pdev->f.sbdf), i, (unsigned long long)b->addr);
		b->size = 0;
		b->kind = PCI_BAR_NONE;
		pdev->f.unusable |= 1u << i;
	}
}

void pci_host_io(uint64_t port, unsigned int size, bool write, uint32_t *val)
{
	if (port < io_pci || size > io_size || port - io_pci > io_size - size) {
		if (!write)
			*val = ~0u;
		return;
	}
	arch_pci_io(io_cpu + (port - io_pci), size, write, val);
}

struct pci_dev *pci_host_find(uint32_t sbdf)
{
	unsigned int i;

	for (i = 0; i < pci_host_nr_devs; i++)
		if (pci_host_devs[i].f.sbdf == sbdf)
			return &pci_host_devs[i];
	return NULL;
}

int pci_host_intx_intid(uint32_t sbdf, unsigned int pin)
{
	if (host_node < 0)
		return -1;
	return pci_intx_route(host_fdt, host_node, funcs, pci_host_nr_devs, ecam_bus0, sbdf, pin);
}

const struct fdt *pci_host_tree(const struct fdt *dflt)
{
	return host_fdt ? host_fdt : dflt;
}

bool pci_host_routes_intx(void)
{
	return host_node >= 0 && pci_bridge_routes_intx(host_fdt, host_node);
}

/* From the stream pci_dma_streams() found at enumeration: a function
 * behind a bridge that forwards its DMA under another id has that id's
 * stream. */
int pci_host_stream_id(const struct fdt *fdt, uint32_t sbdf, uint32_t *sid)
{
	const struct pci_dev *pdev = pci_host_find(sbdf);

	if (host_node < 0 || !pdev || !pdev->dma.has_sid)
		return -1;
	*sid = pdev->dma.sid;
	return 0;
}

bool pci_host_dma_translated(const struct fdt *fdt, uint32_t sbdf)
{
	const struct pci_dev *pdev = pci_host_find(sbdf);

	return pdev && pdev->dma.translated;
}

int pci_host_iommu_max_sid(const struct fdt *fdt, int iommu, uint32_t *max)
{
	/* iommu is a node of fdt, which must hold the host bridge too. */
	if (fdt != host_fdt)
		return -1;
	return pci_iommu_max_sid(fdt, host_node, iommu, max);
}

static void print_line(void *ctx, const char *line)
{
	printk("%s\n", line);
}

void pci_host_print_inventory(void)
{
	static uint8_t pins[PCI_HOST_MAX_FUNCS];
	unsigned int i;

	if (host_node < 0) {
		/* Inside the inventory, which is device-tree source. */
		printk("/* no PCI host bridge (a pci-host-ecam-generic node, or on x86 an ACPI MCFG): no PCI inventory */\n");
		return;
	}
	for (i = 0; i < pci_host_nr_devs; i++)
		pins[i] = pci_host_cfg.read(pci_host_cfg.ctx, funcs[i].sbdf, PCI_INTERRUPT_PIN, 1);
	pci_inventory_write(funcs, pins, pci_host_nr_devs, ecam_bus0,
			    fdt_node_name(host_fdt, host_node), print_line, NULL);
}
