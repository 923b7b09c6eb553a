// SPDX-License-Identifier: GPL-2.0-only
/* SMMUv3 formats without the device (smmuv3_hw.h). */
#include "smmuv3_hw.h"

#include "arch/pte.h"
#include "lib/string.h"

static const unsigned char pa_sizes[] = { 32, 36, 40, 42, 44, 48, 52 };

int smmu_pa_field(unsigned int bits)
{
	unsigned int i;

	for (i = 0; i < sizeof(pa_sizes); i++)
		if (pa_sizes[i] == bits)
			return i;
	return -1;
}

unsigned int smmu_oas_bits(uint32_t idr5)
{
	unsigned int f = IDR5_OAS(idr5);

	return f < sizeof(pa_sizes) ? pa_sizes[f] : 48;
}

void smmu_ste_abort(uint64_t ste[STE_DWORDS])
{
	memset(ste, 0, STE_BYTES);
	ste[0] = STE_V | STE_CFG_ABORT;
}

/*
 * Stage 2 only, 4 KiB granule, AArch64 tables shared with the CPU: the
 * walk fields match the CPU's (T0SZ, SL0, write-back inner-shareable
 * walks), S2PTW makes a device access to a table page a fault, S2R
 * records faults in the event queue.
 */
int smmu_ste_s2(uint64_t ste[STE_DWORDS], const struct smmu_s2_ctx *c)
{
	int ps = smmu_pa_field(c->pa_bits);
	uint64_t t0sz = 64 - c->ia_bits, sl0 = 2 - c->start_level;

	if (ps < 0 || c->start_level > 2 || c->ia_bits < 25 || c->ia_bits > 48 ||
	    (c->ttb & ~STE3_S2TTB_MASK))
		return -1;
	memset(ste, 0, STE_BYTES);
	ste[1] = STE1_SHCFG_INCOMING;
	ste[2] = c->vmid | t0sz << 32 | sl0 << 38 | 1ull << 40 | 1ull << 42 | 3ull << 44 |
		 (uint64_t)ps << 48 | STE2_S2AA64 | STE2_S2PTW | STE2_S2R;
	ste[3] = c->ttb & STE3_S2TTB_MASK;
	ste[0] = STE_V | STE_CFG_S2;
	return 0;
}

/*
 * Stage 1 translates, stage 2 bypassed (the SMMU has none): the one CD
 * at S1ContextPtr (S1Fmt linear, S1CDMax 0) gives the walk. CD fetches
 * write-back inner-shareable like the tables; STRW 0 (the EL1&0
 * regime, ASID-tagged); privilege and the rest as the device sends it.
 */
int smmu_ste_s1(uint64_t ste[STE_DWORDS], const struct smmu_s1_ctx *c)
{
	if (c->cd & ~STE0_S1CTXPTR_MASK)
		return -1;
	memset(ste, 0, STE_BYTES);
	ste[1] = STE1_S1C_WB_ISH | STE1_SHCFG_INCOMING;
	ste[0] = STE_V | STE_CFG_S1 | (c->cd & STE0_S1CTXPTR_MASK);
	return 0;
}

/*
 * TTB0 covers the guest's IPA space (T0SZ), TTB1 is off (EPD1): an
 * address beyond it is a translation fault. AF is set in every leaf and
 * the tables are never written by the SMMU (HA, HD 0); no stall (S 0):
 * a fault is recorded (R) and the access aborted (A).
 */
int smmu_cd_s1(uint64_t cd[CD_DWORDS], const struct smmu_s1_ctx *c)
{
	int ips = smmu_pa_field(c->pa_bits);
	uint64_t t0sz = 64 - c->ia_bits;

	if (ips < 0 || c->ia_bits < 25 || c->ia_bits > 48 || (c->ttb & ~CD1_TTB0_MASK) ||
	    (c->ttb >> c->pa_bits))
		return -1;
	memset(cd, 0, CD_BYTES);
	cd[0] = t0sz | 0ull << 6 | 1ull << 8 | 1ull << 10 | 3ull << 12 | CD0_EPD1 | CD0_V |
		(uint64_t)ips << 32 | CD0_AA64 | CD0_R | CD0_A | (uint64_t)c->asid << 48;
	cd[1] = c->ttb & CD1_TTB0_MASK;
	cd[3] = c->mair;
	return 0;
}

static unsigned int bits_for(uint32_t max_sid)
{
	unsigned int bits = 0;

	while (bits < 32 && (uint64_t)max_sid >= (1ull << bits))
		bits++;
	return bits;
}

int smmu_strtab_layout(unsigned int sidsize, uint32_t max_sid, bool idr0_2lvl,
		       struct smmu_strtab_layout *l)
{
	unsigned int bits = bits_for(max_sid);

