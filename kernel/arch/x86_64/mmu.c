// SPDX-License-Identifier: GPL-2.0-only
/*
 * x86_64: the hypervisor's identity map, built with the core's page
 * tables in the x86 format (arch/pte.h), and the NPT side of the p2m
 * layer (kernel/p2m.h): NPT walks the same 4-level format.
 */
#include "mmu.h"

#include "arch.h"
#include "lib/bootinfo.h"
#include "lib/rangeset.h"
#include "lib/string.h"
#include "mm.h"
#include "p2m.h"
#include "pgtable.h"
#include "traps.h"
#include "arch/guest.h"
#include "x86.h"

/* Device space the identity map covers beyond RAM: the 32-bit hole and
 * q35's 64-bit PCI window fit well below this. */
#define HYP_DEVICE_LIMIT	(1ull << 40)
#define HYP_ATTR_RAM		(PTE_RW | PTE_G)
#define HYP_ATTR_DEVICE		(PTE_RW | PTE_G | PTE_UC)

struct mm_pool *arch_pool;
const struct bootinfo *arch_bootinfo;
static struct pgtable hyp_pt;

static bool is_ram(uint32_t type)
{
	return type == BOOTMEM_USABLE || type == BOOTMEM_LOADED || type == BOOTMEM_RESERVED;
}

static int collect_ram(const struct bootinfo *bi, struct rangeset *ram)
{
	unsigned int i;

	for (i = 0; i < bi->nr_mem; i++) {
		const struct bootinfo_mem *m = &bi->mem[i];

		if (is_ram(m->type) &&
		    rangeset_add(ram, m->base & ~(PAGE_SIZE - 1),
				 (m->base + m->size + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1)))
			return -1;
	}
	return 0;
}

static int map_ranges(const struct rangeset *rs, uint64_t attrs)
{
	unsigned int i;
	int ret;

	for (i = 0; i < rs->nr; i++) {
		ret = pgtable_map(&hyp_pt, rs->r[i].start, rs->r[i].start,
				  rs->r[i].end - rs->r[i].start, attrs);
		if (ret)
			return ret;
	}
	return 0;
}

int arch_mmu_init(const struct bootinfo *bi, struct mm_pool *pool)
{
	static struct range ram_slots[BOOTINFO_MAX_MEM], dev_slots[BOOTINFO_MAX_MEM + 1];
	struct rangeset ram, dev;
	unsigned int i;

	arch_pool = pool;
	arch_bootinfo = bi;
	/* Off the firmware's GDT and IDT first: from here on an exception
	 * or interrupt is ours to handle. */
	cpu_tables_load();
	rangeset_init(&ram, ram_slots, BOOTINFO_MAX_MEM);
	rangeset_init(&dev, dev_slots, BOOTINFO_MAX_MEM + 1);
	if (collect_ram(bi, &ram) || rangeset_add(&dev, 0, HYP_DEVICE_LIMIT))
		return -1;
	for (i = 0; i < ram.nr; i++)
		if (rangeset_remove(&dev, ram.r[i].start, ram.r[i].end))
			return -1;
	/* Page 0 is RAM on a PC: keep it out of the pool, so that no
	 * allocation ever looks like a null pointer. */
	if (mm_reserve(pool, 0, PAGE_SIZE) || pgtable_init(&hyp_pt, 0, &mm_pgtable_ops, pool))
		return -1;
	if (map_ranges(&ram, HYP_ATTR_RAM) || map_ranges(&dev, HYP_ATTR_DEVICE))
		return -1;
	/* Secondary CPUs load CR3 from 32-bit code (tramp.S). */
	write_cr(4, read_cr(4) | CR4_PGE);
	write_cr(3, pgtable_root_phys(&hyp_pt));
	return 0;
}

int mmu_claim_low_page(uint64_t limit, uint64_t *pa)
{
	const struct bootinfo *bi = arch_bootinfo;
	unsigned int i;
	uint64_t a;

	/* Page 0 stays out: a null pointer must never look valid. */
	for (i = 0; i < bi->nr_mem; i++) {
		const struct bootinfo_mem *m = &bi->mem[i];

		if (m->type != BOOTMEM_USABLE)
			continue;
		for (a = (m->base + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
		     a && a + PAGE_SIZE <= m->base + m->size && a + PAGE_SIZE <= limit;
		     a += PAGE_SIZE)
			if (!mm_claim(arch_pool, a, PAGE_SIZE)) {
				*pa = a;
				return 0;
			}
	}
	return -1;
}

void *mmu_alloc_page(uint64_t *pa)
{
	void *p;

	if (mm_alloc(arch_pool, PAGE_SIZE, PAGE_SIZE, pa))
		return NULL;
	p = (void *)(uintptr_t)*pa;
	memset(p, 0, PAGE_SIZE);
	return p;
}

/* ---- the p2m layer's architecture part: NPT ---- */

int arch_p2m_start_level(void)
{
	return 0;	/* 4 levels, 48-bit guest physical */
}

/* NPT entries are user pages (every nested walk is a user access);
 * device memory uncached. The guest's own PAT combines with these. No
 * NX on device pages: NPT's NX needs EFER.NXE, and a guest executing
 * from a BAR harms only itself. */
uint64_t arch_p2m_attrs(enum p2m_type type)
{
	/* The guest's devices may read and write its RAM (AMD-Vi's IR, IW),
	 * read its read-only RAM, and reach no device memory: no DMA from
	 * one function to another's BARs. */
	switch (type) {
	case P2M_RAM:
		return PTE_RW | PTE_US | PTE_IOMMU_IR | PTE_IOMMU_IW;
	case P2M_RAM_RO:
		return PTE_US | PTE_IOMMU_IR;
	default:
		return PTE_RW | PTE_US | PTE_UC;
	}
}

/* AMD-Vi walks NPT's tables as they are (arch/pte.h); no mirror. */
uint64_t arch_p2m_mirror_attrs(uint64_t attrs)
{
	return attrs;
}

void arch_p2m_walk(struct p2m_walk *w)
{
	w->ia_bits = GUEST_PA_BITS;
	w->start_level = 0;
	w->pa_bits = cpuid(0x80000008, 0).eax & 0xff;
}
