// SPDX-License-Identifier: GPL-2.0-only
#include "mmu.h"

#include "arch.h"
#include "lib/bootinfo.h"
#include "lib/rangeset.h"
#include "lib/string.h"
#include "mm.h"
#include "sysreg.h"

/* MAIR_EL2 slots */
#define MAIR_DEVICE	0	/* Device-nGnRE */
#define MAIR_NORMAL	1	/* Normal, write-back, read/write-allocate */
#define MAIR_VALUE	((0x04ull << (8 * MAIR_DEVICE)) | (0xffull << (8 * MAIR_NORMAL)))

/* AP[1] (bit 6) is RES1 in the EL2 regime; AP[2] = 0 is read/write. */
#define HYP_AP		(1ull << 6)
#define HYP_ATTR_NORMAL	(S1_ATTR_IDX(MAIR_NORMAL) | PTE_SH_INNER | HYP_AP)
#define HYP_ATTR_DEVICE	(S1_ATTR_IDX(MAIR_DEVICE) | S1_XN | HYP_AP)

/* Device space mapped by the identity map: enough for QEMU virt's high
 * PCIe windows (up to 1 TiB) without a table page per 512 GiB beyond. */
#define HYP_DEVICE_LIMIT	(1ull << 40)

struct mmu_regs hyp_mmu_regs;
static struct pgtable hyp_pt;
static unsigned int pa_bits;

static unsigned int mmu_pa_bits(void)
{
	static const unsigned char bits[] = { 32, 36, 40, 42, 44, 48, 52 };
	unsigned int r = read_sysreg(id_aa64mmfr0_el1) & 0xf;

	return r < sizeof(bits) ? bits[r] : 48;
}

/* PS/IPS field value for the PA size, capped at 48 bits (no LPA). */
static uint64_t pa_size_field(void)
{
	uint64_t r = read_sysreg(id_aa64mmfr0_el1) & 0xf;

	return r > 5 ? 5 : r;
}

static bool is_ram(uint32_t type)
{
	return type == BOOTMEM_USABLE || type == BOOTMEM_LOADED ||
	       type == BOOTMEM_RESERVED;
}

int arch_mmu_init(const struct bootinfo *bi, struct mm_pool *pool)
{
	static struct range ram_slots[BOOTINFO_MAX_MEM], dev_slots[BOOTINFO_MAX_MEM + 1];
	struct rangeset ram, dev;
	uint64_t limit;
	unsigned int i;
	int ret;

	pa_bits = mmu_pa_bits();
	limit = pa_bits >= 40 ? HYP_DEVICE_LIMIT : 1ull << pa_bits;
	rangeset_init(&ram, ram_slots, BOOTINFO_MAX_MEM);
	rangeset_init(&dev, dev_slots, BOOTINFO_MAX_MEM + 1);
	for (i = 0; i < bi->nr_mem; i++) {
		const struct bootinfo_mem *m = &bi->mem[i];

		if (is_ram(m->type) &&
		    rangeset_add(&ram, m->base & ~(PAGE_SIZE - 1),
				 (m->base + m->size + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1)))
			return -1;
	}
	/* Everything that is not RAM is treated as device space. */
	if (rangeset_add(&dev, 0, limit))
		return -1;
	for (i = 0; i < ram.nr; i++)
		if (rangeset_remove(&dev, ram.r[i].start, ram.r[i].end))
			return -1;

	if (pgtable_init(&hyp_pt, 0, &mm_pgtable_ops, pool))
		return -1;
	for (i = 0; i < ram.nr; i++) {
		ret = pgtable_map(&hyp_pt, ram.r[i].start, ram.r[i].start,
				  ram.r[i].end - ram.r[i].start, HYP_ATTR_NORMAL);
		if (ret)
			return ret;
	}
	for (i = 0; i < dev.nr; i++) {
		ret = pgtable_map(&hyp_pt, dev.r[i].start, dev.r[i].start,
				  dev.r[i].end - dev.r[i].start, HYP_ATTR_DEVICE);
		if (ret)
			return ret;
	}

	hyp_mmu_regs.mair = MAIR_VALUE;
	/* T0SZ=16 (48-bit VA, 4 levels), inner-shareable write-back walks,
	 * 4K granule; bits 31 and 23 are RES1. */
	hyp_mmu_regs.tcr = 16 | (1 << 8) | (1 << 10) | (3 << 12) |
			   (pa_size_field() << 16) | (1u << 23) | (1u << 31);
	hyp_mmu_regs.ttbr = pgtable_root_phys(&hyp_pt);
	/* RES1 bits, then M, C, I. */
	hyp_mmu_regs.sctlr = 0x30c50830ull | (1 << 0) | (1 << 2) | (1 << 12);
	/* Secondaries read these with their caches off. */
	arch_dcache_clean(&hyp_mmu_regs, sizeof(hyp_mmu_regs));
	arch_mmu_enable(&hyp_mmu_regs);
	return 0;
}

