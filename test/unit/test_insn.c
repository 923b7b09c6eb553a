// SPDX-License-Identifier: GPL-2.0-only
/*
 * The MMIO instruction decoder (kernel/arch/x86_64/insn.c). The
 * encodings were made by GNU as from AT&T source (shown with each) and
 * their lengths read back with objdump -d (-M i386 / -M i8086 for the
 * 32- and 16-bit ones). Each is decoded from a buffer of exactly its
 * length (ASan: no byte beyond is read) and from every shorter prefix
 * of it (refused).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "insn.h"

enum { RAX, RCX, RDX, RBX, RSP, RBP, RSI, RDI, R8, R9, R10, R11, R12, R13, R14, R15 };

struct vector {
	const char *src;
	enum insn_mode mode;
	uint8_t bytes[INSN_MAX_LEN];
	unsigned int len;		/* objdump's */
	bool write;
	unsigned int size, reg, reg_size;
	bool high, has_imm;
	uint64_t imm;
	enum insn_extend ext;
};

#define M64 INSN_MODE_64
#define M32 INSN_MODE_32
#define M16 INSN_MODE_16
#define B(...) { __VA_ARGS__ }, sizeof((uint8_t[]){ __VA_ARGS__ })
#define ST(sz, r) true, sz, r, sz, false, false, 0, INSN_EXT_NONE
#define STH(r) true, 1, r, 1, true, false, 0, INSN_EXT_NONE
#define LD(sz, r) false, sz, r, sz, false, false, 0, INSN_EXT_NONE
#define LDH(r) false, 1, r, 1, true, false, 0, INSN_EXT_NONE
#define IMM(sz, v) true, sz, 0, 0, false, true, v, INSN_EXT_NONE
#define EXT(sz, r, rsz, e) false, sz, r, rsz, false, false, 0, e

