/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Interrupt and exception entry. Every vector pushes the same frame
 * (struct trap_frame, traps.h): the registers, the vector, an error code
 * (0 where the CPU pushes none), then what the CPU pushed.
 */
	.text
	.code64

.macro VEC n, err
	.balign	16
vec_\n:
	.if \err == 0
	pushq	$0
	.endif
	pushq	$\n
	jmp	trap_common
.endm

/* Vectors that push an error code: #DF 8, #TS 10, #NP 11, #SS 12,
 * #GP 13, #PF 14, #AC 17, #CP 21. */
	VEC 0, 0
	VEC 1, 0
	VEC 2, 0
	VEC 3, 0
	VEC 4, 0
	VEC 5, 0
	VEC 6, 0
	VEC 7, 0
	VEC 8, 1
	VEC 9, 0
	VEC 10, 1
	VEC 11, 1
	VEC 12, 1
	VEC 13, 1
	VEC 14, 1
	VEC 15, 0
	VEC 16, 0
	VEC 17, 1
	VEC 18, 0
	VEC 19, 0
	VEC 20, 0
	VEC 21, 1
/* HOST_MSI_VECTOR_BASE to +HOST_MSI_VECTORS (traps.h), 16 bytes apart
 * (VEC aligns each, and each is at most 12 bytes: two pushes of 2 or 5
 * bytes, a 5-byte jmp): cpu.c sets each from the first one's address. */
	.altmacro
	.set	msi_n, 0x30
	.rept	160
	VEC	%msi_n, 0
	.set	msi_n, msi_n + 1
	.endr
	.noaltmacro
	VEC 224, 0	/* HOST_DEVICE_VECTOR (traps.h) */
	VEC 225, 0	/* HOST_IOMMU_VECTOR (traps.h) */
	VEC 239, 0	/* HOST_TIMER_VECTOR (traps.h) */
	VEC 240, 0	/* KICK_VECTOR (traps.h) */
	VEC 255, 0	/* spurious */

trap_common:
	push	%rax
	push	%rcx
	push	%rdx
	push	%rbx
	push	%rbp
	push	%rsi
	push	%rdi
	push	%r8
	push	%r9
	push	%r10
	push	%r11
	push	%r12
	push	%r13
	push	%r14
	push	%r15
	mov	%rsp, %rdi
	call	x86_trap
	pop	%r15
	pop	%r14
	pop	%r13
	pop	%r12
	pop	%r11
	pop	%r10
	pop	%r9
	pop	%r8
	pop	%rdi
	pop	%rsi
	pop	%rbp
	pop	%rbx
	pop	%rdx
	pop	%rcx
	pop	%rax
	add	$16, %rsp		/* vector, error code */
	iretq

/* The entry points, in vector order, for cpu.c's IDT. */
	.section .rodata
	.balign	8
	.global trap_vectors
trap_vectors:
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21
	.quad	vec_\n
	.endr
	.global trap_vector_device, trap_vector_iommu, trap_vector_timer, trap_vector_kick
	.global trap_vector_spurious
trap_vector_device:
	.quad	vec_224
trap_vector_iommu:
	.quad	vec_225
	.global trap_vector_msi
trap_vector_msi:
	.quad	vec_48
trap_vector_timer:
	.quad	vec_239
trap_vector_kick:
	.quad	vec_240
trap_vector_spurious:
	.quad	vec_255

	.section .note.GNU-stack, "", @progbits
