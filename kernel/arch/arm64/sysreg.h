/* SPDX-License-Identifier: GPL-2.0-only */
/* System register access and the EL2 register fields Tessera uses. */
#ifndef TESSERA_ARM64_SYSREG_H
#define TESSERA_ARM64_SYSREG_H

#include <stdint.h>

#define read_sysreg(r) ({						\
	uint64_t __v;							\
	asm volatile("mrs %0, " #r : "=r"(__v));			\
	__v;								\
})
#define write_sysreg(r, v) asm volatile("msr " #r ", %0" : : "r"((uint64_t)(v)))

#define isb()		asm volatile("isb" ::: "memory")
#define dsb(opt)	asm volatile("dsb " #opt ::: "memory")
#define wfe()		asm volatile("wfe" ::: "memory")
#define wfi()		asm volatile("wfi" ::: "memory")
#define sev()		asm volatile("sev" ::: "memory")

/* GICv3 CPU interface registers by encoding (no assembler names needed). */
#define ICC_SRE_EL2	S3_4_C12_C9_5
#define ICC_PMR_EL1	S3_0_C4_C6_0
#define ICC_IGRPEN1_EL1	S3_0_C12_C12_7
#define ICC_IAR1_EL1	S3_0_C12_C12_0
#define ICC_EOIR1_EL1	S3_0_C12_C12_1
#define ICC_SGI1R_EL1	S3_0_C12_C11_5
#define ICC_DIR_EL1	S3_0_C12_C11_1
#define ICC_CTLR_EL1	S3_0_C12_C12_4

/* HCR_EL2 */
#define HCR_VM		(1ull << 0)	/* stage-2 translation on */
#define HCR_SWIO	(1ull << 1)
#define HCR_FMO		(1ull << 3)	/* physical FIQ to EL2 */
#define HCR_IMO		(1ull << 4)	/* physical IRQ to EL2 */
#define HCR_AMO		(1ull << 5)	/* SError to EL2 */
#define HCR_VI		(1ull << 7)	/* virtual IRQ asserted */
#define HCR_FB		(1ull << 9)	/* broadcast TLB/cache maintenance */
#define HCR_BSU_IS	(1ull << 10)
#define HCR_TSC		(1ull << 19)	/* trap SMC */
#define HCR_TSW		(1ull << 22)	/* trap data-cache set/way maintenance */
#define HCR_RW		(1ull << 31)	/* EL1 is AArch64 */

/* ESR_EL2 exception classes */
#define ESR_EC_SHIFT	26
#define ESR_EC(esr)	(((esr) >> ESR_EC_SHIFT) & 0x3f)
#define EC_UNKNOWN	0x00
#define EC_WFX		0x01
#define EC_HVC64	0x16
#define EC_SMC64	0x17
#define EC_SYSREG	0x18
#define EC_IABT_LOW	0x20
#define EC_DABT_LOW	0x24
#define EC_SERROR	0x2f

/* Data abort ISS */
#define ESR_IL		(1u << 25)
#define DABT_ISV	(1u << 24)
#define DABT_SAS(esr)	(((esr) >> 22) & 3)
#define DABT_SSE	(1u << 21)
#define DABT_SRT(esr)	(((esr) >> 16) & 31)
#define DABT_SF		(1u << 15)
#define DABT_WNR	(1u << 6)

/* SPSR for entering a guest at EL1h with all exceptions masked. */
#define SPSR_EL1H_MASKED	0x3c5ull

/* SCTLR_EL1 architectural reset value (RES1 bits; MMU and caches off). */
#define SCTLR_EL1_RESET		0x30d00800ull

#endif
