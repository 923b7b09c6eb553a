// SPDX-License-Identifier: GPL-2.0-only
#include "domain.h"

#include <stdarg.h>

#include "console.h"
#include "dom0less.h"
#include "guest_console.h"
#include "lib/printf.h"
#include "lib/string.h"
#include "pci_assign.h"
#include "printk.h"

struct domain domains[MAX_DOMAINS];
unsigned int nr_domains;
/* Domains not yet STOPPED; the last one to stop powers the board off. */
static unsigned int nr_live_domains;

struct domain *domain_alloc(const char *name)
{
	struct domain *d;
	unsigned int i;

	if (nr_domains == MAX_DOMAINS)
		return NULL;
	for (i = 0; i < nr_domains; i++)
		if (!strcmp(domains[i].name, name))
			return NULL;	/* names are unique (OWN-2) */
	d = &domains[nr_domains];
	memset(d, 0, sizeof(*d));
	fmt_snprintf(d->name, sizeof(d->name), "%s", name);
	d->id = ++nr_domains;
	spin_lock_init(&d->lock);
	d->state = DOM_STOPPED;
	return d;
}

int domain_add_mmio(struct domain *d, const struct mmio_region *r)
{
	unsigned int i;

	if (d->nr_mmio == MAX_MMIO_REGIONS)
		return -1;
	for (i = 0; i < d->nr_mmio; i++)
		if (r->base < d->mmio[i].base + d->mmio[i].size &&
		    d->mmio[i].base < r->base + r->size)
			return -1;
	d->mmio[d->nr_mmio++] = *r;
	return 0;
}

const struct mmio_region *domain_find_mmio(struct domain *d, uint64_t ipa,
					   unsigned int size)
{
	unsigned int i;

	for (i = 0; i < d->nr_mmio; i++) {
		const struct mmio_region *r = &d->mmio[i];

		if (ipa >= r->base && ipa + size <= r->base + r->size)
			return r;
	}
	return NULL;
}

static struct vcpu *vcpu_by_id(struct domain *d, unsigned int id)
{
	return id < d->nr_vcpus ? &d->vcpus[id] : NULL;
}

/* Switch v on at entry with x0 = context. Caller holds d->lock. */
static void vcpu_set_pending(struct vcpu *v, uint64_t entry, uint64_t context)
{
	v->entry = entry;
	v->context = context;
	v->power = VCPU_ON_PENDING;
}

void domains_start(void)
{
	unsigned int i;

	nr_live_domains = nr_domains;
	for (i = 0; i < nr_domains; i++) {
		struct domain *d = &domains[i];

		spin_lock(&d->lock);
		d->state = DOM_RUNNING;
		vcpu_set_pending(&d->vcpus[0], d->entry_ipa, d->dtb_ipa);
		spin_unlock(&d->lock);
		char cpus[4 * MAX_VCPUS];
		unsigned int v, n = 0;

		for (v = 0; v < d->nr_vcpus; v++)
			n += fmt_snprintf(cpus + n, sizeof(cpus) - n, "%s%u", v ? "," : "",
					  d->vcpus[v].pcpu->id);
		printk("tessera: %s: started, %u vCPU(s) on CPU %s, %llu MiB RAM at 0x%llx\n",
		       d->name, d->nr_vcpus, cpus, (unsigned long long)(d->ram_size >> 20),
		       (unsigned long long)d->ram_pa);
	}
	arch_cpus_wake();
}

static bool vcpu_try_enter(struct vcpu *v)
{
	struct domain *d = v->dom;
	bool ok;

	spin_lock(&d->lock);
	ok = d->state == DOM_RUNNING && v->power == VCPU_ON_PENDING;
	if (ok) {
		v->power = VCPU_ON;
		d->nr_in_guest++;
	}
	spin_unlock(&d->lock);
	return ok;
}

void pcpu_run(struct pcpu *p)
{
	struct vcpu *v = p->vcpu;

	for (;;) {
		if (v && vcpu_try_enter(v))
			arch_vcpu_start(v);
		/* The console interrupt (where there is one) is routed to
		 * CPU 0, which takes interrupts only while in a guest: it
		 * polls the console when it has none. */
		if (p->id == 0 && console_irq() >= 0) {
			console_input();
			cpu_relax();
		} else {
			arch_cpu_wait();
		}
	}
}

static void domain_stopped(struct domain *d)
{
	bool reset;

	guest_console_flush(d);
	spin_lock(&d->lock);
	reset = d->state == DOM_RESETTING;
	spin_unlock(&d->lock);
	if (reset && !pci_domain_restart(d) && !domain_reload(d) && !pci_domain_reattach(d)) {
		d->resets++;
		spin_lock(&d->lock);
		d->state = DOM_RUNNING;
		vcpu_set_pending(&d->vcpus[0], d->entry_ipa, d->dtb_ipa);
		spin_unlock(&d->lock);
		printk("tessera: %s: restarted (reset %u)\n", d->name, d->resets);
		arch_cpus_wake();
		return;
	}
	pci_domain_stop(d);
	spin_lock(&d->lock);
	d->state = DOM_STOPPED;
	spin_unlock(&d->lock);
	printk("tessera: %s: stopped\n", d->name);
	console_focus_lost(d);
	if (__atomic_sub_fetch(&nr_live_domains, 1, __ATOMIC_ACQ_REL) == 0) {
		printk("tessera: all guests stopped, powering off\n");
		arch_power_off();
	}
}

