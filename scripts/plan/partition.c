// SPDX-License-Identifier: GPL-2.0-only
/*
 * The partition description: /chosen with Xen's dom0less `xen,domain`
 * nodes (memory in KiB, cpus, vpl011, multiboot,kernel / ramdisk modules
 * naming files with xen,uefi-binary) and our `tessera,pci-device` and
 * `tessera,hidden-pci-device` nodes, without any address.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "guest_uart.h"
#include "lib/static_mem.h"
#include "pci_inventory.h"
#include "plan.h"

/* A module file must exist where the image builder will look; the
 * loader will need its size in pages. */
static int module_file(struct plan *p, const struct plan_domain *d, const char *name)
{
	char path[512];
	unsigned int i;
	struct stat st;

	if (!p->search)
		return 0;
	for (i = 0; p->search[i]; i++) {
		snprintf(path, sizeof(path), "%s/%s", p->search[i], name);
		if (!access(path, R_OK) && !stat(path, &st)) {
			p->file_bytes += ((uint64_t)st.st_size + 0xfff) & ~0xfffull;
			return 0;
		}
	}
	return plan_fail(p, "%s: module file %s not found in the search path", d->name, name);
}

static int read_modules(struct plan *p, int dn, struct plan_domain *d)
{
	const struct fdt *fdt = &p->part;
	int node;

	for (node = fdt_first_child(fdt, dn); node >= 0; node = fdt_next_sibling(fdt, node)) {
		const char **file = NULL;

		if (fdt_is_compatible(fdt, node, "multiboot,kernel"))
			file = &d->kernel;
		else if (fdt_is_compatible(fdt, node, "multiboot,ramdisk"))
			file = &d->ramdisk;
		else
			continue;
		if (fdt_read_string(fdt, node, "xen,uefi-binary", file))
			return plan_fail(p, "%s: module %s has no xen,uefi-binary", d->name,
					 fdt_node_name(fdt, node));
		if (caps_module_name_error(*file))
			return plan_fail(p, "%s: module %s: %s (\"%s\")", d->name,
					 fdt_node_name(fdt, node), caps_module_name_error(*file), *file);
		if (file == &d->kernel && fdt_read_string(fdt, node, "bootargs", &d->bootargs))
			d->bootargs = NULL;
		if (module_file(p, d, *file))
			return -1;
	}
	if (!d->kernel)
		return plan_fail(p, "%s: no multiboot,kernel module", d->name);
	return 0;
}

static int read_sbdf(struct plan *p, int node, const char *prop, const char *who,
		     uint32_t *sbdf)
{
	const char *s;

	if (fdt_read_string(&p->part, node, prop, &s))
		return plan_fail(p, "%s: %s: %s must be a string \"SSSS:BB:DD.F\"", who,
				 fdt_node_name(&p->part, node), prop);
	if (pci_parse_sbdf(s, sbdf))
		return plan_fail(p, "%s: %s: %s = \"%s\" is not \"SSSS:BB:DD.F\" (hexadecimal)",
				 who, fdt_node_name(&p->part, node), prop, s);
	return 0;
}

/* Node names go into the trees and file names the planner writes. */
static int node_name(struct plan *p, const char *who, const char *name)
{
	const char *why = caps_name_error(name);

	if (why)
		return plan_fail(p, "%s: node \"%s\": %s", who, name, why);
	return 0;
}

/* Guests are told apart by name: in the hypervisor's log, the files
 * written here, the console switch. */
static int guest_name(struct plan *p, const char *name)
{
	unsigned int i;

	if (node_name(p, "partition", name))
		return -1;
	for (i = 0; i < p->nr_domains; i++)
		if (!strcmp(p->dom[i].name, name))
			return plan_fail(p, "partition: two guests are named %s", name);
	return 0;
}

/* Which VF of which PF has SBDF sbdf, had the PF its TotalVFs enabled
 * (First VF Offset and VF Stride, pci_sriov_vf_sbdf); -1 if none. */
static int vf_of(const struct plan *p, uint32_t sbdf, uint32_t *pf)
{
	unsigned int i, n;
	uint32_t v;

	for (i = 0; i < p->board.nr_funcs; i++)
		for (n = 0; n < p->board.funcs[i].sriov.total; n++)
			if (!pci_sriov_vf_sbdf(&p->board.funcs[i], n, &v) && v == sbdf) {
				*pf = p->board.funcs[i].sbdf;
				return n;
			}
	return -1;
}

struct plan_sriov *plan_sriov_entry(struct plan *p, uint32_t pf_sbdf)
{
	unsigned int i;

