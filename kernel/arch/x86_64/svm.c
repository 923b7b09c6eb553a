// SPDX-License-Identifier: GPL-2.0-only
/*
 * AMD SVM host mode: a VMCB per vCPU, NPT per domain (the p2m), an ASID
 * per domain. Every port and, outside a short list, every MSR exits to
 * the hypervisor; so do the SVM instructions, which guests do not have.
 */
#include "svm.h"

#include "arch.h"
#include "domain.h"
#include "lib/string.h"
#include "mm.h"
#include "mmu.h"
#include "p2m.h"
#include "printk.h"
#include "vlapic.h"
#include "vmcb.h"
#include "x86.h"

#define IOPM_SIZE	(3 * PAGE_SIZE)
#define MSRPM_SIZE	(2 * PAGE_SIZE)
#define PAT_RESET	0x0007040600070406ull
#define SEG_CODE64	0xa9b	/* P, S, exec/read accessed, L, G */
#define SEG_DATA	0xc93	/* P, S, read/write accessed, D/B, G */
#define SEG_TSS_BUSY	0x08b
#define SEG_LDT		0x082

/* One permission map each for all guests, all ones but for the MSRs the
 * guest may use directly (those VMLOAD/VMSAVE switch). */
static uint64_t iopm_pa, msrpm_pa;

static const uint32_t msr_direct[] = {
	0x174, 0x175, 0x176,			/* SYSENTER_CS/ESP/EIP */
	0xc0000081, 0xc0000082, 0xc0000083, 0xc0000084,	/* STAR, LSTAR, CSTAR, SFMASK */
	0xc0000100, 0xc0000101, 0xc0000102,	/* FS_BASE, GS_BASE, KERNEL_GS_BASE */
};

/* A permission map: every port or MSR intercepted until allowed. */
static void *alloc_all_ones(uint64_t size, uint64_t *pa)
{
	void *p;

	if (mm_alloc(arch_pool, size, PAGE_SIZE, pa))
		return NULL;
	p = (void *)(uintptr_t)*pa;
	memset(p, 0xff, size);
	return p;
}

/* The MSRPM's three 8 KiB-MSR ranges, two bits (read, write) each. */
static void msrpm_allow(uint8_t *pm, uint32_t msr)
{
	unsigned int base = msr < 0x2000 ? 0 : msr >= 0xc0010000 ? 0x1000 : 0x800;
	unsigned int bit = 2 * (msr & 0x1fff);

	pm[base + bit / 8] &= ~(3u << (bit % 8));
}

static int permission_maps(void)
{
	uint8_t *msrpm;
	unsigned int i;

	if (iopm_pa)
		return 0;
	if (!alloc_all_ones(IOPM_SIZE, &iopm_pa))
		return -1;
	msrpm = alloc_all_ones(MSRPM_SIZE, &msrpm_pa);
	if (!msrpm)
		return -1;
	for (i = 0; i < sizeof(msr_direct) / sizeof(msr_direct[0]); i++)
		msrpm_allow(msrpm, msr_direct[i]);
	return 0;
}

const char *svm_cpu_init(struct pcpu *p)
{
	uint64_t pa;

	if (!(cpuid(0x80000001, 0).ecx & (1u << 2)))
		return "the CPU has no AMD SVM";
	if (!(cpuid(0x8000000a, 0).edx & 1))
		return "the CPU's SVM has no nested paging";
	if (rdmsr(MSR_VM_CR) & VM_CR_SVMDIS)
		return "SVM is disabled by the firmware (VM_CR.SVMDIS)";
	if (permission_maps() || !mmu_alloc_page(&p->hsave_pa) || !mmu_alloc_page(&pa))
		return "out of memory for the SVM host areas";
	p->host_save_pa = pa;
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SVME);
	wrmsr(MSR_VM_HSAVE_PA, p->hsave_pa);
	/* The host's FS, GS (this_pcpu), TR and syscall MSRs, put back by
	 * VMLOAD after each guest run. */
	asm volatile("vmsave %0" :: "a"(pa) : "memory");
	return NULL;
}