/* v leaves the guest for good (until switched on again); the domain
 * ends here if it is ending and v was the last one inside. */
static void vcpu_leave(struct vcpu *v) __attribute__((noreturn));
static void vcpu_leave(struct vcpu *v)
{
	struct domain *d = v->dom;
	bool last = false;

	spin_lock(&d->lock);
	if (v->power == VCPU_ON) {
		v->power = VCPU_OFF;
		d->nr_in_guest--;
		last = !d->nr_in_guest && d->state != DOM_RUNNING;
	}
	spin_unlock(&d->lock);
	if (last)
		domain_stopped(d);
	pcpu_run(v->pcpu);
}

/* d is ending (how): true for the first caller, which kicks the rest. */
static bool domain_mark_ending(struct domain *d, enum domain_state how)
{
	bool first;

	spin_lock(&d->lock);
	first = d->state == DOM_RUNNING;
	if (first)
		d->state = how;
	spin_unlock(&d->lock);
	return first;
}

static void domain_end(struct vcpu *v, enum domain_state how)
{
	struct domain *d = v->dom;
	unsigned int i;

	if (domain_mark_ending(d, how))
		for (i = 0; i < d->nr_vcpus; i++)
			if (&d->vcpus[i] != v)
				arch_kick(d->vcpus[i].pcpu);
	vcpu_leave(v);
}

void domain_crash(struct vcpu *v, const char *fmt, ...)
{
	char why[160];
	va_list ap;

	va_start(ap, fmt);
	fmt_vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	guest_console_flush(v->dom);
	printk("tessera: %s vcpu%u stopped: %s\n", v->dom->name, v->id, why);
	domain_end(v, DOM_STOPPING);
	__builtin_unreachable();
}

void domain_note_once(struct domain *d, enum domain_note kind, const char *fmt, ...)
{
	char what[160];
	va_list ap;

	if (__atomic_fetch_or(&d->noted, 1u << kind, __ATOMIC_RELAXED) & (1u << kind))
		return;
	va_start(ap, fmt);
	fmt_vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	printk("tessera: %s: %s (said once)\n", d->name, what);
}

void domain_stop_async(struct domain *d, const char *why)
{
	unsigned int i;

	if (!domain_mark_ending(d, DOM_STOPPING))
		return;
	printk("tessera: %s: stopped by the hypervisor: %s\n", d->name, why);
	for (i = 0; i < d->nr_vcpus; i++)
		arch_kick(d->vcpus[i].pcpu);
}

void domain_poweroff(struct vcpu *v)
{
	printk("tessera: %s: powered off by vcpu%u\n", v->dom->name, v->id);
	domain_end(v, DOM_STOPPING);
	__builtin_unreachable();
}

void domain_reboot(struct vcpu *v)
{
	printk("tessera: %s: reset by vcpu%u\n", v->dom->name, v->id);
	domain_end(v, DOM_RESETTING);
	__builtin_unreachable();
}

void vcpu_check_kick(struct vcpu *v)
{
	if (__atomic_load_n(&v->dom->state, __ATOMIC_ACQUIRE) != DOM_RUNNING)
		vcpu_leave(v);
}

int vcpu_cpu_on(struct vcpu *caller, unsigned int target, uint64_t entry,
		uint64_t context)
{
	struct domain *d = caller->dom;
	struct vcpu *t = vcpu_by_id(d, target);
	int ret = 0;

	if (!t)
		return -VCPU_ENOENT;
	spin_lock(&d->lock);
	if (t->power == VCPU_ON)
		ret = -VCPU_EALREADY;
	else if (t->power == VCPU_ON_PENDING)
		ret = -VCPU_EPENDING;
	else
		vcpu_set_pending(t, entry, context);
	spin_unlock(&d->lock);
	arch_cpus_wake();
	return ret;
}

int vcpu_power_state(struct vcpu *caller, unsigned int target)
{
	struct vcpu *t = vcpu_by_id(caller->dom, target);

	return t ? (int)__atomic_load_n(&t->power, __ATOMIC_ACQUIRE) : -VCPU_ENOENT;
}

void vcpu_cpu_off(struct vcpu *v)
{
	struct domain *d = v->dom;
	bool all_off;

	spin_lock(&d->lock);
	/* The last vCPU switching itself off ends the domain: nothing is
	 * left inside that could switch another one on. */
	all_off = d->nr_in_guest == 1 && d->state == DOM_RUNNING;
	if (all_off)
		d->state = DOM_STOPPING;
	spin_unlock(&d->lock);
	if (all_off)
		printk("tessera: %s: all vCPUs off\n", d->name);
	vcpu_leave(v);
}

void vcpu_park(struct vcpu *v, const char *why)
{
	struct domain *d = v->dom;
	bool last;

	spin_lock(&d->lock);
	last = d->nr_in_guest == 1 && d->state == DOM_RUNNING;
	spin_unlock(&d->lock);
	if (last)
		domain_crash(v, "%s", why);
	vcpu_cpu_off(v);	/* another vCPU parking at once: it ends the domain */
}
