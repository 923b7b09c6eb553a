/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Guests from the boot device tree, in Xen's dom0less binding: every
 * /chosen child with compatible "xen,domain" is a guest (memory in KiB,
 * cpus, vpl011, xen,static-mem, and multiboot,kernel / multiboot,ramdisk
 * module nodes whose reg the loader filled in). The guest's own device
 * tree is made offline (a "tessera,guest-device-tree" module); the
 * hypervisor checks it against the domain and sets only /chosen
 * bootargs and the initrd range, which are known at boot.
 */
#ifndef TESSERA_DOM0LESS_H
#define TESSERA_DOM0LESS_H

struct bootinfo;
struct domain;
struct fdt;
struct mm_pool;

/* Parse and build every domain. All or nothing: on any error, one
 * message naming the domain and the problem, and no guest is built. */
int dom0less_create_all(const struct fdt *fdt, const struct bootinfo *bi,
			struct mm_pool *pool);
/* One error line naming the domain, as every refusal of a domain says. */
#define dom_err(d, fmt, ...) \
	printk("tessera: error: %s: " fmt "\n", (d)->name, ##__VA_ARGS__)

/* (Re)load kernel, ramdisk and device tree into the domain's RAM. */
int domain_reload(struct domain *d);

#endif