	if (bits > sidsize)
		return -1;
	memset(l, 0, sizeof(*l));
	l->sid_bits = bits;
	l->two_level = idr0_2lvl && bits > SMMU_LINEAR_MAX_BITS;
	if (!l->two_level) {
		/* Without two levels, a huge linear table is a memory cost
		 * the board asked for; still refuse beyond 1 GiB. */
		if (bits > 24)
			return -1;
		l->bytes = (uint64_t)STE_BYTES << bits;
		return 0;
	}
	l->l1_entries = 1u << (bits - SMMU_SPLIT);
	l->bytes = (uint64_t)l->l1_entries * 8;
	return 0;
}

uint64_t smmu_l1_desc(uint64_t l2_pa)
{
	return (l2_pa & 0x000fffffffffffc0ull) | (SMMU_SPLIT + 1);
}

/* ---- queues ---- */

static uint32_t q_mask(const struct smmu_queue *q)
{
	return (2u << q->log2) - 1;	/* index and wrap bit */
}

bool smmu_q_full(const struct smmu_queue *q)
{
	uint32_t p = q->prod & q_mask(q), c = q->cons & q_mask(q);

	return (p ^ c) == (1u << q->log2);
}

bool smmu_q_empty(const struct smmu_queue *q)
{
	return (q->prod & q_mask(q)) == (q->cons & q_mask(q));
}

uint32_t smmu_q_next(const struct smmu_queue *q, uint32_t idx)
{
	return ((idx & q_mask(q)) + 1) & q_mask(q);
}

uint64_t *smmu_q_slot(const struct smmu_queue *q, uint32_t idx)
{
	return q->base + (idx & ((1u << q->log2) - 1)) * q->dwords;
}

/* ---- commands ---- */

void smmu_cmd_cfgi_ste(uint64_t cmd[2], uint32_t sid)
{
	cmd[0] = CMD_CFGI_STE | (uint64_t)sid << 32;
	cmd[1] = 1;	/* leaf: the STE only */
}

void smmu_cmd_cfgi_all(uint64_t cmd[2])
{
	cmd[0] = CMD_CFGI_ALL;
	cmd[1] = 31;	/* range: every stream */
}

void smmu_cmd_tlbi_s12_vmall(uint64_t cmd[2], uint16_t vmid)
{
	cmd[0] = CMD_TLBI_S12_VMALL | (uint64_t)vmid << 32;
	cmd[1] = 0;
}

void smmu_cmd_tlbi_nh_asid(uint64_t cmd[2], uint16_t asid)
{
	cmd[0] = CMD_TLBI_NH_ASID | (uint64_t)asid << 48;	/* VMID 0: no stage 2 */
	cmd[1] = 0;
}

void smmu_cmd_tlbi_nsnh_all(uint64_t cmd[2])
{
	cmd[0] = CMD_TLBI_NSNH_ALL;
	cmd[1] = 0;
}

void smmu_cmd_sync(uint64_t cmd[2])
{
	cmd[0] = CMD_SYNC;	/* CS = none: completion is CONS passing it */
	cmd[1] = 0;
}

/* A refusal is GERROR.CMDQ_ERR active; CONS.ERR is nonzero then (the
 * SMMU writes it first), so a zero ERR spares the GERROR read. */
static int refresh_cons(struct smmu_queue *q, const struct smmu_cmdq_io *io)
{
	uint32_t cons = io->read_cons(io->ctx);

	q->cons = cons & q_mask(q);
	return Q_CONS_ERR(cons) && io->cmdq_error(io->ctx) ? -SMMU_ECMD : 0;
}

int smmu_cmdq_issue(struct smmu_queue *q, const struct smmu_cmdq_io *io, const uint64_t cmd[2])
{
	unsigned long n;
	uint64_t *slot;
	int ret;

	for (n = 0; smmu_q_full(q); n++) {
		if (n == io->spin)
			return -SMMU_ETIMEDOUT;
		ret = refresh_cons(q, io);
		if (ret)
			return ret;
	}
	slot = smmu_q_slot(q, q->prod);
	slot[0] = cmd[0];
	slot[1] = cmd[1];
	q->prod = smmu_q_next(q, q->prod);
	io->write_prod(io->ctx, q->prod);
	return 0;
}

int smmu_cmdq_sync(struct smmu_queue *q, const struct smmu_cmdq_io *io)
{
	uint64_t cmd[2];
	unsigned long n;
	int ret;

	smmu_cmd_sync(cmd);
	ret = smmu_cmdq_issue(q, io, cmd);
	if (ret)
		return ret;
	/* This CPU is the only producer (the caller holds the lock): the
	 * sync is done when the queue is empty. */
	for (n = 0; n <= io->spin; n++) {
		ret = refresh_cons(q, io);
		if (ret)
			return ret;
		if (smmu_q_empty(q))
			return 0;
	}
	return -SMMU_ETIMEDOUT;
}

