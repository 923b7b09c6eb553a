// SPDX-License-Identifier: GPL-2.0-only
/*
 * Host ITS at boot (gic_its.h): the arm,gic-v3-its node, its device and
 * collection tables, the command queue, one collection per host CPU,
 * the redistributors' LPI tables, and each host function's events.
 */
#include "gic_its.h"

#include "gic.h"
#include "irq.h"
#include "lib/fdt.h"
#include "lib/lockorder.h"
#include "lib/printf.h"
#include "lib/string.h"
#include "mm.h"
#include "pgtable.h"
#include "printk.h"
#include "sysreg.h"

#define GITS_CTLR		0x0000
#define GITS_CTLR_ENABLED	1u
#define GITS_CTLR_QUIESCENT	(1u << 31)
#define GITS_TYPER		0x0008
#define GITS_CBASER		0x0080
#define GITS_CWRITER		0x0088
#define GITS_BASER(n)		(0x0100 + 8 * (n))
#define GITS_TRANSLATER		0x10040

#define TYPER_PHYSICAL		1u
#define TYPER_FIELD(t, lo, w)	((unsigned int)((t) >> (lo)) & ((1u << (w)) - 1))

/* GITS_BASER<n> and GITS_CBASER (GITS_BASER's layout for the rest). */
#define BASER_VALID		(1ull << 63)
#define BASER_INDIRECT		(1ull << 62)
#define BASER_INNER_WB		(7ull << 59)	/* write-back, read/write-allocate */
#define BASER_INNER_NC		(1ull << 59)
#define BASER_TYPE(v)		(((v) >> 56) & 7)
#define BASER_TYPE_DEVICES	1
#define BASER_TYPE_COLLECTIONS	4
#define BASER_ENTRY_BYTES(v)	((((v) >> 48) & 0x1f) + 1)
#define BASER_RO		(0x7ull << 56 | 0x1full << 48)	/* Type, Entry_Size */
#define BASER_SH_INNER		(1ull << 10)
#define BASER_SH_MASK		(3ull << 10)
#define BASER_PAGE_SIZE(code)	((uint64_t)(code) << 8)	/* 0: 4K, 1: 16K, 2: 64K */
#define BASER_MAX_PAGES		256
#define CBASER_BYTES		4096	/* 128 commands */

/* Redistributor (RD_base frame). */
#define GICR_CTLR		0x0000
#define GICR_CTLR_ENABLE_LPIS	1u
#define GICR_TYPER		0x0008
#define GICR_TYPER_PLPIS	1u
#define GICR_PROPBASER		0x0070
#define GICR_PENDBASER		0x0078
#define GICR_INNER_WB		(7ull << 7)
#define GICR_INNER_NC		(1ull << 7)
#define GICR_PENDBASER_PTZ	(1ull << 62)
#define LPI_PROP_ENABLED	(0xa0 | 1u << 1 | 1u)	/* priority, RES1, enable */
#define ITS_WAIT_MS		100

static struct mm_pool *its_pool;

static inline uint64_t rd64(uintptr_t a)
{
	return *(volatile uint64_t *)a;
}

static inline void wr64(uintptr_t a, uint64_t v)
{
	*(volatile uint64_t *)a = v;
}

static inline uint32_t rd32(uintptr_t a)
{
	return *(volatile uint32_t *)a;
}

static inline void wr32(uintptr_t a, uint32_t v)
{
	*(volatile uint32_t *)a = v;
}

