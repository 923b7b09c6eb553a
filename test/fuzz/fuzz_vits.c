// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: a guest with two vCPUs and three PCI functions
 * (DeviceIDs 0x00 with 32 vectors, 0x08 with 4, 0x10 with 1) driving its
 * virtual ITS (kernel/arch/arm64/vits.c) and its redistributors' LPI
 * registers (vgic.c) however it likes, with its command queue and LPI
 * property table in a 256 KiB RAM the harness owns (AddressSanitizer
 * sees any read outside it). The input is a sequence of 12-byte steps:
 *   kind (u8), vCPU (u8), size selector (u8), op (u8), offset (u32),
 *   value (u32)
 * kinds: 0-1 vITS register read / write (control and translation frame;
 * op bits 1-3 widen the value, see wide()), 2 a command appended to the
 * queue (op, a DeviceID picked by the size selector, EventID = offset,
 * the value as INTID / collection / targets, see push_cmd())
 * and CWRITER moved past it, 3 a raw RAM word (the queue or the
 * property table rewritten), 4 a message from a function (virq_msi,
 * doorbell or not), 5-6 redistributor LPI register read / write, 7 a
 * reset of the guest's lines, 8 a vCPU putting a deliverable LPI in a
 * "list register", 9 it finishing with them (vgic_flush / vgic_sync's
 * bookkeeping, without system registers).
 * Checked after every step:
 * - every pending vLPI is a candidate, so vgic_flush() cannot miss it;
 * - every mapping is the guest's own: a DeviceID of its functions, an
 *   event below that function's vector count, an INTID in the LPI range
 *   held by one mapping only, a target that is one of its vCPUs;
 * - CREADR and CWRITER are command offsets inside the queue, and one
 *   trap ran at most 128 commands;
 * - only the guest's own vCPUs were kicked, and every note formats.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arch/guest.h"
#include "domain.h"
#include "irq.h"
#include "lib/printf.h"
#include "vgic.h"
#include "vgic_irq.h"

#define NR_VCPUS	2
#define RAM_SIZE	(256u << 10)
#define RAM_IPA		0x40000000ull
#define MAX_CMDS	128	/* VITS_CMDS_PER_TRAP */

static struct domain dom;
static struct pcpu cpus[NR_VCPUS];
static struct mmio_region gicd, gicr, its_regs;
static uint8_t *ram;

static const struct { uint32_t devid, nvec; } funcs[] = { { 0x00, 32 }, { 0x08, 4 }, { 0x10, 1 } };

unsigned int pci_msi_vectors(struct domain *d, uint32_t vdevid)
{
	unsigned int i;

	for (i = 0; i < sizeof(funcs) / sizeof(funcs[0]); i++)
		if (funcs[i].devid == vdevid)
			return funcs[i].nvec;
	return 0;
}

static unsigned int nvec_of(uint32_t devid)
{
	return pci_msi_vectors(&dom, devid);
}

int domain_add_mmio(struct domain *d, const struct mmio_region *r)
{
	if (r->base == GUEST_GICD_BASE)
		gicd = *r;
	else if (r->base == GUEST_GICR_BASE)
		gicr = *r;
	else if (r->base == GUEST_GITS_BASE && r->size == GUEST_GITS_SIZE)
		its_regs = *r;
	else
		abort();
	return 0;
}

void domain_note_once(struct domain *d, enum domain_note kind, const char *fmt, ...)
{
	char what[160];
	va_list ap;

	if (d != &dom || kind > NOTE_ITS_DOORBELL)
		abort();
	va_start(ap, fmt);
	fmt_vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	if (strncmp(what, "vITS: ", 6))
		abort();
}

void arch_kick(struct pcpu *p)
{
	if (p < cpus || p >= cpus + NR_VCPUS)
		abort();	/* a CPU that runs none of this guest's vCPUs */
}