	for (i = 0; i < p->nr_sriov; i++)
		if (p->sriov[i].pf_sbdf == pf_sbdf)
			return &p->sriov[i];
	if (p->nr_sriov == PLAN_MAX_SRIOV)
		return NULL;
	memset(&p->sriov[p->nr_sriov], 0, sizeof(p->sriov[0]));
	p->sriov[p->nr_sriov].pf_sbdf = pf_sbdf;
	return &p->sriov[p->nr_sriov++];
}

/* A VF's local-mac-address: what the hypervisor's PF service gives it
 * (plan_enable_vfs checks the PF's list whole). */
static int read_vf_mac(struct plan *p, const struct plan_domain *d, int node, int vf,
		       struct plan_sriov *e)
{
	const struct fdt *fdt = &p->part;
	const uint8_t *mac;
	int len;

	mac = fdt_getprop(fdt, node, "local-mac-address", &len);
	if (!mac)
		return 0;
	if (len != 6)
		return plan_fail(p, "%s: %s: local-mac-address must be 6 bytes, not %d", d->name,
				 fdt_node_name(fdt, node), len);
	if (vf >= PCI_SRIOV_MAX_MACS)
		return plan_fail(p, "%s: %s: VF %d has a MAC, but the hypervisor serves VFs 0-%d only",
				 d->name, fdt_node_name(fdt, node), vf, PCI_SRIOV_MAX_MACS - 1);
	if (e->has_mac[vf])
		return 0;	/* named twice: decide_owners refuses it */
	e->has_mac[vf] = true;
	memcpy(e->mac[vf], mac, 6);
	e->nr_macs++;
	return 0;
}

/*
 * A VF: tessera,sbdf names its PF with tessera,sriov-vf = <n>, or the VF
 * itself (not in the inventory: VFs are enabled by the plan). Its PF
 * then enables at least n + 1 VFs.
 */
static int read_vf(struct plan *p, const struct plan_domain *d, int node, uint32_t sbdf,
		   struct plan_dev *pd)
{
	const struct fdt *fdt = &p->part;
	struct plan_sriov *e;
	uint32_t n;

	pd->vf = -1;
	if (fdt_has_prop(fdt, node, "tessera,sriov-vf")) {
		if (fdt_read_u32(fdt, node, "tessera,sriov-vf", &n) || n > 0xffff)
			return plan_fail(p, "%s: %s: tessera,sriov-vf must be <VF index>", d->name,
					 fdt_node_name(fdt, node));
		if (plan_find_func(p, sbdf) < 0)
			return 1;
		pd->vf = n;
		pd->pf_sbdf = sbdf;
	} else if (plan_find_func(p, sbdf) < 0) {
		pd->vf = vf_of(p, sbdf, &pd->pf_sbdf);
		if (pd->vf < 0)
			return 1;
	} else {
		return 0;
	}
	e = plan_sriov_entry(p, pd->pf_sbdf);
	if (!e)
		return plan_fail(p, "%s: %s: VFs of more than %d PFs", d->name,
				 fdt_node_name(fdt, node), PLAN_MAX_SRIOV);
	if (e->nr < (unsigned int)pd->vf + 1)
		e->nr = pd->vf + 1;
	return read_vf_mac(p, d, node, pd->vf, e);
}