int svm_vcpu_alloc(struct vcpu *v)
{
	v->arch.vmcb = mmu_alloc_page(&v->arch.vmcb_pa);
	return v->arch.vmcb ? 0 : -1;
}

static void seg(struct vmcb_seg *s, uint16_t sel, uint16_t attr, uint32_t limit, uint64_t base)
{
	*s = (struct vmcb_seg){ .sel = sel, .attr = attr, .limit = limit, .base = base };
}

static void control_init(struct vcpu *v)
{
	struct vmcb_control *c = &v->arch.vmcb->ctl;

	memset(c, 0, sizeof(*c));
	c->intercept3 = INT3_INTR | INT3_NMI | INT3_SMI | INT3_INIT | INT3_CPUID | INT3_INVD |
			INT3_HLT | INT3_IOIO | INT3_MSR | INT3_TASK_SWITCH | INT3_SHUTDOWN;
	c->intercept4 = INT4_VMRUN | INT4_VMMCALL | INT4_VMLOAD | INT4_VMSAVE | INT4_STGI |
			INT4_CLGI | INT4_SKINIT | INT4_MONITOR | INT4_MWAIT;
	c->iopm_pa = iopm_pa;
	c->msrpm_pa = msrpm_pa;
	c->asid = v->dom->arch.asid;
	c->vintr = VINTR_MASKING;
	c->np_control = NP_ENABLE;
	c->ncr3 = p2m_root(&v->dom->p2m);
}

/* Linux's 64-bit boot protocol state (boot.c made the tables): long
 * mode, paging on the identity map, __BOOT_CS/__BOOT_DS, %rsi = the
 * boot_params, interrupts off. */
static void save_boot64(struct vcpu *v)
{
	struct vmcb_save *s = &v->arch.vmcb->save;
	const struct x86_boot_state *b = &v->dom->arch.boot;

	seg(&s->cs, 0x10, SEG_CODE64, 0xffffffff, 0);
	seg(&s->ds, 0x18, SEG_DATA, 0xffffffff, 0);
	s->es = s->ss = s->ds;
	seg(&s->fs, 0x18, SEG_DATA, 0xffffffff, 0);
	s->gs = s->fs;
	seg(&s->gdtr, 0, 0, 0x1f, b->gdt_base);
	s->cr0 = CR0_PE | CR0_ET | CR0_NE | CR0_PG;
	s->cr3 = b->cr3;
	s->cr4 = CR4_PAE;
	s->efer = EFER_LME | EFER_LMA | EFER_SVME;
	s->rip = v->entry;
	v->arch.regs.gpr[6] = v->context;	/* rsi */
}

/* A secondary vCPU after INIT-SIPI: real mode at vector:0000. */
static void save_sipi(struct vcpu *v)
{
	struct vmcb_save *s = &v->arch.vmcb->save;

	seg(&s->cs, (uint16_t)(v->entry >> 4), 0x9b, 0xffff, v->entry);
	seg(&s->ds, 0, 0x93, 0xffff, 0);
	s->es = s->ss = s->fs = s->gs = s->ds;
	seg(&s->gdtr, 0, 0, 0xffff, 0);
	s->cr0 = CR0_ET;
	s->efer = EFER_SVME;
	s->rip = 0;
}

static void save_init(struct vcpu *v)
{
	struct vmcb_save *s = &v->arch.vmcb->save;

	memset(s, 0, sizeof(*s));
	memset(&v->arch.regs, 0, sizeof(v->arch.regs));
	if (v->id == 0)
		save_boot64(v);
	else
		save_sipi(v);
	seg(&s->idtr, 0, 0, 0xffff, 0);
	seg(&s->tr, 0, SEG_TSS_BUSY, 0x67, 0);
	seg(&s->ldtr, 0, SEG_LDT, 0xffff, 0);
	s->rflags = 2;
	s->dr6 = 0xffff0ff0;
	s->dr7 = 0x400;
	s->g_pat = PAT_RESET;
	/* The guest starts with none of the host's syscall setup. */
	s->star = s->lstar = s->cstar = s->sfmask = s->kernel_gs_base = 0;
}

