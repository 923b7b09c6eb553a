// SPDX-License-Identifier: GPL-2.0-only
/*
 * x86_64 host interrupts (kernel/irq.h): each CPU's local APIC in
 * x2APIC mode, used for kicks between CPUs and, through its timer, to
 * wake a CPU when its vCPU's timer is due. Device interrupts are not
 * routed yet (no IOAPIC driver): CPU 0 polls the console, from its
 * timer while it runs a guest, and there is no host MSI controller.
 * Guests' virtual interrupts go to the vLAPIC.
 */
#include "irq.h"

#include "acpi.h"
#include "arch.h"
#include "console.h"
#include "irq_host.h"
#include "traps.h"
#include "x86.h"

#define SVR_ENABLE	(1u << 8)
#define MSR_LVT_TIMER	0x832u
#define MSR_TIMER_INIT	0x838u
#define MSR_TIMER_CUR	0x839u
#define MSR_TIMER_DCR	0x83eu
#define DCR_DIV1	0xbu
#define LVT_MASKED	(1u << 16)

/* The host APIC timer's ticks per second, measured once against the TSC. */
static uint64_t apic_timer_hz;

static void measure_apic_timer(void)
{
	uint64_t t0, tsc_hz = acpi_tsc_hz();

	wrmsr(MSR_TIMER_DCR, DCR_DIV1);
	wrmsr(MSR_LVT_TIMER, LVT_MASKED | HOST_TIMER_VECTOR);
	wrmsr(MSR_TIMER_INIT, 0xffffffffu);
	for (t0 = rdtsc(); rdtsc() - t0 < tsc_hz / 100;)
		asm volatile("pause");
	apic_timer_hz = (0xffffffffu - rdmsr(MSR_TIMER_CUR)) * 100;
	wrmsr(MSR_TIMER_INIT, 0);
}

/* What each CPU's timer is armed for, so that an exit with nothing new
 * costs no MSR write. */
static uint64_t armed_for[MAX_PCPUS];

/* How often CPU 0 looks at the console while it runs a guest: a key
 * typed waits at most this long (and costs one exit per period). */
#define CONSOLE_POLL_MS	10

void host_timer_fired(void)
{
	struct pcpu *p = this_pcpu();

	armed_for[p->id] = 0;
	if (p->id == 0)
		console_input();
}

/* CPU 0's deadline: tsc, or the next console poll if that comes first
 * (what is armed already stays if it is soon enough). */
static uint64_t with_console_poll(uint64_t tsc, uint64_t now, uint64_t armed)
{
	uint64_t poll = now + acpi_tsc_hz() / 1000 * CONSOLE_POLL_MS;

	if (armed > now && armed <= poll && (!tsc || tsc >= armed))
		return armed;
	return !tsc || tsc > poll ? poll : tsc;
}

void host_timer_arm(uint64_t tsc)
{
	uint64_t now = rdtsc(), ticks, *armed = &armed_for[this_pcpu()->id];

	if (this_pcpu()->id == 0)
		tsc = with_console_poll(tsc, now, *armed);

	if (tsc == *armed && (!tsc || tsc > now))
		return;
	*armed = tsc;
	if (!tsc) {
		wrmsr(MSR_TIMER_INIT, 0);
		return;
	}
	ticks = tsc > now ? (tsc - now) * (apic_timer_hz / 1000) / (acpi_tsc_hz() / 1000) : 0;
	if (ticks > 0xffffffffu)
		ticks = 0xffffffffu;
	wrmsr(MSR_TIMER_INIT, ticks ? ticks : 1);
}

int irq_init(const struct fdt *fdt)
{
	(void)fdt;
	if (!(cpuid(1, 0).ecx & (1u << 21)))
		return -1;	/* no x2APIC */
	return 0;
}

int irq_cpu_init(struct pcpu *p)
{
	(void)p;
	wrmsr(MSR_APIC_BASE, rdmsr(MSR_APIC_BASE) | APIC_BASE_EN);
	wrmsr(MSR_APIC_BASE, rdmsr(MSR_APIC_BASE) | APIC_BASE_EN | APIC_BASE_EXTD);
	wrmsr(MSR_X2APIC_SVR, SVR_ENABLE | SPURIOUS_VECTOR);
	if (!apic_timer_hz)
		measure_apic_timer();
	wrmsr(MSR_TIMER_DCR, DCR_DIV1);
	wrmsr(MSR_LVT_TIMER, HOST_TIMER_VECTOR);	/* one-shot */
	return 0;
}

int irq_route(int irq, const struct pcpu *target)
{
	(void)irq;
	(void)target;
	return -1;
}

int irq_route_edge(int irq, const struct pcpu *target)
{
	return irq_route(irq, target);
}

/* Nothing is ever routed (irq_route says no), so nothing to mask. */
void irq_mask(unsigned int irq)
{
	(void)irq;
}

void irq_unmask(unsigned int irq)
{
	(void)irq;
}

void irq_clear_active(unsigned int irq)
{
	(void)irq;
}

void irq_msi_init(const struct fdt *fdt, struct mm_pool *pool)
{
	(void)fdt;
	(void)pool;
}

bool irq_msi_present(void)
{
	return false;
}

int irq_msi_doorbell(uint64_t *base, uint64_t *size)
{
	(void)base;
	(void)size;
	return -1;
}

int irq_msi_setup(uint32_t devid, unsigned int nvec, const struct pcpu *target, void *cookie,
		  struct irq_msi_msg *msg)
{
	(void)devid;
	(void)nvec;
	(void)target;
	(void)cookie;
	(void)msg;
	return -1;
}

void irq_msi_retarget(uint32_t devid, const struct pcpu *target)
{
	(void)devid;
	(void)target;
}
