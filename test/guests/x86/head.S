/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The x86 test guest's bzImage header and entry. Booted by Linux's
 * 64-bit boot protocol: the payload at 16 MiB, entered at +0x200 in
 * long mode with %rsi = boot_params. Exceptions go to one handler
 * (main.c's guest_trap), which a probe uses to see what it raised, and
 * so do the test interrupts.
 */
#define STACK_SIZE	16384

	.section .setup, "a"
	.org	0x1f1
	.byte	1			/* setup_sects */
	.org	0x1fe
	.word	0xaa55
	.byte	0xeb, 0x6e		/* jump past the header (to 0x270) */
	.ascii	"HdrS"
	.word	0x020f			/* protocol version */
	.org	0x211
	.byte	0x01			/* loadflags: LOADED_HIGH */
	.org	0x214
	.long	0x1000000		/* code32_start */
	.org	0x22c
	.long	0x7fffffff		/* initrd_addr_max */
	.long	0x200000		/* kernel_alignment */
	.byte	0			/* relocatable_kernel */
	.byte	21			/* min_alignment */
	.word	0x0001			/* xloadflags: XLF_KERNEL_64 */
	.long	2047			/* cmdline_size */
	.org	0x258
	.quad	0x1000000		/* pref_address */
	.long	_init_size		/* init_size */
	.org	0x400

	.section .text.head, "ax"
	.code64
entry32:				/* the 32-bit entry: not used */
	hlt
	jmp	entry32
	.org	0x200
	.global entry64
entry64:
	cli
	cld
	lea	stack_top(%rip), %rsp
	mov	%rsi, %r12
	xor	%r13d, %r13d		/* no PVH start info */
start64:
	lea	__bss_start(%rip), %rdi
	lea	__bss_end(%rip), %rcx
	sub	%rdi, %rcx
	xor	%eax, %eax
	rep stosb
	mov	%r12, %rdi
	test	%r13, %r13
	jz	1f
	mov	%r13, %rdi
	call	pvh_boot_params		/* boot_params made from the start info */
	mov	%rax, %rdi
1:	call	guest_main
2:	hlt
	jmp	2b

/*
 * PVH: identity-map the low 4 GiB with 2 MiB pages (tables outside the
 * bss, which start64 clears while they are in use), turn on long mode
 * and continue as the 64-bit entry does.
 */
#define PT_PRESENT_RW	0x003
#define PT_LARGE	0x080
	.code32
pvh_entry:
	cli
	cld
	mov	%ebx, %esi
	mov	$pvh_pt, %edi		/* PML4, PDPT, 4 PDs */
	mov	$6 * 1024, %ecx
	xor	%eax, %eax
	rep stosl
	movl	$pvh_pt + 0x1000 + PT_PRESENT_RW, pvh_pt
	mov	$pvh_pt + 0x1000, %edi
	mov	$pvh_pt + 0x2000 + PT_PRESENT_RW, %eax
	mov	$4, %ecx
1:	mov	%eax, (%edi)
	add	$0x1000, %eax
	add	$8, %edi
	loop	1b
	mov	$pvh_pt + 0x2000, %edi
	mov	$PT_PRESENT_RW + PT_LARGE, %eax
	mov	$2048, %ecx
1:	mov	%eax, (%edi)
	add	$0x200000, %eax
	add	$8, %edi
	loop	1b
	lgdt	pvh_gdt_ptr
	mov	%cr4, %eax
	or	$0x20, %eax		/* PAE */
	mov	%eax, %cr4
	mov	$pvh_pt, %eax
	mov	%eax, %cr3
	mov	$0xc0000080, %ecx	/* EFER.LME */
	rdmsr
	or	$0x100, %eax
	wrmsr
	mov	%cr0, %eax
	or	$0x80000001, %eax	/* PG, PE */
	mov	%eax, %cr0
	ljmp	$0x08, $pvh_long

	.code64
pvh_long:
	mov	$0x10, %eax
	mov	%eax, %ds
	mov	%eax, %es
	mov	%eax, %ss
	mov	%esi, %r13d
	lea	stack_top(%rip), %rsp
	jmp	start64

/* Exceptions: vector and error code (0 if none), then the common part. */
.macro VEC n
	.balign	16
vec_\n:
	.if (\n == 8 || (\n >= 10 && \n <= 14) || \n == 17 || \n == 21)
	.else
	pushq	$0
	.endif
	pushq	$\n
	jmp	trap_common
.endm
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21
	VEC \n
	.endr

/* Interrupts at vectors 0x40 and 0x41 (the timer and IPI tests) and
 * 0x42 (irqbench), the same frame as exceptions: guest_trap tells them
 * apart by vector. */
	VEC 0x40
	VEC 0x41
	VEC 0x42

trap_common:
	push	%rax
	push	%rcx
	push	%rdx
	push	%rsi
	push	%rdi
	push	%r8
	push	%r9
	push	%r10
	push	%r11
	mov	%rsp, %rdi
	call	guest_trap
	pop	%r11
	pop	%r10
	pop	%r9
	pop	%r8
	pop	%rdi
	pop	%rsi
	pop	%rdx
	pop	%rcx
	pop	%rax
	add	$16, %rsp
	iretq

	.section .rodata
	.balign	8
	.global guest_vectors
guest_vectors:
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21
	.quad	vec_\n
	.endr
	.global guest_irq_vectors
guest_irq_vectors:
	.quad	vec_0x40, vec_0x41, vec_0x42

	.balign	8
pvh_gdt:
	.quad	0
	.quad	0x00af9a000000ffff	/* 0x08: 64-bit code */
	.quad	0x00cf92000000ffff	/* 0x10: data */
pvh_gdt_ptr:
	.word	3 * 8 - 1
	.long	pvh_gdt

/* XEN_ELFNOTE_PHYS32_ENTRY (18), which QEMU's -kernel looks for in an
 * ELF. In the bzImage too, harmlessly: nothing there reads it. */
	.section .note.pvh, "a", @note
	.balign	4
	.long	4, 8, 18
	.asciz	"Xen"
	.quad	pvh_entry

	.section .pvh_pt, "aw", @nobits
	.balign	4096
	.global	pvh_pt
pvh_pt:
	.skip	6 * 4096

	.bss
	.balign	16
	.skip	STACK_SIZE
stack_top:

	.section .note.GNU-stack, "", @progbits
