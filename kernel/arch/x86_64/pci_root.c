// SPDX-License-Identifier: GPL-2.0-only
/*
 * The host PCI bridge on x86 (arch.h: arch_pci_host_tree). ACPI, not a
 * device tree, describes it: its config space is the MCFG's ECAM window
 * and its address windows are the descriptors of its _CRS in the DSDT.
 * No AML is run; the root bridge's _CRS is recognised as the resource
 * template named _CRS whose bus-number range starts at the MCFG's first
 * bus. QEMU's q35 (and much firmware) writes it as a Name; a _CRS that a
 * method computes is not read, and the bridge then has no windows, so
 * none of its BARs can be used (said at boot).
 *
 * What is found becomes the pci-host-ecam-generic node the shared code
 * reads (vpci/pci_host.c), and make inspect prints the same node for the
 * planner (docs/planner.md, "x86 boards").
 */
#include "arch.h"

#include "acpi.h"
#include "lib/bootinfo.h"
#include "lib/fdt.h"
#include "lib/fdt_write.h"
#include "lib/printf.h"
#include "arch/io.h"
#include "amd_vi.h"
#include "lib/string.h"
#include "mmu.h"
#include "pci_root.h"
#include "printk.h"

#define AML_NAME_OP	0x08
#define AML_BUFFER_OP	0x11
#define AML_BYTE_PREFIX	0x0a
#define AML_WORD_PREFIX	0x0b
#define AML_DWORD_PREFIX 0x0c
#define RES_LARGE	0x80
#define RES_END		0x0f	/* small item: end tag */
#define RES_DWORD_ADDR	0x07	/* large items: address space descriptors */
#define RES_WORD_ADDR	0x08
#define RES_QWORD_ADDR	0x0a
#define RES_SPACE_MEM	0
#define RES_SPACE_IO	1
#define RES_SPACE_BUS	2
#define RES_CONSUMER	(1u << 0)	/* general flags: not a window */
#define MAX_WINDOWS	8
#define CELLS		7	/* a ranges entry: PCI 3, CPU 2, size 2 */
#define PHYS_IO		0x01000000u
#define PHYS_MEM32	0x02000000u
#define PHYS_MEM64	0x03000000u
#define IOMMU_PHANDLE	1
#define IOMMU_REG_SIZE	0x80000		/* AMD-Vi's registers, all features */

struct pci_root {
	struct acpi_ecam ecam;
	struct acpi_iommu iommu;	/* base 0: none */
	bool bus_seen;
	unsigned int bus_min, bus_max;
	uint64_t io_min, io_max;	/* the I/O windows' hull */
	bool io_seen;
	unsigned int nr_ranges;
	uint32_t ranges[(MAX_WINDOWS + 1) * CELLS];
};

static struct pci_root root;

static uint64_t le(const uint8_t *p, unsigned int bytes)
{
	uint64_t v = 0;

	while (bytes--)
		v = v << 8 | p[bytes];
	return v;
}

static void add_range(struct pci_root *r, uint32_t hi, uint64_t pci, uint64_t cpu, uint64_t size)
{
	uint32_t *c = &r->ranges[r->nr_ranges++ * CELLS];

	c[0] = hi;
	c[1] = pci >> 32;
	c[2] = (uint32_t)pci;
	c[3] = cpu >> 32;
	c[4] = (uint32_t)cpu;
	c[5] = size >> 32;
	c[6] = (uint32_t)size;
}

/* One address space descriptor: fields of w bytes after 3 of type and
 * flags (granularity, minimum, maximum, translation, length). */
