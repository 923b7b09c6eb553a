// SPDX-License-Identifier: GPL-2.0-only
/* A PCI host bridge's device-tree properties: its address windows and
 * its INTx routing. Shared by the hypervisor, the planner and the tests. */
#include "pci_dt.h"

#include "irq.h"
#include "lib/fdt.h"
#include "lib/printf.h"
#include "lib/string.h"
#include "vpci.h"

int pci_bridge_window(const struct fdt *fdt, int bridge, unsigned int index,
		      struct pci_window *w)
{
	int len, pos, pac = fdt_address_cells(fdt, fdt_parent(fdt, bridge)), entry;
	const uint8_t *r = fdt_getprop(fdt, bridge, "ranges", &len);

	entry = 4 * (3 + pac + 2);
	pos = entry * (int)index;
	if (!r || pac <= 0 || index > (unsigned int)len || pos + entry > len)
		return -1;
	w->space = (fdt_cells_to_u64(r + pos, 1) >> 24) & 3;
	w->pci = fdt_cells_to_u64(r + pos + 4, 2);
	w->cpu = fdt_cells_to_u64(r + pos + 12, pac);
	w->size = fdt_cells_to_u64(r + pos + 12 + 4 * pac, 2);
	return 0;
}

/* The window of bridge in PCI space (1: I/O, 2: memory) that holds
 * [addr, addr+size): 0, or -1 if none does. */
static int window_of(const struct fdt *fdt, int bridge, unsigned int space, uint64_t addr,
		     uint64_t size, struct pci_window *w)
{
	unsigned int i;

	for (i = 0; !pci_bridge_window(fdt, bridge, i, w); i++)
		if ((w->space == space || (space == 2 && w->space == 3)) && addr >= w->pci &&
		    size <= w->size && addr - w->pci <= w->size - size)
			return 0;
	return -1;
}

uint64_t pci_bridge_to_cpu(const struct fdt *fdt, int bridge, unsigned int space,
			   uint64_t addr, uint64_t size)
{
	struct pci_window w;

	return window_of(fdt, bridge, space, addr, size, &w) ? 0 : w.cpu + (addr - w.pci);
}

int pci_bridge_io_window(const struct fdt *fdt, int bridge, uint64_t *pci, uint64_t *cpu,
			 uint64_t *size)
{
	int len, pos, pac = fdt_address_cells(fdt, fdt_parent(fdt, bridge)), entry;
	const uint8_t *r = fdt_getprop(fdt, bridge, "ranges", &len);

	entry = 4 * (3 + pac + 2);
	for (pos = 0; r && pac > 0 && pos + entry <= len; pos += entry) {
		if (((fdt_cells_to_u64(r + pos, 1) >> 24) & 3) != 1)
			continue;
		*pci = fdt_cells_to_u64(r + pos + 4, 2);
		*cpu = fdt_cells_to_u64(r + pos + 12, pac);
		*size = fdt_cells_to_u64(r + pos + 12 + 4 * pac, 2);
		return *size && *pci + *size > *pci ? 0 : -1;
	}
	return -1;
}

bool pci_bar_usable(const struct fdt *fdt, int bridge, const struct pci_bar *b)
{
	uint64_t pci, cpu, size;
	struct pci_window w;

	if (!b->size)
		return false;
	/* The window itself, not pci_bridge_to_cpu(): its 0 for "none"
	 * would pass an unassigned BAR at 0. */
	if (b->kind != PCI_BAR_IO)
		return !window_of(fdt, bridge, 2, b->addr, b->size, &w) && w.cpu == w.pci;
	return !pci_bridge_io_window(fdt, bridge, &pci, &cpu, &size) && b->addr >= pci &&
	       b->size <= size && b->addr - pci <= size - b->size;
}

bool pci_bridge_routes_intx(const struct fdt *fdt, int bridge)
{
	return bridge >= 0 && fdt_has_prop(fdt, bridge, "interrupt-map");
}

/* The bridge among funcs whose secondary bus is bus, or NULL. */
static const struct pci_func *upstream_bridge(const struct pci_func *funcs, unsigned int n,
					      unsigned int root_bus, unsigned int bus)
{
	unsigned int i;

	if (bus == root_bus)
		return NULL;
	for (i = 0; i < n; i++)
		if (funcs[i].header == 1 && funcs[i].secondary == bus)
			return &funcs[i];
	return NULL;
}

/*
 * interrupt-map entries: child unit address (3 cells) and pin (1 cell),
 * the parent's phandle, the parent's unit address (its #address-cells)
 * and its interrupt specifier (#interrupt-cells), which the interrupt
 * controller's driver decodes (irq_dt_decode).
 */
