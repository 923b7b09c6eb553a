// SPDX-License-Identifier: GPL-2.0-only
#include "insn.h"

#include <stddef.h>

#define REX_W	0x8
#define REX_R	0x4

struct decoder {
	const uint8_t *bytes;
	unsigned int len, pos;	/* len already capped at INSN_MAX_LEN */
	enum insn_mode mode;
	bool opsize_prefix, addrsize_prefix;
	bool has_rex;
	uint8_t rex;
};

/* The next byte, or -1 past the end. */
static int next_byte(struct decoder *d)
{
	return d->pos < d->len ? d->bytes[d->pos++] : -1;
}

static int skip(struct decoder *d, unsigned int n)
{
	if (n > d->len - d->pos)
		return -1;
	d->pos += n;
	return 0;
}

/* n little-endian bytes; *ok = false if fewer are left. */
static uint64_t read_le(struct decoder *d, unsigned int n, bool *ok)
{
	uint64_t v = 0;
	unsigned int i;

	if (n > d->len - d->pos) {
		*ok = false;
		return 0;
	}
	for (i = 0; i < n; i++)
		v |= (uint64_t)d->bytes[d->pos + i] << (8 * i);
	d->pos += n;
	return v;
}

static bool is_segment_override(int c)
{
	return c == 0x2e || c == 0x36 || c == 0x3e || c == 0x26 || c == 0x64 || c == 0x65;
}

/* Legacy prefixes then at most one REX; the opcode byte, or -1. */
static int prefixes_then_opcode(struct decoder *d)
{
	int c;

	while ((c = next_byte(d)) >= 0) {
		if (c == 0x66) {
			d->opsize_prefix = true;
		} else if (c == 0x67) {
			d->addrsize_prefix = true;
		} else if (d->mode == INSN_MODE_64 && (c & 0xf0) == 0x40) {
			if (d->has_rex)
				return -1;	/* two REX: undefined */
			d->has_rex = true;
			d->rex = c & 0xf;
			continue;
		} else if (!is_segment_override(c)) {
			return c;	/* LOCK and REP end up refused as opcodes */
		}
		/* A REX counts only right before the opcode. */
		d->has_rex = false;
		d->rex = 0;
	}
	return -1;
}

static unsigned int operand_size(const struct decoder *d)
{
	if (d->mode == INSN_MODE_64 && (d->rex & REX_W))
		return 8;
	if (d->mode == INSN_MODE_16)
		return d->opsize_prefix ? 4 : 2;
	return d->opsize_prefix ? 2 : 4;
}

static unsigned int address_size(const struct decoder *d)
{
	if (d->mode == INSN_MODE_64)
		return d->addrsize_prefix ? 4 : 8;
	if (d->mode == INSN_MODE_32)
		return d->addrsize_prefix ? 2 : 4;
	return d->addrsize_prefix ? 4 : 2;
}

/* Displacement bytes of a 16-bit ModRM (no SIB). */
static unsigned int disp_size16(unsigned int mod, unsigned int rm)
{
	if (mod == 1)
		return 1;
	return mod == 2 || rm == 6 ? 2 : 0;
}

/* The SIB byte and displacement after a memory ModRM: 0, or -1 for a
 * register operand (not MMIO) or too few bytes. Only the 3-bit fields
 * pick the special cases (REX.B does not): rm 4 is SIB, rm 5 with mod 0
 * disp32 (RIP-relative in 64-bit mode), SIB base 5 with mod 0 disp32. */
static int skip_memory_operand(struct decoder *d, unsigned int modrm)
{
	unsigned int mod = modrm >> 6, rm = modrm & 7;
	int sib;

	if (mod == 3)
		return -1;
	if (address_size(d) == 2)
		return skip(d, disp_size16(mod, rm));
	if (rm == 4) {
		sib = next_byte(d);
		if (sib < 0)
			return -1;
		if (mod == 0 && (sib & 7) == 5)
			return skip(d, 4);
	}
	if (mod == 1)
		return skip(d, 1);
	if (mod == 2 || (mod == 0 && rm == 5))
		return skip(d, 4);
	return 0;
}

/* ModRM's reg field as a register of width size into out. */
static void set_reg_operand(const struct decoder *d, unsigned int modrm, unsigned int size,
			    struct insn *out)
{
	unsigned int reg = ((modrm >> 3) & 7) | (d->rex & REX_R ? 8 : 0);

	out->reg_size = size;
	/* Without any REX, byte registers 4-7 are AH, CH, DH, BH. */
	if (size == 1 && !d->has_rex && reg >= 4) {
		out->reg = reg - 4;
		out->high_byte = true;
	} else {
		out->reg = reg;
	}
}