static void address_space(struct pci_root *r, const uint8_t *d, unsigned int len, unsigned int w)
{
	uint64_t min, max, tra;

	if (len < 3 + 5 * w || (d[1] & RES_CONSUMER))
		return;
	min = le(d + 3 + w, w);
	max = le(d + 3 + 2 * w, w);
	tra = le(d + 3 + 3 * w, w);
	if (max < min)
		return;
	if (d[0] == RES_SPACE_BUS) {
		r->bus_seen = true;
		r->bus_min = (unsigned int)min;
		r->bus_max = (unsigned int)max;
	} else if (d[0] == RES_SPACE_IO && !tra) {
		r->io_min = r->io_seen && r->io_min < min ? r->io_min : min;
		r->io_max = r->io_seen && r->io_max > max ? r->io_max : max;
		r->io_seen = true;
	} else if (d[0] == RES_SPACE_MEM && r->nr_ranges < MAX_WINDOWS && min + tra >= min) {
		add_range(r, max + tra < (1ull << 32) ? PHYS_MEM32 : PHYS_MEM64, min, min + tra,
			  max - min + 1);
	}
}

/* A resource template (ACPI 6.5 section 6.4) into r: 0 if it is well
 * formed up to its end tag, -1 if not. */
static int read_template(struct pci_root *r, const uint8_t *p, uint32_t n)
{
	static const uint8_t width[16] = { [RES_WORD_ADDR] = 2, [RES_DWORD_ADDR] = 4,
					   [RES_QWORD_ADDR] = 8 };
	uint32_t off = 0, len;

	while (off < n) {
		if (!(p[off] & RES_LARGE)) {
			if (((p[off] >> 3) & 0xf) == RES_END)
				return 0;
			off += 1 + (p[off] & 7);
			continue;
		}
		if (n - off < 3)
			return -1;
		len = le(p + off + 1, 2);
		if (len > n - off - 3)
			return -1;
		if ((p[off] & 0x7f) < 16 && width[p[off] & 0x7f])
			address_space(r, p + off + 3, len, width[p[off] & 0x7f]);
		off += 3 + len;
	}
	return -1;
}

/* Name (_CRS, Buffer (size) {bytes}) at aml[i]: the bytes and 0, or -1. */
static int crs_buffer(const uint8_t *aml, uint32_t n, uint32_t i, const uint8_t **bytes,
		      uint32_t *len)
{
	uint32_t p = i + 6, follow, pkg, end;
	unsigned int k;

	if (n - i < 8 || aml[i] != AML_NAME_OP || memcmp(aml + i + 1, "_CRS", 4) ||
	    aml[i + 5] != AML_BUFFER_OP)
		return -1;
	follow = aml[p] >> 6;
	pkg = follow ? aml[p] & 0x0f : aml[p] & 0x3f;
	if (n - p <= follow)
		return -1;
	for (k = 0; k < follow; k++)
		pkg |= (uint32_t)aml[p + 1 + k] << (4 + 8 * k);
	end = p + pkg;
	p += 1 + follow;
	if (end > n || end <= p)
		return -1;
	/* BufferSize: a byte, word or dword constant. */
	if (aml[p] == AML_BYTE_PREFIX)
		p += 2;
	else if (aml[p] == AML_WORD_PREFIX)
		p += 3;
	else if (aml[p] == AML_DWORD_PREFIX)
		p += 5;
	else
		return -1;
	if (p >= end)
		return -1;
	*bytes = aml + p;
	*len = end - p;
	return 0;
}

static int find_root_crs(struct pci_root *r)
{
	const uint8_t *aml = NULL, *t;
	uint32_t n = 0, i, len;
	struct pci_root c;

	aml = acpi_dsdt_aml(&n);
	for (i = 0; aml && i < n; i++) {
		if (crs_buffer(aml, n, i, &t, &len))
			continue;
		c = *r;
		if (!read_template(&c, t, len) && c.bus_seen && c.bus_min == r->ecam.bus_start) {
			*r = c;
			return 0;
		}
	}
	return -1;
}

/* AMD-Vi as a node of the host tree (iommu/amd_vi.c probes it); the
 * bridge's iommu-map says which requester ids it translates, one to
 * one, as the IVHD's device entries do. */
