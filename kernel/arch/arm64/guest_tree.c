// SPDX-License-Identifier: GPL-2.0-only
/*
 * The arm64 guest device tree (arch/guest_tree.h), for the guest ABI in
 * arch/guest.h. Node and property order is fixed: the same description
 * gives the same bytes (PLAN-3).
 */
#include "arch/guest_tree.h"

#include "arch/gic_compat.h"
#include "arch/guest.h"
#include "lib/fdt.h"
#include "lib/fdt_write.h"
#include "lib/printf.h"

#define PH_GIC		1
#define PH_UARTCLK	2
#define PH_ITS		3
#define GIC_SPI		0
#define GIC_PPI		1
#define IRQ_LEVEL_HIGH	4
#define TIMER_FLAGS	0x308	/* level, low; the CPU mask is GICv2's only */
#define IRQ_LEVEL_LOW	8
#define PPI_CPUS_SHIFT	8	/* GICv2: the CPUs a PPI is wired to */

#define STRS(s)		s, sizeof(s)	/* a string list literal and its length */

static void reg64(struct fdtw *w, const uint64_t *v, unsigned int n)
{
	uint32_t cells[8];
	unsigned int i;

	for (i = 0; i < n; i++) {
		cells[2 * i] = v[i] >> 32;
		cells[2 * i + 1] = (uint32_t)v[i];
	}
	fdtw_prop_cells(w, "reg", cells, 2 * n);
}

static void node_at(struct fdtw *w, const char *name, uint64_t addr)
{
	char s[48];

	fmt_snprintf(s, sizeof(s), "%s@%llx", name, (unsigned long long)addr);
	fdtw_begin_node(w, s);
}

static void memory_node(struct fdtw *w, const struct guest_tree_desc *d)
{
	uint64_t reg[2] = { d->ram_base, d->ram_size };

	node_at(w, "memory", d->ram_base);
	fdtw_prop_string(w, "device_type", "memory");
	reg64(w, reg, 2);
	fdtw_end_node(w);
}

static void cpus_node(struct fdtw *w, const struct guest_tree_desc *d)
{
	unsigned int v;

	fdtw_begin_node(w, "cpus");
	fdtw_prop_u32(w, "#address-cells", 1);
	fdtw_prop_u32(w, "#size-cells", 0);
	for (v = 0; v < d->nr_vcpus; v++) {
		node_at(w, "cpu", v);
		fdtw_prop_string(w, "device_type", "cpu");
		fdtw_prop_string(w, "compatible", "arm,armv8");
		fdtw_prop_u32(w, "reg", v);
		fdtw_prop_string(w, "enable-method", "psci");
		fdtw_end_node(w);
	}
	fdtw_end_node(w);
}

/* The guest's vITS (guests that own PCI functions). */
static void its_node(struct fdtw *w)
{
	uint64_t reg[2] = { GUEST_GITS_BASE, GUEST_GITS_SIZE };

	node_at(w, "msi-controller", GUEST_GITS_BASE);
	fdtw_prop_string(w, "compatible", "arm,gic-v3-its");
	fdtw_prop_empty(w, "msi-controller");
	fdtw_prop_u32(w, "#msi-cells", 1);
	reg64(w, reg, 2);
	fdtw_prop_u32(w, "phandle", PH_ITS);
	fdtw_end_node(w);
}

/* A GICv3: distributor and the vCPUs' redistributors; the vITS under it. */
static void gic_v3_node(struct fdtw *w, const struct guest_tree_desc *d)
{
	uint64_t gic[4] = { GUEST_GICD_BASE, GUEST_GICD_SIZE, GUEST_GICR_BASE,
			    GUEST_GICR_STRIDE * d->nr_vcpus };

	node_at(w, "interrupt-controller", GUEST_GICD_BASE);
	fdtw_prop_string(w, "compatible", GIC_COMPAT_V3);
	fdtw_prop_u32(w, "#interrupt-cells", 3);
	/* The vITS is a child of the GIC: addresses as the root's. */
	fdtw_prop_u32(w, "#address-cells", d->vpci ? 2 : 0);
	if (d->vpci) {
		fdtw_prop_u32(w, "#size-cells", 2);
		fdtw_prop_empty(w, "ranges");
	}
	fdtw_prop_empty(w, "interrupt-controller");
	fdtw_prop_u32(w, "#redistributor-regions", 1);
	reg64(w, gic, 4);
	fdtw_prop_u32(w, "phandle", PH_GIC);
	if (d->vpci)
		its_node(w);
	fdtw_end_node(w);
}

