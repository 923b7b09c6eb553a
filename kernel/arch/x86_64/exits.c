// SPDX-License-Identifier: GPL-2.0-only
/*
 * What a guest exit does. Under TCG there is no NRIP save: the length
 * of each intercepted instruction is known from its opcode (a guest
 * that pads one with prefixes only misleads itself).
 */
#include "exits.h"

#include "arch.h"
#include "arch/guest.h"
#include "domain.h"
#include "printk.h"
#include "svm.h"
#include "irq_host.h"
#include "vlapic.h"
#include "vmcb.h"
#include "x86.h"

#define VEC_UD		6
#define LEN_VMMCALL	3
#define LEN_HLT		1
#define LEN_INVD	2
#define NPF_WRITE	(1ull << 1)
#define NPF_FETCH	(1ull << 4)

static void skip(struct vcpu *v, unsigned int len)
{
	v->arch.vmcb->save.rip += len;
}

static void hypercall(struct vcpu *v)
{
	uint64_t *rax = &v->arch.regs.gpr[0];

	skip(v, LEN_VMMCALL);
	if (*rax == GUEST_HC_VERSION) {
		*rax = GUEST_HC_ABI;
		return;
	}
	*rax = (uint64_t)GUEST_HC_ENOSYS;
}

/* HLT waits for something to do. With interrupts off nothing but an
 * INIT can come: the vCPU is parked (Linux parks the CPUs it stops at
 * power-off so), and when it is the guest's last, the guest stops
 * rather than leave a CPU spinning. */
static void halt(struct vcpu *v)
{
	skip(v, LEN_HLT);
	if (!(v->arch.vmcb->save.rflags & RFLAGS_IF))
		vcpu_park(v, "HLT with interrupts disabled: it can never wake up");
	while (!x86_vcpu_has_event(v)) {
		vcpu_check_kick(v);
		host_timer_arm(v->arch.lapic.timer_expiry);
		asm volatile("sti; hlt; cli" ::: "memory");
	}
}

static void nested_page_fault(struct vcpu *v)
{
	const struct vmcb_control *c = &v->arch.vmcb->ctl;
	uint64_t gpa = c->exit_info2, err = c->exit_info1;

	if (x86_mmio(v, gpa, err & NPF_WRITE))
		return;
	domain_crash(v, "%s guest physical 0x%llx, which is not its memory (rip 0x%llx)",
		     err & NPF_FETCH ? "instruction fetch from" : err & NPF_WRITE ? "write to" : "read of",
		     (unsigned long long)gpa, (unsigned long long)v->arch.vmcb->save.rip);
}

void svm_handle_exit(struct vcpu *v)
{
	struct vmcb *vm = v->arch.vmcb;
	uint64_t code = vm->ctl.exit_code;

	/* VMEXIT_INVALID is -1; QEMU's TCG writes it as 32 bits. */
	if ((uint32_t)code == (uint32_t)EXIT_INVALID)
		code = EXIT_INVALID;
	switch (code) {
	case EXIT_INTR:
	case EXIT_NMI:
	case EXIT_SMI:
	case EXIT_INIT:
		return;		/* taken by the host at STGI, or nothing to do */
	case EXIT_IOIO:
		x86_port_io(v);
		return;
	case EXIT_MSR:
		x86_msr(v);
		return;
	case EXIT_CPUID:
		x86_cpuid(v);
		return;
	case EXIT_VMMCALL:
		hypercall(v);
		return;
	case EXIT_HLT:
		halt(v);
		return;
	case EXIT_NPF:
		nested_page_fault(v);
		return;
	case EXIT_INVD:
		skip(v, LEN_INVD);	/* nothing of others' is in its caches to lose */
		return;
	case EXIT_VMRUN:
	case EXIT_VMLOAD:
	case EXIT_VMSAVE:
	case EXIT_STGI:
	case EXIT_CLGI:
	case EXIT_SKINIT:
	case EXIT_MONITOR:
	case EXIT_MWAIT:
		/* Not in its CPUID: #UD, as on a CPU without them. */
		svm_inject_exception(v, VEC_UD, false, 0);
		return;
	case EXIT_SHUTDOWN:
		domain_crash(v, "triple fault (shutdown) at rip 0x%llx",
			     (unsigned long long)vm->save.rip);
	case EXIT_TASK_SWITCH:
		domain_crash(v, "hardware task switch, which Tessera does not emulate");
	case EXIT_INVALID:
		domain_crash(v, "the CPU refused its state on VMRUN (cr0 0x%llx cr4 0x%llx efer 0x%llx)",
			     (unsigned long long)vm->save.cr0, (unsigned long long)vm->save.cr4,
			     (unsigned long long)vm->save.efer);
	default:
		domain_crash(v, "unexpected SVM exit 0x%llx (info 0x%llx 0x%llx)",
			     (unsigned long long)code, (unsigned long long)vm->ctl.exit_info1,
			     (unsigned long long)vm->ctl.exit_info2);
	}
}
