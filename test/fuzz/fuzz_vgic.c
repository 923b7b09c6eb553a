// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: a guest with three vCPUs driving its virtual GICv3's
 * distributor and redistributors (kernel/arch/arm64/vgic.c, the emulated
 * half, which builds on the host) however it likes, interleaved with
 * SGIs, level changes of emulated and forwarded lines, injections and
 * guest resets. The input is a sequence of 12-byte steps:
 *   kind (u8), vCPU (u8), size selector (u8), pad (u8), offset (u32),
 *   value (u32)
 * kinds: 0-1 distributor access, 2-3 redistributor access (the offset
 * reaches every vCPU's frame), 4 ICC_SGI1R_EL1 write, 5 a line level,
 * 6 an injection, 7 the virtual timer, 8 a guest reset of the lines,
 * 9 the pruning pass of vgic_flush() on one vCPU (drop_idle_candidate,
 * the list-register half's own code).
 * Checked after every step:
 * - every interrupt that is pending, or level-triggered with its line
 *   high, is a candidate, so vgic_flush() cannot miss it;
 * - an SPI's target is one of the guest's vCPUs;
 * - only the guest's own vCPUs were kicked;
 * - GICD_TYPER reads what it always reads.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arch/guest.h"
#include "domain.h"
#include "vgic.h"
#include "vgic_irq.h"

#define NR_VCPUS	3
#define GICD_TYPER	0x4

static struct domain dom;
static struct pcpu cpus[NR_VCPUS];
static struct mmio_region gicd, gicr;

int domain_add_mmio(struct domain *d, const struct mmio_region *r)
{
	if (r->base == GUEST_GICD_BASE)
		gicd = *r;
	else
		gicr = *r;
	return 0;
}

/* vits.c is linked too (vgic.c resets it) but this guest has no vITS. */
unsigned int pci_msi_vectors(struct domain *d, uint32_t vdevid)
{
	abort();
}

void domain_note_once(struct domain *d, enum domain_note kind, const char *fmt, ...)
{
	abort();
}

void arch_kick(struct pcpu *p)
{
	if (p < cpus || p >= cpus + NR_VCPUS)
		abort();	/* a CPU that runs none of this guest's vCPUs */
}

static bool is_candidate(const struct vcpu *v, unsigned int intid)
{
	if (intid < VGIC_NR_PRIVATE)
		return v->arch.vgic.candidates & (1u << intid);
	return dom.arch.vgic.spi_candidates & (1u << (intid - VGIC_NR_PRIVATE));
}

static void check_candidates(void)
{
	unsigned int v, i;

	for (v = 0; v < NR_VCPUS; v++)
		for (i = 0; i < VGIC_NR_PRIVATE; i++) {
			const struct vgic_irq *irq = &dom.vcpus[v].arch.vgic.priv[i];

			if ((irq->pending || (!irq->edge && irq->line)) && !is_candidate(&dom.vcpus[v], i))
				abort();
		}
	for (i = 0; i < VGIC_NR_SPIS; i++) {
		const struct vgic_irq *irq = &dom.arch.vgic.spi[i];

		if ((irq->pending || (!irq->edge && irq->line)) &&
		    !is_candidate(NULL, VGIC_NR_PRIVATE + i))
			abort();
		if (irq->target >= NR_VCPUS)
			abort();
	}
}

/* What vgic_flush() does with v's candidates that cannot go out. */
static void prune(struct vcpu *v)
{
	uint64_t todo = v->arch.vgic.candidates |
			(uint64_t)dom.arch.vgic.spi_candidates << VGIC_NR_PRIVATE;

	while (todo) {
		unsigned int intid = __builtin_ctzll(todo);

		todo &= todo - 1;
		drop_idle_candidate(&dom, v, intid, irq_of(&dom, v, intid));
	}
}

static void setup(void)
{
	unsigned int i;

	memset(&dom, 0, sizeof(dom));
	memset(cpus, 0, sizeof(cpus));
	dom.nr_vcpus = NR_VCPUS;
	for (i = 0; i < NR_VCPUS; i++) {
		dom.vcpus[i].dom = &dom;
		dom.vcpus[i].id = i;
		dom.vcpus[i].pcpu = &cpus[i];
		cpus[i].vcpu = &dom.vcpus[i];
		/* What vgic_vcpu_reset() leaves, without the list registers. */
		for (unsigned int n = 0; n < VGIC_NR_PRIVATE; n++) {
			dom.vcpus[i].arch.vgic.priv[n].edge = n < 16;
			dom.vcpus[i].arch.vgic.priv[n].lr = -1;
		}
		dom.vcpus[i].arch.vgic.priv[GUEST_VTIMER_IRQ].hw = true;
	}
	if (vgic_domain_init(&dom) || gicr.size != GUEST_GICR_STRIDE * NR_VCPUS)
		abort();
	/* One SPI forwarded from a host line, as an assigned device's. */
	virq_bind_host(&dom, GUEST_VPCI_INTX_IRQ(1, 1), 40);
}

static void access(const struct mmio_region *r, struct vcpu *v, uint64_t off,
		   unsigned int size, bool write, uint64_t val)
{
	if (off + size > r->size)
		return;	/* the trap handler only calls inside the region */
	if (r->access(v, r->priv, off, size, write, &val))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const unsigned int sizes[] = { 1, 2, 4, 8 };
	size_t i;

	setup();
	for (i = 0; i + 12 <= size; i += 12) {
		const uint8_t *s = data + i;
		struct vcpu *v = &dom.vcpus[s[1] % NR_VCPUS];
		unsigned int kind = s[0] % 10, sz = sizes[s[2] % 4];
		uint32_t off = s[4] | s[5] << 8 | s[6] << 16 | (uint32_t)s[7] << 24;
		uint64_t val = s[8] | s[9] << 8 | s[10] << 16 | (uint64_t)s[11] << 24;

		switch (kind) {
		case 0: case 1:
			access(&gicd, v, off % GUEST_GICD_SIZE, sz, kind & 1, val);
			break;
		case 2: case 3:
			access(&gicr, v, off % gicr.size, sz, kind & 1, val);
			break;
		case 4:
			vgic_sgi1r(v, val | (uint64_t)s[3] << 40);
			break;
		case 5:
			virq_set_level(&dom, VGIC_NR_PRIVATE + off % VGIC_NR_SPIS, val & 1);
			break;
		case 6:
			virq_inject(v, off % VGIC_NR_IRQS);
			break;
		case 7:
			vgic_vtimer_fired(v);
			break;
		case 8:
			virq_reset_lines(&dom);
			break;
		case 9:
			prune(v);
			break;
		}
		check_candidates();
	}
	{
		uint64_t typer = 0;

		gicd.access(&dom.vcpus[0], gicd.priv, GICD_TYPER, 4, false, &typer);
		if (typer != ((9u << 19) | (VGIC_NR_IRQS / 32 - 1)))
			abort();
	}
	return 0;
}