/* A GICv2: distributor and CPU interface only. The hypervisor's GICH
 * and GICV and its maintenance interrupt are not the guest's business. */
static void gic_v2_node(struct fdtw *w, const struct guest_tree_desc *d)
{
	uint64_t gic[4] = { GUEST_GICD_BASE, GUEST_GICV2_GICD_SIZE, GUEST_GICC_BASE,
			    GUEST_GICC_SIZE };

	node_at(w, "interrupt-controller", GUEST_GICD_BASE);
	fdtw_prop_string(w, "compatible", GIC_COMPAT_V2);
	fdtw_prop_u32(w, "#interrupt-cells", 3);
	/* Two cells as the vPCI bridge's interrupt-map has them. */
	fdtw_prop_u32(w, "#address-cells", d->vpci ? 2 : 0);
	fdtw_prop_empty(w, "interrupt-controller");
	reg64(w, gic, 4);
	fdtw_prop_u32(w, "phandle", PH_GIC);
	fdtw_end_node(w);
}

static void psci_gic_timer(struct fdtw *w, const struct guest_tree_desc *d)
{
	uint32_t flags = d->irqchip_v2 ?
		((1u << d->nr_vcpus) - 1) << PPI_CPUS_SHIFT | IRQ_LEVEL_LOW : TIMER_FLAGS;
	uint32_t timer[12] = { GIC_PPI, 13, flags, GIC_PPI, 14, flags,
			       GIC_PPI, 11, flags, GIC_PPI, 10, flags };

	fdtw_begin_node(w, "psci");
	fdtw_prop_strings(w, "compatible", STRS("arm,psci-1.0\0arm,psci-0.2"));
	fdtw_prop_string(w, "method", "hvc");
	fdtw_end_node(w);

	if (d->irqchip_v2)
		gic_v2_node(w, d);
	else
		gic_v3_node(w, d);

	fdtw_begin_node(w, "timer");
	fdtw_prop_string(w, "compatible", "arm,armv8-timer");
	fdtw_prop_cells(w, "interrupts", timer, 12);
	fdtw_end_node(w);
}

static void vpl011_nodes(struct fdtw *w)
{
	uint64_t reg[2] = { GUEST_VUART_BASE, GUEST_VUART_SIZE };
	uint32_t irq[3] = { GIC_SPI, GUEST_VUART_IRQ - 32, IRQ_LEVEL_HIGH };
	uint32_t clocks[2] = { PH_UARTCLK, PH_UARTCLK };

	fdtw_begin_node(w, "clock-24mhz");
	fdtw_prop_string(w, "compatible", "fixed-clock");
	fdtw_prop_u32(w, "#clock-cells", 0);
	fdtw_prop_u32(w, "clock-frequency", 24000000);
	fdtw_prop_u32(w, "phandle", PH_UARTCLK);
	fdtw_end_node(w);

	node_at(w, "pl011", GUEST_VUART_BASE);
	fdtw_prop_strings(w, "compatible", STRS("arm,pl011\0arm,primecell"));
	reg64(w, reg, 2);
	fdtw_prop_cells(w, "interrupts", irq, 3);
	fdtw_prop_cells(w, "clocks", clocks, 2);
	fdtw_prop_strings(w, "clock-names", STRS("uartclk\0apb_pclk"));
	fdtw_end_node(w);
}

/* INTx of slots 0-3, pins A-D, to the SPIs of arch/guest.h; the GIC's
 * unit address (two cells, its #address-cells) is 0. */
static void vpci_interrupt_map(struct fdtw *w)
{
	uint32_t map[16 * 10], mask[4] = { 0x1800, 0, 0, 7 };
	unsigned int slot, pin, n = 0;

	for (slot = 0; slot < 4; slot++) {
		for (pin = 1; pin <= 4; pin++) {
			uint32_t e[10] = { slot << 11, 0, 0, pin, PH_GIC, 0, 0, GIC_SPI,
					   GUEST_VPCI_INTX_IRQ(slot, pin) - 32, IRQ_LEVEL_HIGH };
			unsigned int i;

			for (i = 0; i < 10; i++)
				map[n++] = e[i];
		}
	}
	fdtw_prop_cells(w, "interrupt-map-mask", mask, 4);
	fdtw_prop_cells(w, "interrupt-map", map, n);
}

