/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Entry from the loader on the boot CPU: 64-bit mode on the firmware's
 * identity page tables, %rdi = struct bootinfo *. The image starts with
 * the same header as an arm64 Image (kernel/lib/image.h), magic "TX64",
 * so the loader parses both with one function.
 */
#define R_X86_64_RELATIVE	8
#define BOOT_STACK_SIZE		16384
#define MSR_GS_BASE		0xc0000101

	.section .head.text, "ax"
	.code64
	.global _start
_start:
	jmp	primary_entry			/* code0, code1 */
	.org	_start + 8
	.quad	0				/* text_offset */
	.quad	_image_size			/* image_size, bss included */
	.quad	0				/* flags */
	.quad	0, 0, 0
	.ascii	"TX64"
	.long	0

primary_entry:
	cli
	cld
	mov	%rdi, %r15

	/* Linked at 0: the load address is the offset to add. */
	lea	_start(%rip), %rbx
	lea	__rela_start(%rip), %rsi
	lea	__rela_end(%rip), %rcx
1:	cmp	%rcx, %rsi
	jae	2f
	cmpl	$R_X86_64_RELATIVE, 8(%rsi)	/* r_info's type */
	jne	3f
	mov	(%rsi), %rdx			/* r_offset */
	mov	16(%rsi), %rax			/* r_addend */
	add	%rbx, %rax
	mov	%rax, (%rbx, %rdx)
3:	add	$24, %rsi
	jmp	1b

2:	lea	__bss_start(%rip), %rdi
	lea	__bss_end(%rip), %rcx
	sub	%rdi, %rcx
	xor	%eax, %eax
	rep stosb

	lea	boot_stack + BOOT_STACK_SIZE(%rip), %rsp
	/* this_pcpu() reads %gs:0: point GS at a zero word until the CPU
	 * has its struct pcpu. */
	lea	gs_none(%rip), %rax
	mov	%rax, %rdx
	shr	$32, %rdx
	mov	$MSR_GS_BASE, %ecx
	wrmsr
	mov	%r15, %rdi
	call	hyp_main
4:	hlt
	jmp	4b

	.bss
	.balign	16
boot_stack:
	.skip	BOOT_STACK_SIZE
	.global gs_none
	.balign	8
gs_none:
	.quad	0

	.section .note.GNU-stack, "", @progbits
