// SPDX-License-Identifier: GPL-2.0-only
#include "dom0less.h"

#include "arch.h"
#include "arch/guest.h"
#include "domain.h"
#include "guest_console.h"
#include "lib/bootinfo.h"
#include "lib/caps.h"
#include "lib/fdt.h"
#include "lib/resmem.h"
#include "lib/static_mem.h"
#include "lib/string.h"
#include "mm.h"
#include "pci_assign.h"
#include "pci_dt.h"
#include "printk.h"

_Static_assert(CAPS_MEM_MAX == GUEST_RAM0_SIZE, "guest RAM fits the guest's RAM bank");


/* Which domain each physical CPU went to, while CPUs are handed out. */
static struct domain *pcpu_owner[MAX_PCPUS];

/* A module's reg must lie inside a file the loader loaded: the tree is
 * input, and must not make us copy our own memory into a guest. */
static bool module_is_loaded(const struct bootinfo *bi, uint64_t pa, uint64_t size)
{
	unsigned int i;

	for (i = 0; i < bi->nr_modules; i++) {
		const struct bootinfo_module *m = &bi->modules[i];

		if (pa >= m->base && size <= m->size && pa - m->base <= m->size - size)
			return true;
	}
	return false;
}

static int read_module(const struct fdt *fdt, int node, struct domain *d,
		       const struct bootinfo *bi, const char *what,
		       struct boot_module *m)
{
	if (fdt_reg(fdt, node, 0, &m->pa, &m->size) || !m->size) {
		dom_err(d, "%s module has no reg (was xen,uefi-binary loaded?)", what);
		return -1;
	}
	if (!module_is_loaded(bi, m->pa, m->size)) {
		dom_err(d, "%s module at 0x%llx size 0x%llx is not a file the loader loaded",
			what, (unsigned long long)m->pa, (unsigned long long)m->size);
		return -1;
	}
	return 0;
}

static int parse_modules(const struct fdt *fdt, int dnode, struct domain *d,
			 const struct bootinfo *bi)
{
	int node, ret = 0;

	for (node = fdt_first_child(fdt, dnode); node >= 0 && !ret;
	     node = fdt_next_sibling(fdt, node)) {
		if (fdt_is_compatible(fdt, node, "multiboot,kernel")) {
			ret = read_module(fdt, node, d, bi, "kernel", &d->kernel);
			if (fdt_read_string(fdt, node, "bootargs", &d->bootargs))
				d->bootargs = NULL;
		} else if (fdt_is_compatible(fdt, node, "multiboot,ramdisk")) {
			ret = read_module(fdt, node, d, bi, "ramdisk", &d->ramdisk);
		} else if (fdt_is_compatible(fdt, node, "multiboot,device-tree")) {
			dom_err(d, "Xen partial device trees (multiboot,device-tree) are not supported; use " GUEST_DESC_COMPAT);
			ret = -1;
		} else if (fdt_is_compatible(fdt, node, GUEST_DESC_COMPAT)) {
			ret = read_module(fdt, node, d, bi, GUEST_DESC_WHAT, &d->dtb);
		}
	}
	if (ret)
		return ret;
	if (!d->kernel.size) {
		dom_err(d, "no multiboot,kernel module");
		return -1;
	}
	if (!d->dtb.size) {
		dom_err(d, "no " GUEST_DESC_COMPAT " module (the guest's " GUEST_DESC_WHAT ", made offline: see docs/bindings.md)");
		return -1;
	}
	return 0;
}

static int parse_static_mem(const struct fdt *fdt, int dnode, struct domain *d)
{
	char why[128], what[RESMEM_WHAT_LEN];
	uint64_t size, rbase, rsize;
	int ret;

	ret = static_mem_read(fdt, dnode, &d->ram_pa, &size, why, sizeof(why));
	if (ret > 0)
		return 0;
	if (ret) {
		dom_err(d, "%s", why);
		return -1;
	}
	if (size != d->ram_size) {
		dom_err(d, "xen,static-mem size differs from memory");
		return -1;
	}
	if (d->ram_pa & (SZ_2M - 1)) {
		dom_err(d, "xen,static-mem must be 2 MiB aligned");
		return -1;
	}
	if (resmem_find(fdt, d->ram_pa, size, &rbase, &rsize, what) > 0) {
		dom_err(d, "xen,static-mem 0x%llx+0x%llx overlaps reserved memory 0x%llx+0x%llx (%s)",
			(unsigned long long)d->ram_pa, (unsigned long long)size,
			(unsigned long long)rbase, (unsigned long long)rsize, what);
		return -1;
	}
	d->static_mem = true;
	return 0;
}

