// SPDX-License-Identifier: GPL-2.0-only
/*
 * The virtual local APIC (vlapic.h). Register numbers are MSR 0x800 +
 * the xAPIC offset / 16 (Intel SDM vol. 3, 11.12; AMD APM vol. 2,
 * 16.11). A vCPU starts in x2APIC mode, as firmware leaves it; a guest
 * that turns x2APIC off (Linux does, without interrupt remapping under a
 * hypervisor it does not know) gets the xAPIC page at 0xfee00000, its
 * accesses decoded by mmio.c. An IPI reaches only the sender's own
 * domain: a destination that is none of its vCPUs is dropped, said once.
 */
#include "vlapic.h"

#include "arch.h"
#include "arch/guest.h"
#include "domain.h"
#include "exits.h"
#include "irq_host.h"
#include "lib/string.h"
#include "vioapic.h"
#include "vmcb.h"
#include "x86.h"

#define R_BASE		0x800
#define R_ID		0x802
#define R_VERSION	0x803
#define R_TPR		0x808
#define R_PPR		0x80a
#define R_EOI		0x80b
#define R_LDR		0x80d
#define R_DFR		0x80e	/* xAPIC only */
#define R_SVR		0x80f
#define R_ISR0		0x810
#define R_TMR0		0x818
#define R_IRR0		0x820
#define R_ESR		0x828
#define R_LVT_CMCI	0x82f
#define R_ICR		0x830
#define R_ICR_HI	0x831	/* xAPIC only: x2APIC's ICR is one 64-bit MSR */
#define R_LVT_TIMER	0x832
#define R_LVT_ERROR	0x837
#define R_TIMER_INIT	0x838
#define R_TIMER_CUR	0x839
#define R_TIMER_DCR	0x83e
#define R_SELF_IPI	0x83f
#define MSR_TSC_DEADLINE 0x6e0
#define APIC_BASE_BSP	(1ull << 8)
#define XAPIC_DFR_FLAT	0xfu

#define VERSION		0x00060014u	/* version 0x14, 7 LVT entries */
#define SVR_ENABLE	(1u << 8)
#define LVT_MASKED	(1u << 16)
#define LVT_TIMER_MODE	(3u << 17)
#define TIMER_PERIODIC	(1u << 17)
#define TIMER_DEADLINE	(2u << 17)
#define ICR_MODE(x)	(((x) >> 8) & 7)
#define ICR_LOGICAL	(1u << 11)
#define ICR_SHORTHAND(x) (((x) >> 18) & 3)
#define MODE_FIXED	0
#define MODE_LOWEST	1
#define MODE_NMI	4
#define MODE_INIT	5
#define MODE_SIPI	6
#define SH_NONE		0
#define SH_SELF		1
#define SH_ALL		2
#define SH_OTHERS	3
#define EVENT_TYPE_NMI	(2ull << 8)
#define VINTR_IRQ	(1ull << 8)
#define VINTR_IGN_TPR	(1ull << 20)

static int highest(const uint32_t *w)
{
	int i;

	for (i = 7; i >= 0; i--) {
		uint32_t x = __atomic_load_n(&w[i], __ATOMIC_ACQUIRE);

		if (x)
			return i * 32 + 31 - __builtin_clz(x);
	}
	return -1;
}

static void bit_set(uint32_t *w, unsigned int vec)
{
	__atomic_fetch_or(&w[vec / 32], 1u << (vec % 32), __ATOMIC_ACQ_REL);
}

static void bit_clear(uint32_t *w, unsigned int vec)
{
	__atomic_fetch_and(&w[vec / 32], ~(1u << (vec % 32)), __ATOMIC_ACQ_REL);
}

static bool bit_test(const uint32_t *w, unsigned int vec)
{
	return __atomic_load_n(&w[vec / 32], __ATOMIC_ACQUIRE) & (1u << (vec % 32));
}

static uint32_t ppr(const struct vlapic *l)
{
	int isr = highest(l->isr);
	uint32_t isrv = isr < 0 ? 0 : (uint32_t)isr & 0xf0;

	return (l->tpr & 0xf0) >= isrv ? l->tpr : isrv;
}

void vlapic_reset(struct vcpu *v)
{
	struct vlapic *l = &v->arch.lapic;
	unsigned int i;

	memset(l, 0, sizeof(*l));
	l->mode = VLAPIC_X2APIC;
	l->offered = -1;
	l->svr = 0xff;
	l->dfr = 0xffffffffu;
	for (i = 0; i < 7; i++)
		l->lvt[i] = LVT_MASKED;
}

