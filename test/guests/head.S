/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Test guest entry. The guest follows the arm64 Linux Image boot protocol
 * (Documentation/arch/arm64/booting.rst): entered at EL1 with the MMU off,
 * x0 = physical address of the device tree, loaded at any 2 MiB aligned
 * address.
 *
 * It is linked at 0 as a static PIE, so before any pointer stored in data is
 * used, the R_AARCH64_RELATIVE relocations are applied with the load address.
 */

#define R_AARCH64_RELATIVE	1027
#define STACK_SIZE		0x4000
#define MAX_CPUS		8
#define PROBE_TRAPPED		0x5452415050454421	/* as in main.c */

	.section .head.text, "ax"
	.global _head
_head:
	b	primary_entry		/* code0 */
	.long	0			/* code1 */
	.quad	0			/* text_offset: load at the 2 MiB base */
	.quad	_image_size		/* absolute, from guest.ld: bss included */
	.quad	0xa			/* flags: LE, 4K pages, anywhere in RAM */
	.quad	0, 0, 0			/* res2..res4 */
	.ascii	"ARM\x64"		/* magic */
	.long	0			/* res5 (no PE header) */

	.text
primary_entry:
	mrs	x22, cntpct_el0		/* when the guest's first instruction ran */
	mov	x19, x0			/* device tree */

	/*
	 * Apply the relocations. Storing base + addend (not adding to the
	 * current value) keeps this idempotent, should we be re-entered
	 * without being reloaded.
	 */
	adr	x20, _head		/* load address = link offset */
	adrp	x1, __rela_start
	add	x1, x1, :lo12:__rela_start
	adrp	x2, __rela_end
	add	x2, x2, :lo12:__rela_end
1:	cmp	x1, x2
	b.hs	2f
	ldp	x3, x4, [x1], #16	/* r_offset, r_info */
	ldr	x5, [x1], #8		/* r_addend */
	cmp	x4, #R_AARCH64_RELATIVE	/* symbol 0, type RELATIVE */
	b.ne	1b			/* a static PIE has no others */
	add	x5, x5, x20
	str	x5, [x20, x3]
	b	1b

	/* Zero bss (8-byte stores: the linker script aligns both ends). */
2:	adrp	x1, __bss_start
	add	x1, x1, :lo12:__bss_start
	adrp	x2, __bss_end
	add	x2, x2, :lo12:__bss_end
3:	cmp	x1, x2
	b.hs	4f
	str	xzr, [x1], #8
	b	3b

4:	adrp	x1, boot_stack_top
	add	x1, x1, :lo12:boot_stack_top
	mov	sp, x1
	bl	install_vectors
	mov	x0, x19
	mov	x1, x22
	bl	guest_main
	/* guest_main powers off; if even that returns, park. */
5:	wfi
	b	5b

/*
 * Secondary CPUs, started by PSCI CPU_ON with context id = index of the
 * CPU in /cpus. Relocations and bss were done by the primary.
 */
	.global secondary_entry
secondary_entry:
	cmp	x0, #MAX_CPUS
	b.hs	2f
	mov	x19, x0
	adrp	x1, cpu_stacks
	add	x1, x1, :lo12:cpu_stacks
	add	x2, x0, #1
	mov	x3, #STACK_SIZE
	madd	x1, x2, x3, x1		/* top of this CPU's stack */
	mov	sp, x1
	bl	install_vectors
	mov	x0, x19
	bl	secondary_main
2:	wfi
	b	2b

install_vectors:
	adr	x0, vectors
	msr	vbar_el1, x0
	isb
	ret

/*
 * Any exception is a test failure: report it from C and power off.
 * No state is saved; the handler never returns.
 */
.macro	vector kind
	.balign	0x80
	mov	x0, #\kind
	mrs	x1, esr_el1
	mrs	x2, far_el1
	mrs	x3, elr_el1
	b	exception_report
.endm

	.balign	0x800
vectors:
	vector	0
	vector	1
	vector	2
	vector	3
	.balign	0x80
	b	sync_el1h		/* current EL, SP_EL1: may be a probe */
	.balign	0x80
	b	irq_el1h		/* current EL, SP_EL1: IRQ (gic tests) */
	vector	6
	vector	7
	vector	8
	vector	9
	vector	10
	vector	11
	vector	12
	vector	13
	vector	14
	vector	15

/* An interrupt: save what C may clobber, let guest_irq() handle it. */
irq_el1h:
	sub	sp, sp, #176
	stp	x0, x1, [sp, #0]
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	stp	x8, x9, [sp, #64]
	stp	x10, x11, [sp, #80]
	stp	x12, x13, [sp, #96]
	stp	x14, x15, [sp, #112]
	stp	x16, x17, [sp, #128]
	stp	x18, x29, [sp, #144]
	str	x30, [sp, #160]
	bl	guest_irq
	ldp	x0, x1, [sp, #0]
	ldp	x2, x3, [sp, #16]
	ldp	x4, x5, [sp, #32]
	ldp	x6, x7, [sp, #48]
	ldp	x8, x9, [sp, #64]
	ldp	x10, x11, [sp, #80]
	ldp	x12, x13, [sp, #96]
	ldp	x14, x15, [sp, #112]
	ldp	x16, x17, [sp, #128]
	ldp	x18, x29, [sp, #144]
	ldr	x30, [sp, #160]
	add	sp, sp, #176
	eret

/*
 * An armed probe call (psci_probe() in main.c) that traps as an undefined
 * instruction returns PROBE_TRAPPED instead; x16/x17 are free here, since
 * the call clobbers them anyway. Anything else is reported.
 */
sync_el1h:
	adrp	x16, hvc_probe_armed
	ldr	w17, [x16, :lo12:hvc_probe_armed]
	cbz	w17, 1f
	mrs	x17, esr_el1
	lsr	x17, x17, #26
	cbnz	x17, 1f			/* EC 0: unknown (undefined) */
	str	wzr, [x16, :lo12:hvc_probe_armed]
	mrs	x17, elr_el1
	add	x17, x17, #4
	msr	elr_el1, x17
	ldr	x0, =PROBE_TRAPPED
	eret
1:	mov	x0, #4
	mrs	x1, esr_el1
	mrs	x2, far_el1
	mrs	x3, elr_el1
	b	exception_report
	.ltorg

	.bss
	.balign	16
boot_stack:
	.space	STACK_SIZE
boot_stack_top:
	.global	cpu_stacks
cpu_stacks:
	.space	STACK_SIZE * MAX_CPUS