static void write_iommu(struct fdtw *w, const struct acpi_iommu *io)
{
	uint32_t reg[4] = { io->base >> 32, (uint32_t)io->base, 0, IOMMU_REG_SIZE };
	char name[32];

	fmt_snprintf(name, sizeof(name), "iommu@%llx", (unsigned long long)io->base);
	fdtw_begin_node(w, name);
	fdtw_prop_string(w, "compatible", AMD_VI_COMPATIBLE);
	fdtw_prop_cells(w, "reg", reg, 4);
	fdtw_prop_u32(w, "#iommu-cells", 1);
	fdtw_prop_u32(w, "tessera,pci-function", io->device);
	if (io->ioapic_device >= 0)
		fdtw_prop_u32(w, "tessera,ioapic-device", (uint32_t)io->ioapic_device);
	fdtw_prop_u32(w, "phandle", IOMMU_PHANDLE);
	fdtw_end_node(w);
}

static void write_tree(struct fdtw *w, const struct pci_root *r)
{
	uint64_t ecam = r->ecam.base + ((uint64_t)r->bus_min << 20);
	uint64_t size = (uint64_t)(r->bus_max - r->bus_min + 1) << 20;
	uint32_t reg[4] = { ecam >> 32, (uint32_t)ecam, size >> 32, (uint32_t)size };
	uint32_t bus[2] = { r->bus_min, r->bus_max };
	char name[32];

	fmt_snprintf(name, sizeof(name), "pcie@%llx", (unsigned long long)ecam);
	fdtw_begin_node(w, "");
	fdtw_prop_u32(w, "#address-cells", 2);
	fdtw_prop_u32(w, "#size-cells", 2);
	if (r->iommu.base)
		write_iommu(w, &r->iommu);
	fdtw_begin_node(w, name);
	fdtw_prop_string(w, "compatible", "pci-host-ecam-generic");
	fdtw_prop_string(w, "device_type", "pci");
	fdtw_prop_u32(w, "#address-cells", 3);
	fdtw_prop_u32(w, "#size-cells", 2);
	fdtw_prop_u32(w, "linux,pci-domain", r->ecam.segment);
	fdtw_prop_cells(w, "reg", reg, 4);
	fdtw_prop_cells(w, "bus-range", bus, 2);
	if (r->nr_ranges)	/* an empty ranges would be an identity map */
		fdtw_prop_cells(w, "ranges", r->ranges, r->nr_ranges * CELLS);
	if (r->iommu.nr_devices) {
		uint32_t map[4] = { r->iommu.first_device, IOMMU_PHANDLE, r->iommu.first_device,
				    r->iommu.nr_devices };

		fdtw_prop_cells(w, "iommu-map", map, 4);
	}
	fdtw_end_node(w);
	fdtw_end_node(w);
}

/* The MCFG window of segment 0, and what its root bridge's _CRS says:
 * 0, or -1 if the board has no PCI we can use (said why). */
static int read_root(struct pci_root *r)
{
	unsigned int i;

	memset(r, 0, sizeof(*r));
	for (i = 0; !acpi_ecam(i, &r->ecam) && r->ecam.segment; i++)
		;
	if (acpi_ecam(i, &r->ecam))
		return -1;		/* no MCFG: no PCI, as on a board without */
	if (find_root_crs(r)) {
		printk("tessera: warning: pci: no _CRS of a root bridge for bus 0x%x in the DSDT: its BARs are not used\n",
		       r->ecam.bus_start);
		r->bus_min = r->ecam.bus_start;
		r->bus_max = r->ecam.bus_end;
		r->nr_ranges = 0;
	}
	if (r->bus_max > r->ecam.bus_end)
		r->bus_max = r->ecam.bus_end;
	if (r->io_seen)
		add_range(r, PHYS_IO, r->io_min, r->io_min, r->io_max - r->io_min + 1);
	if (acpi_iommu(&r->iommu) || r->iommu.segment != r->ecam.segment)
		memset(&r->iommu, 0, sizeof(r->iommu));
	return 0;
}

/* A host bridge the boot tree names must be the firmware's. */
static bool same_bridge(const struct fdt *boot, int node, const struct pci_root *r)
{
	uint64_t base, size;

	return !fdt_reg(boot, node, 0, &base, &size) &&
	       base == r->ecam.base + ((uint64_t)r->bus_min << 20);
}