/* MOV between a register and memory (88 89 8A 8B, MOVZX, MOVSX). */
static int decode_reg_mov(struct decoder *d, unsigned int mem_size, unsigned int reg_size,
			  bool write, struct insn *out)
{
	int modrm = next_byte(d);

	if (modrm < 0 || skip_memory_operand(d, modrm))
		return -1;
	out->is_write = write;
	out->size = mem_size;
	set_reg_operand(d, modrm, reg_size, out);
	return 0;
}

static uint64_t sign_extend(uint64_t v, unsigned int bytes)
{
	unsigned int shift = 64 - 8 * bytes;

	return (uint64_t)((int64_t)(v << shift) >> shift);
}

static uint64_t size_mask(unsigned int bytes)
{
	return bytes >= 8 ? ~0ull : (1ull << (8 * bytes)) - 1;
}

/* C6 /0 ib, C7 /0 iw or id (sign-extended with REX.W). */
static int decode_imm_mov(struct decoder *d, unsigned int size, struct insn *out)
{
	unsigned int imm_size = size > 4 ? 4 : size;
	int modrm = next_byte(d);
	bool ok = true;

	if (modrm < 0 || ((modrm >> 3) & 7) || skip_memory_operand(d, modrm))
		return -1;	/* reg field != 0: another instruction (XABORT...) */
	out->imm = sign_extend(read_le(d, imm_size, &ok), imm_size) & size_mask(size);
	if (!ok)
		return -1;
	out->is_write = true;
	out->size = size;
	out->has_imm = true;
	return 0;
}

/* A0-A3: the accumulator and an absolute address of address size. */
static int decode_moffs_mov(struct decoder *d, unsigned int size, bool write, struct insn *out)
{
	if (skip(d, address_size(d)))
		return -1;
	out->is_write = write;
	out->size = size;
	out->reg = 0;
	out->reg_size = size;
	return 0;
}

static int decode_0f(struct decoder *d, struct insn *out)
{
	int op = next_byte(d);

	switch (op) {
	case 0xb6: case 0xb7:
		out->extend = INSN_EXT_ZERO;
		break;
	case 0xbe: case 0xbf:
		out->extend = INSN_EXT_SIGN;
		break;
	default:
		return -1;
	}
	return decode_reg_mov(d, op & 1 ? 2 : 1, operand_size(d), false, out);
}

static int decode_opcode(struct decoder *d, int op, struct insn *out)
{
	unsigned int osz = operand_size(d);

	switch (op) {
	case 0x88: return decode_reg_mov(d, 1, 1, true, out);
	case 0x89: return decode_reg_mov(d, osz, osz, true, out);
	case 0x8a: return decode_reg_mov(d, 1, 1, false, out);
	case 0x8b: return decode_reg_mov(d, osz, osz, false, out);
	case 0xc6: return decode_imm_mov(d, 1, out);
	case 0xc7: return decode_imm_mov(d, osz, out);
	case 0xa0: return decode_moffs_mov(d, 1, false, out);
	case 0xa1: return decode_moffs_mov(d, osz, false, out);
	case 0xa2: return decode_moffs_mov(d, 1, true, out);
	case 0xa3: return decode_moffs_mov(d, osz, true, out);
	case 0x0f: return decode_0f(d, out);
	}
	return -1;
}

int insn_decode(const uint8_t *bytes, unsigned int len, enum insn_mode mode,
		struct insn *out)
{
	struct decoder d = {
		.bytes = bytes, .len = len < INSN_MAX_LEN ? len : INSN_MAX_LEN, .mode = mode,
	};
	struct insn in = { .extend = INSN_EXT_NONE };
	int op = prefixes_then_opcode(&d);

	if (op < 0 || decode_opcode(&d, op, &in))
		return -1;
	in.length = d.pos;
	*out = in;
	return 0;
}

uint64_t insn_store_value(const struct insn *in, const uint64_t regs[16])
{
	if (in->has_imm)
		return in->imm;
	return (regs[in->reg & 15] >> (in->high_byte ? 8 : 0)) & size_mask(in->size);
}

void insn_load_result(const struct insn *in, uint64_t regs[16], uint64_t val)
{
	uint64_t *r = &regs[in->reg & 15];
	unsigned int shift = in->high_byte ? 8 : 0;
	uint64_t keep;

	val &= size_mask(in->size);
	if (in->extend == INSN_EXT_SIGN)
		val = sign_extend(val, in->size);
	if (in->reg_size == 4) {
		*r = val & size_mask(4);
		return;
	}
	keep = in->reg_size == 8 ? 0 : ~(size_mask(in->reg_size) << shift);
	*r = (*r & keep) | ((val & size_mask(in->reg_size)) << shift);
}