static const struct vector vectors[] = {
	{ "mov %eax,(%rdi)", M64, B(0x89, 0x07), ST(4, RAX) },
	{ "mov %al,(%rdi)", M64, B(0x88, 0x07), ST(1, RAX) },
	{ "mov %ah,(%rdi)", M64, B(0x88, 0x27), STH(RAX) },
	{ "mov %sil,(%rdi)", M64, B(0x40, 0x88, 0x37), ST(1, RSI) },
	{ "mov %r9b,0x10(%rax)", M64, B(0x44, 0x88, 0x48, 0x10), ST(1, R9) },
	{ "mov %ax,(%rdi)", M64, B(0x66, 0x89, 0x07), ST(2, RAX) },
	{ "mov %rax,(%rdi)", M64, B(0x48, 0x89, 0x07), ST(8, RAX) },
	{ "mov %r15,0x12345678(%rip)", M64, B(0x4c, 0x89, 0x3d, 0x78, 0x56, 0x34, 0x12),
	  ST(8, R15) },
	{ "mov %ecx,0x8(%rsp)", M64, B(0x89, 0x4c, 0x24, 0x08), ST(4, RCX) },
	{ "mov %edx,0x0(%rbp)", M64, B(0x89, 0x55, 0x00), ST(4, RDX) },
	{ "mov %edx,0x0(%r13)", M64, B(0x41, 0x89, 0x55, 0x00), ST(4, RDX) },
	{ "mov %edx,(%r12)", M64, B(0x41, 0x89, 0x14, 0x24), ST(4, RDX) },
	{ "mov %ebx,0x80(%rax,%rcx,4)", M64, B(0x89, 0x9c, 0x88, 0x80, 0x00, 0x00, 0x00),
	  ST(4, RBX) },
	{ "mov %ebx,0x1000(,%rcx,8)", M64, B(0x89, 0x1c, 0xcd, 0x00, 0x10, 0x00, 0x00),
	  ST(4, RBX) },
	{ "mov %ebx,0x7ee00030", M64, B(0x89, 0x1c, 0x25, 0x30, 0x00, 0xe0, 0x7e), ST(4, RBX) },
	{ "mov (%rdi),%eax", M64, B(0x8b, 0x07), LD(4, RAX) },
	{ "mov (%rdi),%bh", M64, B(0x8a, 0x3f), LDH(RBX) },
	{ "mov 0x10(%rsi),%r10", M64, B(0x4c, 0x8b, 0x56, 0x10), LD(8, R10) },
	{ "mov (%rdi),%r8w", M64, B(0x66, 0x44, 0x8b, 0x07), LD(2, R8) },
	{ "movb $0x5a,(%rdi)", M64, B(0xc6, 0x07, 0x5a), IMM(1, 0x5a) },
	{ "movw $0x1234,(%rdi)", M64, B(0x66, 0xc7, 0x07, 0x34, 0x12), IMM(2, 0x1234) },
	{ "movl $0xdeadbeef,0x40(%rdi)", M64, B(0xc7, 0x47, 0x40, 0xef, 0xbe, 0xad, 0xde),
	  IMM(4, 0xdeadbeef) },
	{ "movq $-2,(%rdi)", M64, B(0x48, 0xc7, 0x07, 0xfe, 0xff, 0xff, 0xff),
	  IMM(8, 0xfffffffffffffffeull) },
	{ "movq $0x7fffffff,0x11223344(%rip)", M64,
	  B(0x48, 0xc7, 0x05, 0x44, 0x33, 0x22, 0x11, 0xff, 0xff, 0xff, 0x7f),
	  IMM(8, 0x7fffffff) },
	{ "movzbl (%rdi),%eax", M64, B(0x0f, 0xb6, 0x07), EXT(1, RAX, 4, INSN_EXT_ZERO) },
	{ "movzwl (%rdi),%r11d", M64, B(0x44, 0x0f, 0xb7, 0x1f), EXT(2, R11, 4, INSN_EXT_ZERO) },
	{ "movzbq (%rdi),%rax", M64, B(0x48, 0x0f, 0xb6, 0x07), EXT(1, RAX, 8, INSN_EXT_ZERO) },
	{ "movzbw (%rdi),%ax", M64, B(0x66, 0x0f, 0xb6, 0x07), EXT(1, RAX, 2, INSN_EXT_ZERO) },
	{ "movsbl (%rdi),%eax", M64, B(0x0f, 0xbe, 0x07), EXT(1, RAX, 4, INSN_EXT_SIGN) },
	{ "movswq 0x4(%rdi),%r12", M64, B(0x4c, 0x0f, 0xbf, 0x67, 0x04),
	  EXT(2, R12, 8, INSN_EXT_SIGN) },
	{ "movsbq (%rdi),%rcx", M64, B(0x48, 0x0f, 0xbe, 0x0f), EXT(1, RCX, 8, INSN_EXT_SIGN) },
	{ "mov %fs:(%rax),%eax", M64, B(0x64, 0x8b, 0x00), LD(4, RAX) },
	{ "mov %eax,%gs:0x10(%rdi)", M64, B(0x65, 0x89, 0x47, 0x10), ST(4, RAX) },
	{ "addr32 mov %eax,(%edi)", M64, B(0x67, 0x89, 0x07), ST(4, RAX) },
	{ "mov %eax,(%edi,%esi,2)", M64, B(0x67, 0x89, 0x04, 0x77), ST(4, RAX) },
	{ "movabs 0x1122334455667788,%eax", M64,
	  B(0xa1, 0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11), LD(4, RAX) },
	{ "movabs %al,0x1122334455667788", M64,
	  B(0xa2, 0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11), ST(1, RAX) },
	/* A REX followed by a legacy prefix is ignored (the CPU does). */
	{ "rex.W data16 mov %ax,(%rdi)", M64, B(0x48, 0x66, 0x89, 0x07), ST(2, RAX) },

	{ "mov %eax,(%edi)", M32, B(0x89, 0x07), ST(4, RAX) },
	{ "mov %ah,(%edi)", M32, B(0x88, 0x27), STH(RAX) },
	{ "mov (%esi),%dl", M32, B(0x8a, 0x16), LD(1, RDX) },
	{ "mov %ax,0x10(%ebx)", M32, B(0x66, 0x89, 0x43, 0x10), ST(2, RAX) },
	{ "mov 0xfee00030,%eax", M32, B(0xa1, 0x30, 0x00, 0xe0, 0xfe), LD(4, RAX) },
	{ "mov %eax,0xfee000b0", M32, B(0xa3, 0xb0, 0x00, 0xe0, 0xfe), ST(4, RAX) },
	{ "movb $0x1,(%eax)", M32, B(0xc6, 0x00, 0x01), IMM(1, 1) },
	{ "movw $0x1234,0x8(%ebp)", M32, B(0x66, 0xc7, 0x45, 0x08, 0x34, 0x12), IMM(2, 0x1234) },
	{ "movl $0x80000000,(%eax,%ecx,4)", M32, B(0xc7, 0x04, 0x88, 0x00, 0x00, 0x00, 0x80),
	  IMM(4, 0x80000000) },
	{ "movzbl 0x3(%edx),%ecx", M32, B(0x0f, 0xb6, 0x4a, 0x03), EXT(1, RCX, 4, INSN_EXT_ZERO) },
	{ "movswl (%eax),%edx", M32, B(0x0f, 0xbf, 0x10), EXT(2, RDX, 4, INSN_EXT_SIGN) },
	{ "mov %es:(%edi),%eax", M32, B(0x26, 0x8b, 0x07), LD(4, RAX) },
	{ "mov %eax,(%bx,%si)", M32, B(0x67, 0x89, 0x00), ST(4, RAX) },
	{ "mov 0x1234,%ax", M32, B(0x66, 0xa1, 0x34, 0x12, 0x00, 0x00), LD(2, RAX) },

	{ "mov %ax,(%bx)", M16, B(0x89, 0x07), ST(2, RAX) },
	{ "mov 0x0(%bp),%ax", M16, B(0x8b, 0x46, 0x00), LD(2, RAX) },
	{ "mov %al,0x1234", M16, B(0xa2, 0x34, 0x12), ST(1, RAX) },
	{ "mov 0x10(%bx,%di),%cl", M16, B(0x8a, 0x49, 0x10), LD(1, RCX) },
	{ "movw $0x55aa,(%si)", M16, B(0xc7, 0x04, 0xaa, 0x55), IMM(2, 0x55aa) },
	{ "mov %eax,(%bx)", M16, B(0x66, 0x89, 0x07), ST(4, RAX) },
	{ "mov %eax,(%eax)", M16, B(0x67, 0x66, 0x89, 0x00), ST(4, RAX) },
	{ "mov %cx,0x1234", M16, B(0x89, 0x0e, 0x34, 0x12), ST(2, RCX) },
	{ "mov 0x1234(%bx),%dx", M16, B(0x8b, 0x97, 0x34, 0x12), LD(2, RDX) },
};