static void setup(void)
{
	unsigned int i, n;

	memset(&dom, 0, sizeof(dom));
	memset(cpus, 0, sizeof(cpus));
	memset(ram, 0, RAM_SIZE);
	dom.nr_vcpus = NR_VCPUS;
	dom.ram_ipa = RAM_IPA;
	dom.ram_pa = (uintptr_t)ram;
	dom.ram_size = RAM_SIZE;
	for (i = 0; i < NR_VCPUS; i++) {
		dom.vcpus[i].dom = &dom;
		dom.vcpus[i].id = i;
		dom.vcpus[i].pcpu = &cpus[i];
		cpus[i].vcpu = &dom.vcpus[i];
		for (n = 0; n < VGIC_MAX_LRS; n++)
			dom.vcpus[i].arch.vgic.lr_irq[n] = -1;
	}
	if (vgic_domain_init(&dom) || virq_msi_init(&dom) || !its_regs.access)
		abort();
}

static uint64_t access(const struct mmio_region *r, struct vcpu *v, uint64_t off,
		       unsigned int size, bool write, uint64_t val)
{
	if (off + size > r->size)
		return 0;	/* the trap handler only calls inside the region */
	if (r->access(v, r->priv, off, size, write, &val))
		abort();
	return val;
}

static uint64_t its_reg(struct vcpu *v, uint64_t off, unsigned int size, bool write,
			uint64_t val)
{
	return access(&its_regs, v, off, size, write, val);
}

static uint64_t queue_bytes(void)
{
	return ((dom.arch.vgic.its.cbaser & 0xff) + 1) * 4096;
}

/* Kind 2: one command where CWRITER points (if that is in RAM), then CWRITER past it. */
static void push_cmd(struct vcpu *v, unsigned int op, unsigned int pick, uint32_t event,
		     uint32_t val)
{
	static const uint32_t devids[] = { 0x00, 0x08, 0x10, 0x18, 0x100, 0xffff };
	const struct vits *its = &dom.arch.vgic.its;
	uint64_t qpa = (its->cbaser & 0x000ffffffffff000ull) + its->cwriter;
	/* val: INTID (or, its low bits, ITT size) 15:0, collection 27:24,
	 * target 29:28, second target 30, Valid 31. */
	uint64_t c[4] = { op | (uint64_t)devids[pick % 6] << 32,
			  event | (uint64_t)(val & 0xffff) << 32 | (val & 0x1f),
			  (val >> 24 & 0xf) | (uint64_t)(val >> 28 & 3) << 16 |
			  (uint64_t)(val >> 31) << 63,
			  (uint64_t)(val >> 30 & 1) << 16 };

	if (qpa >= RAM_IPA && qpa + 32 <= RAM_IPA + RAM_SIZE)
		memcpy(ram + (qpa - RAM_IPA), c, sizeof(c));
	its_reg(v, 0x88, 8, true, (its->cwriter + 32) % queue_bytes());
}

static void check(uint64_t creadr_before, bool ran_queue)
{
	const struct vits *its = &dom.arch.vgic.its;
	unsigned int s, t;

	for (s = 0; s < VGIC_NR_LPIS; s++) {
		const struct vits_ite *e = &its->ite[s];
		const struct vgic_irq *irq = &dom.arch.vgic.lpi[s];

		if (irq->pending && !(dom.arch.vgic.lpi_candidates & (1ull << s)))
			abort();
		if (irq->target >= NR_VCPUS && irq->target != VGIC_NO_TARGET)
			abort();
		if (!e->intid) {
			if (irq->pending)
				abort();
			continue;
		}
		if (e->intid < GUEST_LPI_BASE || e->dev >= its->nr_dev || !its->dev[e->dev].mapped ||
		    e->event >= nvec_of(its->dev[e->dev].devid) || e->icid >= NR_VCPUS)
			abort();
		for (t = s + 1; t < VGIC_NR_LPIS; t++)
			if (its->ite[t].intid == e->intid)
				abort();
	}
	if (its->creadr % 32 || its->cwriter % 32 || its->creadr >= queue_bytes() ||
	    its->cwriter >= queue_bytes())
		abort();
	if (ran_queue &&
	    (its->creadr - creadr_before + queue_bytes()) % queue_bytes() > MAX_CMDS * 32 &&
	    its->creadr != its->cwriter)
		abort();
}

