// SPDX-License-Identifier: GPL-2.0-only
/*
 * The SMMUv3 driver's formats and queue logic (iommu/smmuv3_hw.c)
 * against a model of the SMMU's command queue: stream table entries for
 * stage 2, stage 1 and abort, the stage-1 context descriptor, stream
 * table sizing, command queue wrap, CMD_SYNC completion and its
 * timeout, the TLB invalidations, event decoding, the once-then-count
 * fault log.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "fault_log.h"
#include "smmuv3_hw.h"

#define FIELD(v, hi, lo)	(((v) >> (lo)) & ((2ull << ((hi) - (lo))) - 1))

/* ---- stream table entries ---- */

static void test_ste_stage2(void **state)
{
	struct smmu_s2_ctx c = {
		.ttb = 0x4812f000, .vmid = 7, .ia_bits = 39, .start_level = 1, .pa_bits = 44,
	};
	uint64_t ste[STE_DWORDS];

	memset(ste, 0xa5, sizeof(ste));
	assert_int_equal(smmu_ste_s2(ste, &c), 0);
	assert_int_equal(FIELD(ste[0], 0, 0), 1);		/* V */
	assert_int_equal(FIELD(ste[0], 3, 1), 6);		/* Config: stage 2 only */
	assert_int_equal(FIELD(ste[0], 63, 4), 0);		/* no stage 1 context */
	assert_int_equal(FIELD(ste[2], 15, 0), 7);		/* S2VMID = the domain's VMID */
	assert_int_equal(FIELD(ste[2], 37, 32), 25);		/* S2T0SZ: 39-bit IPA */
	assert_int_equal(FIELD(ste[2], 39, 38), 1);		/* S2SL0: start at level 1 */
	assert_int_equal(FIELD(ste[2], 41, 40), 1);		/* walks write-back */
	assert_int_equal(FIELD(ste[2], 43, 42), 1);
	assert_int_equal(FIELD(ste[2], 45, 44), 3);		/* inner shareable */
	assert_int_equal(FIELD(ste[2], 47, 46), 0);		/* S2TG: 4 KiB */
	assert_int_equal(FIELD(ste[2], 50, 48), 4);		/* S2PS: 44 bits */
	assert_int_equal(FIELD(ste[2], 51, 51), 1);		/* S2AA64 */
	assert_int_equal(FIELD(ste[2], 58, 58), 1);		/* S2R: faults recorded */
	assert_int_equal(FIELD(ste[2], 57, 57), 0);		/* S2S: no stall */
	assert_int_equal(ste[3], 0x4812f000);			/* S2TTB */
	assert_int_equal(ste[4] | ste[5] | ste[6] | ste[7], 0);

	/* 48-bit output, start level 0 (a 48-bit IPA space). */
	c.pa_bits = 48;
	c.ia_bits = 48;
	c.start_level = 0;
	assert_int_equal(smmu_ste_s2(ste, &c), 0);
	assert_int_equal(FIELD(ste[2], 50, 48), 5);
	assert_int_equal(FIELD(ste[2], 39, 38), 2);
	assert_int_equal(FIELD(ste[2], 37, 32), 16);
}

static void test_ste_stage2_refused(void **state)
{
	struct smmu_s2_ctx c = {
		.ttb = 0x4812f000, .vmid = 1, .ia_bits = 39, .start_level = 1, .pa_bits = 44,
	};
	uint64_t ste[STE_DWORDS];

	c.pa_bits = 43;		/* no such output size */
	assert_int_equal(smmu_ste_s2(ste, &c), -1);
	c.pa_bits = 44;
	c.ttb = 0x4812f008;	/* not 16-byte aligned */
	assert_int_equal(smmu_ste_s2(ste, &c), -1);
	c.ttb = 1ull << 52;	/* beyond S2TTB */
	assert_int_equal(smmu_ste_s2(ste, &c), -1);
	c.ttb = 0x4812f000;
	c.start_level = 3;
	assert_int_equal(smmu_ste_s2(ste, &c), -1);
}