int pci_intx_map(const struct fdt *fdt, int bridge, uint32_t hi, unsigned int pin)
{
	const uint8_t *map, *mask;
	int len, mlen, pos = 0;
	uint32_t m[4] = { ~0u, ~0u, ~0u, ~0u };

	map = fdt_getprop(fdt, bridge, "interrupt-map", &len);
	mask = fdt_getprop(fdt, bridge, "interrupt-map-mask", &mlen);
	if (!map)
		return -1;
	if (mask && mlen == 16)
		for (int i = 0; i < 4; i++)
			m[i] = fdt_cells_to_u64(mask + 4 * i, 1);
	while (pos + 20 <= len) {
		const uint8_t *e = map + pos;
		uint32_t ehi = fdt_cells_to_u64(e, 1), epin = fdt_cells_to_u64(e + 12, 1);
		int parent = fdt_node_by_phandle(fdt, fdt_cells_to_u64(e + 16, 1));
		uint32_t pac = 0, pic = 0;

		if (parent < 0)
			return -1;
		fdt_read_u32(fdt, parent, "#address-cells", &pac);
		/* Cell counts come from the tree: bound them before any
		 * arithmetic (a huge #address-cells overflowed it; fuzz_plan). */
		if (fdt_read_u32(fdt, parent, "#interrupt-cells", &pic) || pic < 1 || pic > 4 ||
		    pac > 4 || pos + 20 + 4 * (int)(pac + pic) > len)
			return -1;
		if ((hi & m[0]) == (ehi & m[0]) && (pin & m[3]) == (epin & m[3]))
			return irq_dt_decode(fdt, parent, e + 20 + 4 * pac, pic);
		pos += 20 + 4 * (pac + pic);
	}
	return -1;
}

int pci_intx_route(const struct fdt *fdt, int bridge, const struct pci_func *funcs,
		   unsigned int n, unsigned int root_bus, uint32_t sbdf, unsigned int pin)
{
	const struct pci_func *up;
	unsigned int hops = 0;

	if (pin < 1 || pin > 4)
		return -1;
	/* Below a bridge, INTx is rotated by the device number. */
	while ((up = upstream_bridge(funcs, n, root_bus, PCI_SBDF_BUS(sbdf))) != NULL) {
		if (++hops > 256)
			return -1;	/* bridges naming each other */
		pin = (pin - 1 + PCI_SBDF_DEV(sbdf)) % 4 + 1;
		sbdf = up->sbdf;
	}
	return pci_intx_map(fdt, bridge, (PCI_SBDF_BUS(sbdf) << 16) | ((sbdf & 0xff) << 8), pin);
}

/*
 * iommu-map and msi-map (the PCI IOMMU and MSI bindings) share a shape:
 * <rid-base phandle out-base length> entries, the requester id masked by
 * <prop>-mask first. 0 with the target node and the id it sees; 1 if
 * the bridge has no such map (*out = rid); -1 if the map misses rid.
 */
static int pci_map_rid(const struct fdt *fdt, int bridge, const char *prop, const char *mask_prop,
		       uint32_t rid, int *node, uint32_t *out)
{
	const uint8_t *map = fdt_getprop(fdt, bridge, prop, NULL);
	uint32_t mask = ~0u;
	int len, pos;

	*node = -1;
	*out = rid;
	if (!map)
		return 1;
	map = fdt_getprop(fdt, bridge, prop, &len);
	fdt_read_u32(fdt, bridge, mask_prop, &mask);
	rid &= mask;
	for (pos = 0; pos + 16 <= len; pos += 16) {
		uint32_t base = fdt_cells_to_u64(map + pos, 1);
		uint32_t to = fdt_cells_to_u64(map + pos + 8, 1);
		uint32_t n = fdt_cells_to_u64(map + pos + 12, 1);

		if (rid >= base && rid - base < n) {
			*node = fdt_node_by_phandle(fdt, fdt_cells_to_u64(map + pos + 4, 1));
			*out = to + (rid - base);
			return *node < 0 ? -1 : 0;
		}
	}
	return -1;
}

/* No iommu-map: no IOMMU translates this bridge's DMA. */
int pci_stream_id(const struct fdt *fdt, int bridge, uint32_t rid, int *iommu, uint32_t *sid)
{
	int ret = pci_map_rid(fdt, bridge, "iommu-map", "iommu-map-mask", rid, iommu, sid);

	return ret < 0 ? -1 : 0;
}

/* No msi-map: messages reach the controller with the requester id. */
int pci_msi_device_id(const struct fdt *fdt, int bridge, uint32_t rid, uint32_t *devid)
{
	int ctrl;

	return pci_map_rid(fdt, bridge, "msi-map", "msi-map-mask", rid, &ctrl, devid) < 0 ? -1 : 0;
}

