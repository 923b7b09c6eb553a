/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * void svm_vmrun(uint64_t vmcb_pa, struct cpu_regs *regs, uint64_t host_pa)
 *
 * One trip into the guest and back. VMRUN switches only part of the
 * state; VMLOAD/VMSAVE move the rest (FS, GS, TR, LDTR, the syscall
 * MSRs), so the guest's are loaded around VMRUN and the host's (saved
 * once by svm.c into host_pa) put back after. rax and rsp travel in the
 * VMCB; the other guest registers in regs (arch/cpu.h order).
 *
 * Interrupts: GIF is clear from CLGI to STGI, and IF is set before
 * VMRUN so that, with V_INTR_MASKING, a physical interrupt ends the
 * guest's run (INTR intercept). It is then taken at STGI, by the host's
 * IDT (a kick: cpu.c), and IF is cleared again.
 */
#define R(n)	(8 * (n))

	.text
	.code64
	.global svm_vmrun
svm_vmrun:
	push	%rbx
	push	%rbp
	push	%r12
	push	%r13
	push	%r14
	push	%r15
	push	%rdx			/* 16(%rsp): host save area */
	push	%rsi			/*  8(%rsp): regs */
	push	%rdi			/*  0(%rsp): vmcb */

	clgi
	sti
	mov	%rsi, %rax
	mov	R(1)(%rax), %rcx
	mov	R(2)(%rax), %rdx
	mov	R(3)(%rax), %rbx
	mov	R(5)(%rax), %rbp
	mov	R(6)(%rax), %rsi
	mov	R(7)(%rax), %rdi
	mov	R(8)(%rax), %r8
	mov	R(9)(%rax), %r9
	mov	R(10)(%rax), %r10
	mov	R(11)(%rax), %r11
	mov	R(12)(%rax), %r12
	mov	R(13)(%rax), %r13
	mov	R(14)(%rax), %r14
	mov	R(15)(%rax), %r15
	mov	(%rsp), %rax
	vmload	%rax
	vmrun	%rax
	vmsave	%rax

	push	%rsi			/* guest rsi; regs is now at 16(%rsp) */
	mov	16(%rsp), %rsi
	mov	%rcx, R(1)(%rsi)
	mov	%rdx, R(2)(%rsi)
	mov	%rbx, R(3)(%rsi)
	mov	%rbp, R(5)(%rsi)
	mov	%rdi, R(7)(%rsi)
	mov	%r8, R(8)(%rsi)
	mov	%r9, R(9)(%rsi)
	mov	%r10, R(10)(%rsi)
	mov	%r11, R(11)(%rsi)
	mov	%r12, R(12)(%rsi)
	mov	%r13, R(13)(%rsi)
	mov	%r14, R(14)(%rsi)
	mov	%r15, R(15)(%rsi)
	pop	%rax
	mov	%rax, R(6)(%rsi)

	mov	16(%rsp), %rax		/* the host's FS, GS, TR... back */
	vmload	%rax
	stgi
	cli
	add	$24, %rsp
	pop	%r15
	pop	%r14
	pop	%r13
	pop	%r12
	pop	%rbp
	pop	%rbx
	ret

	.section .note.GNU-stack, "", @progbits