struct vcpu *vlapic_vcpu_by_id(struct domain *d, uint32_t id)
{
	return id < d->nr_vcpus ? &d->vcpus[id] : NULL;
}

void vlapic_post(struct vcpu *v, uint8_t vector, bool level)
{
	struct vlapic *l = &v->arch.lapic;

	if (level)
		bit_set(l->tmr, vector);
	else
		bit_clear(l->tmr, vector);
	bit_set(l->irr, vector);
	arch_kick(v->pcpu);
}

/* ---- the timer ---- */

static uint64_t timer_divisor(const struct vlapic *l)
{
	uint32_t d = (l->timer_dcr & 3) | ((l->timer_dcr >> 1) & 4);

	return d == 7 ? 1 : 2ull << d;
}

static void timer_start(struct vlapic *l)
{
	uint64_t ticks = (uint64_t)l->timer_init * timer_divisor(l);

	l->timer_period = (l->lvt[1] & LVT_TIMER_MODE) == TIMER_PERIODIC ? ticks : 0;
	l->timer_expiry = ticks ? rdtsc() + ticks : 0;
}

static uint32_t timer_current(const struct vlapic *l)
{
	uint64_t now = rdtsc();

	if (!l->timer_expiry || (l->lvt[1] & LVT_TIMER_MODE) == TIMER_DEADLINE ||
	    now >= l->timer_expiry)
		return 0;
	return (uint32_t)((l->timer_expiry - now) / timer_divisor(l));
}

static void timer_check(struct vcpu *v)
{
	struct vlapic *l = &v->arch.lapic;
	uint64_t now = rdtsc();

	if (!l->timer_expiry || now < l->timer_expiry)
		return;
	if (l->timer_period)
		l->timer_expiry += l->timer_period * (1 + (now - l->timer_expiry) / l->timer_period);
	else
		l->timer_expiry = 0;
	if (!(l->lvt[1] & LVT_MASKED))
		vlapic_post(v, (uint8_t)l->lvt[1], false);
}

/* ---- IPIs ---- */

/* x2APIC logical: cluster (ID / 16) in the high half, a bit per CPU in
 * the cluster in the low half. */
static bool logical_match(uint32_t dest, uint32_t id)
{
	return (dest >> 16) == (id >> 4) && (dest & 0xffff & (1u << (id & 0xf)));
}

/* xAPIC: an 8-bit destination; logical against the LDR, flat or
 * cluster as the DFR says. */
static bool xapic_accepts(const struct vcpu *t, uint32_t dest, bool logical)
{
	const struct vlapic *l = &t->arch.lapic;
	uint32_t ldr = l->ldr >> 24;

	if (!logical)
		return dest == 0xff || dest == t->id;
	if ((l->dfr >> 28) == XAPIC_DFR_FLAT)
		return dest & ldr;
	return (dest >> 4) == (ldr >> 4) && (dest & ldr & 0xf);
}

bool vlapic_accepts(const struct vcpu *t, uint32_t dest, bool logical)
{
	switch (t->arch.lapic.mode) {
	case VLAPIC_XAPIC:
		return xapic_accepts(t, dest & 0xff, logical);
	case VLAPIC_X2APIC:
		return logical ? logical_match(dest, t->id) : dest == 0xffffffffu || dest == t->id;
	default:
		return false;	/* disabled: takes nothing */
	}
}

bool vlapic_accepts_ioapic(const struct vcpu *t, uint8_t dest, bool logical)
{
	/* An IOAPIC entry's 8 bits cannot name an x2APIC cluster: logical
	 * is then a bit per vCPU, as Linux's flat mode writes it. */
	if (t->arch.lapic.mode == VLAPIC_X2APIC)
		return logical ? dest & (1u << t->id) : dest == t->id;
	return vlapic_accepts(t, dest, logical);
}

static void deliver(struct vcpu *from, struct vcpu *to, uint32_t icr)
{
	uint8_t vec = (uint8_t)icr;

	switch (ICR_MODE(icr)) {
	case MODE_FIXED:
	case MODE_LOWEST:
		vlapic_post(to, vec, false);
		break;
	case MODE_NMI:
		__atomic_store_n(&to->arch.lapic.nmi_pending, true, __ATOMIC_RELEASE);
		arch_kick(to->pcpu);
		break;
	case MODE_INIT:
		break;	/* a vCPU that is off waits for its SIPI anyway */
	case MODE_SIPI:
		vcpu_cpu_on(from, to->id, (uint64_t)vec << 12, 0);
		break;
	default:
		domain_note_once(from->dom, NOTE_IPI, "an IPI of delivery mode %u: dropped",
				 ICR_MODE(icr));
	}
}

