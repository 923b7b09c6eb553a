/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Secondary CPU start (smp.c copies this to a page below 1 MiB and
 * patches the TRAMP_* fields). A SIPI starts it in real mode at
 * CS = page >> 4, IP = 0; it goes straight to long mode on the
 * hypervisor's page tables and calls secondary_main(pcpu).
 */
#define MSR_EFER	0xc0000080
#define EFER_LME	0x100

	.section .rodata
	.balign	16
	.global tramp_start, tramp_end
tramp_start:
	.code16
	cli
	mov	%cs, %ax
	mov	%ax, %ds
	lgdtl	(tramp_gdt_ptr - tramp_start)
	mov	%cr4, %eax
	or	$0x20, %eax			/* PAE */
	mov	%eax, %cr4
	movl	(tramp_cr3 - tramp_start), %eax
	mov	%eax, %cr3
	mov	$MSR_EFER, %ecx
	rdmsr
	or	$EFER_LME, %eax
	wrmsr
	mov	%cr0, %eax
	or	$0x80000011, %eax		/* PG, ET, PE */
	mov	%eax, %cr0
	/* ljmpl $0x08, $tramp_long (the offset is patched to linear). */
	.byte	0x66, 0xea
	.global tramp_ljmp_target
tramp_ljmp_target:
	.long	tramp_long - tramp_start
	.word	0x08

	.code64
tramp_long:
	mov	$0x10, %eax
	mov	%eax, %ds
	mov	%eax, %es
	mov	%eax, %ss
	/* rip-relative from here: the page's own data. */
	mov	tramp_pcpu(%rip), %rdi
	mov	8(%rdi), %rsp			/* pcpu->stack_top */
	mov	tramp_entry(%rip), %rax
	call	*%rax
1:	hlt
	jmp	1b

	.balign	8
tramp_gdt:
	.quad	0
	.quad	0x00af9a000000ffff		/* 0x08: 64-bit code */
	.quad	0x00cf92000000ffff		/* 0x10: data */
tramp_gdt_ptr:
	.word	tramp_gdt_ptr - tramp_gdt - 1
	.global tramp_gdt_base
tramp_gdt_base:
	.long	tramp_gdt - tramp_start		/* patched to linear */
	.balign	8
	.global tramp_cr3, tramp_pcpu, tramp_entry
tramp_cr3:
	.quad	0
tramp_pcpu:
	.quad	0
tramp_entry:
	.quad	0
tramp_end:

	.section .note.GNU-stack, "", @progbits