const char *smmu_cerror_name(uint8_t err)
{
	switch (err) {
	case CERROR_ILL:
		return "CERROR_ILL";
	case CERROR_ABT:
		return "CERROR_ABT";
	case CERROR_ATC_INV_SYNC:
		return "CERROR_ATC_INV_SYNC";
	}
	return "unknown";
}

/*
 * The SMMU re-reads the entry at CONS once the error is acknowledged
 * (SMMUv3 7.1), so acknowledging alone refuses the same command again:
 * it is replaced first. A CMD_SYNC (CS = none) has no effect of its own
 * and completes once the commands before it have.
 */
int smmu_cmdq_recover(struct smmu_queue *q, const struct smmu_cmdq_io *io,
		      struct smmu_cmdq_fault *f)
{
	uint32_t cons = io->read_cons(io->ctx);
	uint64_t *slot;

	q->cons = cons & q_mask(q);
	slot = smmu_q_slot(q, q->cons);
	f->index = q->cons;
	f->opcode = slot[0] & 0xff;
	f->err = Q_CONS_ERR(cons);
	if (f->opcode == CMD_SYNC)
		return -SMMU_ESTOPPED;
	smmu_cmd_sync(slot);
	io->ack_error(io->ctx);
	return 0;
}

/* ---- events ---- */

void smmu_event_decode(const uint64_t rec[EVT_DWORDS], struct smmu_event *e)
{
	e->id = rec[0] & 0xff;
	e->sid = rec[0] >> 32;
	e->read = (rec[1] >> 35) & 1;
	e->addr = rec[2];
}

static const struct {
	uint8_t id;
	const char *name;
} event_names[] = {
	{ 0x01, "F_UUT" }, { 0x02, "C_BAD_STREAMID" }, { 0x03, "F_STE_FETCH" },
	{ 0x04, "C_BAD_STE" }, { 0x06, "F_STREAM_DISABLED" }, { 0x07, "F_TRANSL_FORBIDDEN" },
	{ 0x08, "C_BAD_SUBSTREAMID" }, { 0x09, "F_CD_FETCH" }, { 0x0a, "C_BAD_CD" },
	{ 0x0b, "F_WALK_EABT" }, { 0x10, "F_TRANSLATION" }, { 0x11, "F_ADDR_SIZE" },
	{ 0x12, "F_ACCESS" }, { 0x13, "F_PERMISSION" }, { 0x20, "F_TLB_CONFLICT" },
	{ 0x21, "F_CFG_CONFLICT" },
};

const char *smmu_event_name(uint8_t id)
{
	unsigned int i;

	for (i = 0; i < sizeof(event_names) / sizeof(event_names[0]); i++)
		if (event_names[i].id == id)
			return event_names[i].name;
	return "unknown event";
}

/* ---- the fault log ---- */

/* Every entry of each level points to the next level's page, every
 * entry of the last level maps the page: any input address reaches it. */
static void scratch_tables(uint64_t *const table[], unsigned int levels, uint64_t page,
			   uint64_t leaf_attrs)
{
	unsigned int l, i;

	for (l = 0; l < levels; l++)
		for (i = 0; i < 512; i++)
			table[l][i] = l + 1 < levels ? pte_table((uintptr_t)table[l + 1], l)
						     : pte_leaf(page, leaf_attrs, 3);
}

struct smmu_scratch *smmu_scratch_get(struct smmu_scratch_set *set, uint32_t sid)
{
	uint64_t *table[4];
	struct smmu_scratch *c;
	unsigned int i;

	for (i = 0; i < set->nr; i++)
		if (set->ctx_of[i].sid == sid)
			return &set->ctx_of[i];
	if (set->sealed || set->nr == SMMU_SCRATCH_MAX || !set->levels || set->levels > 4)
		return NULL;
	c = &set->ctx_of[set->nr];
	c->page = set->alloc_page(set->ctx);
	for (i = 0; i < set->levels; i++) {
		table[i] = set->alloc_page(set->ctx);
		if (!table[i] || !c->page)
			return NULL;	/* the pool's pages stay allocated: boot fails */
	}
	scratch_tables(table, set->levels, (uintptr_t)c->page, set->leaf_attrs);
	c->sid = sid;
	c->tag = set->tag_base + set->nr++;
	c->root = (uintptr_t)table[0];
	return c;
}

void smmu_scratch_enter(struct smmu_scratch *c)
{
	memset(c->page, 0, 4096);
}