/*
 * Xen's direct-map: guest RAM at its host addresses, so that devices
 * doing DMA with guest addresses reach the right memory without an
 * IOMMU. Needs xen,static-mem, and the RAM must not cover the guest's
 * emulated devices.
 */
static int parse_direct_map(struct domain *d)
{
	if (!d->static_mem) {
		dom_err(d, "direct-map needs xen,static-mem (the host addresses to use)");
		return -1;
	}
	if (!guest_direct_map_fits(d->ram_pa, d->ram_size)) {
		dom_err(d, "direct-map RAM 0x%llx+0x%llx overlaps the guest's emulated devices",
			(unsigned long long)d->ram_pa, (unsigned long long)d->ram_size);
		return -1;
	}
	d->direct_map = true;
	d->ram_ipa = d->ram_pa;
	return 0;
}

/* Xen properties whose meaning we do not provide yet: refuse them rather
 * than boot a guest that is not what its author asked for. */
static const char *const unsupported_props[] = {
	"xen,enhanced", "passthrough",
};

/* The console UART (guest_uart.h, shared with the planner). */
static int parse_uart(const struct fdt *fdt, int dnode, struct domain *d)
{
	const char *why = guest_uart_read(fdt, dnode, &d->uart);

	if (why) {
		dom_err(d, "%s", why);
		return -1;
	}
	return 0;
}

static int parse_domain(const struct fdt *fdt, int dnode, struct domain *d,
			const struct bootinfo *bi)
{
	const char *bad;
	uint64_t kib;
	uint32_t cpus;
	unsigned int i;

	for (i = 0; i < sizeof(unsupported_props) / sizeof(unsupported_props[0]); i++)
		if (fdt_has_prop(fdt, dnode, unsupported_props[i])) {
			dom_err(d, "%s is not supported yet", unsupported_props[i]);
			return -1;
		}

	if (fdt_read_u32(fdt, dnode, "cpus", &cpus) || cpus < 1 || cpus > MAX_VCPUS) {
		dom_err(d, "cpus must be between 1 and %d", MAX_VCPUS);
		return -1;
	}
	d->nr_vcpus = cpus;
	if (fdt_read_u64(fdt, dnode, "memory", &kib)) {
		dom_err(d, "memory (KiB) is missing or malformed");
		return -1;
	}
	if (caps_memory_error(kib)) {
		dom_err(d, "%s", caps_memory_error(kib));
		return -1;
	}
	d->ram_size = kib << 10;
	d->ram_ipa = GUEST_RAM0_BASE;
	if (parse_static_mem(fdt, dnode, d))
		return -1;
	if (fdt_has_prop(fdt, dnode, "direct-map") && parse_direct_map(d))
		return -1;
	if (pci_dma_fault_stops(fdt, dnode, &d->dma_fault_stops, &bad)) {
		dom_err(d, "tessera,dma-fault is \"%s\"; it must be \"report\" or \"stop\"", bad);
		return -1;
	}
	if (parse_uart(fdt, dnode, d))
		return -1;
	return parse_modules(fdt, dnode, d, bi);
}

static int build_domain(struct domain *d, struct mm_pool *pool)
{
	unsigned int i;
	int ret;

	if (d->static_mem) {
		ret = mm_claim(pool, d->ram_pa, d->ram_size);
		if (ret) {
			dom_err(d, "xen,static-mem 0x%llx+0x%llx is not free RAM",
				(unsigned long long)d->ram_pa, (unsigned long long)d->ram_size);
			return -1;
		}
	} else if (mm_alloc(pool, d->ram_size, SZ_2M, &d->ram_pa)) {
		dom_err(d, "not enough free RAM for %llu MiB",
			(unsigned long long)(d->ram_size >> 20));
		return -1;
	}
	if (p2m_init(&d->p2m, pool, d->id) ||
	    p2m_map(&d->p2m, d->ram_ipa, d->ram_pa, d->ram_size, P2M_RAM)) {
		dom_err(d, "cannot build stage-2 tables");
		return -1;
	}
	if (arch_domain_init(d)) {
		dom_err(d, "cannot add the virtual interrupt controller");
		return -1;
	}
	if (guest_console_init(d)) {
		dom_err(d, "cannot add the virtual UART");
		return -1;
	}
	for (i = 0; i < d->nr_vcpus; i++) {
		struct vcpu *v = &d->vcpus[i];

		v->dom = d;
		v->id = i;
		v->power = VCPU_OFF;
		v->pcpu->vcpu = v;
	}
	return domain_reload(d);
}