/* ---- stage 1: the STE and its context descriptor ---- */

static const struct smmu_s1_ctx s1 = {
	.cd = 0x48130040, .ttb = 0x4812e000, .asid = 9, .ia_bits = 39, .pa_bits = 44,
	.mair = 0xff04,
};

static void test_ste_stage1(void **state)
{
	struct smmu_s1_ctx c = s1;
	uint64_t ste[STE_DWORDS];

	memset(ste, 0xa5, sizeof(ste));
	assert_int_equal(smmu_ste_s1(ste, &c), 0);
	assert_int_equal(FIELD(ste[0], 0, 0), 1);		/* V */
	assert_int_equal(FIELD(ste[0], 3, 1), 5);		/* Config: S1 translate, S2 bypass */
	assert_int_equal(FIELD(ste[0], 5, 4), 0);		/* S1Fmt: linear, one CD */
	assert_int_equal(FIELD(ste[0], 51, 6) << 6, 0x48130040);	/* S1ContextPtr */
	assert_int_equal(FIELD(ste[0], 63, 59), 0);		/* S1CDMax: no substreams */
	assert_int_equal(FIELD(ste[1], 1, 0), 0);		/* S1DSS */
	assert_int_equal(FIELD(ste[1], 3, 2), 1);		/* S1CIR: CD fetch write-back */
	assert_int_equal(FIELD(ste[1], 5, 4), 1);		/* S1COR */
	assert_int_equal(FIELD(ste[1], 7, 6), 3);		/* S1CSH: inner shareable */
	assert_int_equal(FIELD(ste[1], 27, 27), 0);		/* S1STALLD */
	assert_int_equal(FIELD(ste[1], 29, 28), 0);		/* EATS: no ATS */
	assert_int_equal(FIELD(ste[1], 31, 30), 0);		/* STRW: EL1&0, ASID-tagged */
	assert_int_equal(FIELD(ste[1], 45, 44), 1);		/* SHCFG: incoming */
	assert_int_equal(FIELD(ste[1], 49, 48), 0);		/* PRIVCFG: as the device sends */
	assert_int_equal(ste[2] | ste[3], 0);			/* no stage 2 */
	assert_int_equal(ste[4] | ste[5] | ste[6] | ste[7], 0);
	c.cd = 0x48130020;	/* CDs are 64-byte aligned */
	assert_int_equal(smmu_ste_s1(ste, &c), -1);
	c.cd = 1ull << 52;
	assert_int_equal(smmu_ste_s1(ste, &c), -1);
}

static void test_cd_stage1(void **state)
{
	struct smmu_s1_ctx c = s1;
	uint64_t cd[CD_DWORDS];

	memset(cd, 0xa5, sizeof(cd));
	assert_int_equal(smmu_cd_s1(cd, &c), 0);
	assert_int_equal(FIELD(cd[0], 5, 0), 25);		/* T0SZ: 39-bit IPA */
	assert_int_equal(FIELD(cd[0], 7, 6), 0);		/* TG0: 4 KiB */
	assert_int_equal(FIELD(cd[0], 9, 8), 1);		/* IRGN0: write-back */
	assert_int_equal(FIELD(cd[0], 11, 10), 1);		/* ORGN0 */
	assert_int_equal(FIELD(cd[0], 13, 12), 3);		/* SH0: inner shareable */
	assert_int_equal(FIELD(cd[0], 14, 14), 0);		/* EPD0: TTB0 walked */
	assert_int_equal(FIELD(cd[0], 15, 15), 0);		/* ENDI: little-endian */
	assert_int_equal(FIELD(cd[0], 30, 30), 1);		/* EPD1: no TTB1 */
	assert_int_equal(FIELD(cd[0], 31, 31), 1);		/* V */
	assert_int_equal(FIELD(cd[0], 34, 32), 4);		/* IPS: 44 bits */
	assert_int_equal(FIELD(cd[0], 35, 35), 0);		/* AFFD: AF faults kept */
	assert_int_equal(FIELD(cd[0], 39, 38), 0);		/* TBI */
	assert_int_equal(FIELD(cd[0], 41, 41), 1);		/* AA64 */
	assert_int_equal(FIELD(cd[0], 43, 42), 0);		/* HD, HA: tables not written */
	assert_int_equal(FIELD(cd[0], 44, 44), 0);		/* S: no stall */
	assert_int_equal(FIELD(cd[0], 45, 45), 1);		/* R: faults recorded */
	assert_int_equal(FIELD(cd[0], 46, 46), 1);		/* A: and aborted */
	assert_int_equal(FIELD(cd[0], 63, 48), 9);		/* ASID */
	assert_int_equal(cd[1], 0x4812e000);			/* TTB0 */
	assert_int_equal(cd[2], 0);				/* TTB1 */
	assert_int_equal(cd[3], 0xff04);			/* MAIR */
	assert_int_equal(cd[4] | cd[5] | cd[6] | cd[7], 0);
	c.ia_bits = 48;
	c.pa_bits = 48;
	assert_int_equal(smmu_cd_s1(cd, &c), 0);
	assert_int_equal(FIELD(cd[0], 5, 0), 16);
	assert_int_equal(FIELD(cd[0], 34, 32), 5);
}