static int read_devices(struct plan *p, int dn, struct plan_domain *d)
{
	const struct fdt *fdt = &p->part;
	int node;

	for (node = fdt_first_child(fdt, dn); node >= 0; node = fdt_next_sibling(fdt, node)) {
		struct plan_dev *pd = &d->dev[d->nr_dev];
		uint32_t sbdf;
		int fn, nr;

		if (!fdt_is_compatible(fdt, node, "tessera,pci-device"))
			continue;
		if (d->nr_dev == PLAN_MAX_DEVS)
			return plan_fail(p, "%s: more than %d PCI functions", d->name,
					 PLAN_MAX_DEVS);
		if (node_name(p, d->name, fdt_node_name(fdt, node)) ||
		    read_sbdf(p, node, "tessera,sbdf", d->name, &sbdf))
			return -1;
		memset(pd, 0, sizeof(*pd));
		nr = read_vf(p, d, node, sbdf, pd);
		if (nr < 0)
			return -1;
		if (nr > 0)
			return plan_fail(p, "%s: %s: the board has no PCI function %04x:%02x:%02x.%u",
					 d->name, fdt_node_name(fdt, node), sbdf >> 16,
					 PCI_SBDF_BUS(sbdf), PCI_SBDF_DEV(sbdf), PCI_SBDF_FN(sbdf));
		if (pd->vf < 0 && fdt_has_prop(fdt, node, "local-mac-address"))
			return plan_fail(p, "%s: %s: local-mac-address is for a VF only (the hypervisor's igb PF service gives it)",
					 d->name, fdt_node_name(fdt, node));
		/* A VF's SBDF and index are known once its PF's VFs are
		 * enabled (plan_enable_vfs); it has no inventory node. */
		fn = plan_find_func(p, pd->vf >= 0 ? pd->pf_sbdf : sbdf);
		pd->func = fn;
		pd->sbdf = pd->vf >= 0 ? 0 : sbdf;
		nr = pd->vf >= 0 ? 0 : pci_regs_read(&p->board.fdt, p->board.nodes[fn], "tessera,registers", pd->regs,
						      PLAN_MAX_REGS);
		if (nr < 0)
			return plan_fail(p, "board: the inventory node of %04x:%02x:%02x.%u: tessera,registers must be at most %d <bar offset size> triples",
					 sbdf >> 16, PCI_SBDF_BUS(sbdf), PCI_SBDF_DEV(sbdf),
					 PCI_SBDF_FN(sbdf), PLAN_MAX_REGS);
		pd->nr_regs = nr;
		nr = pci_kept_read(fdt, node, pd->kept, VPCI_MAX_KEPT, &pd->kept_read);
		if (nr < 0 || (nr && pd->vf >= 0))
			return plan_fail(p, "%s: %s: tessera,hypervisor-ranges must be at most %d <bar offset size> triples of a function that is not a VF, and tessera,hypervisor-ranges-read one cell beside them",
					 d->name, fdt_node_name(fdt, node), VPCI_MAX_KEPT);
		pd->nr_kept = nr;
		pd->node = fdt_node_name(fdt, node);
		pd->vsbdf = 0;
		if (fdt_has_prop(fdt, node, "tessera,guest-sbdf") &&
		    read_sbdf(p, node, "tessera,guest-sbdf", d->name, &pd->vsbdf))
			return -1;
		d->nr_dev++;
	}
	return 0;
}

/* xen,static-mem (either of Xen's forms): the guest's RAM, fixed. */
static int read_static_mem(struct plan *p, int dn, struct plan_domain *d)
{
	char why[160];
	uint64_t size;
	int ret = static_mem_read(&p->part, dn, &d->ram_pa, &size, why, sizeof(why));

	if (ret > 0)
		return 0;
	if (ret)
		return plan_fail(p, "%s: %s", d->name, why);
	if (size != d->mem)
		return plan_fail(p, "%s: xen,static-mem size 0x%llx differs from memory (0x%llx bytes)",
				 d->name, (unsigned long long)size, (unsigned long long)d->mem);
	if (d->ram_pa & (SZ_2MB - 1))
		return plan_fail(p, "%s: xen,static-mem 0x%llx must be 2 MiB aligned", d->name,
				 (unsigned long long)d->ram_pa);
	d->static_mem = true;
	return 0;
}

/* The board CPU a cpupool-cpus entry names, by its reg (MPIDR). */
static int pool_cpu(struct plan *p, struct plan_domain *d, unsigned int i, const uint8_t *cells)
{
	const struct fdt *fdt = &p->part;
	int cpu = fdt_node_by_phandle(fdt, fdt_cells_to_u64(cells + 4 * i, 1));
	uint64_t mpidr, size;
	unsigned int c;

	if (cpu < 0 || fdt_reg(fdt, cpu, 0, &mpidr, &size))
		return plan_fail(p, "%s: cpupool %s: entry %u is not a CPU node with a reg",
				 d->name, d->pool, i);
	for (c = 0; c < p->board.nr_cpus && p->board.cpus[c].mpidr != mpidr; c++)
		;
	if (c == p->board.nr_cpus)
		return plan_fail(p, "%s: cpupool %s: %s (reg 0x%llx) is not one of the board's CPUs",
				 d->name, d->pool, fdt_node_name(fdt, cpu),
				 (unsigned long long)mpidr);
	d->cpu[i] = c;
	return 0;
}

/* domain-cpupool: vCPU i on the pool's i-th CPU, as the hypervisor does. */
static int read_cpupool(struct plan *p, int dn, struct plan_domain *d)
{
	const struct fdt *fdt = &p->part;
	const uint8_t *cells;
	uint32_t ph;
	int pool, len;
	unsigned int i;

	if (!fdt_has_prop(fdt, dn, "domain-cpupool"))
		return 0;
	if (fdt_read_u32(fdt, dn, "domain-cpupool", &ph) ||
	    (pool = fdt_node_by_phandle(fdt, ph)) < 0 || !fdt_is_compatible(fdt, pool, "xen,cpupool"))
		return plan_fail(p, "%s: domain-cpupool does not name a xen,cpupool node", d->name);
	d->pool = fdt_node_name(fdt, pool);
	cells = fdt_getprop(fdt, pool, "cpupool-cpus", &len);
	if (!cells || len != (int)(4 * d->nr_vcpus))
		return plan_fail(p, "%s: cpupool %s must list exactly %u CPUs (one per vCPU)",
				 d->name, d->pool, d->nr_vcpus);
	for (i = 0; i < d->nr_vcpus; i++)
		if (pool_cpu(p, d, i, cells))
			return -1;
	d->pinned = true;
	return 0;
}