static void send_ipi(struct vcpu *v, uint32_t icr, uint32_t dest)
{
	struct domain *d = v->dom;
	unsigned int i, sent = 0;

	for (i = 0; i < d->nr_vcpus; i++) {
		struct vcpu *t = &d->vcpus[i];
		bool hit;

		switch (ICR_SHORTHAND(icr)) {
		case SH_SELF:
			hit = t == v;
			break;
		case SH_ALL:
			hit = true;
			break;
		case SH_OTHERS:
			hit = t != v;
			break;
		default:
			hit = vlapic_accepts(t, dest, icr & ICR_LOGICAL);
		}
		if (hit) {
			deliver(v, t, icr);
			sent++;
		}
	}
	if (!sent && ICR_SHORTHAND(icr) == SH_NONE)
		domain_note_once(d, NOTE_IPI, "an IPI to APIC ID 0x%x, which is none of its vCPUs: dropped",
				 dest);
}

/* ---- registers ---- */

static void eoi(struct vcpu *v)
{
	struct vlapic *l = &v->arch.lapic;
	int vec = highest(l->isr);

	if (vec < 0)
		return;
	bit_clear(l->isr, (unsigned int)vec);
	if (bit_test(l->tmr, (unsigned int)vec))
		vioapic_eoi(v->dom, (uint8_t)vec);
}

/* A register by its x2APIC number, as x2APIC mode has it. */
static int reg_read(struct vcpu *v, uint32_t msr, uint64_t *val)
{
	struct vlapic *l = &v->arch.lapic;

	if (msr >= R_ISR0 && msr < R_ISR0 + 8) {
		*val = l->isr[msr - R_ISR0];
		return 0;
	}
	if (msr >= R_TMR0 && msr < R_TMR0 + 8) {
		*val = l->tmr[msr - R_TMR0];
		return 0;
	}
	if (msr >= R_IRR0 && msr < R_IRR0 + 8) {
		*val = __atomic_load_n(&l->irr[msr - R_IRR0], __ATOMIC_ACQUIRE);
		return 0;
	}
	if (msr == R_LVT_CMCI || (msr >= R_LVT_TIMER && msr <= R_LVT_ERROR)) {
		*val = l->lvt[msr == R_LVT_CMCI ? 0 : msr - R_LVT_TIMER + 1];
		return 0;
	}
	switch (msr) {
	case R_ID:
		*val = v->id;
		return 0;
	case R_VERSION:
		*val = VERSION;
		return 0;
	case R_TPR:
		*val = l->tpr;
		return 0;
	case R_PPR:
		*val = ppr(l);
		return 0;
	case R_LDR:
		*val = ((v->id >> 4) << 16) | (1u << (v->id & 0xf));
		return 0;
	case R_SVR:
		*val = l->svr;
		return 0;
	case R_ESR:
		*val = 0;
		return 0;
	case R_ICR:
		*val = ((uint64_t)l->icr_hi << 32) | l->icr_lo;
		return 0;
	case R_TIMER_INIT:
		*val = l->timer_init;
		return 0;
	case R_TIMER_CUR:
		*val = timer_current(l);
		return 0;
	case R_TIMER_DCR:
		*val = l->timer_dcr;
		return 0;
	case MSR_TSC_DEADLINE:
		*val = l->tsc_deadline;
		return 0;
	}
	return -1;
}

static int write_lvt(struct vlapic *l, unsigned int i, uint32_t val)
{
	uint32_t old = l->lvt[i];

	l->lvt[i] = (l->svr & SVR_ENABLE) ? val : val | LVT_MASKED;
	if (i == 1 && (val & LVT_TIMER_MODE) != (old & LVT_TIMER_MODE))
		l->timer_expiry = 0;	/* a mode change stops the timer */
	return 0;
}