static void test_cd_stage1_refused(void **state)
{
	struct smmu_s1_ctx c = s1;
	uint64_t cd[CD_DWORDS];

	c.pa_bits = 43;			/* no such output size */
	assert_int_equal(smmu_cd_s1(cd, &c), -1);
	c = s1;
	c.ttb = 0x4812e008;		/* not 16-byte aligned */
	assert_int_equal(smmu_cd_s1(cd, &c), -1);
	c = s1;
	c.ttb = 1ull << 44;		/* beyond the output size */
	assert_int_equal(smmu_cd_s1(cd, &c), -1);
	c = s1;
	c.ia_bits = 49;			/* T0SZ below 16 */
	assert_int_equal(smmu_cd_s1(cd, &c), -1);
	c.ia_bits = 24;
	assert_int_equal(smmu_cd_s1(cd, &c), -1);
}

static void test_cmd_tlbi_nh_asid(void **state)
{
	uint64_t cmd[2];

	smmu_cmd_tlbi_nh_asid(cmd, 0x1234);
	assert_int_equal(FIELD(cmd[0], 7, 0), 0x11);		/* CMD_TLBI_NH_ASID */
	assert_int_equal(FIELD(cmd[0], 63, 48), 0x1234);	/* ASID */
	assert_int_equal(FIELD(cmd[0], 47, 32), 0);		/* VMID: no stage 2 */
	assert_int_equal(cmd[1], 0);
}

static void test_ste_abort(void **state)
{
	uint64_t ste[STE_DWORDS];
	unsigned int i;

	memset(ste, 0xff, sizeof(ste));
	smmu_ste_abort(ste);
	assert_int_equal(ste[0], 1);	/* V=1, Config=abort: no bypass, no walk */
	for (i = 1; i < STE_DWORDS; i++)
		assert_int_equal(ste[i], 0);
}

static void test_pa_fields(void **state)
{
	assert_int_equal(smmu_pa_field(32), 0);
	assert_int_equal(smmu_pa_field(44), 4);
	assert_int_equal(smmu_pa_field(48), 5);
	assert_int_equal(smmu_pa_field(47), -1);
	assert_int_equal(smmu_oas_bits(4), 44);		/* QEMU's IDR5.OAS */
	assert_int_equal(smmu_oas_bits(4 | IDR5_GRAN4K), 44);
}

/* ---- stream table sizing ---- */