/* Decode from a heap copy of exactly len bytes, so ASan sees any read
 * past it. */
static int decode(const uint8_t *bytes, unsigned int len, enum insn_mode mode,
		  struct insn *out)
{
	uint8_t *copy = malloc(len ? len : 1);
	int r;

	memcpy(copy, bytes, len);
	r = insn_decode(copy, len, mode, out);
	free(copy);
	return r;
}

/* Names the vector on a mismatch (cmocka would give only the line). */
#define expect_field(v, got, want) do {						\
	if ((uint64_t)(got) != (uint64_t)(want))				\
		fail_msg("%s: %s is %#llx, want %#llx", (v)->src, #got,		\
			 (unsigned long long)(got), (unsigned long long)(want));	\
} while (0)

static void check_vector(const struct vector *v)
{
	struct insn in;

	if (decode(v->bytes, v->len, v->mode, &in))
		fail_msg("%s: refused", v->src);
	expect_field(v, in.length, v->len);
	expect_field(v, in.is_write, v->write);
	expect_field(v, in.size, v->size);
	expect_field(v, in.has_imm, v->has_imm);
	if (v->has_imm) {
		expect_field(v, in.imm, v->imm);
		return;
	}
	expect_field(v, in.reg, v->reg);
	expect_field(v, in.high_byte, v->high);
	expect_field(v, in.reg_size, v->reg_size);
	expect_field(v, in.extend, v->ext);
}

static void test_encodings(void **state)
{
	for (size_t i = 0; i < sizeof(vectors) / sizeof(vectors[0]); i++)
		check_vector(&vectors[i]);
}

/* Trailing bytes (the next instruction) do not change the length. */
static void test_trailing_bytes_ignored(void **state)
{
	for (size_t i = 0; i < sizeof(vectors) / sizeof(vectors[0]); i++) {
		const struct vector *v = &vectors[i];
		uint8_t buf[INSN_MAX_LEN];
		struct insn in;

		memset(buf, 0x90, sizeof(buf));
		memcpy(buf, v->bytes, v->len);
		assert_int_equal(decode(buf, sizeof(buf), v->mode, &in), 0);
		assert_int_equal(in.length, v->len);
	}
}

static void test_truncated_refused(void **state)
{
	for (size_t i = 0; i < sizeof(vectors) / sizeof(vectors[0]); i++) {
		const struct vector *v = &vectors[i];
		struct insn in;

		for (unsigned int n = 0; n < v->len; n++)
			assert_int_equal(decode(v->bytes, n, v->mode, &in), -1);
	}
}

static void expect_refused(enum insn_mode mode, const uint8_t *b, unsigned int len)
{
	struct insn in;

	assert_int_equal(decode(b, len, mode, &in), -1);
}

#define REFUSED(mode, ...) expect_refused(mode, (const uint8_t[]){ __VA_ARGS__ }, \
					  sizeof((uint8_t[]){ __VA_ARGS__ }))