void svm_inject_exception(struct vcpu *v, unsigned int vec, bool has_error, uint32_t error)
{
	v->arch.vmcb->ctl.event_inj = vec | EVENT_TYPE_EXCEPTION | EVENT_VALID |
				      (has_error ? EVENT_ERROR_VALID | ((uint64_t)error << 32) : 0);
}

static void svm_loop(struct vcpu *v) __attribute__((noreturn, used));
static void svm_loop(struct vcpu *v)
{
	struct vmcb *vm = v->arch.vmcb;
	struct cpu_regs *r = &v->arch.regs;
	uint64_t rip;

	for (;;) {
		vcpu_check_kick(v);
		vlapic_before_entry(v);
		/* Sequentially consistent with arch_p2m_flush(): either it
		 * sees this vCPU in the guest, or this entry sees its flag. */
		__atomic_store_n(&v->arch.in_guest, true, __ATOMIC_SEQ_CST);
		vm->ctl.tlb_control = __atomic_exchange_n(&v->arch.flush_tlb, false, __ATOMIC_SEQ_CST)
				      ? TLB_FLUSH_ALL : 0;
		vm->save.rax = r->gpr[0];
		vm->save.rsp = r->gpr[4];
		svm_vmrun(v->arch.vmcb_pa, r, v->pcpu->host_save_pa);
		__atomic_store_n(&v->arch.in_guest, false, __ATOMIC_RELEASE);
		r->gpr[0] = vm->save.rax;
		r->gpr[4] = vm->save.rsp;
		vm->ctl.event_inj = 0;
		vlapic_after_exit(v);
		rip = vm->save.rip;
		svm_handle_exit(v);
		/* An emulated instruction completed: its STI or MOV SS shadow
		 * is over (else "sti; hlt" would keep interrupts out). */
		if (vm->save.rip != rip)
			vm->ctl.int_state &= ~1ull;
	}
}

void svm_vcpu_run(struct vcpu *v)
{
	control_init(v);
	save_init(v);
	vlapic_reset(v);
	v->arch.flush_tlb = true;	/* nothing of an earlier run stays */
	v->pcpu->regs = &v->arch.regs;
	/* On a fresh stack: whatever path led here (a guest's restart
	 * included) leaves nothing behind on it. */
	asm volatile("mov %0, %%rsp\n\t"
		     "call svm_loop"
		     :: "r"(v->pcpu->stack_top), "D"(v) : "memory");
	__builtin_unreachable();
}

/* The domain's translations changed: every vCPU flushes its TLB on its
 * next entry; those running are kicked out to get there, and waited for
 * until each has left the guest or entered it again with the flush, so
 * that no vCPU reaches an unmapped page once this returns (BAR-2 on a
 * BAR that decoding stops, with several vCPUs). (TCG's SVM has no flush
 * by ASID, so it is the whole TLB.) The caller's own vCPU is in the
 * hypervisor, and flushes before it runs the guest again. */
void arch_p2m_flush(struct p2m *p)
{
	struct domain *d = (struct domain *)((char *)p - __builtin_offsetof(struct domain, p2m));
	unsigned int i;

	for (i = 0; i < d->nr_vcpus; i++) {
		struct vcpu *v = &d->vcpus[i];

		__atomic_store_n(&v->arch.flush_tlb, true, __ATOMIC_SEQ_CST);
		if (__atomic_load_n(&v->arch.in_guest, __ATOMIC_SEQ_CST))
			arch_kick(v->pcpu);
	}
	for (i = 0; i < d->nr_vcpus; i++) {
		struct vcpu *v = &d->vcpus[i];

		while (__atomic_load_n(&v->arch.in_guest, __ATOMIC_ACQUIRE) &&
		       __atomic_load_n(&v->arch.flush_tlb, __ATOMIC_ACQUIRE))
			asm volatile("pause");
	}
}