static void test_strtab_layout(void **state)
{
	struct smmu_strtab_layout l;

	/* QEMU virt: iommu-map covers 0..0xffff, 16-bit SIDSIZE, two levels
	 * allowed: a 2 KiB level-1 table instead of 4 MiB linear. */
	assert_int_equal(smmu_strtab_layout(16, 0xffff, true, &l), 0);
	assert_true(l.two_level);
	assert_int_equal(l.sid_bits, 16);
	assert_int_equal(l.l1_entries, 256);
	assert_int_equal(l.bytes, 2048);
	/* A small map: linear, even with two levels allowed. */
	assert_int_equal(smmu_strtab_layout(16, 0xff, true, &l), 0);
	assert_false(l.two_level);
	assert_int_equal(l.sid_bits, 8);
	assert_int_equal(l.bytes, 256 * 64);
	assert_int_equal(smmu_strtab_layout(16, 0x3ff, true, &l), 0);
	assert_false(l.two_level);
	assert_int_equal(smmu_strtab_layout(16, 0x400, true, &l), 0);
	assert_true(l.two_level);
	assert_int_equal(l.sid_bits, 11);
	assert_int_equal(l.l1_entries, 8);
	/* No two-level support: linear, whatever the size. */
	assert_int_equal(smmu_strtab_layout(16, 0xffff, false, &l), 0);
	assert_false(l.two_level);
	assert_int_equal(l.bytes, 65536 * 64);
	/* The map names streams the SMMU does not have. */
	assert_int_equal(smmu_strtab_layout(8, 0x1ff, true, &l), -1);
	/* One stream: a one-entry table. */
	assert_int_equal(smmu_strtab_layout(16, 0, true, &l), 0);
	assert_int_equal(l.sid_bits, 0);
	assert_int_equal(l.bytes, 64);
	assert_int_equal(smmu_l1_desc(0x48000000), 0x48000000 | 9);	/* span = split + 1 */
}

/* ---- a model of the command queue's consumer ---- */

struct model {
	struct smmu_queue *q;	/* the driver's queue (its memory) */
	uint32_t cons, prod;	/* the model's registers */
	bool lazy;		/* consume only when CONS is read */
	bool dead;		/* never consume */
	uint8_t fail_op;	/* report CONS.ERR on this opcode */
	uint32_t err;		/* kept after the acknowledgement, as QEMU does */
	bool cmdq_err;		/* GERROR.CMDQ_ERR active: consumption stopped */
	unsigned int nr_seen, cons_reads, acks;
	uint64_t seen[64][2];
};

static void model_consume(struct model *m)
{
	struct smmu_queue view = *m->q;

	view.prod = m->prod;
	view.cons = m->cons;
	while (!m->cmdq_err && !smmu_q_empty(&view)) {
		uint64_t *e = smmu_q_slot(&view, view.cons);

		if ((e[0] & 0xff) == m->fail_op) {
			m->err = (uint32_t)CERROR_ILL << 24;
			m->cmdq_err = true;
			break;
		}
		if (m->nr_seen < 64) {
			m->seen[m->nr_seen][0] = e[0];
			m->seen[m->nr_seen++][1] = e[1];
		}
		view.cons = smmu_q_next(&view, view.cons);
	}
	m->cons = view.cons;
}

static uint32_t model_read_cons(void *ctx)
{
	struct model *m = ctx;

	m->cons_reads++;
	if (m->lazy && !m->dead)
		model_consume(m);
	return m->cons | m->err;
}

static void model_write_prod(void *ctx, uint32_t prod)
{
	struct model *m = ctx;

	m->prod = prod;
	if (!m->lazy && !m->dead)
		model_consume(m);
}

static bool model_cmdq_error(void *ctx)
{
	return ((struct model *)ctx)->cmdq_err;
}

/* Like QEMU: the acknowledgement restarts consumption at CONS. */
static void model_ack_error(void *ctx)
{
	struct model *m = ctx;

	m->acks++;
	m->cmdq_err = false;
	if (!m->dead)
		model_consume(m);
}

static uint64_t qmem[8 * 2];

