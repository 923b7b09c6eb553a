// SPDX-License-Identifier: GPL-2.0-only
#include "traps.h"

#include "arch.h"
#include "console.h"
#include "domain.h"
#include "drivers/pvpanic.h"
#include "gic.h"
#include "gic_its.h"
#include "iommu.h"
#include "lib/printf.h"
#include "pci_assign.h"
#include "printk.h"
#include "sysreg.h"
#include "vgic.h"

static struct vcpu *current_vcpu(void)
{
	return this_pcpu()->vcpu;
}

/* Faulting guest physical address of a stage-2 abort. */
static uint64_t fault_ipa(void)
{
	return ((read_sysreg(hpfar_el2) & 0xffffffffff0ull) << 8) |
	       (read_sysreg(far_el2) & 0xfff);
}

static void skip_instruction(struct vcpu *v, uint64_t esr)
{
	v->arch.regs.elr += (esr & ESR_IL) ? 4 : 2;
}

static void handle_dabt(struct vcpu *v, uint64_t esr)
{
	uint64_t ipa = fault_ipa();
	unsigned int size, reg = DABT_SRT(esr);
	const struct mmio_region *r;
	bool write = esr & DABT_WNR;
	uint64_t val = 0;

	/* Without a valid syndrome (e.g. load pair, writeback) we cannot
	 * emulate the access: that is a guest bug or an attack. */
	if (!(esr & DABT_ISV))
		domain_crash(v, "stage-2 data abort ESR_EL2=0x%08llx IPA=0x%llx PC=0x%llx",
			     (unsigned long long)esr, (unsigned long long)ipa,
			     (unsigned long long)v->arch.regs.elr);
	size = 1u << DABT_SAS(esr);
	r = domain_find_mmio(v->dom, ipa, size);
	if (!r)
		domain_crash(v, "stage-2 data abort ESR_EL2=0x%08llx IPA=0x%llx PC=0x%llx",
			     (unsigned long long)esr, (unsigned long long)ipa,
			     (unsigned long long)v->arch.regs.elr);
	if (write && reg != 31)
		val = v->arch.regs.x[reg] & (size == 8 ? ~0ull : (1ull << (8 * size)) - 1);
	if (r->access(v, r->priv, ipa - r->base, size, write, &val) < 0)
		domain_crash(v, "bad %s access ESR_EL2=0x%08llx IPA=0x%llx PC=0x%llx",
			     r->name, (unsigned long long)esr, (unsigned long long)ipa,
			     (unsigned long long)v->arch.regs.elr);
	if (!write && reg != 31) {
		if ((esr & DABT_SSE) && size < 8 && (val >> (8 * size - 1)) & 1)
			val |= ~0ull << (8 * size);
		if (!(esr & DABT_SF))
			val &= 0xffffffffu;
		v->arch.regs.x[reg] = val;
	}
	skip_instruction(v, esr);
}

/* ISS of a trapped MSR/MRS: Op0, Op2, Op1, CRn, CRm and direction. */
#define SYSREG_ISS(op0, op1, crn, crm, op2) \
	(((op0) << 20) | ((op2) << 17) | ((op1) << 14) | ((crn) << 10) | ((crm) << 1))
#define SYSREG_ISS_MASK		0x3ffc1e
#define ISS_ICC_SGI1R_EL1	SYSREG_ISS(3, 0, 12, 11, 5)
#define ISS_ICC_ASGI1R_EL1	SYSREG_ISS(3, 1, 12, 11, 6)
#define ISS_ICC_SGI0R_EL1	SYSREG_ISS(3, 2, 12, 11, 7)
#define ISS_DC_ISW		SYSREG_ISS(1, 0, 7, 6, 2)
#define ISS_DC_CSW		SYSREG_ISS(1, 0, 7, 10, 2)
#define ISS_DC_CISW		SYSREG_ISS(1, 0, 7, 14, 2)

/*
 * Data-cache maintenance by set/way (HCR_EL2.TSW): an invalidate on a
 * cache shared with other guests would throw their dirty lines away, so
 * every flavour is done as clean and invalidate, which loses nothing.
 */
static void emulate_set_way(struct vcpu *v, uint64_t setway)
{
	asm volatile("dc cisw, %0" : : "r"(setway) : "memory");
	domain_note_once(v->dom, NOTE_SETWAY,
			 "data-cache set/way maintenance done as clean and invalidate");
}

