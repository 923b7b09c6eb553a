/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Entry from the loader (boot CPU) and from PSCI CPU_ON (secondaries).
 * The image carries an arm64 Image header so the loader parses it with
 * the same code as guest kernels.
 */
#define R_AARCH64_RELATIVE	1027
#define BOOT_STACK_SIZE		16384

	.section .head.text, "ax"
	.global _start
_start:
	b	primary_entry			/* code0 */
	.long	0				/* code1 */
	.quad	0				/* text_offset */
	.quad	_image_size			/* image_size, bss included */
	.quad	0xa				/* LE, 4K pages, anywhere */
	.quad	0, 0, 0
	.ascii	"ARM\x64"
	.long	0

/*
 * arch_entry_refused(arg, why), at image offset 0x40 so that it is found
 * without symbols (docs/boot.md): the boot CPU waits here for good, x0
 * the entry's argument, x1 the enum entry_refusal.
 */
	.global arch_entry_refused
arch_entry_refused:
	msr	daifset, #0xf
1:	wfe
	b	1b

	.text
/*
 * x0 = struct bootinfo * (our loader, MMU and caches as UEFI left them,
 * identity mapped) or the device tree's physical address (the Linux boot
 * protocol: booti, QEMU -kernel; MMU off). hyp_main tells them apart.
 */
primary_entry:
	msr	daifset, #0xf
	mov	x19, x0
	bl	mmu_off

	/* Apply our relocations: image linked at 0, so the load address
	 * is the offset to add. */
	adr	x1, _start
	adrp	x2, __rela_start
	add	x2, x2, :lo12:__rela_start
	adrp	x3, __rela_end
	add	x3, x3, :lo12:__rela_end
1:	cmp	x2, x3
	b.hs	2f
	ldp	x4, x5, [x2], #16		/* r_offset, r_info */
	ldr	x6, [x2], #8			/* r_addend */
	cmp	w5, #R_AARCH64_RELATIVE
	b.ne	1b
	add	x6, x6, x1
	str	x6, [x1, x4]
	b	1b

2:	adrp	x2, __bss_start
	add	x2, x2, :lo12:__bss_start
	adrp	x3, __bss_end
	add	x3, x3, :lo12:__bss_end
3:	cmp	x2, x3
	b.hs	4f
	stp	xzr, xzr, [x2], #16
	b	3b

4:	adrp	x1, boot_stack
	add	x1, x1, :lo12:boot_stack
	add	x1, x1, #BOOT_STACK_SIZE
	mov	sp, x1
	adr	x1, hyp_vectors
	msr	vbar_el2, x1
	msr	tpidr_el2, xzr		/* no struct pcpu yet (this_pcpu()) */
	isb
	mov	x0, x19
	bl	hyp_main
5:	wfi
	b	5b

/* x0 = context id: the struct pcpu * of this CPU (set by the boot CPU). */
	.global secondary_entry
secondary_entry:
	msr	daifset, #0xf
	mov	x19, x0
	bl	mmu_off
	ldr	x1, [x19, #8]			/* pcpu->stack_top */
	mov	sp, x1
	adr	x1, hyp_vectors
	msr	vbar_el2, x1
	isb
	mov	x0, x19
	bl	secondary_main
6:	wfi
	b	6b

/* Turn the EL2 MMU and caches off; we run identity mapped. */
mmu_off:
	mrs	x1, sctlr_el2
	bic	x1, x1, #1			/* M */
	bic	x1, x1, #(1 << 2)		/* C */
	bic	x1, x1, #(1 << 12)		/* I */
	msr	sctlr_el2, x1
	isb
	ic	iallu
	tlbi	alle2
	dsb	sy
	isb
	ret

	.bss
	.balign	16
boot_stack:
	.skip	BOOT_STACK_SIZE