/* The IOMMUs with a driver here (iommu/). */
static const char *const translating_iommus[] = { IOMMU_COMPAT_SMMUV3, IOMMU_COMPAT_AMD_VI,
						   NULL };

bool pci_dma_translated(const struct fdt *fdt, int bridge, uint32_t rid)
{
	uint32_t sid;
	unsigned int i;
	int iommu;

	if (bridge < 0 || pci_stream_id(fdt, bridge, rid, &iommu, &sid) || iommu < 0)
		return false;
	for (i = 0; translating_iommus[i]; i++)
		if (fdt_is_compatible(fdt, iommu, translating_iommus[i]))
			return true;
	return false;
}

int pci_iommu_max_sid(const struct fdt *fdt, int bridge, int iommu, uint32_t *max)
{
	const uint8_t *map;
	bool found = false;
	int len, pos;

	map = bridge < 0 ? NULL : fdt_getprop(fdt, bridge, "iommu-map", &len);
	for (pos = 0; map && pos + 16 <= len; pos += 16) {
		uint32_t out = fdt_cells_to_u64(map + pos + 8, 1);
		uint32_t n = fdt_cells_to_u64(map + pos + 12, 1);

		if (!n || fdt_node_by_phandle(fdt, fdt_cells_to_u64(map + pos + 4, 1)) != iommu)
			continue;
		if (!found || out + (n - 1) > *max)
			*max = out + (n - 1);
		found = true;
	}
	return found ? 0 : -1;
}

/* Which of choices[] the string property prop of node is: its index,
 * or -1 if absent (and *bad NULL), or -2 with *bad the value. */
static int read_choice(const struct fdt *fdt, int node, const char *prop,
		       const char *const choices[], const char **bad)
{
	const char *v;
	int i;

	*bad = NULL;
	if (node < 0 || !fdt_has_prop(fdt, node, prop))
		return -1;
	if (fdt_read_string(fdt, node, prop, &v)) {
		*bad = "(not a string)";
		return -2;
	}
	for (i = 0; choices[i]; i++)
		if (!strcmp(v, choices[i]))
			return i;
	*bad = v;
	return -2;
}

int pci_quarantine_mode(const struct fdt *fdt, enum pci_quarantine *mode, const char **bad)
{
	static const char *const modes[] = { "abort", "scratch-page", NULL };
	int i = read_choice(fdt, fdt_path_offset(fdt, "/chosen"), "tessera,iommu-quarantine",
			    modes, bad);

	*mode = i == 1 ? PCI_QUARANTINE_SCRATCH : PCI_QUARANTINE_ABORT;
	return i == -2 ? -1 : 0;
}

int pci_dma_fault_stops(const struct fdt *fdt, int node, bool *stop, const char **bad)
{
	static const char *const policies[] = { "report", "stop", NULL };
	int i = read_choice(fdt, node, "tessera,dma-fault", policies, bad);

	*stop = i == 1;
	return i == -2 ? -1 : 0;
}

int pci_sriov_plan_read(const struct fdt *fdt, int node, uint32_t *sbdf, unsigned int *nr,
			uint64_t bar_addr[PCI_SRIOV_NUM_BARS], char *err, unsigned int len)
{
	const char *name = fdt_node_name(fdt, node), *str;
	const uint8_t *cells;
	uint32_t v;
	int n, i;

	memset(bar_addr, 0, PCI_SRIOV_NUM_BARS * sizeof(*bar_addr));
	if (fdt_read_string(fdt, node, "tessera,sbdf", &str) || pci_parse_sbdf(str, sbdf)) {
		fmt_snprintf(err, len, "%s: tessera,sbdf must be a string \"SSSS:BB:DD.F\"", name);
		return -1;
	}
	if (fdt_read_u32(fdt, node, "tessera,sriov-vfs", &v)) {
		fmt_snprintf(err, len, "%s: tessera,sriov-vfs = <count> is missing", name);
		return -1;
	}
	*nr = v;
	cells = fdt_getprop(fdt, node, "tessera,vf-bars", &n);
	if (cells && (n <= 0 || n % 12)) {
		fmt_snprintf(err, len, "%s: tessera,vf-bars must be <bar addr-hi addr-lo> triples",
			     name);
		return -1;
	}
	for (i = 0; cells && i < n; i += 12) {
		uint32_t bar = fdt_cells_to_u64(cells + i, 1);

		if (bar >= PCI_SRIOV_NUM_BARS) {
			fmt_snprintf(err, len, "%s: tessera,vf-bars names VF BAR %u (0-5)", name, bar);
			return -1;
		}
		bar_addr[bar] = fdt_cells_to_u64(cells + i + 4, 2);
	}
	return 0;
}

