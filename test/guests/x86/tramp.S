/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The test guest's secondary vCPU entry (smp.c copies it to a page below
 * 1 MiB and points INIT-SIPI at it): real mode at vector:0000, then
 * straight to long mode on the boot vCPU's page tables and a flat GDT
 * of its own, then smp.c's C entry on its own stack. smp.c fills in the
 * three quads at the end before the SIPI.
 */
#define OFF(sym)	((sym) - tramp_start)
#define EFER		0xc0000080
#define EFER_LME	(1 << 8)

	.section .rodata
	.global tramp_start, tramp_end, tramp_cr3, tramp_stack, tramp_entry
	.balign	16
	.code16
tramp_start:
	cli
	mov	%cs, %ax
	mov	%ax, %ds
	/* The GDT's base is linear: the page's address plus its offset. */
	xor	%ebx, %ebx
	mov	%cs, %bx
	shl	$4, %ebx
	lea	OFF(tramp_gdt)(%ebx), %eax
	mov	%eax, OFF(tramp_gdtr) + 2
	lgdtl	OFF(tramp_gdtr)
	mov	$(1 << 5), %eax			/* CR4.PAE */
	mov	%eax, %cr4
	mov	OFF(tramp_cr3), %eax
	mov	%eax, %cr3
	mov	$EFER, %ecx
	rdmsr
	or	$EFER_LME, %eax
	wrmsr
	mov	$0x80000001, %eax		/* PG, PE */
	mov	%eax, %cr0
	/* A far jump to 64-bit code, its target linear (patched above). */
	lea	OFF(tramp_64)(%ebx), %eax
	mov	%eax, OFF(tramp_far)
	ljmpl	*OFF(tramp_far)
	.code64
tramp_64:
	mov	$0x18, %ax
	mov	%ax, %ds
	mov	%ax, %es
	mov	%ax, %ss
	mov	tramp_stack(%rip), %rsp
	mov	tramp_entry(%rip), %rax
	call	*%rax
1:	hlt
	jmp	1b

	.balign	8
/* The boot vCPU's selectors (the boot protocol's __BOOT_CS, __BOOT_DS):
 * both vCPUs share one IDT, whose gates name the code selector. */
tramp_gdt:
	.quad	0, 0
	.quad	0x00af9a000000ffff		/* 0x10: 64-bit code */
	.quad	0x00cf92000000ffff		/* 0x18: data */
tramp_gdtr:
	.word	31
	.long	0
tramp_far:
	.long	0
	.word	0x10
	.balign	8
tramp_cr3:
	.quad	0
tramp_stack:
	.quad	0
tramp_entry:
	.quad	0
tramp_end:

	.section .note.GNU-stack, "", @progbits