static void vpci_node(struct fdtw *w, const struct guest_tree_desc *d)
{
	uint64_t reg[2] = { GUEST_VPCI_ECAM_BASE, GUEST_VPCI_ECAM_SIZE };
	uint32_t bus[2] = { 0, 0 }, msi_map[4] = { 0, PH_ITS, 0, 0x10000 };
	/* I/O (ports from 0, forwarded: vpci_io_access()), 32-bit and
	 * 64-bit prefetchable memory, as vpci.dtsi has them. */
	uint32_t ranges[21] = {
		0x01000000, 0, 0, 0, (uint32_t)GUEST_VPCI_IO_BASE, 0, (uint32_t)GUEST_VPCI_IO_SIZE,
		0x02000000, 0, (uint32_t)GUEST_VPCI_MEM_BASE, 0, (uint32_t)GUEST_VPCI_MEM_BASE,
		0, (uint32_t)GUEST_VPCI_MEM_SIZE,
		0x43000000, GUEST_VPCI_MEM64_BASE >> 32, 0, GUEST_VPCI_MEM64_BASE >> 32, 0,
		GUEST_VPCI_MEM64_SIZE >> 32, 0,
	};

	node_at(w, "pcie", GUEST_VPCI_ECAM_BASE);
	fdtw_prop_string(w, "compatible", "pci-host-ecam-generic");
	fdtw_prop_string(w, "device_type", "pci");
	fdtw_prop_u32(w, "#address-cells", 3);
	fdtw_prop_u32(w, "#size-cells", 2);
	fdtw_prop_u32(w, "#interrupt-cells", 1);
	reg64(w, reg, 2);
	fdtw_prop_cells(w, "bus-range", bus, 2);
	fdtw_prop_u32(w, "linux,pci-domain", 0);
	fdtw_prop_empty(w, "dma-coherent");
	fdtw_prop_cells(w, "ranges", ranges, 21);
	vpci_interrupt_map(w);
	if (!d->irqchip_v2)	/* a GICv2 guest has no vITS: INTx only */
		fdtw_prop_cells(w, "msi-map", msi_map, 4);	/* DeviceID = requester id */
	fdtw_end_node(w);
}

void guest_tree_board(struct guest_tree_desc *d, const struct fdt *board)
{
	/* As the host driver chooses (gic.c): a GICv3 node wins. */
	d->irqchip_v2 = fdt_next_compatible(board, -1, GIC_COMPAT_V3) < 0 &&
			(fdt_next_compatible(board, -1, GIC_COMPAT_V2) >= 0 ||
			 fdt_next_compatible(board, -1, GIC_COMPAT_V2_A15) >= 0);
}

int guest_tree_build(const struct guest_tree_desc *d, void *buf, size_t size)
{
	struct fdtw w;
	char path[32];

	if (d->nr_vcpus < 1 || d->nr_vcpus > GUEST_TREE_MAX_VCPUS)
		return -FDT_ERR_BADVALUE;
	fdtw_init(&w, buf, size);
	fdtw_begin_node(&w, "");
	fdtw_prop_u32(&w, "#address-cells", 2);
	fdtw_prop_u32(&w, "#size-cells", 2);
	fdtw_prop_string(&w, "compatible", "tessera,guest");
	fdtw_prop_u32(&w, "interrupt-parent", PH_GIC);
	memory_node(&w, d);
	cpus_node(&w, d);
	psci_gic_timer(&w, d);
	if (d->vpl011)
		vpl011_nodes(&w);
	if (d->vpci)
		vpci_node(&w, d);
	fdtw_begin_node(&w, "chosen");
	if (d->vpl011) {
		fmt_snprintf(path, sizeof(path), "/pl011@%llx", (unsigned long long)GUEST_VUART_BASE);
		fdtw_prop_string(&w, "stdout-path", path);
	}
	fdtw_prop_string(&w, "bootargs", "");
	fdtw_end_node(&w);
	fdtw_end_node(&w);
	return fdtw_finish(&w);
}
