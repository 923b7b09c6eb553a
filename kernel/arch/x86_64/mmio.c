// SPDX-License-Identifier: GPL-2.0-only
/*
 * Emulated MMIO on x86 (today the vIOAPIC page). TCG's SVM gives no
 * decode assists: the instruction is fetched from guest memory through
 * the guest's own page tables and decoded (insn.c). What cannot be
 * fetched or decoded stops the guest with one line.
 */
#include "exits.h"

#include "arch/guest.h"
#include "domain.h"
#include "insn.h"
#include "lib/string.h"
#include "vioapic.h"
#include "vmcb.h"
#include "x86.h"

#define PTE_PRESENT	1ull
#define PTE_LARGE	(1ull << 7)
#define ADDR_52		0x000ffffffffff000ull
#define CR4_PSE		(1ull << 4)
#define SEG_L		(1u << 9)	/* VMCB attribute: 64-bit code */
#define SEG_D		(1u << 10)

static bool read_guest(struct domain *d, uint64_t gpa, void *buf, uint64_t len)
{
	const void *p = domain_ram(d, gpa, len);

	if (!p)
		return false;
	memcpy(buf, p, len);
	return true;
}

/* One level: the entry for va at table, 8 or 4 bytes wide. */
static bool walk_step(struct domain *d, uint64_t table, uint64_t va, unsigned int shift,
		      unsigned int width, uint64_t *entry)
{
	uint64_t idx = (va >> shift) & (width == 8 ? 511 : 1023);

	*entry = 0;
	return read_guest(d, table + idx * width, entry, width) && (*entry & PTE_PRESENT);
}

/* Guest linear address to guest physical: long mode, PAE, 32-bit, or
 * paging off. */
static bool guest_translate(struct vcpu *v, uint64_t va, uint64_t *gpa)
{
	const struct vmcb_save *s = &v->arch.vmcb->save;
	static const unsigned int shifts[] = { 39, 30, 21, 12 };
	uint64_t table = s->cr3 & ADDR_52, e;
	unsigned int l, first;

	if (!(s->cr0 & CR0_PG)) {
		*gpa = va & 0xffffffffull;
		return true;
	}
	if (!(s->cr4 & CR4_PAE)) {
		if (!walk_step(v->dom, s->cr3 & 0xfffff000ull, va, 22, 4, &e))
			return false;
		if ((e & PTE_LARGE) && (s->cr4 & CR4_PSE)) {
			*gpa = (e & 0xffc00000ull) | (va & 0x3fffff);
			return true;
		}
		if (!walk_step(v->dom, e & 0xfffff000ull, va, 12, 4, &e))
			return false;
		*gpa = (e & 0xfffff000ull) | (va & 0xfff);
		return true;
	}
	first = (s->efer & EFER_LMA) ? 0 : 1;
	if (!first)
		table = s->cr3 & ADDR_52;
	else
		table = s->cr3 & 0xffffffe0ull;
	for (l = first; l < 4; l++) {
		uint64_t at = table;

		if (first && l == 1) {
			/* PAE: four PDPTEs at CR3, 32-byte aligned. */
			e = 0;
			if (!read_guest(v->dom, at + ((va >> 30) & 3) * 8, &e, 8) || !(e & PTE_PRESENT))
				return false;
		} else if (!walk_step(v->dom, at, va, shifts[l], 8, &e)) {
			return false;
		}
		if (l >= 1 && l < 3 && (e & PTE_LARGE)) {
			uint64_t mask = (1ull << shifts[l]) - 1;

			*gpa = (e & ADDR_52 & ~mask) | (va & mask);
			return true;
		}
		table = e & ADDR_52;
	}
	*gpa = table | (va & 0xfff);
	return true;
}

static bool fetch(struct vcpu *v, uint8_t *bytes)
{
	const struct vmcb_save *s = &v->arch.vmcb->save;
	uint64_t va = s->cs.base + s->rip, first = 0x1000 - (va & 0xfff), gpa;

	if (first > INSN_MAX_LEN)
		first = INSN_MAX_LEN;
	if (!guest_translate(v, va, &gpa) || !read_guest(v->dom, gpa, bytes, first))
		return false;
	if (first == INSN_MAX_LEN)
		return true;
	return guest_translate(v, va + first, &gpa) &&
	       read_guest(v->dom, gpa, bytes + first, INSN_MAX_LEN - first);
}

static enum insn_mode cpu_mode(const struct vmcb_save *s)
{
	if ((s->efer & EFER_LMA) && (s->cs.attr & SEG_L))
		return INSN_MODE_64;
	return s->cs.attr & SEG_D ? INSN_MODE_32 : INSN_MODE_16;
}

bool x86_mmio(struct vcpu *v, uint64_t gpa, bool write)
{
	struct vmcb_save *s = &v->arch.vmcb->save;
	uint8_t bytes[INSN_MAX_LEN];
	struct insn in;
	uint32_t val;

	if (gpa < GUEST_IOAPIC_BASE || gpa >= GUEST_IOAPIC_BASE + GUEST_IOAPIC_SIZE)
		return false;
	if (!fetch(v, bytes) || insn_decode(bytes, sizeof(bytes), cpu_mode(s), &in) ||
	    in.is_write != write)
		domain_crash(v, "an access to the IOAPIC at 0x%llx by an instruction Tessera does not decode (rip 0x%llx)",
			     (unsigned long long)gpa, (unsigned long long)s->rip);
	if (write)
		val = (uint32_t)insn_store_value(&in, v->arch.regs.gpr);
	if (in.size != 4 || !vioapic_mmio(v->dom, gpa - GUEST_IOAPIC_BASE, write, &val)) {
		domain_note_once(v->dom, NOTE_IOAPIC,
				 "an IOAPIC access of %u bytes at offset 0x%llx: reads 0, writes dropped",
				 in.size, (unsigned long long)(gpa - GUEST_IOAPIC_BASE));
		val = 0;
	}
	if (!write)
		insn_load_result(&in, v->arch.regs.gpr, val);
	s->rip += in.length;
	return true;
}
