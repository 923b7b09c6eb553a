// SPDX-License-Identifier: GPL-2.0-only
/*
 * Emulated MMIO on x86: the vIOAPIC page, and the local APIC's page of
 * a vCPU in xAPIC mode. TCG's SVM gives no
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
#include "vlapic.h"
#include "vmcb.h"
#include "x86.h"

#define PTE_PRESENT	1ull
#define PTE_LARGE	(1ull << 7)
#define ADDR_52		0x000ffffffffff000ull
#define CR4_PSE		(1ull << 4)
#define CR4_LA57	(1ull << 12)
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

/* 32-bit paging (CR4.PAE off): two levels of 4-byte entries, 4 MiB
 * pages with CR4.PSE. */
static bool translate_32(struct vcpu *v, const struct vmcb_save *s, uint64_t va, uint64_t *gpa)
{
	uint64_t e;

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

/* PAE: four PDPTEs at CR3 (32-byte aligned), then two levels. */
static bool translate_pae(struct vcpu *v, const struct vmcb_save *s, uint64_t va,
			  uint64_t *table)
{
	uint64_t e = 0;

	if (!read_guest(v->dom, (s->cr3 & 0xffffffe0ull) + ((va >> 30) & 3) * 8, &e, 8) ||
	    !(e & PTE_PRESENT))
		return false;
	*table = e & ADDR_52;
	return true;
}

/*
 * Guest linear address to guest physical through the guest's own page
 * tables: long mode with 4 or 5 levels (CR4.LA57: Debian's kernel uses
 * 5 when the CPU has them), PAE, 32-bit, or paging off.
 */
static bool guest_translate(struct vcpu *v, uint64_t va, uint64_t *gpa)
{
	const struct vmcb_save *s = &v->arch.vmcb->save;
	uint64_t table = s->cr3 & ADDR_52, e;
	unsigned int shift;

	if (!(s->cr0 & CR0_PG)) {
		*gpa = va & 0xffffffffull;
		return true;
	}
	if (!(s->cr4 & CR4_PAE))
		return translate_32(v, s, va, gpa);
	if (!(s->efer & EFER_LMA)) {
		if (!translate_pae(v, s, va, &table))
			return false;
		shift = 21;
	} else {
		shift = s->cr4 & CR4_LA57 ? 48 : 39;
	}
	for (; shift >= 12; shift -= 9) {
		if (!walk_step(v->dom, table, va, shift, 8, &e))
			return false;
		/* 1 GiB and 2 MiB pages; bit 7 is PAT in a 4 KiB PTE. */
		if ((shift == 30 || shift == 21) && (e & PTE_LARGE)) {
			uint64_t mask = (1ull << shift) - 1;

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

/* Stop the guest for an access Tessera cannot emulate, with the bytes
 * it fetched (if any), so the instruction can be looked up. */
static void mmio_refuse(struct vcpu *v, const char *dev, uint64_t gpa, const uint8_t *b,
			bool fetched)
{
	uint64_t rip = v->arch.vmcb->save.rip;

	if (!fetched)
		domain_crash(v, "an access to the %s at 0x%llx from rip 0x%llx, which is not in its RAM",
			     dev, (unsigned long long)gpa, (unsigned long long)rip);
	domain_crash(v, "an access to the %s at 0x%llx by an instruction Tessera does not decode (rip 0x%llx: %02x %02x %02x %02x %02x %02x)",
		     dev, (unsigned long long)gpa, (unsigned long long)rip, b[0], b[1], b[2], b[3],
		     b[4], b[5]);
}

/* The device page gpa falls in, or NULL. */
static const char *mmio_device(const struct vcpu *v, uint64_t gpa)
{
	if (gpa >= GUEST_IOAPIC_BASE && gpa < GUEST_IOAPIC_BASE + GUEST_IOAPIC_SIZE)
		return "IOAPIC";
	if (gpa >= GUEST_LAPIC_BASE && gpa < GUEST_LAPIC_BASE + GUEST_LAPIC_SIZE &&
	    v->arch.lapic.mode == VLAPIC_XAPIC)
		return "local APIC";
	return NULL;
}

/* One 4-byte access to the device; false if it has no such register. */
static bool mmio_access(struct vcpu *v, uint64_t gpa, bool write, uint32_t *val)
{
	if (gpa >= GUEST_LAPIC_BASE && gpa < GUEST_LAPIC_BASE + GUEST_LAPIC_SIZE)
		return vlapic_mmio(v, gpa - GUEST_LAPIC_BASE, write, val);
	return vioapic_mmio(v->dom, gpa - GUEST_IOAPIC_BASE, write, val);
}

/* An access to a window the core emulates (kernel/domain.h: the vPCI
 * ECAM and BAR windows), at its own size. */
static void region_access(struct vcpu *v, const struct mmio_region *r, uint64_t gpa,
			  const struct insn *in)
{
	uint64_t val = in->is_write ? insn_store_value(in, v->arch.regs.gpr) : 0;

	if (domain_find_mmio(v->dom, gpa, in->size) != r)
		domain_crash(v, "a %u-byte access at 0x%llx across the end of the %s", in->size,
			     (unsigned long long)gpa, r->name);
	if (r->access(v, r->priv, gpa - r->base, in->size, in->is_write, &val) < 0)
		domain_crash(v, "a bad access to the %s at 0x%llx", r->name,
			     (unsigned long long)gpa);
	if (!in->is_write)
		insn_load_result(in, v->arch.regs.gpr, val);
	v->arch.vmcb->save.rip += in->length;
}

bool x86_mmio(struct vcpu *v, uint64_t gpa, bool write)
{
	struct vmcb_save *s = &v->arch.vmcb->save;
	const char *dev = mmio_device(v, gpa);
	const struct mmio_region *r = dev ? NULL : domain_find_mmio(v->dom, gpa, 1);
	uint8_t bytes[INSN_MAX_LEN];
	struct insn in;
	uint32_t val = 0;
	bool fetched;

	if (!dev && !r)
		return false;
	if (r)
		dev = r->name;
	fetched = fetch(v, bytes);
	if (!fetched || insn_decode(bytes, sizeof(bytes), cpu_mode(s), &in) ||
	    in.is_write != write)
		mmio_refuse(v, dev, gpa, bytes, fetched);
	if (r) {
		region_access(v, r, gpa, &in);
		return true;
	}
	if (write)
		val = (uint32_t)insn_store_value(&in, v->arch.regs.gpr);
	if (in.size != 4 || !mmio_access(v, gpa, write, &val)) {
		domain_note_once(v->dom, NOTE_MMIO_REG,
				 "%s access of %u bytes at 0x%llx: no such register, reads 0, writes dropped",
				 dev, in.size, (unsigned long long)gpa);
		val = 0;
	}
	if (!write)
		insn_load_result(&in, v->arch.regs.gpr, val);
	s->rip += in.length;
	return true;
}
