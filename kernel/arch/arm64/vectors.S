/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * EL2 exception vectors, guest entry and exit.
 *
 * Each physical CPU runs exactly one vCPU (static pinning), so a guest
 * exit only saves the general registers and ELR/SPSR into the vCPU's
 * struct cpu_regs; EL1 system registers are never switched.
 * TPIDR_EL2 points at this CPU's struct pcpu, whose first field is the
 * current struct cpu_regs *.
 */
#define REGS_ELR	248

	.macro	ventry label
	.balign	0x80
	b	\label
	.endm

	/* First in .text (hyp.lds), whose start is 2 KiB aligned anyway:
	 * anywhere else the alignment would pad the image. */
	.section .text.vectors, "ax"
	.balign	2048
	.global	hyp_vectors
hyp_vectors:
	ventry	hyp_trap_sync		/* current EL, SP_EL0 */
	ventry	hyp_trap_other
	ventry	hyp_trap_other
	ventry	hyp_trap_other
	ventry	hyp_trap_sync		/* current EL, SP_ELx */
	ventry	hyp_trap_other
	ventry	hyp_trap_other
	ventry	hyp_trap_other
	ventry	guest_trap_sync		/* lower EL, AArch64 */
	ventry	guest_trap_irq
	ventry	guest_trap_fiq
	ventry	guest_trap_serror
	ventry	guest_trap_aarch32	/* lower EL, AArch32 */
	ventry	guest_trap_aarch32
	ventry	guest_trap_aarch32
	ventry	guest_trap_aarch32

	.macro	save_guest
	stp	x0, x1, [sp, #-16]!
	mrs	x0, tpidr_el2
	ldr	x0, [x0]
	stp	x2, x3, [x0, #16]
	stp	x4, x5, [x0, #32]
	stp	x6, x7, [x0, #48]
	stp	x8, x9, [x0, #64]
	stp	x10, x11, [x0, #80]
	stp	x12, x13, [x0, #96]
	stp	x14, x15, [x0, #112]
	stp	x16, x17, [x0, #128]
	stp	x18, x19, [x0, #144]
	stp	x20, x21, [x0, #160]
	stp	x22, x23, [x0, #176]
	stp	x24, x25, [x0, #192]
	stp	x26, x27, [x0, #208]
	stp	x28, x29, [x0, #224]
	str	x30, [x0, #240]
	ldp	x2, x3, [sp], #16
	stp	x2, x3, [x0, #0]
	mrs	x1, elr_el2
	mrs	x2, spsr_el2
	stp	x1, x2, [x0, #REGS_ELR]
	.endm

guest_trap_sync:
	save_guest
	bl	guest_sync
	b	guest_resume
guest_trap_irq:
	save_guest
	bl	guest_irq
	b	guest_resume
guest_trap_fiq:
	save_guest
	mov	x0, #1
	bl	guest_bad_exception
	b	guest_resume
guest_trap_serror:
	save_guest
	mov	x0, #2
	bl	guest_bad_exception
	b	guest_resume
guest_trap_aarch32:
	save_guest
	mov	x0, #3
	bl	guest_bad_exception
	b	guest_resume

/* Return to the guest whose registers TPIDR_EL2->regs points at. */
	.global	guest_resume
guest_resume:
	mrs	x0, tpidr_el2
	ldr	x0, [x0]
	ldp	x1, x2, [x0, #REGS_ELR]
	msr	elr_el2, x1
	msr	spsr_el2, x2
	ldp	x2, x3, [x0, #16]
	ldp	x4, x5, [x0, #32]
	ldp	x6, x7, [x0, #48]
	ldp	x8, x9, [x0, #64]
	ldp	x10, x11, [x0, #80]
	ldp	x12, x13, [x0, #96]
	ldp	x14, x15, [x0, #112]
	ldp	x16, x17, [x0, #128]
	ldp	x18, x19, [x0, #144]
	ldp	x20, x21, [x0, #160]
	ldp	x22, x23, [x0, #176]
	ldp	x24, x25, [x0, #192]
	ldp	x26, x27, [x0, #208]
	ldp	x28, x29, [x0, #224]
	ldr	x30, [x0, #240]
	ldp	x0, x1, [x0, #0]
	eret
	dsb	nsh
	isb

/*
 * void arch_guest_enter(struct pcpu *p) -- noreturn. Drops whatever is
 * on this CPU's hypervisor stack and enters the guest described by
 * p->regs; later traps start again from p->stack_top.
 */
	.global	arch_guest_enter
arch_guest_enter:
	ldr	x1, [x0, #8]
	mov	sp, x1
	b	guest_resume

/* A fault in the hypervisor itself: report and power off. */
hyp_trap_sync:
	mov	x0, #0
	b	1f
hyp_trap_other:
	mov	x0, #1
1:	mrs	x1, esr_el2
	mrs	x2, elr_el2
	mrs	x3, far_el2
	bl	hyp_fault
2:	wfi
	b	2b

/* void arch_mmu_enable(const struct mmu_regs *r): mair, tcr, ttbr, sctlr */
	.global	arch_mmu_enable
arch_mmu_enable:
	ldp	x1, x2, [x0]
	msr	mair_el2, x1
	msr	tcr_el2, x2
	ldp	x1, x2, [x0, #16]
	msr	ttbr0_el2, x1
	isb
	tlbi	alle2
	dsb	ish
	isb
	msr	sctlr_el2, x2
	isb
	ic	iallu
	dsb	ish
	isb
	ret