int pci_sriov_macs_check(const char *name, const uint8_t *b, int bytes, unsigned int nr,
			 char *err, unsigned int len)
{
	unsigned int i, k;

	if (bytes != (int)(6 * nr) || nr > PCI_SRIOV_MAX_MACS) {
		fmt_snprintf(err, len, "%s: tessera,vf-macs must be 6 bytes for each of its %u VFs"
			     " (%u at most), not %d bytes", name, nr, PCI_SRIOV_MAX_MACS, bytes);
		return -1;
	}
	for (i = 0; i < nr; i++) {
		const uint8_t *m = b + 6 * i;
		bool zero = !(m[0] | m[1] | m[2] | m[3] | m[4] | m[5]);

		if (zero || (m[0] & 1)) {
			fmt_snprintf(err, len, "%s: tessera,vf-macs: VF %u's MAC "
				     "%02x:%02x:%02x:%02x:%02x:%02x is %s", name, i, m[0], m[1],
				     m[2], m[3], m[4], m[5], zero ? "all zeros" : "multicast");
			return -1;
		}
		/* Two VFs of one MAC: the PF's filter would steer both
		 * VFs' frames to one pool. */
		for (k = 0; k < i; k++)
			if (!memcmp(b + 6 * k, m, 6)) {
				fmt_snprintf(err, len, "%s: tessera,vf-macs: VFs %u and %u have the "
					     "same MAC %02x:%02x:%02x:%02x:%02x:%02x", name, k, i,
					     m[0], m[1], m[2], m[3], m[4], m[5]);
				return -1;
			}
	}
	return 0;
}

int pci_sriov_macs_read(const struct fdt *fdt, int node, unsigned int nr, uint8_t mac[][6],
			unsigned int *n, char *err, unsigned int len)
{
	int bytes;
	const uint8_t *b = fdt_getprop(fdt, node, "tessera,vf-macs", &bytes);

	*n = 0;
	if (!b)
		return 0;
	if (pci_sriov_macs_check(fdt_node_name(fdt, node), b, bytes, nr, err, len))
		return -1;
	memcpy(mac, b, 6 * nr);
	*n = nr;
	return 0;
}

#define NO_BRIDGE	0xffffffffu

/* One function's requester id, walking up through bus_up (the bridge
 * above each bus); a loop of bridges naming each other ends the walk. */
static void dma_requester(const struct pci_dev *devs, unsigned int root_bus,
			  const uint32_t *bus_up, struct pci_stream *s, uint32_t sbdf)
{
	unsigned int bus = PCI_SBDF_BUS(sbdf), hops;

	s->rid = sbdf & 0xffff;
	s->via = -1;
	for (hops = 0; bus != root_bus && bus_up[bus] != NO_BRIDGE && hops < PCI_NR_BUSES;
	     hops++) {
		const struct pci_func *up = &devs[bus_up[bus]].f;

		if (up->bridge_kind == PCI_BRIDGE_PCIE_TO_PCI) {
			s->rid = bus << 8;
			s->via = bus_up[bus];
		} else if (up->bridge_kind == PCI_BRIDGE_PCI_TO_PCI) {
			s->rid = up->sbdf & 0xffff;
			s->via = bus_up[bus];
		}
		bus = PCI_SBDF_BUS(up->sbdf);
	}
}

void pci_dma_streams(const struct fdt *fdt, int bridge, unsigned int root_bus,
		     struct pci_dev *devs, unsigned int n, uint32_t bus_up[PCI_NR_BUSES])
{
	unsigned int i;

	for (i = 0; i < PCI_NR_BUSES; i++)
		bus_up[i] = NO_BRIDGE;
	/* The first bridge naming a bus, as pci_intx_route() finds it. */
	for (i = n; i-- > 0;)
		if (devs[i].f.header == 1)
			bus_up[devs[i].f.secondary] = i;
	for (i = 0; i < n; i++) {
		struct pci_stream *s = &devs[i].dma;
		int iommu;

		dma_requester(devs, root_bus, bus_up, s, devs[i].f.sbdf);
		s->sid = s->rid;
		s->has_sid = bridge >= 0 && !pci_stream_id(fdt, bridge, s->rid, &iommu, &s->sid);
		s->translated = pci_dma_translated(fdt, bridge, s->rid);
		s->has_msi_id = bridge >= 0 &&
				!pci_msi_device_id(fdt, bridge, s->rid, &s->msi_id);
	}
}