static void handle_sysreg(struct vcpu *v, uint64_t esr)
{
	unsigned int rt = (esr >> 5) & 31;
	bool read = esr & 1;
	uint64_t val = rt == 31 ? 0 : v->arch.regs.x[rt];

	switch (esr & SYSREG_ISS_MASK) {
	case ISS_ICC_SGI1R_EL1:
	case ISS_ICC_ASGI1R_EL1:
	case ISS_ICC_SGI0R_EL1:
		if (read)
			break;
		vgic_sgi1r(v, val);
		skip_instruction(v, esr);
		return;
	case ISS_DC_ISW:
	case ISS_DC_CSW:
	case ISS_DC_CISW:
		if (read)
			break;
		emulate_set_way(v, val);
		skip_instruction(v, esr);
		return;
	}
	domain_crash(v, "unhandled system register %s ESR_EL2=0x%08llx PC=0x%llx",
		     read ? "read" : "write", (unsigned long long)esr,
		     (unsigned long long)v->arch.regs.elr);
}

void guest_sync(void)
{
	struct vcpu *v = current_vcpu();
	uint64_t esr = read_sysreg(esr_el2);

	vgic_sync(v);
	switch (ESR_EC(esr)) {
	case EC_SYSREG:
		handle_sysreg(v, esr);
		break;
	case EC_HVC64:
		/* ELR already points past the HVC. */
		vpsci_call(v);
		break;
	case EC_SMC64:
		/* A trapped SMC returns to the SMC itself. */
		vpsci_call(v);
		skip_instruction(v, esr);
		break;
	case EC_DABT_LOW:
		handle_dabt(v, esr);
		break;
	case EC_IABT_LOW:
		domain_crash(v, "stage-2 instruction abort ESR_EL2=0x%08llx IPA=0x%llx PC=0x%llx",
			     (unsigned long long)esr, (unsigned long long)fault_ipa(),
			     (unsigned long long)v->arch.regs.elr);
	default:
		domain_crash(v, "unhandled trap EC=0x%02llx ESR_EL2=0x%08llx FAR=0x%llx PC=0x%llx",
			     (unsigned long long)ESR_EC(esr), (unsigned long long)esr,
			     (unsigned long long)read_sysreg(far_el2),
			     (unsigned long long)v->arch.regs.elr);
	}
	vcpu_check_kick(v);
	vgic_flush(v);
}

void guest_irq(void)
{
	struct vcpu *v = current_vcpu();
	uint32_t id = gic_ack();

	vgic_sync(v);
	if (id == GUEST_VTIMER_IRQ) {
		/* The guest's own deactivation ends it (hardware-linked LR). */
		gic_eoi(id);
		vgic_vtimer_fired(v);
	} else if (id >= GIC_FIRST_LPI) {
		/* A host function's message. LPIs have no active state
		 * (GICv3, IHI 0069): the EOI, which drops the priority, is
		 * all they take; ICC_DIR_EL1 would ignore them. */
		gic_eoi(id);
		its_lpi_fired(id);
	} else if (id < 1020 && iommu_irq(id)) {
		gic_eoi(id);
		gic_deactivate(id);
	} else if (id < 1020 && pci_intx_fired(id)) {
		/* Masked until the guest completes it (vgic_sync). */
		gic_eoi(id);
		gic_deactivate(id);
	} else if (id < 1020) {
		/* Console input, a kick, a maintenance interrupt (the list
		 * registers were read back above). */
		if ((int)id == console_irq())
			console_input();
		gic_eoi(id);
		gic_deactivate(id);
	}
	vcpu_check_kick(v);
	vgic_flush(v);
}

void guest_bad_exception(int kind)
{
	static const char *const what[] = { "", "FIQ", "SError", "AArch32 exception" };
	struct vcpu *v = current_vcpu();

	domain_crash(v, "unexpected %s ESR_EL2=0x%08llx PC=0x%llx", what[kind],
		     (unsigned long long)read_sysreg(esr_el2),
		     (unsigned long long)v->arch.regs.elr);
}

void hyp_fault(int kind, uint64_t esr, uint64_t elr, uint64_t far)
{
	char line[160];

	/* E.g. the entry's x0 naming no memory: nobody would see the line. */
	if (!console_present())
		arch_entry_refused((const void *)far, ENTRY_FAULT);
	fmt_snprintf(line, sizeof(line),
		     "\ntessera: PANIC: %s exception in the hypervisor: ESR_EL2=0x%llx ELR=0x%llx FAR=0x%llx\n",
		     kind ? "asynchronous" : "synchronous", (unsigned long long)esr,
		     (unsigned long long)elr, (unsigned long long)far);
	console_emergency_puts(line);
	pvpanic_signal_failure();
	arch_power_off();
}