static int read_domain(struct plan *p, int dn)
{
	const struct fdt *fdt = &p->part;
	struct plan_domain *d;
	enum guest_uart uart;
	const char *bad;
	uint64_t kib;
	uint32_t cpus;

	if (p->nr_domains == PLAN_MAX_DOMAINS)
		return plan_fail(p, "more than %d guests", PLAN_MAX_DOMAINS);
	if (guest_name(p, fdt_node_name(fdt, dn)))
		return -1;
	d = &p->dom[p->nr_domains++];
	memset(d, 0, sizeof(*d));
	snprintf(d->name, sizeof(d->name), "%s", fdt_node_name(fdt, dn));
	if (fdt_read_u32(fdt, dn, "cpus", &cpus) || cpus < 1 || cpus > PLAN_MAX_VCPUS)
		return plan_fail(p, "%s: cpus must be between 1 and %d", d->name, PLAN_MAX_VCPUS);
	d->nr_vcpus = cpus;
	if (fdt_read_u64(fdt, dn, "memory", &kib))
		return plan_fail(p, "%s: memory (KiB) is missing or malformed", d->name);
	if (caps_memory_error(kib))
		return plan_fail(p, "%s: %s", d->name, caps_memory_error(kib));
	d->mem = kib << 10;
	/* The hypervisor's own check (guest_uart.h), the same words. */
	bad = guest_uart_read(fdt, dn, &uart);
	if (bad)
		return plan_fail(p, "%s: %s", d->name, bad);
	d->uart = uart;
	d->direct_map = fdt_has_prop(fdt, dn, "direct-map");
	/* The hypervisor's own check (kernel/dom0less.c), the same words. */
	if (pci_dma_fault_stops(fdt, dn, &d->dma_fault_stops, &bad))
		return plan_fail(p, "%s: tessera,dma-fault is \"%s\"; it must be \"report\" or \"stop\"",
				 d->name, bad);
	return read_static_mem(p, dn, d) || read_cpupool(p, dn, d) || read_modules(p, dn, d) ||
	       read_devices(p, dn, d) ? -1 : 0;
}

static int read_partition(struct plan *p, const char *path)
{
	const char *out;
	int chosen, node;

	chosen = fdt_path_offset(&p->part, "/chosen");
	if (chosen < 0)
		return plan_fail(p, "%s: no /chosen node", path);
	if (!fdt_read_string(&p->part, chosen, "stdout-path", &out))
		snprintf(p->console, sizeof(p->console), "%s", out);
	/* The hypervisor's own check (iommu/iommu.c), the same words. */
	if (pci_quarantine_mode(&p->part, &p->quarantine, &out))
		return plan_fail(p, "/chosen/tessera,iommu-quarantine is \"%s\"; it must be \"abort\" or \"scratch-page\"",
				 out);
	for (node = fdt_first_child(&p->part, chosen); node >= 0;
	     node = fdt_next_sibling(&p->part, node)) {
		if (fdt_is_compatible(&p->part, node, "xen,domain")) {
			if (read_domain(p, node))
				return -1;
		} else if (fdt_is_compatible(&p->part, node, "tessera,hidden-pci-device")) {
			if (pci_hidden_mode_read(&p->part, node, &out))
				return plan_fail(p, PCI_HIDDEN_MODE_ERROR,
						 fdt_node_name(&p->part, node), out);
			if (p->nr_hidden == PLAN_MAX_HIDDEN)
				return plan_fail(p, "more than %d hidden devices", PLAN_MAX_HIDDEN);
			if (read_sbdf(p, node, "tessera,sbdf", "hidden device",
				      &p->hidden[p->nr_hidden++]))
				return -1;
		}
	}
	if (!p->nr_domains)
		return plan_fail(p, "%s: no xen,domain node under /chosen", path);
	return 0;
}

int plan_partition_load(struct plan *p, const char *path)
{
	return plan_load_dtb(p, path, &p->part, &p->part_blob) || read_partition(p, path) ?
	       -1 : 0;
}

int plan_partition_load_mem(struct plan *p, const void *data, size_t size)
{
	return plan_use_dtb(p, "partition", data, size, &p->part, &p->part_blob) ||
	       read_partition(p, "partition") ? -1 : 0;
}