static void model_init(struct model *m, struct smmu_queue *q, struct smmu_cmdq_io *io,
		       unsigned int log2)
{
	memset(m, 0, sizeof(*m));
	memset(qmem, 0, sizeof(qmem));
	*q = (struct smmu_queue){ .base = qmem, .log2 = log2, .dwords = 2 };
	m->q = q;
	*io = (struct smmu_cmdq_io){ .read_cons = model_read_cons,
				     .write_prod = model_write_prod,
				     .cmdq_error = model_cmdq_error, .ack_error = model_ack_error,
				     .ctx = m, .spin = 1000 };
}

static void test_cmdq_wrap_and_sync(void **state)
{
	struct smmu_queue q;
	struct smmu_cmdq_io io;
	struct model m;
	uint64_t cmd[2];
	unsigned int i;

	model_init(&m, &q, &io, 2);	/* four slots */
	for (i = 0; i < 10; i++) {
		smmu_cmd_cfgi_ste(cmd, 0x100 + i);
		assert_int_equal(smmu_cmdq_issue(&q, &io, cmd), 0);
		if (i % 3 == 2)
			assert_int_equal(smmu_cmdq_sync(&q, &io), 0);
	}
	assert_int_equal(smmu_cmdq_sync(&q, &io), 0);
	/* 10 commands and 4 syncs: 14 entries, so prod wrapped three times
	 * (index 14 % 4 = 2, wrap bit (14 / 4) & 1 = 1). */
	assert_int_equal(m.nr_seen, 14);
	assert_int_equal(q.prod, (1u << 2) | 2);
	assert_int_equal(m.cons, q.prod);
	assert_int_equal(m.seen[0][0], CMD_CFGI_STE | 0x100ull << 32);
	assert_int_equal(m.seen[0][1], 1);	/* leaf */
	assert_int_equal(m.seen[3][0], CMD_SYNC);
	assert_int_equal(m.seen[4][0], CMD_CFGI_STE | 0x103ull << 32);
	assert_int_equal(m.seen[13][0], CMD_SYNC);
}

/* A consumer that only moves when asked: the producer waits for room
 * on a full queue rather than overwriting a slot. */
static void test_cmdq_full_waits(void **state)
{
	struct smmu_queue q;
	struct smmu_cmdq_io io;
	struct model m;
	uint64_t cmd[2];
	unsigned int i;

	model_init(&m, &q, &io, 1);	/* two slots */
	m.lazy = true;
	for (i = 0; i < 5; i++) {
		smmu_cmd_tlbi_s12_vmall(cmd, i + 1);
		assert_int_equal(smmu_cmdq_issue(&q, &io, cmd), 0);
	}
	assert_true(m.cons_reads > 0);
	assert_int_equal(smmu_cmdq_sync(&q, &io), 0);
	assert_int_equal(m.nr_seen, 6);
	for (i = 0; i < 5; i++)
		assert_int_equal(m.seen[i][0], CMD_TLBI_S12_VMALL | (uint64_t)(i + 1) << 32);
}

/* An SMMU that never consumes: CMD_SYNC gives up after the bounded
 * spin instead of hanging the CPU. */
static void test_cmdq_sync_timeout(void **state)
{
	struct smmu_queue q;
	struct smmu_cmdq_io io;
	struct model m;
	uint64_t cmd[2];

	model_init(&m, &q, &io, 2);
	m.dead = true;
	smmu_cmd_cfgi_all(cmd);
	assert_int_equal(smmu_cmdq_issue(&q, &io, cmd), 0);
	assert_int_equal(smmu_cmdq_sync(&q, &io), -SMMU_ETIMEDOUT);
	assert_true(m.cons_reads >= 1000 && m.cons_reads <= 1002);
	/* Two entries wait in four slots; two more fill the queue. */
	assert_int_equal(smmu_cmdq_issue(&q, &io, cmd), 0);
	assert_int_equal(smmu_cmdq_issue(&q, &io, cmd), 0);
	assert_true(smmu_q_full(&q));
	assert_int_equal(smmu_cmdq_issue(&q, &io, cmd), -SMMU_ETIMEDOUT);
}