/* Zeroed pool memory the ITS or a redistributor reads: its address. */
static uint64_t its_zalloc(uint64_t bytes, uint64_t align)
{
	uint64_t pa;

	bytes = (bytes + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
	if (mm_alloc(its_pool, bytes, align, &pa))
		return 0;
	memset((void *)(uintptr_t)pa, 0, bytes);
	its_clean((void *)(uintptr_t)pa, bytes);
	return pa;
}

/* node's reg as a CPU address: through each parent bus's ranges (QEMU
 * virt: the GIC node's, an empty one). */
static const char *its_reg(const struct fdt *fdt, int node, uint64_t *pa, uint64_t *size)
{
	int bus, len, pos;

	if (fdt_reg(fdt, node, 0, pa, size))
		return "no reg";
	for (bus = fdt_parent(fdt, node); bus >= 0 && bus != fdt_root(fdt);
	     bus = fdt_parent(fdt, bus)) {
		const uint8_t *r = fdt_getprop(fdt, bus, "ranges", &len);
		int ca = fdt_address_cells(fdt, bus), sc = fdt_size_cells(fdt, bus);
		int pc = fdt_address_cells(fdt, fdt_parent(fdt, bus));
		int stride = 4 * (ca + pc + sc);

		if (!r || ca < 0 || sc < 0 || pc < 0)
			return "a parent bus without usable ranges";
		for (pos = 0; pos + stride <= len; pos += stride) {
			uint64_t child = fdt_cells_to_u64(r + pos, ca);
			uint64_t parent = fdt_cells_to_u64(r + pos + 4 * ca, pc);
			uint64_t n = fdt_cells_to_u64(r + pos + 4 * (ca + pc), sc);

			if (*pa >= child && *pa - child < n) {
				*pa = *pa - child + parent;
				break;
			}
		}
		if (len && pos + stride > len)
			return "reg outside its parent bus's ranges";
	}
	return *size < GITS_TRANSLATER + 4 ? "reg smaller than two 64 KiB frames" : NULL;
}

/* DeviceID bits the tree's PCI host bridges can send this ITS: their
 * msi-map outputs towards it, or RIDs (16 bits) for one without a map. */
static unsigned int tree_devid_bits(const struct fdt *fdt, int its_node)
{
	uint32_t max = 0;
	int node, depth = 0, len, pos;

	for (node = fdt_next_node(fdt, fdt_root(fdt), &depth); node >= 0 && depth > 0;
	     node = fdt_next_node(fdt, node, &depth)) {
		const uint8_t *map = fdt_getprop(fdt, node, "msi-map", &len);

		for (pos = 0; map && pos + 16 <= len; pos += 16) {
			uint32_t out = fdt_cells_to_u64(map + pos + 8, 1);
			uint32_t n = fdt_cells_to_u64(map + pos + 12, 1);

			if (n && fdt_node_by_phandle(fdt, fdt_cells_to_u64(map + pos + 4, 1)) ==
				 its_node && out + (n - 1) > max)
				max = out + (n - 1);
		}
		if (!map && fdt_has_prop(fdt, node, "msi-parent"))
			max = max > 0xffff ? max : 0xffff;
	}
	return max ? 32 - __builtin_clz(max) : 1;
}

static bool its_wait_quiescent(void)
{
	uint64_t end = arch_counter() + arch_counter_freq() * ITS_WAIT_MS / 1000;

	while (!(rd32(its.base + GITS_CTLR) & GITS_CTLR_QUIESCENT))
		if (arch_counter() > end)
			return false;
	return true;
}

/* Write a table register with write-back, inner-shareable attributes;
 * an ITS that keeps them non-shareable does not snoop: fall back to
 * non-cacheable tables whose writes are cleaned (its.flush). */
static void its_write_cacheable(uintptr_t reg, uint64_t v, uint64_t wb, uint64_t nc)
{
	wr64(reg, v | wb | BASER_SH_INNER);
	if (rd64(reg) & BASER_SH_MASK)
		return;
	its.flush = true;
	wr64(reg, v | nc);
}

/* Table n (GITS_BASER<n>) for ids entries; describes it in what. */
static const char *its_table(unsigned int n, uint32_t ids, char *what, size_t len)
{
	uintptr_t reg = its.base + GITS_BASER(n);
	uint64_t v = rd64(reg) & BASER_RO, esz = BASER_ENTRY_BYTES(v), page = 0, bytes, pa;
	bool devices = BASER_TYPE(v) == BASER_TYPE_DEVICES;
	unsigned int code;

	/* The smallest page the ITS takes (Page_Size may be fixed):
	 * 4, 16 or 64 KiB. */
	for (code = 0; code < 3; code++) {
		wr64(reg, v | BASER_PAGE_SIZE(code));
		if ((rd64(reg) & BASER_PAGE_SIZE(3)) == BASER_PAGE_SIZE(code))
			break;
	}
	if (code == 3)
		return "no table page size it takes";
	page = 0x1000ull << (2 * code);
	v |= BASER_PAGE_SIZE(code);
	bytes = (uint64_t)ids * esz;
	if (devices && bytes > page) {
		wr64(reg, v | BASER_INDIRECT);
		if (rd64(reg) & BASER_INDIRECT) {
			/* Two levels: level-2 pages come with the devices. */
			its.dt_l2_ids = page / esz;
			bytes = (ids + its.dt_l2_ids - 1) / its.dt_l2_ids * 8;
			v |= BASER_INDIRECT;
		}
	}
	bytes = (bytes + page - 1) & ~(page - 1);
	if (bytes / page > BASER_MAX_PAGES)
		return "a table larger than GITS_BASER can describe";
	pa = its_zalloc(bytes, page);
	if (!pa)
		return "out of memory for its tables";
	v |= BASER_VALID | (pa & 0xfffffffff000ull) | ((pa >> 48) & 0xf) << 12 | (bytes / page - 1);
	its_write_cacheable(reg, v, BASER_INNER_WB, BASER_INNER_NC);
	its_clean((void *)(uintptr_t)pa, bytes);	/* if it said only now */
	if (devices) {
		its.dt = (uint64_t *)(uintptr_t)pa;
		its.dt_page = page;
		its.dte_bytes = esz;
		fmt_snprintf(what, len, its.dt_l2_ids ? "two-level table, %llu KiB pages" :
			     "flat table, %llu KiB", (unsigned long long)
			     ((its.dt_l2_ids ? page : bytes) >> 10));
	}
	return NULL;
}

/* Each host CPU's collection target, as GITS_TYPER.PTA says: the
 * redistributor's address, or its processor number. */
static void its_find_targets(bool pta)
{
	unsigned int i;

	for (i = 0; i < nr_pcpus; i++) {
		uintptr_t rd = gic_redist(pcpus[i].hwid);
		uint64_t typer = rd ? rd64(rd + GICR_TYPER) : 0;

		its.rd_ok[i] = typer & GICR_TYPER_PLPIS;
		its.rdbase[i] = pta ? rd : (typer >> 8 & 0xffff) << 16;
	}
}

/* Memory for the ITS and the redistributors' LPI tables, then the
 * ITS on with one collection per CPU. */
static const char *its_setup(const struct fdt *fdt, int node, char *what, size_t len)
{
	uint64_t typer = rd64(its.base + GITS_TYPER), cq;
	unsigned int i, n, cid_bits = typer >> 36 & 1 ? TYPER_FIELD(typer, 32, 4) + 1 : 16;
	bool ok = true;

	if (!(typer & TYPER_PHYSICAL))
		return "no physical LPIs (GITS_TYPER.Physical is 0)";
	its.ite_bytes = TYPER_FIELD(typer, 4, 4) + 1;
	its.event_bits = TYPER_FIELD(typer, 8, 5) + 1;
	/* At most 31 bits, so that 1 << dev_bits is defined; a table that
	 * large is refused as too large anyway. */
	its.dev_bits = tree_devid_bits(fdt, node);
	if (its.dev_bits > TYPER_FIELD(typer, 13, 5) + 1)
		its.dev_bits = TYPER_FIELD(typer, 13, 5) + 1;
	if (its.dev_bits > 31)
		its.dev_bits = 31;
	if (nr_pcpus > 1u << cid_bits)
		return "fewer collection ids than CPUs";
	/* Tables are only given to a disabled, quiescent ITS. */
	wr32(its.base + GITS_CTLR, 0);
	if (!its_wait_quiescent())
		return "it did not become quiescent";
	cq = its_zalloc(CBASER_BYTES, 0x10000);
	its.prop = (uint8_t *)(uintptr_t)its_zalloc(ITS_NR_LPIS, PAGE_SIZE);
	for (i = 0; i < nr_pcpus && cq && its.prop; i++)
		if (!(its.pend[i] = its_zalloc((1u << ITS_LPI_ID_BITS) / 8, 0x10000)))
			cq = 0;
	if (!cq || !its.prop)
		return "out of memory for its queue and LPI tables";
	its.cmdq = (uint64_t *)(uintptr_t)cq;
	its.cmdq_bytes = CBASER_BYTES;
	its_write_cacheable(its.base + GITS_CBASER, BASER_VALID | cq | (CBASER_BYTES / 4096 - 1),
			    BASER_INNER_WB, BASER_INNER_NC);
	wr64(its.base + GITS_CWRITER, 0);
	for (n = 0; n < 8; n++) {
		uint64_t type = BASER_TYPE(rd64(its.base + GITS_BASER(n)));
		const char *err = NULL;

		if (type == BASER_TYPE_DEVICES)
			err = its_table(n, 1u << its.dev_bits, what, len);
		else if (type == BASER_TYPE_COLLECTIONS)
			err = its_table(n, nr_pcpus, what, len);
		if (err)
			return err;
	}
	if (!its.dt)
		return "no device table (GITS_BASER)";
	its_find_targets(typer >> 19 & 1);
	wr32(its.base + GITS_CTLR, GITS_CTLR_ENABLED);
	spin_lock(&its.lock);
	lock_order_take(LOCK_ITS);
	for (i = 0; i < nr_pcpus && ok; i++) {
		const uint64_t mapc[4] = { ITS_CMD_MAPC, 0, BASER_VALID | its.rdbase[i] | i, 0 };

		ok = !its.rd_ok[i] || (!its_cmd(mapc) && !its_sync(i));
	}
	lock_order_drop(LOCK_ITS);
	spin_unlock(&its.lock);
	return ok ? NULL : "its collections could not be mapped";
}

void irq_msi_init(const struct fdt *fdt, struct mm_pool *pool)
{
	int node = fdt_next_compatible(fdt, -1, "arm,gic-v3-its");
	const char *err;
	uint64_t pa, size;
	char what[48] = "";

	if (node < 0)
		return;
	its_pool = pool;
	err = its_reg(fdt, node, &pa, &size);
	if (!err) {
		its.base = pa;
		its.doorbell = pa + GITS_TRANSLATER;
		its.next_lpi = GIC_FIRST_LPI;
		err = its_setup(fdt, node, what, sizeof(what));
	}
	if (err) {
		printk("tessera: its: %s: %s; no message interrupts for host devices\n",
		       fdt_node_name(fdt, node), err);
		return;
	}
	its.present = true;
	printk("tessera: its: %s: %u-bit DeviceIDs (%s), %u-bit event ids, LPIs %u-%u, %u collections\n",
	       fdt_node_name(fdt, node), its.dev_bits, what, its.event_bits, GIC_FIRST_LPI,
	       (1u << ITS_LPI_ID_BITS) - 1, nr_pcpus);
}

/* Runs on CPU p as it comes up (irq_cpu_init), after irq_msi_init. */
void its_cpu_init(const struct pcpu *p, uintptr_t rd)
{
	uint64_t prop = (uintptr_t)its.prop | (ITS_LPI_ID_BITS - 1);

	if (!its.present || !its.rd_ok[p->id])
		return;
	if (rd32(rd + GICR_CTLR) & GICR_CTLR_ENABLE_LPIS) {
		/* Its tables cannot be changed any more (GICv3: UNPREDICTABLE). */
		printk("tessera: its: warning: CPU %u: LPIs were on already; no message interrupts there\n",
		       p->id);
		its.rd_ok[p->id] = false;
		return;
	}
	its_write_cacheable(rd + GICR_PROPBASER, prop, GICR_INNER_WB, GICR_INNER_NC);
	its_write_cacheable(rd + GICR_PENDBASER, its.pend[p->id] | GICR_PENDBASER_PTZ,
			    GICR_INNER_WB, GICR_INNER_NC);
	/* A redistributor found not to snoop only now: the tables made
	 * so far go to memory too. */
	its_clean(its.prop, ITS_NR_LPIS);
	its_clean((void *)(uintptr_t)its.pend[p->id], (1u << ITS_LPI_ID_BITS) / 8);
	dsb(sy);
	wr32(rd + GICR_CTLR, rd32(rd + GICR_CTLR) | GICR_CTLR_ENABLE_LPIS);
	dsb(sy);
}

/* The level-2 page of the device table that holds devid (boot only). */
static int its_device_page(uint32_t devid)
{
	uint64_t *l1 = &its.dt[devid / its.dt_l2_ids], pa;

	if (!its.dt_l2_ids || (*l1 & BASER_VALID))
		return 0;
	pa = its_zalloc(its.dt_page, its.dt_page);
	if (!pa)
		return -1;
	*l1 = pa | BASER_VALID;
	its_clean(l1, sizeof(*l1));
	return 0;
}

/* devid's events to LPIs lpi.. on collection col: MAPD, MAPTI and INV
 * each, SYNC. */
static int its_map_device(uint32_t devid, unsigned int bits, uint64_t itt, uint32_t lpi,
			  unsigned int nvec, unsigned int col)
{
	const uint64_t mapd[4] = { ITS_CMD_MAPD | (uint64_t)devid << 32, bits - 1,
				   BASER_VALID | itt, 0 };
	uint64_t dev = (uint64_t)devid << 32;
	unsigned int i;
	int ret;

	spin_lock(&its.lock);
	lock_order_take(LOCK_ITS);
	ret = its_cmd(mapd);
	for (i = 0; i < nvec && !ret; i++) {
		const uint64_t mapti[4] = { ITS_CMD_MAPTI | dev, i | (uint64_t)(lpi + i) << 32,
					    col, 0 };
		const uint64_t inv[4] = { ITS_CMD_INV | dev, i, 0, 0 };

		ret = its_cmd(mapti) || its_cmd(inv);
	}
	if (!ret)
		ret = its_sync(col);
	lock_order_drop(LOCK_ITS);
	spin_unlock(&its.lock);
	return ret;
}

int irq_msi_setup(uint32_t devid, unsigned int nvec, const struct pcpu *target, void *cookie,
		  struct irq_msi_msg *msg)
{
	struct its_dev *d = &its.devs[its.nr_devs];
	unsigned int i, bits = 1;
	const char *err = NULL;
	uint64_t itt;

	while (bits < its.event_bits && 1u << bits < nvec)
		bits++;
	if (!its.present)
		err = "no ITS";
	else if (!nvec || nvec > 1u << bits || devid >> its.dev_bits)
		err = "DeviceID or vector count beyond what the ITS was set up for";
	else if (target->id >= MAX_PCPUS || !its.rd_ok[target->id])
		err = "target CPU takes no LPIs";
	else if (its.nr_devs == ITS_MAX_DEVS || its.next_lpi + nvec > 1u << ITS_LPI_ID_BITS)
		err = "out of devices or LPIs";
	for (i = 0; i < its.nr_devs && !err; i++)
		if (its.devs[i].devid == devid)
			err = "DeviceID set up twice";
	if (!err && its_device_page(devid))
		err = "out of memory for the device table";
	itt = err ? 0 : its_zalloc((uint64_t)its.ite_bytes << bits, PAGE_SIZE);
	if (!err && !itt)
		err = "out of memory for its ITT";
	if (err) {
		printk("tessera: its: error: DeviceID 0x%x, %u vector(s): %s\n", devid, nvec, err);
		return -1;
	}
	*d = (struct its_dev){ .devid = devid, .lpi = its.next_lpi, .nvec = nvec,
			       .col = target->id, .cookie = cookie };
	memset(its.prop + d->lpi - GIC_FIRST_LPI, LPI_PROP_ENABLED, nvec);
	its_clean(its.prop + d->lpi - GIC_FIRST_LPI, nvec);
	dsb(ishst);
	if (its_map_device(devid, bits, itt, d->lpi, nvec, d->col)) {
		/* Its LPIs stay unused: their ITS entries are in doubt. */
		printk("tessera: its: error: DeviceID 0x%x: the ITS did not complete MAPD/MAPTI\n",
		       devid);
		return -1;
	}
	its.next_lpi += nvec;
	for (i = 0; i < nvec; i++)
		msg[i] = (struct irq_msi_msg){ .addr = its.doorbell, .data = i };
	__atomic_store_n(&its.nr_devs, its.nr_devs + 1, __ATOMIC_RELEASE);
	return 0;
}