static int reg_write(struct vcpu *v, uint32_t msr, uint64_t val)
{
	struct vlapic *l = &v->arch.lapic;
	uint32_t v32 = (uint32_t)val;

	if (msr == R_LVT_CMCI || (msr >= R_LVT_TIMER && msr <= R_LVT_ERROR))
		return write_lvt(l, msr == R_LVT_CMCI ? 0 : msr - R_LVT_TIMER + 1, v32);
	switch (msr) {
	case R_TPR:
		l->tpr = v32 & 0xff;
		return 0;
	case R_EOI:
		if (val)
			return -1;
		eoi(v);
		return 0;
	case R_SVR:
		l->svr = v32 & 0x11ff;
		return 0;
	case R_ESR:
		return val ? -1 : 0;
	case R_ICR:
		l->icr_lo = v32 & ~(1u << 12);	/* delivery is instant: never pending */
		l->icr_hi = (uint32_t)(val >> 32);
		send_ipi(v, l->icr_lo, l->icr_hi);
		return 0;
	case R_TIMER_INIT:
		l->timer_init = v32;
		if ((l->lvt[1] & LVT_TIMER_MODE) != TIMER_DEADLINE)
			timer_start(l);
		return 0;
	case R_TIMER_DCR:
		l->timer_dcr = v32 & 0xb;
		return 0;
	case R_SELF_IPI:
		vlapic_post(v, (uint8_t)v32, false);
		return 0;
	case MSR_TSC_DEADLINE:
		l->tsc_deadline = val;
		if ((l->lvt[1] & LVT_TIMER_MODE) == TIMER_DEADLINE) {
			l->timer_period = 0;
			l->timer_expiry = val;
		}
		return 0;
	}
	return -1;
}

/* ---- the two ways in: MSRs (x2APIC) and the page (xAPIC) ---- */

int vlapic_msr_read(struct vcpu *v, uint32_t msr, uint64_t *val)
{
	if (msr != MSR_TSC_DEADLINE && v->arch.lapic.mode != VLAPIC_X2APIC)
		return -1;	/* x2APIC MSRs #GP outside x2APIC mode */
	return reg_read(v, msr, val);
}

int vlapic_msr_write(struct vcpu *v, uint32_t msr, uint64_t val)
{
	if (msr != MSR_TSC_DEADLINE && v->arch.lapic.mode != VLAPIC_X2APIC)
		return -1;
	return reg_write(v, msr, val);
}

/* What xAPIC mode has apart from x2APIC's registers: the 8-bit ID in
 * the top byte, a writable LDR and DFR, the ICR in two halves (the
 * low one sends), EOI of any value, no self-IPI register. */
static bool xapic_own_reg(struct vcpu *v, uint32_t reg, bool write, uint32_t *val)
{
	struct vlapic *l = &v->arch.lapic;
	uint32_t *cell;

	switch (reg) {
	case R_ID:
		if (!write)
			*val = v->id << 24;
		return true;
	case R_LDR:
		cell = &l->ldr;
		break;
	case R_DFR:
		cell = &l->dfr;
		break;
	case R_ICR_HI:
		cell = &l->icr_hi;
		break;
	case R_ICR:
		if (!write) {
			*val = l->icr_lo;
			return true;
		}
		l->icr_lo = *val & ~(1u << 12);
		send_ipi(v, l->icr_lo, l->icr_hi >> 24);
		return true;
	case R_EOI:
		if (write)
			eoi(v);
		return true;
	default:
		return false;
	}
	if (!write)
		*val = *cell;
	else if (reg == R_DFR)
		*cell = *val | 0x0fffffffu;
	else
		*cell = *val & 0xff000000u;
	return true;
}

bool vlapic_mmio(struct vcpu *v, uint64_t off, bool write, uint32_t *val)
{
	uint32_t reg = R_BASE + (uint32_t)(off >> 4);
	uint64_t v64 = *val;

	if (v->arch.lapic.mode != VLAPIC_XAPIC || (off & 0xf) || off >= 0x400 ||
	    reg == R_SELF_IPI)
		return false;
	if (xapic_own_reg(v, reg, write, val))
		return true;
	if (write)
		return !reg_write(v, reg, v64);
	if (reg_read(v, reg, &v64))
		return false;
	*val = (uint32_t)v64;
	return true;
}

uint64_t vlapic_base(const struct vcpu *v)
{
	uint64_t b = GUEST_LAPIC_BASE | (v->id ? 0 : APIC_BASE_BSP);

	switch (v->arch.lapic.mode) {
	case VLAPIC_X2APIC:
		return b | APIC_BASE_EN | APIC_BASE_EXTD;
	case VLAPIC_XAPIC:
		return b | APIC_BASE_EN;
	default:
		return b;
	}
}

/*
 * IA32_APIC_BASE: the mode changes the SDM allows (disabled, xAPIC,
 * x2APIC; x2APIC only from xAPIC, and back only through disabled, which
 * resets the APIC). The page stays at 0xfee00000.
 */
