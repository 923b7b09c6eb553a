// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: the x86 MMIO instruction decoder
 * (kernel/arch/x86_64/insn.c) on arbitrary bytes. The first byte picks
 * the mode; the rest, up to 15, is decoded from a heap copy of exactly
 * that size (ASan: nothing past it is read). An accepted instruction
 * must fit in what was given and in 15 bytes, name a real access size
 * and register, and decode the same from a longer buffer; its
 * write-back must leave every other register alone.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "insn.h"

static void check_accepted(const struct insn *in, const uint8_t *bytes, size_t n,
			   enum insn_mode mode)
{
	uint8_t longer[INSN_MAX_LEN + 8];
	uint64_t regs[16];
	struct insn again;
	unsigned int i;

	if (!in->length || in->length > n || in->length > INSN_MAX_LEN)
		abort();
	if (in->size != 1 && in->size != 2 && in->size != 4 && in->size != 8)
		abort();
	if (in->reg > 15 || (in->high_byte && in->reg > 3))
		abort();
	memset(longer, 0xcc, sizeof(longer));
	memcpy(longer, bytes, n);
	if (insn_decode(longer, sizeof(longer), mode, &again) || memcmp(in, &again, sizeof(again)))
		abort();
	if (in->is_write)
		return;
	for (i = 0; i < 16; i++)
		regs[i] = 0x0101010101010101ull * i;
	insn_load_result(in, regs, ~0ull);
	for (i = 0; i < 16; i++)
		if (i != in->reg && regs[i] != 0x0101010101010101ull * i)
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum insn_mode modes[] = { INSN_MODE_64, INSN_MODE_32, INSN_MODE_16 };
	enum insn_mode mode;
	struct insn in;
	uint8_t *copy;
	size_t n;

	if (!size)
		return 0;
	mode = modes[data[0] % 3];
	n = size - 1 > INSN_MAX_LEN ? INSN_MAX_LEN : size - 1;
	copy = malloc(n ? n : 1);
	memcpy(copy, data + 1, n);
	memset(&in, 0, sizeof(in));
	if (!insn_decode(copy, n, mode, &in))
		check_accepted(&in, copy, n, mode);
	free(copy);
	return 0;
}