static void test_refused(void **state)
{
	REFUSED(M64, 0xf0, 0x89, 0x07);		/* lock mov */
	REFUSED(M64, 0xf3, 0xa5);		/* rep movsl */
	REFUSED(M64, 0xf2, 0x89, 0x07);		/* repne mov */
	REFUSED(M64, 0xa5);			/* movsl */
	REFUSED(M64, 0x89, 0xc0);		/* mov %eax,%eax: no memory */
	REFUSED(M64, 0xc6, 0xf8, 0x00);		/* xabort */
	REFUSED(M64, 0xc7, 0x4f, 0x10, 1, 0, 0, 0);	/* C7 /1 */
	REFUSED(M64, 0x48, 0x48, 0x89, 0x07);	/* two REX */
	REFUSED(M64, 0x01, 0x07);		/* add %eax,(%rdi) */
	REFUSED(M64, 0x0f, 0xb8, 0x07);		/* not a MOVZX */
	REFUSED(M64, 0x0f);
	REFUSED(M32, 0x48, 0x89, 0x07);		/* dec %eax; mov */
	/* 14 prefixes and a 2-byte mov: 16 bytes, beyond 15. */
	REFUSED(M64, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66,
		0x66, 0x66, 0x89, 0x07);
}

static void test_fifteen_bytes_accepted(void **state)
{
	const uint8_t b[] = { 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66,
			      0x66, 0x66, 0x66, 0x89, 0x07 };
	struct insn in;

	assert_int_equal(decode(b, sizeof(b), M64, &in), 0);
	assert_int_equal(in.length, 15);
	assert_int_equal(in.size, 2);
}

static void test_store_values(void **state)
{
	uint64_t regs[16] = { [RAX] = 0x1122334455667788ull, [R9] = 0xaabbccddeeff0099ull };
	struct insn in = { .size = 1, .reg = RAX, .high_byte = true, .reg_size = 1 };

	assert_int_equal(insn_store_value(&in, regs), 0x77);
	in.high_byte = false;
	assert_int_equal(insn_store_value(&in, regs), 0x88);
	in = (struct insn){ .size = 4, .reg = R9, .reg_size = 4 };
	assert_int_equal(insn_store_value(&in, regs), 0xeeff0099);
	in.size = 8;
	assert_int_equal(insn_store_value(&in, regs), 0xaabbccddeeff0099ull);
	in = (struct insn){ .size = 2, .has_imm = true, .imm = 0x1234 };
	assert_int_equal(insn_store_value(&in, regs), 0x1234);
}

static uint64_t load(uint64_t old, uint64_t val, struct insn in)
{
	uint64_t regs[16] = { [RDX] = old };

	in.reg = RDX;
	insn_load_result(&in, regs, val);
	return regs[RDX];
}

static void test_load_results(void **state)
{
	const uint64_t old = 0x1111111111111111ull;

	assert_int_equal(load(old, 0xab, (struct insn){ .size = 1, .reg_size = 1 }),
			 0x11111111111111abull);
	assert_int_equal(load(old, 0xab, (struct insn){ .size = 1, .reg_size = 1,
							 .high_byte = true }),
			 0x111111111111ab11ull);
	assert_int_equal(load(old, 0xabcd, (struct insn){ .size = 2, .reg_size = 2 }),
			 0x111111111111abcdull);
	assert_int_equal(load(old, 0xdeadbeef, (struct insn){ .size = 4, .reg_size = 4 }),
			 0xdeadbeefull);
	assert_int_equal(load(old, 0x8877665544332211ull,
			      (struct insn){ .size = 8, .reg_size = 8 }), 0x8877665544332211ull);
	/* A value wider than the access is cut to it first. */
	assert_int_equal(load(old, 0xffab, (struct insn){ .size = 1, .reg_size = 1 }),
			 0x11111111111111abull);
	assert_int_equal(load(old, 0x80, (struct insn){ .size = 1, .reg_size = 4,
							 .extend = INSN_EXT_ZERO }), 0x80);
	assert_int_equal(load(old, 0x80, (struct insn){ .size = 1, .reg_size = 4,
							 .extend = INSN_EXT_SIGN }), 0xffffff80ull);
	assert_int_equal(load(old, 0x8000, (struct insn){ .size = 2, .reg_size = 8,
							   .extend = INSN_EXT_SIGN }),
			 0xffffffffffff8000ull);
	assert_int_equal(load(old, 0x80, (struct insn){ .size = 1, .reg_size = 2,
							 .extend = INSN_EXT_SIGN }),
			 0x111111111111ff80ull);
}

/* The decoder's output drives the write-back: movzbl into %eax. */
static void test_decode_then_load(void **state)
{
	const uint8_t b[] = { 0x0f, 0xb6, 0x07 };
	uint64_t regs[16] = { [RAX] = ~0ull };
	struct insn in;

	assert_int_equal(decode(b, sizeof(b), M64, &in), 0);
	insn_load_result(&in, regs, 0xfe);
	assert_int_equal(regs[RAX], 0xfe);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_encodings),
		cmocka_unit_test(test_trailing_bytes_ignored),
		cmocka_unit_test(test_truncated_refused),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_fifteen_bytes_accepted),
		cmocka_unit_test(test_store_values),
		cmocka_unit_test(test_load_results),
		cmocka_unit_test(test_decode_then_load),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
