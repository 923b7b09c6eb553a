/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Decoding the one instruction behind an MMIO exit. Under TCG, SVM has
 * no decode assists and no next-RIP: on a nested page fault to an
 * emulated page the hypervisor fetches the bytes at RIP and decodes them
 * here. Strict: only the moves compilers emit for device accesses
 * (MOV 88 89 8A 8B C6 C7 A0-A3, MOVZX 0F B6/B7, MOVSX 0F BE/BF) with a
 * memory operand, with prefixes 66 67 2E 36 3E 26 64 65 and REX. LOCK,
 * REP and everything else are refused.
 *
 * Registers are numbered as the encoding does: 0 RAX, 1 RCX, 2 RDX,
 * 3 RBX, 4 RSP, 5 RBP, 6 RSI, 7 RDI, 8-15 R8-R15.
 *
 * Pure C, no hypervisor headers: built for the host's tests too.
 */
#ifndef TESSERA_X86_INSN_H
#define TESSERA_X86_INSN_H

#include <stdbool.h>
#include <stdint.h>

#define INSN_MAX_LEN	15	/* longer is #GP on the CPU */

/* The code segment's default sizes: CS.L in long mode, else CS.D. */
enum insn_mode {
	INSN_MODE_64,	/* 64-bit mode */
	INSN_MODE_32,	/* compatibility or protected mode, CS.D = 1 */
	INSN_MODE_16,	/* CS.D = 0 (real mode too) */
};

enum insn_extend { INSN_EXT_NONE, INSN_EXT_ZERO, INSN_EXT_SIGN };

struct insn {
	uint8_t length;		/* bytes, 1 to INSN_MAX_LEN: RIP += length */
	bool is_write;		/* the guest stores to memory */
	uint8_t size;		/* memory access, bytes: 1, 2, 4 or 8 */
	bool has_imm;		/* a store of imm, not of a register */
	uint64_t imm;		/* already extended to size bytes */
	uint8_t reg;		/* the register operand, 0-15 (if !has_imm) */
	bool high_byte;		/* reg 0-3 means AH, CH, DH, BH */
	uint8_t reg_size;	/* its width: size, or wider for MOVZX/MOVSX */
	enum insn_extend extend;	/* how a load widens to reg_size */
};

/*
 * Decode the instruction in bytes[0, len) (len may be less than 15 if
 * the page ends: no byte at or past len is read). 0 and *out filled,
 * or -1: not an instruction we emulate, or cut short by len.
 */
int insn_decode(const uint8_t *bytes, unsigned int len, enum insn_mode mode,
		struct insn *out);

/* What a store writes: the immediate or the register's low size bytes. */
uint64_t insn_store_value(const struct insn *in, const uint64_t regs[16]);

/*
 * Put a load's value (size bytes) in its register: widened as the insn
 * says; an 8- or 16-bit result keeps the register's other bits, a 32-bit
 * one clears bits 32-63 (long mode does; outside it they are undefined,
 * so clearing is as good).
 */
void insn_load_result(const struct insn *in, uint64_t regs[16], uint64_t val);

#endif