const struct fdt *arch_pci_host_tree(const struct fdt *boot)
{
	static uint8_t blob[2048] __attribute__((aligned(8)));
	static struct fdt tree;
	int node = fdt_next_compatible(boot, -1, "pci-host-ecam-generic");
	struct fdtw w;
	int size;

	if (acpi_init(arch_bootinfo->acpi_rsdp) || read_root(&root))
		return node >= 0 ? boot : NULL;
	if (node >= 0) {
		if (same_bridge(boot, node, &root))
			return boot;
		printk("tessera: error: pci: %s in the boot tree is not the host bridge of the ACPI MCFG (ECAM at 0x%llx): no PCI\n",
		       fdt_node_name(boot, node), (unsigned long long)root.ecam.base);
		return NULL;
	}
	fdtw_init(&w, blob, sizeof(blob));
	write_tree(&w, &root);
	size = fdtw_finish(&w);
	if (size < 0 || fdt_init(&tree, blob, (size_t)size))
		return NULL;
	return &tree;
}

void arch_pci_io(uint64_t addr, unsigned int size, bool write, uint32_t *val)
{
	uint16_t port = (uint16_t)addr;

	if (write && size == 1)
		outb(port, *val);
	else if (write && size == 2)
		outw(port, *val);
	else if (write)
		outl(port, *val);
	else if (size == 1)
		*val = inb(port);
	else if (size == 2)
		*val = inw(port);
	else
		*val = inl(port);
}

/* The node as device-tree source, for make inspect, inside "/ {". */
void pci_root_print(void)
{
	uint64_t ecam = root.ecam.base + ((uint64_t)root.bus_min << 20);
	uint64_t size = (uint64_t)(root.bus_max - root.bus_min + 1) << 20;
	unsigned int i, j;

	if (!root.ecam.base)
		return;
	if (root.iommu.base) {
		printk("\t/* the ACPI IVRS */\n\tamdvi: iommu@%llx {\n\t\tcompatible = \"%s\";\n"
		       "\t\treg = <0x%llx 0x%08llx 0x0 0x%x>;\n\t\t#iommu-cells = <1>;\n"
		       "\t\ttessera,pci-function = <0x%x>;\n",
		       (unsigned long long)root.iommu.base, AMD_VI_COMPATIBLE,
		       (unsigned long long)(root.iommu.base >> 32),
		       (unsigned long long)(root.iommu.base & 0xffffffffu), IOMMU_REG_SIZE,
		       root.iommu.device);
		if (root.iommu.ioapic_device >= 0)
			printk("\t\ttessera,ioapic-device = <0x%x>;\n", root.iommu.ioapic_device);
		printk("\t};\n");
	}
	printk("\t/* the ACPI MCFG and the root bridge's _CRS */\n");
	printk("\tpcie@%llx {\n\t\tcompatible = \"pci-host-ecam-generic\";\n"
	       "\t\tdevice_type = \"pci\";\n\t\t#address-cells = <3>;\n\t\t#size-cells = <2>;\n"
	       "\t\tlinux,pci-domain = <%u>;\n\t\treg = <0x%llx 0x%08llx 0x%llx 0x%08llx>;\n"
	       "\t\tbus-range = <0x%x 0x%x>;\n",
	       (unsigned long long)ecam, root.ecam.segment, (unsigned long long)(ecam >> 32),
	       (unsigned long long)(ecam & 0xffffffffu), (unsigned long long)(size >> 32),
	       (unsigned long long)(size & 0xffffffffu), root.bus_min, root.bus_max);
	for (i = 0; i < root.nr_ranges; i++) {
		printk("%s<", i ? ",\n\t\t\t" : "\t\tranges = ");
		for (j = 0; j < CELLS; j++)
			printk(j ? " 0x%x" : "0x%08x", root.ranges[i * CELLS + j]);
		printk(">");
	}
	if (root.nr_ranges)
		printk(";\n");
	if (root.iommu.nr_devices)
		printk("\t\tiommu-map = <0x%x &amdvi 0x%x 0x%x>;\n", root.iommu.first_device,
		       root.iommu.first_device, root.iommu.nr_devices);
	printk("\t};\n");
}