/* CONS.ERR (the SMMU refused a command) ends the wait with an error. */
static void test_cmdq_error(void **state)
{
	struct smmu_queue q;
	struct smmu_cmdq_io io;
	struct model m;
	uint64_t cmd[2];

	model_init(&m, &q, &io, 2);
	m.fail_op = CMD_TLBI_NSNH_ALL;
	smmu_cmd_tlbi_nsnh_all(cmd);
	assert_int_equal(smmu_cmdq_issue(&q, &io, cmd), 0);
	assert_int_equal(smmu_cmdq_sync(&q, &io), -SMMU_ECMD);
}

/*
 * A command refused at CONS: recovery replaces that entry by a CMD_SYNC
 * and acknowledges, the SMMU runs on past it and the next command and
 * sync complete, although CONS.ERR still holds the old code.
 */
static void test_cmdq_error_recovers(void **state)
{
	struct smmu_queue q;
	struct smmu_cmdq_io io;
	struct smmu_cmdq_fault f;
	struct model m;
	uint64_t cmd[2];

	model_init(&m, &q, &io, 2);
	smmu_cmd_cfgi_ste(cmd, 7);
	assert_int_equal(smmu_cmdq_issue(&q, &io, cmd), 0);
	m.fail_op = CMD_TLBI_NSNH_ALL;
	smmu_cmd_tlbi_nsnh_all(cmd);
	assert_int_equal(smmu_cmdq_issue(&q, &io, cmd), 0);	/* index 1 */
	assert_int_equal(smmu_cmdq_sync(&q, &io), -SMMU_ECMD);
	assert_int_equal(m.cons, 1);	/* stopped at the refused command */

	assert_int_equal(smmu_cmdq_recover(&q, &io, &f), 0);
	assert_int_equal(f.index, 1);
	assert_int_equal(f.opcode, CMD_TLBI_NSNH_ALL);
	assert_int_equal(f.err, CERROR_ILL);
	assert_string_equal(smmu_cerror_name(f.err), "CERROR_ILL");
	assert_int_equal(m.acks, 1);
	assert_int_equal(qmem[2], CMD_SYNC);	/* slot 1 replaced */
	assert_int_equal(qmem[3], 0);
	assert_false(m.cmdq_err);
	assert_int_equal(m.cons, 3);	/* the replacement and the sync consumed */
	assert_int_equal(m.nr_seen, 3);
	assert_int_equal(m.seen[1][0], CMD_SYNC);

	smmu_cmd_cfgi_ste(cmd, 8);
	assert_int_equal(smmu_cmdq_issue(&q, &io, cmd), 0);
	assert_int_equal(smmu_cmdq_sync(&q, &io), 0);
	assert_true(m.err != 0);	/* stale, and not taken for a refusal */
	assert_int_equal(m.cons, q.prod);
	assert_int_equal(m.seen[3][0], CMD_CFGI_STE | 8ull << 32);
	assert_int_equal(m.acks, 1);
}

/* A refused CMD_SYNC cannot be replaced by one: no acknowledgement
 * (which would only refuse it again), the queue stays stopped. */
static void test_cmdq_refused_sync_stops(void **state)
{
	struct smmu_queue q;
	struct smmu_cmdq_io io;
	struct smmu_cmdq_fault f;
	struct model m;

	model_init(&m, &q, &io, 2);
	m.fail_op = CMD_SYNC;
	assert_int_equal(smmu_cmdq_sync(&q, &io), -SMMU_ECMD);
	assert_int_equal(smmu_cmdq_recover(&q, &io, &f), -SMMU_ESTOPPED);
	assert_int_equal(f.opcode, CMD_SYNC);
	assert_int_equal(m.acks, 0);
	assert_true(m.cmdq_err);
	assert_int_equal(smmu_cmdq_sync(&q, &io), -SMMU_ECMD);
}