int vlapic_base_write(struct vcpu *v, uint64_t val)
{
	struct vlapic *l = &v->arch.lapic;
	enum vlapic_mode to;

	if ((val & ~(APIC_BASE_BSP | APIC_BASE_EN | APIC_BASE_EXTD)) != GUEST_LAPIC_BASE)
		return -1;
	if (!(val & APIC_BASE_EN))
		to = (val & APIC_BASE_EXTD) ? VLAPIC_INVALID : VLAPIC_DISABLED;
	else
		to = (val & APIC_BASE_EXTD) ? VLAPIC_X2APIC : VLAPIC_XAPIC;
	if (to == VLAPIC_INVALID || (l->mode == VLAPIC_X2APIC && to == VLAPIC_XAPIC) ||
	    (l->mode == VLAPIC_DISABLED && to == VLAPIC_X2APIC))
		return -1;
	if (to == VLAPIC_DISABLED && l->mode != VLAPIC_DISABLED)
		vlapic_reset(v);
	l->mode = to;
	return 0;
}

/* ---- delivery ---- */

bool x86_vcpu_has_event(struct vcpu *v)
{
	struct vlapic *l = &v->arch.lapic;
	int vec;

	timer_check(v);
	vec = highest(l->irr);
	return __atomic_load_n(&l->nmi_pending, __ATOMIC_ACQUIRE) ||
	       (vec >= 16 && ((uint32_t)vec & 0xf0) > (ppr(l) & 0xf0));
}

/*
 * Interrupts reach the guest as SVM's virtual interrupt (V_IRQ with its
 * vector), not by EVENTINJ: the CPU takes it when the guest can (IF set,
 * no interrupt shadow), so no window exit is needed; and QEMU's TCG
 * delivers an EVENTINJ interrupt twice now and then (the second time
 * with IF clear, at the handler's first instruction), which kills a
 * Linux guest. Exceptions and NMIs still go by EVENTINJ.
 */
#define VINTR_VECTOR_SHIFT	32
#define VINTR_PRIO_SHIFT	16
#define VINTR_OFFER_MASK	(VINTR_IRQ | VINTR_IGN_TPR | (0xfull << VINTR_PRIO_SHIFT) | \
				 (0xffull << VINTR_VECTOR_SHIFT))

static void offer(struct vcpu *v, int vec)
{
	struct vmcb *vm = v->arch.vmcb;

	vm->ctl.vintr = (vm->ctl.vintr & ~VINTR_OFFER_MASK) | VINTR_IRQ | VINTR_IGN_TPR |
			((uint64_t)vec << VINTR_VECTOR_SHIFT) |
			((uint64_t)(vec >> 4) << VINTR_PRIO_SHIFT);
	v->arch.lapic.offered = vec;
}

/* After an exit: the offered vector was taken (it moves to the ISR), or
 * is taken back, to be weighed again against what came since. */
static void settle_offer(struct vcpu *v)
{
	struct vlapic *l = &v->arch.lapic;
	struct vmcb *vm = v->arch.vmcb;
	bool cut_short = (vm->ctl.exit_int_info & EVENT_VALID) &&
			 (uint8_t)vm->ctl.exit_int_info == l->offered;

	if (l->offered < 0)
		return;
	if (!(vm->ctl.vintr & VINTR_IRQ) || cut_short) {
		bit_clear(l->irr, (unsigned int)l->offered);
		bit_set(l->isr, (unsigned int)l->offered);
	}
	vm->ctl.vintr &= ~VINTR_OFFER_MASK;
	l->offered = -1;
}

static void inject(struct vcpu *v)
{
	struct vlapic *l = &v->arch.lapic;
	struct vmcb *vm = v->arch.vmcb;
	int vec;

	if (vm->ctl.event_inj & EVENT_VALID)
		return;		/* an exception or a re-injection first */
	if (__atomic_exchange_n(&l->nmi_pending, false, __ATOMIC_ACQ_REL)) {
		vm->ctl.event_inj = 2 | EVENT_TYPE_NMI | EVENT_VALID;
		return;
	}
	vec = highest(l->irr);
	if (vec < 16 || ((uint32_t)vec & 0xf0) <= (ppr(l) & 0xf0) || !(l->svr & SVR_ENABLE))
		return;
	offer(v, vec);
}

void vlapic_before_entry(struct vcpu *v)
{
	struct vlapic *l = &v->arch.lapic;

	timer_check(v);
	inject(v);
	host_timer_arm(l->timer_expiry);
}

void vlapic_after_exit(struct vcpu *v)
{
	struct vmcb *vm = v->arch.vmcb;

	settle_offer(v);
	if (vm->ctl.exit_int_info & EVENT_VALID)
		vm->ctl.event_inj = vm->ctl.exit_int_info;
}
