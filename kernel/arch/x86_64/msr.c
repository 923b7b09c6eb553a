// SPDX-License-Identifier: GPL-2.0-only
/*
 * MSR exits: a whitelist. What VMLOAD/VMSAVE switch is not intercepted
 * at all (svm.c); the MSRs below are emulated; any other raises #GP, as
 * a CPU does for an MSR it lacks, and is said once.
 */
#include "exits.h"

#include "domain.h"
#include "svm.h"
#include "vlapic.h"
#include "vmcb.h"
#include "x86.h"

#define VEC_GP			13
#define LEN_MSR			2
#define MSR_TSC			0x10u
#define MSR_PATCH_LEVEL		0x8bu
#define MSR_TSC_AUX		0xc0000103u
#define EFER_GUEST_BITS		(EFER_SCE | EFER_LME | EFER_LMA | EFER_NXE)

/* 0 and *val, or -1: #GP. */
static int msr_read(struct vcpu *v, uint32_t msr, uint64_t *val)
{
	struct vmcb_save *s = &v->arch.vmcb->save;

	switch (msr) {
	case MSR_EFER:
		*val = s->efer & ~EFER_SVME;	/* it has no SVM */
		return 0;
	case MSR_PAT:
		*val = s->g_pat;
		return 0;
	case MSR_TSC:
		*val = rdtsc() + v->arch.vmcb->ctl.tsc_offset;
		return 0;
	case MSR_APIC_BASE:
		*val = vlapic_base(v);
		return 0;
	case MSR_PATCH_LEVEL:
		*val = 0;
		return 0;
	case MSR_TSC_AUX:
		*val = rdmsr(MSR_TSC_AUX);
		return 0;
	}
	return vlapic_msr_read(v, msr, val);
}

static int msr_write(struct vcpu *v, uint32_t msr, uint64_t val)
{
	struct vmcb_save *s = &v->arch.vmcb->save;

	switch (msr) {
	case MSR_EFER:
		if (val & ~EFER_GUEST_BITS)
			return -1;
		/* LMA is the CPU's to set; SVME stays on under it. */
		s->efer = (val & ~EFER_LMA) | (s->efer & EFER_LMA) | EFER_SVME;
		return 0;
	case MSR_PAT:
		s->g_pat = val;
		return 0;
	case MSR_APIC_BASE:
		return vlapic_base_write(v, val);
	case MSR_TSC_AUX:
		/* Read by RDTSCP on this CPU, which runs this vCPU only. */
		wrmsr(MSR_TSC_AUX, (uint32_t)val);
		return 0;
	}
	return vlapic_msr_write(v, msr, val);
}

void x86_msr(struct vcpu *v)
{
	struct vmcb *vm = v->arch.vmcb;
	uint64_t *r = v->arch.regs.gpr, val;
	uint32_t msr = (uint32_t)r[1];
	bool write = vm->ctl.exit_info1 & 1;
	int ret;

	if (write)
		ret = msr_write(v, msr, (r[0] & 0xffffffffu) | (r[2] << 32));
	else
		ret = msr_read(v, msr, &val);
	if (ret) {
		domain_note_once(v->dom, NOTE_MSR, "%s of MSR 0x%x, which it does not have: #GP",
				 write ? "wrmsr" : "rdmsr", msr);
		svm_inject_exception(v, VEC_GP, true, 0);
		return;
	}
	if (!write) {
		r[0] = val & 0xffffffffu;
		r[2] = val >> 32;
	}
	vm->save.rip += LEN_MSR;
}