static uint64_t align_up(uint64_t v, uint64_t a)
{
	return (v + a - 1) & ~(a - 1);
}

/*
 * Guest RAM layout: the kernel where the architecture's boot protocol
 * puts it (arch_kernel_layout; RAM starts 2 MiB aligned), the ramdisk
 * at the next 2 MiB after it, the guest's description (its device tree
 * or ACPI tables, arch_guest_describe) in the top 2 MiB.
 */
int domain_reload(struct domain *d)
{
	uint8_t *ram = (uint8_t *)(uintptr_t)d->ram_pa;
	uint64_t dtb_off = d->ram_size - GUEST_DESC_SLOT, rd_off;
	struct kernel_layout kl = { 0 };

	if (arch_kernel_layout((void *)(uintptr_t)d->kernel.pa, d->kernel.size, &kl)) {
		dom_err(d, "kernel is not an image this architecture boots");
		return -1;
	}
	rd_off = align_up(kl.load_offset + kl.mem_size, SZ_2M);
	if (rd_off + align_up(d->ramdisk.size, SZ_2M) > dtb_off) {
		dom_err(d, "kernel (0x%llx) and ramdisk (0x%llx) do not fit in %llu MiB",
			(unsigned long long)kl.mem_size, (unsigned long long)d->ramdisk.size,
			(unsigned long long)(d->ram_size >> 20));
		return -1;
	}
	if (d->dtb.size > GUEST_DESC_SLOT / 2) {
		dom_err(d, "guest device tree larger than 1 MiB");
		return -1;
	}
	memcpy(ram + kl.load_offset, (uint8_t *)(uintptr_t)d->kernel.pa + kl.file_offset,
	       d->kernel.size - kl.file_offset);
	memset(ram + kl.load_offset + d->kernel.size - kl.file_offset, 0,
	       kl.mem_size - (d->kernel.size - kl.file_offset));
	if (d->ramdisk.size)
		memcpy(ram + rd_off, (void *)(uintptr_t)d->ramdisk.pa, d->ramdisk.size);
	memcpy(ram + dtb_off, (void *)(uintptr_t)d->dtb.pa, d->dtb.size);
	if (arch_guest_describe(d, ram, &kl, rd_off, dtb_off, GUEST_DESC_SLOT))
		return -1;
	/* The guest starts with its MMU and caches off (the description is
	 * the architecture's to clean). */
	arch_dcache_clean(ram + kl.load_offset, kl.mem_size);
	arch_dcache_clean(ram + rd_off, d->ramdisk.size);
	return 0;
}

static int take_pcpu(struct domain *d, unsigned int vcpu, unsigned int p)
{
	if (pcpu_owner[p]) {
		dom_err(d, "physical CPU %u (cpu reg 0x%llx) is already %s's", p,
			(unsigned long long)pcpus[p].hwid, pcpu_owner[p]->name);
		return -1;
	}
	pcpu_owner[p] = d;
	d->vcpus[vcpu].pcpu = &pcpus[p];
	return 0;
}

/*
 * Xen's CPU pools: domain-cpupool = <&pool>, the pool node (compatible
 * "xen,cpupool") lists cpupool-cpus = <&cpu ...>. With static pinning a
 * pool must hold exactly one CPU per vCPU and no other domain's CPUs:
 * vCPU i runs on the pool's i-th CPU.
 */