/* A register value from a step: op bits 1-3 add a high half, the
 * guest's RAM base, bit 63 (Valid). */
static uint64_t wide(uint8_t op, uint32_t val)
{
	return val | (op & 2 ? (uint64_t)val << 32 : 0) | (op & 4 ? RAM_IPA : 0) |
	       (op & 8 ? 1ull << 63 : 0);
}

/* Kind 8: what vgic_flush() does with one deliverable LPI of v. */
static void take_lr(struct vcpu *v, unsigned int n)
{
	uint64_t todo = dom.arch.vgic.lpi_candidates;

	if (v->arch.vgic.lr_irq[n % VGIC_MAX_LRS] >= 0)
		return;
	while (todo) {
		unsigned int s = __builtin_ctzll(todo);
		struct vgic_irq *irq = &dom.arch.vgic.lpi[s];

		todo &= todo - 1;
		if (drop_idle_candidate(&dom, v, VGIC_LPI_IDX(s), irq))
			continue;
		if (irq->target != v->id || !irq->enabled || irq->lr >= 0 ||
		    !v->arch.vgic.lpis_enabled)
			continue;
		irq->lr = n % VGIC_MAX_LRS;
		irq->pending = false;
		v->arch.vgic.lr_irq[n % VGIC_MAX_LRS] = VGIC_LPI_IDX(s);
		return;
	}
}

/* Kind 9: vgic_sync() finding every list register of v done. */
static void drop_lrs(struct vcpu *v)
{
	unsigned int n;

	for (n = 0; n < VGIC_MAX_LRS; n++) {
		int idx = v->arch.vgic.lr_irq[n];

		if (idx < 0)
			continue;
		irq_at(&dom, v, idx)->lr = -1;
		irq_at(&dom, v, idx)->withdraw = false;
		v->arch.vgic.lr_irq[n] = -1;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const unsigned int sizes[] = { 1, 2, 4, 8 };
	size_t i;

	if (!ram)
		ram = malloc(RAM_SIZE);
	setup();
	for (i = 0; i + 12 <= size; i += 12) {
		const uint8_t *s = data + i;
		struct vcpu *v = &dom.vcpus[s[1] % NR_VCPUS];
		unsigned int kind = s[0] % 10, sz = sizes[s[2] % 4];
		uint32_t off = s[4] | s[5] << 8 | s[6] << 16 | (uint32_t)s[7] << 24;
		uint32_t val = s[8] | s[9] << 8 | s[10] << 16 | (uint32_t)s[11] << 24;
		uint64_t creadr = dom.arch.vgic.its.creadr;
		bool ran = kind <= 2;

		switch (kind) {
		case 0: case 1:
			/* Mostly the registers Linux uses; sometimes anywhere. */
			its_reg(v, s[3] & 1 ? off % GUEST_GITS_SIZE : off % 0x140, sz, kind & 1,
				wide(s[3], val));
			break;
		case 2:
			push_cmd(v, s[3] & 0x1f, s[2], off, val);
			break;
		case 3:
			memcpy(ram + (off % (RAM_SIZE / 4)) * 4, &val, 4);
			break;
		case 4:
			virq_msi(&dom, s[3] & 0x80 ? off & 0xffff : s[3] & 0x18,
				 s[2] & 1 ? GUEST_GITS_DOORBELL : off, val & (s[2] & 2 ? 0x1f : ~0u));
			break;
		case 5: case 6:
			access(&gicr, v, (s[3] & 1) * GUEST_GICR_STRIDE + (off % 0x80), sz, kind == 6,
			       wide(s[3], val));
			break;
		case 7:
			virq_reset_lines(&dom);
			break;
		case 8:
			take_lr(v, off);
			break;
		case 9:
			drop_lrs(v);
			break;
		}
		check(creadr, ran);
	}
	return 0;
}
