/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The AMD SVM virtual machine control block (AMD64 APM vol. 2, appendix
 * B): the control area at 0, the guest state save area at 0x400.
 */
#ifndef TESSERA_X86_VMCB_H
#define TESSERA_X86_VMCB_H

#include <stddef.h>
#include <stdint.h>

/* Intercept word 3 (offset 0x0c) and 4 (0x10). */
#define INT3_INTR		(1u << 0)
#define INT3_NMI		(1u << 1)
#define INT3_SMI		(1u << 2)
#define INT3_INIT		(1u << 3)
#define INT3_CPUID		(1u << 18)
#define INT3_INVD		(1u << 22)
#define INT3_HLT		(1u << 24)
#define INT3_IOIO		(1u << 27)
#define INT3_MSR		(1u << 28)
#define INT3_TASK_SWITCH	(1u << 29)
#define INT3_SHUTDOWN		(1u << 31)
#define INT4_VMRUN		(1u << 0)
#define INT4_VMMCALL		(1u << 1)
#define INT4_VMLOAD		(1u << 2)
#define INT4_VMSAVE		(1u << 3)
#define INT4_STGI		(1u << 4)
#define INT4_CLGI		(1u << 5)
#define INT4_SKINIT		(1u << 6)
#define INT4_ICEBP		(1u << 8)
#define INT4_MONITOR		(1u << 10)
#define INT4_MWAIT		(1u << 11)

#define VINTR_MASKING		(1ull << 24)
#define TLB_FLUSH_ALL		1
#define NP_ENABLE		(1ull << 0)

#define EXIT_INTR		0x60
#define EXIT_NMI		0x61
#define EXIT_SMI		0x62
#define EXIT_INIT		0x63
#define EXIT_VINTR		0x64
#define EXIT_CPUID		0x72
#define EXIT_INVD		0x76
#define EXIT_HLT		0x78
#define EXIT_IOIO		0x7b
#define EXIT_MSR		0x7c
#define EXIT_TASK_SWITCH	0x7d
#define EXIT_SHUTDOWN		0x7f
#define EXIT_VMRUN		0x80
#define EXIT_VMMCALL		0x81
#define EXIT_VMLOAD		0x82
#define EXIT_VMSAVE		0x83
#define EXIT_STGI		0x84
#define EXIT_CLGI		0x85
#define EXIT_SKINIT		0x86
#define EXIT_ICEBP		0x88
#define EXIT_MONITOR		0x8a
#define EXIT_MWAIT		0x8b
#define EXIT_NPF		0x400
#define EXIT_INVALID		(~0ull)

/* EXITINFO1 of an IOIO exit. */
#define IOIO_IN			(1u << 0)
#define IOIO_STR		(1u << 2)
#define IOIO_REP		(1u << 3)
#define IOIO_SIZE_SHIFT		4	/* bits 4-6: 1, 2 or 4 bytes */
#define IOIO_PORT_SHIFT		16

/* EVENTINJ */
#define EVENT_VALID		(1ull << 31)
#define EVENT_TYPE_EXCEPTION	(3ull << 8)
#define EVENT_ERROR_VALID	(1ull << 11)

struct vmcb_seg {
	uint16_t sel, attr;
	uint32_t limit;
	uint64_t base;
};

struct vmcb_control {
	uint32_t cr_rw;			/* 0x000 */
	uint32_t dr_rw;			/* 0x004 */
	uint32_t exceptions;		/* 0x008 */
	uint32_t intercept3;		/* 0x00c */
	uint32_t intercept4;		/* 0x010 */
	uint32_t intercept5;		/* 0x014 */
	uint8_t res0[0x3c - 0x18];
	uint16_t pause_threshold;	/* 0x03c */
	uint16_t pause_count;		/* 0x03e */
	uint64_t iopm_pa;		/* 0x040 */
	uint64_t msrpm_pa;		/* 0x048 */
	uint64_t tsc_offset;		/* 0x050 */
	uint32_t asid;			/* 0x058 */
	uint8_t tlb_control;		/* 0x05c */
	uint8_t res1[3];
	uint64_t vintr;			/* 0x060 */
	uint64_t int_state;		/* 0x068 */
	uint64_t exit_code;		/* 0x070 */
	uint64_t exit_info1;		/* 0x078 */
	uint64_t exit_info2;		/* 0x080 */
	uint64_t exit_int_info;		/* 0x088 */
	uint64_t np_control;		/* 0x090 */
	uint64_t avic_bar;		/* 0x098 */
	uint64_t ghcb;			/* 0x0a0 */
	uint64_t event_inj;		/* 0x0a8 */
	uint64_t ncr3;			/* 0x0b0 */
	uint64_t virt_ext;		/* 0x0b8 */
	uint32_t clean;			/* 0x0c0 */
	uint32_t res2;
	uint64_t nrip;			/* 0x0c8 */
	uint8_t insn_len;		/* 0x0d0 */
	uint8_t insn[15];
	uint8_t res3[0x400 - 0xe0];
};

struct vmcb_save {
	struct vmcb_seg es, cs, ss, ds, fs, gs, gdtr, ldtr, idtr, tr;	/* 0x400 */
	uint8_t res0[0x4cb - 0x4a0];
	uint8_t cpl;			/* 0x4cb */
	uint32_t res1;
	uint64_t efer;			/* 0x4d0 */
	uint8_t res2[0x548 - 0x4d8];
	uint64_t cr4, cr3, cr0, dr7, dr6, rflags, rip;	/* 0x548 */
	uint8_t res3[0x5d8 - 0x580];
	uint64_t rsp;			/* 0x5d8 */
	uint8_t res4[0x5f8 - 0x5e0];
	uint64_t rax;			/* 0x5f8 */
	uint64_t star, lstar, cstar, sfmask, kernel_gs_base;	/* 0x600 */
	uint64_t sysenter_cs, sysenter_esp, sysenter_eip, cr2;	/* 0x628 */
	uint8_t res5[0x668 - 0x648];
	uint64_t g_pat;			/* 0x668 */
	uint64_t dbgctl;		/* 0x670 */
};

struct vmcb {
	struct vmcb_control ctl;
	struct vmcb_save save;
};

_Static_assert(offsetof(struct vmcb, ctl.iopm_pa) == 0x40, "vmcb layout");
_Static_assert(offsetof(struct vmcb, ctl.event_inj) == 0xa8, "vmcb layout");
_Static_assert(offsetof(struct vmcb, ctl.nrip) == 0xc8, "vmcb layout");
_Static_assert(offsetof(struct vmcb, save.cpl) == 0x4cb, "vmcb layout");
_Static_assert(offsetof(struct vmcb, save.efer) == 0x4d0, "vmcb layout");
_Static_assert(offsetof(struct vmcb, save.rip) == 0x578, "vmcb layout");
_Static_assert(offsetof(struct vmcb, save.rsp) == 0x5d8, "vmcb layout");
_Static_assert(offsetof(struct vmcb, save.rax) == 0x5f8, "vmcb layout");
_Static_assert(offsetof(struct vmcb, save.cr2) == 0x640, "vmcb layout");
_Static_assert(offsetof(struct vmcb, save.g_pat) == 0x668, "vmcb layout");

#endif
