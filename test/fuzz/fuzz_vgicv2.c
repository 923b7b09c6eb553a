// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: a guest with three vCPUs driving its virtual GICv2's
 * distributor (kernel/arch/arm64/vgic_v2.c over the shared state of
 * vgic.c) however it likes, interleaved with level changes, injections,
 * the virtual timer and guest resets. The input is a sequence of 12-byte
 * steps: kind (u8), vCPU (u8), size selector (u8), pad (u8), offset
 * (u32), value (u32); kinds: 0-1 distributor read/write, 2 GICD_SGIR
 * write, 3 a line level, 4 an injection, 5 the virtual timer, 6 a
 * guest reset of the lines.
 * Checked after every step:
 * - every interrupt that is pending, or level-triggered with its line
 *   high, is a candidate, so vgic_flush() cannot miss it;
 * - an SPI's target is one of the guest's vCPUs, or none (VGIC_NO_TARGET);
 * - only the guest's own vCPUs were kicked (arch_kick);
 * - GICD_TYPER reads what it always reads; SGIs and PPIs' ITARGETSR
 *   read the accessing vCPU.
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
#define GICD_TYPER	0x004
#define GICD_ITARGETSR	0x800
#define GICD_SGIR	0xf00

static struct domain dom;
static struct pcpu cpus[NR_VCPUS];
static struct mmio_region gicd;

int domain_add_mmio(struct domain *d, const struct mmio_region *r)
{
	if (r->base != GUEST_GICD_BASE || r->size != GUEST_GICV2_GICD_SIZE)
		abort();
	gicd = *r;
	return 0;
}

/* vits.c is linked too (vgic.c resets it) but a GICv2 guest has no vITS. */
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

static void check(void)
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
		if (irq->target >= NR_VCPUS && irq->target != VGIC_NO_TARGET)
			abort();
	}
}

static void setup(void)
{
	unsigned int i, n;

	memset(&dom, 0, sizeof(dom));
	memset(cpus, 0, sizeof(cpus));
	dom.nr_vcpus = NR_VCPUS;
	for (i = 0; i < NR_VCPUS; i++) {
		dom.vcpus[i].dom = &dom;
		dom.vcpus[i].id = i;
		dom.vcpus[i].pcpu = &cpus[i];
		cpus[i].vcpu = &dom.vcpus[i];
		/* What vgic_vcpu_reset() leaves, without the list registers. */
		for (n = 0; n < VGIC_NR_PRIVATE; n++) {
			dom.vcpus[i].arch.vgic.priv[n].edge = n < 16;
			dom.vcpus[i].arch.vgic.priv[n].lr = -1;
		}
		dom.vcpus[i].arch.vgic.priv[GUEST_VTIMER_IRQ].hw = true;
	}
	if (vgic_v2_domain_init(&dom) || !dom.arch.vgic.v2)
		abort();
	virq_bind_host(&dom, GUEST_VPCI_INTX_IRQ(1, 1), 40);
}

static uint64_t read(struct vcpu *v, uint64_t off, unsigned int size)
{
	uint64_t val = 0;

	if (gicd.access(v, gicd.priv, off, size, false, &val))
		abort();
	return val;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const unsigned int sizes[] = { 1, 2, 4, 8 };
	size_t i;
	unsigned int v;

	setup();
	for (i = 0; i + 12 <= size; i += 12) {
		const uint8_t *s = data + i;
		struct vcpu *vc = &dom.vcpus[s[1] % NR_VCPUS];
		unsigned int kind = s[0] % 7, sz = sizes[s[2] % 4];
		uint32_t off = s[4] | s[5] << 8 | s[6] << 16 | (uint32_t)s[7] << 24;
		uint64_t val = s[8] | s[9] << 8 | s[10] << 16 | (uint64_t)s[11] << 24;

		off %= GUEST_GICV2_GICD_SIZE;
		switch (kind) {
		case 0: case 1:
			if (off + sz <= GUEST_GICV2_GICD_SIZE &&
			    gicd.access(vc, gicd.priv, off, sz, kind & 1, &val))
				abort();
			break;
		case 2:
			if (gicd.access(vc, gicd.priv, GICD_SGIR, 4, true, &val))
				abort();
			break;
		case 3:
			virq_set_level(&dom, VGIC_NR_PRIVATE + off % VGIC_NR_SPIS, val & 1);
			break;
		case 4:
			virq_inject(vc, off % VGIC_NR_IRQS);
			break;
		case 5:
			vgic_vtimer_fired(vc);
			break;
		case 6:
			virq_reset_lines(&dom);
			break;
		}
		check();
	}
	if (read(&dom.vcpus[0], GICD_TYPER, 4) != ((NR_VCPUS - 1) << 5 | (VGIC_NR_IRQS / 32 - 1)))
		abort();
	for (v = 0; v < NR_VCPUS; v++)
		if (read(&dom.vcpus[v], GICD_ITARGETSR + 16, 4) != 0x01010101u << v)
			abort();
	return 0;
}
