// SPDX-License-Identifier: GPL-2.0-only
/*
 * The arm64 guest's description: the device tree made offline (by the
 * planner or the loader), checked against the domain and completed with
 * its command line and ramdisk; x0 at entry points at it.
 */
#include "arch.h"

#include "dom0less.h"
#include "domain.h"
#include "arch/gic_compat.h"
#include "lib/fdt.h"
#include "lib/string.h"
#include "printk.h"

/* The tree's GIC must be the one the domain has (the board's version):
 * a GICv3 tree on a GICv2 vGIC, or the reverse, would leave the guest
 * probing registers that are not there. */
static int check_guest_gic(struct domain *d, const struct fdt *g)
{
	bool v2 = fdt_next_compatible(g, -1, GIC_COMPAT_V2) >= 0 ||
		  fdt_next_compatible(g, -1, GIC_COMPAT_V2_A15) >= 0;
	bool v3 = fdt_next_compatible(g, -1, GIC_COMPAT_V3) >= 0;

	if (d->arch.vgic.v2 ? v2 && !v3 : !v2)
		return 0;
	dom_err(d, "guest device tree: its GIC must be %s (this board's GIC is a %s)",
		d->arch.vgic.v2 ? GIC_COMPAT_V2 " or " GIC_COMPAT_V2_A15 : GIC_COMPAT_V3,
		d->arch.vgic.v2 ? "GICv2" : "GICv3");
	return -1;
}

/* The offline guest tree must describe exactly what the domain gets. */
static int check_guest_tree(struct domain *d, const struct fdt *g)
{
	int root = fdt_root(g), cpus, node, nr_mem = 0;
	unsigned int nr_cpus = 0;
	uint64_t a, s;

	for (node = fdt_first_child(g, root); node >= 0; node = fdt_next_sibling(g, node)) {
		const char *type;

		if (fdt_read_string(g, node, "device_type", &type) || strcmp(type, "memory"))
			continue;
		nr_mem++;
		if (fdt_reg_count(g, node) != 1 || fdt_reg(g, node, 0, &a, &s) ||
		    a != d->ram_ipa || s != d->ram_size) {
			dom_err(d, "guest device tree memory is not <0x%llx 0x%llx>",
				(unsigned long long)d->ram_ipa, (unsigned long long)d->ram_size);
			return -1;
		}
	}
	if (nr_mem != 1) {
		dom_err(d, "guest device tree must have one memory node, has %d", nr_mem);
		return -1;
	}
	cpus = fdt_path_offset(g, "/cpus");
	for (node = cpus < 0 ? cpus : fdt_first_child(g, cpus); node >= 0;
	     node = fdt_next_sibling(g, node)) {
		const char *type;

		if (fdt_read_string(g, node, "device_type", &type) || strcmp(type, "cpu"))
			continue;
		if (fdt_reg(g, node, 0, &a, &s) || a >= d->nr_vcpus) {
			dom_err(d, "guest device tree cpu %s has no vCPU", fdt_node_name(g, node));
			return -1;
		}
		nr_cpus++;
	}
	if (nr_cpus != d->nr_vcpus) {
		dom_err(d, "guest device tree has %u CPUs, the domain %u", nr_cpus, d->nr_vcpus);
		return -1;
	}
	return check_guest_gic(d, g);
}

static int patch_chosen(struct domain *d, struct fdt *g, uint64_t rd_ipa)
{
	int chosen = fdt_path_offset(g, "/chosen");
	uint64_t initrd[2] = { rd_ipa, rd_ipa + d->ramdisk.size };

	if (chosen < 0) {
		dom_err(d, "guest device tree has no /chosen");
		return -1;
	}
	if (d->bootargs && fdt_setprop_string(g, chosen, "bootargs", d->bootargs))
		goto nospace;
	if (d->ramdisk.size &&
	    (fdt_setprop_cells(g, chosen, "linux,initrd-start", &initrd[0], 1, 2) ||
	     fdt_setprop_cells(g, chosen, "linux,initrd-end", &initrd[1], 1, 2)))
		goto nospace;
	return 0;
nospace:
	dom_err(d, "cannot update /chosen in the guest device tree");
	return -1;
}

int arch_guest_describe(struct domain *d, uint8_t *ram, const struct kernel_layout *kl,
			uint64_t rd_off, uint64_t desc_off, uint64_t slot_size)
{
	struct fdt g;
	int ret;

	ret = fdt_init(&g, ram + desc_off, slot_size);
	if (ret) {
		dom_err(d, "guest device tree: %s", fdt_strerror(ret));
		return -1;
	}
	if (check_guest_tree(d, &g) || patch_chosen(d, &g, d->ram_ipa + rd_off))
		return -1;
	d->entry_ipa = d->ram_ipa + kl->entry_offset;
	d->dtb_ipa = d->ram_ipa + desc_off;
	arch_dcache_clean(ram + desc_off, fdt_totalsize(&g));
	return 0;
}