static int pin_to_pool(const struct fdt *fdt, int dnode, struct domain *d)
{
	const uint8_t *cells;
	uint32_t ph;
	int pool, len;
	unsigned int i, p;

	if (fdt_read_u32(fdt, dnode, "domain-cpupool", &ph) ||
	    (pool = fdt_node_by_phandle(fdt, ph)) < 0 ||
	    !fdt_is_compatible(fdt, pool, "xen,cpupool")) {
		dom_err(d, "domain-cpupool does not name a xen,cpupool node");
		return -1;
	}
	cells = fdt_getprop(fdt, pool, "cpupool-cpus", &len);
	if (!cells || len != (int)(4 * d->nr_vcpus)) {
		dom_err(d, "cpupool %s must list exactly %u CPUs (one per vCPU)",
			fdt_node_name(fdt, pool), d->nr_vcpus);
		return -1;
	}
	for (i = 0; i < d->nr_vcpus; i++) {
		int cpu = fdt_node_by_phandle(fdt, fdt_cells_to_u64(cells + 4 * i, 1));
		uint64_t hwid, size;

		if (cpu < 0 || fdt_reg(fdt, cpu, 0, &hwid, &size)) {
			dom_err(d, "cpupool %s: entry %u is not a CPU", fdt_node_name(fdt, pool), i);
			return -1;
		}
		for (p = 0; p < nr_pcpus && pcpus[p].hwid != hwid; p++)
			;
		if (p == nr_pcpus) {
			dom_err(d, "cpupool %s: %s is not a physical CPU we run on",
				fdt_node_name(fdt, pool), fdt_node_name(fdt, cpu));
			return -1;
		}
		if (take_pcpu(d, i, p))
			return -1;
	}
	return 0;
}

/* Pools first, so that the domains without one cannot take their CPUs;
 * those get the lowest free CPUs, boot CPU first. */
static int assign_cpus(const struct fdt *fdt, int chosen)
{
	unsigned int i, v, p = 0;
	int node;

	for (i = 0, node = fdt_first_child(fdt, chosen); node >= 0;
	     node = fdt_next_sibling(fdt, node)) {
		if (!fdt_is_compatible(fdt, node, "xen,domain"))
			continue;
		if (fdt_has_prop(fdt, node, "domain-cpupool") &&
		    pin_to_pool(fdt, node, &domains[i]))
			return -1;
		i++;
	}
	for (i = 0; i < nr_domains; i++) {
		struct domain *d = &domains[i];

		for (v = 0; v < d->nr_vcpus && !d->vcpus[v].pcpu; v++) {
			while (p < nr_pcpus && pcpu_owner[p])
				p++;
			if (p == nr_pcpus) {
				dom_err(d, "needs %u CPUs but too few of the %u physical CPUs are free",
					d->nr_vcpus, nr_pcpus);
				return -1;
			}
			take_pcpu(d, v, p);
		}
	}
	return 0;
}

int dom0less_create_all(const struct fdt *fdt, const struct bootinfo *bi,
			struct mm_pool *pool)
{
	int chosen = fdt_path_offset(fdt, "/chosen");
	int node;

	if (chosen < 0) {
		printk("tessera: error: the boot device tree has no /chosen node\n");
		return -1;
	}
	for (node = fdt_first_child(fdt, chosen); node >= 0;
	     node = fdt_next_sibling(fdt, node)) {
		struct domain *d;

		if (!fdt_is_compatible(fdt, node, "xen,domain"))
			continue;
		if (caps_name_error(fdt_node_name(fdt, node))) {
			printk("tessera: error: partition: node \"%s\": %s\n", fdt_node_name(fdt, node),
			       caps_name_error(fdt_node_name(fdt, node)));
			return -1;
		}
		d = domain_alloc(fdt_node_name(fdt, node));
		if (!d) {
			if (nr_domains < MAX_DOMAINS)
				printk("tessera: error: partition: two guests are named %s\n",
				       fdt_node_name(fdt, node));
			else
				printk("tessera: error: %s: more than %d domains\n",
				       fdt_node_name(fdt, node), MAX_DOMAINS);
			return -1;
		}
		if (parse_domain(fdt, node, d, bi))
			return -1;
	}
	if (!nr_domains) {
		printk("tessera: error: no xen,domain node under /chosen\n");
		return -1;
	}
	if (assign_cpus(fdt, chosen))
		return -1;
	/* Fixed RAM first, so that a guest placed by the pool cannot take
	 * it, whatever the order of the nodes. */
	for (unsigned int i = 0; i < nr_domains; i++)
		if (domains[i].static_mem && build_domain(&domains[i], pool))
			return -1;
	for (unsigned int i = 0; i < nr_domains; i++)
		if (!domains[i].static_mem && build_domain(&domains[i], pool))
			return -1;
	return 0;
}
