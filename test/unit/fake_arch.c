// SPDX-License-Identifier: GPL-2.0-only
/*
 * A fake architecture for host tests of core files (as Hafnium's
 * src/arch/fake): kernel/arch.h, the host half of kernel/irq.h, the
 * p2m's architecture part (kernel/p2m.h) and the console's hardware
 * half, recording what the core asked for so tests can check it. Its
 * data structures, descriptor format and guest ABI are arm64's
 * (the arch/ headers, which build on the host), and so is the emulated vGIC
 * (kernel/arch/arm64/vgic.c) it links: only what touches EL2 registers
 * is faked.
 */
#include "fake_arch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arch.h"
#include "console.h"
#include "domain.h"
#include "irq.h"
#include "lib/lockorder.h"
#include "p2m.h"
#include "vgic.h"

struct fake_arch fake_arch;

int arch_p2m_start_level(void)
{
	return 1;
}

uint64_t arch_p2m_attrs(enum p2m_type type)
{
	return FAKE_P2M_ATTRS(type);
}

uint64_t arch_p2m_mirror_attrs(uint64_t attrs)
{
	return FAKE_MIRROR_ATTRS(attrs);
}

void arch_p2m_flush(struct p2m *p)
{
	/* The core promises the p2m lock is held (kernel/p2m.h). */
	lock_assert(spin_is_locked(&p->lock));
	fake_arch.flushes++;
	fake_arch.last_flushed = p;
}

void console_write_line(const char *line)
{
	snprintf(fake_arch.last_line, sizeof(fake_arch.last_line), "%s", line);
}

/* ---- the rest of kernel/arch.h and kernel/irq.h's host half ---- */

struct pcpu pcpus[MAX_PCPUS];
unsigned int nr_pcpus;
static __thread struct pcpu *current_pcpu;

struct pcpu *this_pcpu(void)
{
	return current_pcpu;
}

void arch_dcache_clean(const void *start, uint64_t size)
{
}

/* Only the emulated half of arm64's vGIC runs here (vgic.c). */
int arch_domain_init(struct domain *d)
{
	return vgic_domain_init(d);
}

/* Time passes a millisecond per reading: waits end without sleeping. */
uint64_t arch_counter(void)
{
	static uint64_t now;

	return now += 1000;
}

uint64_t arch_counter_freq(void)
{
	return 1000000;
}

void arch_kick(struct pcpu *p)
{
	fake_arch.kicks++;
}

void arch_vcpu_start(struct vcpu *v)
{
	abort();	/* no guest runs on the host */
}

void arch_power_off(void)
{
	abort();
}

void arch_p2m_walk(struct p2m_walk *w)
{
	w->ia_bits = 39;
	w->start_level = 1;
	w->pa_bits = 48;
}

int irq_route_edge(int irq, const struct pcpu *target)
{
	return irq < 32 ? -1 : 0;
}

int irq_route(int irq, const struct pcpu *target)
{
	return irq < 32 || (fake_arch.refuse_route && irq == fake_arch.refuse_route) ? -1 : 0;
}

void irq_mask(unsigned int irq)
{
}

void irq_unmask(unsigned int irq)
{
}

void irq_clear_active(unsigned int irq)
{
}

/* ---- the console's hardware half (kernel/console.c drives a UART) ---- */

int console_irq(void)
{
	return -1;
}

void console_input(void)
{
}

bool console_has_focus(const struct domain *d)
{
	return false;
}

void console_focus_lost(const struct domain *d)
{
}

bool console_pci_function(uint32_t *sbdf)
{
	return false;
}

void console_guest_write(const void *owner, const char *prefix, const char *text,
			 bool line_end)
{
}

/* No MSI controller on the fake architecture. */
bool irq_msi_present(void)
{
	return false;
}

int irq_msi_doorbell(uint64_t *base, uint64_t *size)
{
	return -1;
}

int irq_msi_setup(uint32_t devid, unsigned int nvec, const struct pcpu *target, void *cookie,
		  struct irq_msi_msg *msg)
{
	return -1;
}

void irq_msi_retarget(uint32_t devid, const struct pcpu *target)
{
}

const struct fdt *arch_pci_host_tree(const struct fdt *boot)
{
	return boot;
}

/* No I/O space on the fake board: an unclaimed cycle. */
void arch_pci_io(uint64_t addr, unsigned int size, bool write, uint32_t *val)
{
	(void)addr;
	(void)size;
	if (!write)
		*val = ~0u;
}