static void test_queue_indexes(void **state)
{
	struct smmu_queue q = { .base = qmem, .log2 = 2, .dwords = 2 };

	assert_true(smmu_q_empty(&q));
	q.prod = 4;	/* index 0, wrapped once */
	assert_true(smmu_q_full(&q));
	assert_false(smmu_q_empty(&q));
	assert_int_equal(smmu_q_next(&q, 7), 0);	/* index 3 wrap 1 -> index 0 wrap 0 */
	assert_int_equal(smmu_q_next(&q, 3), 4);
	/* The overflow flag (bit 31) is not part of the index. */
	q.prod = Q_OVERFLOW | 1;
	q.cons = 1;
	assert_true(smmu_q_empty(&q));
	assert_ptr_equal(smmu_q_slot(&q, 6), qmem + 2 * 2);
}

/* ---- events and the fault log ---- */

static void test_event_decode(void **state)
{
	/* F_TRANSLATION from stream 0x0010 (00:02.0), a write to 0x9000000. */
	const uint64_t wr[EVT_DWORDS] = { 0x10 | 0x10ull << 32, 0, 0x9000000, 0 };
	/* F_PERMISSION, a read (RnW, bit 35 of word 1), stream 0x100. */
	const uint64_t rd[EVT_DWORDS] = { 0x13 | 0x100ull << 32, 1ull << 35, 0x40001000, 0 };
	struct smmu_event e;

	smmu_event_decode(wr, &e);
	assert_int_equal(e.id, EVT_F_TRANSLATION);
	assert_int_equal(e.sid, 0x10);
	assert_false(e.read);
	assert_int_equal(e.addr, 0x9000000);
	assert_string_equal(smmu_event_name(e.id), "F_TRANSLATION");
	smmu_event_decode(rd, &e);
	assert_int_equal(e.sid, 0x100);
	assert_true(e.read);
	assert_int_equal(e.addr, 0x40001000);
	assert_string_equal(smmu_event_name(e.id), "F_PERMISSION");
	assert_string_equal(smmu_event_name(0x04), "C_BAD_STE");
	assert_string_equal(smmu_event_name(0x77), "unknown event");
}

static void test_fault_once_then_count(void **state)
{
	static struct iommu_fault_log log;
	unsigned int i;

	memset(&log, 0, sizeof(log));
	assert_true(iommu_fault_note(&log, 0x10));
	for (i = 0; i < 99999; i++)
		assert_false(iommu_fault_note(&log, 0x10));
	assert_int_equal(iommu_fault_count(&log, 0x10), 100000);
	/* Another device is logged once too. */
	assert_true(iommu_fault_note(&log, 0x100));
	assert_false(iommu_fault_note(&log, 0x100));
	assert_int_equal(iommu_fault_count(&log, 0x100), 2);
	assert_int_equal(iommu_fault_count(&log, 0x18), 0);
	/* Past the table: one line for all the rest, then counted. */
	for (i = 2; i < IOMMU_FAULT_STREAMS; i++)
		assert_true(iommu_fault_note(&log, 0x1000 + i));
	assert_true(iommu_fault_note(&log, 0x9999));
	assert_false(iommu_fault_note(&log, 0x9998));
	assert_int_equal(log.untracked, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ste_stage2),
		cmocka_unit_test(test_ste_stage2_refused),
		cmocka_unit_test(test_ste_stage1),
		cmocka_unit_test(test_cd_stage1),
		cmocka_unit_test(test_cd_stage1_refused),
		cmocka_unit_test(test_cmd_tlbi_nh_asid),
		cmocka_unit_test(test_ste_abort),
		cmocka_unit_test(test_pa_fields),
		cmocka_unit_test(test_strtab_layout),
		cmocka_unit_test(test_cmdq_wrap_and_sync),
		cmocka_unit_test(test_cmdq_full_waits),
		cmocka_unit_test(test_cmdq_sync_timeout),
		cmocka_unit_test(test_cmdq_error),
		cmocka_unit_test(test_cmdq_error_recovers),
		cmocka_unit_test(test_cmdq_refused_sync_stops),
		cmocka_unit_test(test_queue_indexes),
		cmocka_unit_test(test_event_decode),
		cmocka_unit_test(test_fault_once_then_count),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
