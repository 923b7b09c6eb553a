// SPDX-License-Identifier: GPL-2.0-only
/*
 * x86_64 host interrupts (kernel/irq.h): each CPU's local APIC in
 * x2APIC mode, used for kicks between CPUs and, through its timer, to
 * wake a CPU when its vCPU's timer is due; and the board's IOAPIC for
 * the one host device line Tessera takes, the console's (irq_route);
 * MSIs of guests' functions as vectors of their own (irq_msi_setup).
 * The 8259s are masked for good.
 * Guests' virtual interrupts go to the vLAPIC.
 */
#include "irq.h"
#include "iommu.h"

#include "acpi.h"
#include "arch.h"
#include "irq_host.h"
#include "printk.h"
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

void host_timer_fired(void)
{
	armed_for[this_pcpu()->id] = 0;
}

void host_timer_arm(uint64_t tsc)
{
	uint64_t now = rdtsc(), ticks, *armed = &armed_for[this_pcpu()->id];


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

#define MSI_ADDR_BASE		0xfee00000ull
#define MSI_ADDR_DEST_SHIFT	12

#define PIC1_DATA	0x21
#define PIC2_DATA	0xa1

int irq_init(const struct fdt *fdt)
{
	(void)fdt;
	/* The firmware may leave the 8259s unmasked, with LINT0 in ExtINT
	 * mode: their IRQ 4 would arrive at an unknown vector. */
	outb(PIC1_DATA, 0xff);
	outb(PIC2_DATA, 0xff);
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

/*
 * A host device line, as an ISA IRQ (the console's, from the PC's
 * convention: isa_uart.c), through the board's IOAPIC to target's APIC,
 * physical, at HOST_DEVICE_VECTOR. Only one line is ever routed (the
 * console's); a second is refused.
 */
#define IOAPIC_SEL		0x00
#define IOAPIC_WIN		0x10
#define IOAPIC_VER		0x01
#define IOAPIC_RTE(pin)		(0x10 + 2 * (pin))
#define RTE_LEVEL		(1u << 15)
#define RTE_LOW			(1u << 13)
#define RTE_MASKED		(1u << 16)

static volatile uint32_t *routed_ioapic;
static unsigned int routed_pin;
static int routed_irq = -1;

static uint32_t ioapic_read(volatile uint32_t *io, uint32_t reg)
{
	io[IOAPIC_SEL / 4] = reg;
	return io[IOAPIC_WIN / 4];
}

static void ioapic_write(volatile uint32_t *io, uint32_t reg, uint32_t val)
{
	io[IOAPIC_SEL / 4] = reg;
	io[IOAPIC_WIN / 4] = val;
}

int irq_route(int irq, const struct pcpu *target)
{
	uint32_t gsi, base, lo;
	volatile uint32_t *io;
	uint64_t pa;
	bool level, low;

	if (irq < 0 || irq > 15 || routed_ioapic || target->hwid > 0xff)
		return -1;
	gsi = acpi_isa_gsi((unsigned int)irq, &level, &low);
	if (acpi_ioapic_of(gsi, &pa, &base))
		return -1;
	io = (volatile uint32_t *)(uintptr_t)pa;	/* identity map, uncached */
	if (gsi - base > ((ioapic_read(io, IOAPIC_VER) >> 16) & 0xff))
		return -1;
	/* An IOMMU that remaps the IOAPIC's messages must let this one by. */
	if (iommu_ioapic_remap(HOST_DEVICE_VECTOR, target->hwid) < 0)
		return -1;
	lo = HOST_DEVICE_VECTOR | (level ? RTE_LEVEL : 0) | (low ? RTE_LOW : 0);
	ioapic_write(io, IOAPIC_RTE(gsi - base) + 1, (uint32_t)target->hwid << 24);
	ioapic_write(io, IOAPIC_RTE(gsi - base), lo);
	routed_ioapic = io;
	routed_pin = gsi - base;
	routed_irq = irq;
	return 0;
}

int irq_route_edge(int irq, const struct pcpu *target)
{
	return irq_route(irq, target);
}

/* Only the console's line is ever routed; any other irq is not ours. */
void irq_mask(unsigned int irq)
{
	if ((int)irq == routed_irq)
		ioapic_write(routed_ioapic, IOAPIC_RTE(routed_pin),
			     ioapic_read(routed_ioapic, IOAPIC_RTE(routed_pin)) | RTE_MASKED);
}

void irq_unmask(unsigned int irq)
{
	if ((int)irq == routed_irq)
		ioapic_write(routed_ioapic, IOAPIC_RTE(routed_pin),
			     ioapic_read(routed_ioapic, IOAPIC_RTE(routed_pin)) & ~RTE_MASKED);
}

void irq_clear_active(unsigned int irq)
{
	(void)irq;
}

/*
 * Host MSIs: each local APIC is the MSI controller, so a function's
 * message is a vector on a CPU. The vectors HOST_MSI_VECTOR_BASE up are
 * handed out at boot (guests' functions are attached then, on the boot
 * CPU; a restart reuses them), each function's consecutive and aligned
 * to their count up to 32, as multiple-message MSI (at most 32) changes
 * the low bits of the data.
 */
static struct {
	void *cookie;
	unsigned int index;
} msi_vectors[HOST_MSI_VECTORS];
static unsigned int msi_used;

void irq_msi_init(const struct fdt *fdt, struct mm_pool *pool)
{
	(void)fdt;
	(void)pool;
}

bool irq_msi_present(void)
{
	return true;
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
	unsigned int first = host_msi_first(msi_used, nvec), i;

	if (!nvec || target->hwid > 0xff)
		return -1;	/* beyond 8 bits needs remapping of the host's own */
	if (first + nvec > HOST_MSI_VECTORS) {
		/* The plan's check (irq_msi_fit) refuses this before. */
		printk("tessera: error: msi: device 0x%x: %u vector(s) do not fit the %u host vectors for guests' functions\n",
		       devid, nvec, HOST_MSI_VECTORS);
		return -1;
	}
	/* Spent even if a remap below fails: the entries made before it
	 * still raise these vectors, so no other function may get them. */
	msi_used = first + nvec;
	for (i = 0; i < nvec; i++) {
		msi_vectors[first + i].cookie = cookie;
		msi_vectors[first + i].index = i;
		msg[i].addr = MSI_ADDR_BASE | (uint64_t)target->hwid << MSI_ADDR_DEST_SHIFT;
		msg[i].data = HOST_MSI_VECTOR_BASE + first + i;
		/* Through AMD-Vi's remapping table, where there is one. */
		if (iommu_msi_remap(devid, i, (uint8_t)msg[i].data, target->hwid, &msg[i]) < 0)
			return -1;
	}
	return 0;
}

void x86_msi_fired(unsigned int vector)
{
	unsigned int i = vector - HOST_MSI_VECTOR_BASE;

	if (i < HOST_MSI_VECTORS && msi_vectors[i].cookie)
		msi_host_fired(msi_vectors[i].cookie, msi_vectors[i].index);
}

/* Fixed delivery, physical destination: the boot CPU's APIC. */
int irq_msi_hypervisor(struct irq_msi_msg *msg, unsigned int *irq)
{
	if (pcpus[0].hwid > 0xff)
		return -1;	/* beyond 8 bits needs interrupt remapping */
	msg->addr = MSI_ADDR_BASE | (uint64_t)pcpus[0].hwid << MSI_ADDR_DEST_SHIFT;
	msg->data = HOST_IOMMU_VECTOR;
	*irq = HOST_IOMMU_VECTOR;
	return 0;
}

void irq_msi_retarget(uint32_t devid, const struct pcpu *target)
{
	(void)devid;
	(void)target;
}