uint64_t stage2_vtcr(void)
{
	/* T0SZ=25 (39-bit IPA), SL0=1 (start at level 1), write-back
	 * inner-shareable walks, 4K granule; bit 31 is RES1. */
	return (64 - GUEST_PA_BITS) | (1 << 6) | (1 << 8) | (1 << 10) | (3 << 12) |
	       (pa_size_field() << 16) | (1u << 31);
}

uint64_t stage2_vttbr(const struct p2m *p)
{
	return p2m_root(p) | ((uint64_t)(p->vmid & 0xff) << 48);
}

void stage2_load(uint64_t vtcr, uint64_t vttbr)
{
	write_sysreg(vtcr_el2, vtcr);
	write_sysreg(vttbr_el2, vttbr);
	isb();
}

void stage2_flush_tlb(void)
{
	dsb(ishst);
	asm volatile("tlbi vmalls12e1is" ::: "memory");
	dsb(ish);
	isb();
}

/* TLBI VMALLS12E1IS acts on the VMID in VTTBR_EL2: load p's for it. */
void arch_p2m_flush(struct p2m *p)
{
	uint64_t cur = read_sysreg(vttbr_el2), vttbr = stage2_vttbr(p);

	if (cur != vttbr) {
		write_sysreg(vttbr_el2, vttbr);
		isb();
	}
	stage2_flush_tlb();
	if (cur != vttbr) {
		write_sysreg(vttbr_el2, cur);
		isb();
	}
}

void arch_p2m_walk(struct p2m_walk *w)
{
	w->ia_bits = GUEST_PA_BITS;
	w->start_level = arch_p2m_start_level();
	w->pa_bits = mmu_pa_bits() > 48 ? 48 : mmu_pa_bits();
}

int arch_p2m_start_level(void)
{
	return 1;
}

uint64_t arch_p2m_attrs(enum p2m_type type)
{
	switch (type) {
	case P2M_RAM:
		return S2_MEMATTR_NORMAL | S2_AP_RW | PTE_SH_INNER;
	case P2M_RAM_RO:
		return S2_MEMATTR_NORMAL | S2_AP_RO | PTE_SH_INNER;
	case P2M_DEVICE:
		break;
	}
	return S2_MEMATTR_DEVICE | S2_AP_RW | S2_XN;
}

uint64_t arch_p2m_mirror_attrs(uint64_t attrs)
{
	return pte_dma_s1_attrs(attrs);
}

void arch_dcache_clean(const void *start, uint64_t size)
{
	uint64_t line = 4u << ((read_sysreg(ctr_el0) >> 16) & 0xf);
	uint64_t a = (uint64_t)start & ~(line - 1);

	for (; a < (uint64_t)start + size; a += line)
		asm volatile("dc cvac, %0" : : "r"(a) : "memory");
	dsb(sy);
}
