/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * SMMUv3: the register map and the in-memory formats (stream table
 * entries, commands, event records, queue indexes), with the encoders
 * and decoders that need no device. Host-compilable: the unit tests
 * drive them against a model of the SMMU (test/unit/test_smmuv3.c).
 * Field positions are those of the Arm SMMUv3 architecture.
 */
#ifndef TESSERA_IOMMU_SMMUV3_HW_H
#define TESSERA_IOMMU_SMMUV3_HW_H

#include <stdbool.h>
#include <stdint.h>

/* ---- registers (offsets from the SMMU's base) ---- */
#define SMMU_IDR0		0x0000
#define SMMU_IDR1		0x0004
#define SMMU_IDR5		0x0014
#define SMMU_CR0		0x0020
#define SMMU_CR0ACK		0x0024
#define SMMU_CR1		0x0028
#define SMMU_CR2		0x002c
#define SMMU_GBPA		0x0044
#define SMMU_IRQ_CTRL		0x0050
#define SMMU_IRQ_CTRLACK	0x0054
#define SMMU_GERROR		0x0060
#define SMMU_GERRORN		0x0064
#define SMMU_STRTAB_BASE	0x0080
#define SMMU_STRTAB_BASE_CFG	0x0088
#define SMMU_CMDQ_BASE		0x0090
#define SMMU_CMDQ_PROD		0x0098
#define SMMU_CMDQ_CONS		0x009c
#define SMMU_EVTQ_BASE		0x00a0
#define SMMU_EVTQ_PROD		0x100a8	/* page 1 */
#define SMMU_EVTQ_CONS		0x100ac

#define IDR0_S2P		(1u << 0)
#define IDR0_S1P		(1u << 1)
#define IDR0_TTF_AA64		(2u << 2)
#define IDR0_ASID16		(1u << 12)
#define IDR0_VMID16		(1u << 18)
#define IDR0_ST_2LVL(idr0)	(((idr0) >> 27) & 3)	/* 1: two-level tables */
#define IDR1_SIDSIZE(idr1)	((idr1) & 0x3f)
#define IDR1_EVTQS(idr1)	(((idr1) >> 16) & 0x1f)
#define IDR1_CMDQS(idr1)	(((idr1) >> 21) & 0x1f)
#define IDR5_OAS(idr5)		((idr5) & 7)
#define IDR5_GRAN4K		(1u << 4)

#define CR0_SMMUEN		(1u << 0)
#define CR0_EVTQEN		(1u << 2)
#define CR0_CMDQEN		(1u << 3)
/* Tables and queues: inner-shareable, write-back. */
#define CR1_WB_ISH		((1u << 0) | (1u << 2) | (3u << 4) | (1u << 6) | (1u << 8) | (3u << 10))
#define CR2_RECINVSID		(1u << 1)
#define GBPA_ABORT		(1u << 20)
#define GBPA_UPDATE		(1u << 31)
#define IRQ_CTRL_GERROR		(1u << 0)
#define IRQ_CTRL_EVTQ		(1u << 2)
#define GERROR_CMDQ_ERR		(1u << 0)
#define GERROR_EVTQ_ABT		(1u << 2)
#define GERROR_SFM		(1u << 8)
#define GERROR_MASK		0x1fdu

#define BASE_RA			(1ull << 62)
#define BASE_ADDR_MASK		0x000fffffffffffe0ull	/* bits 51:5 */
#define STRTAB_CFG_2LVL		(1u << 16)
#define STRTAB_CFG_SPLIT(s)	((uint32_t)(s) << 6)
#define Q_CONS_ERR(cons)	(((cons) >> 24) & 0x7f)
#define Q_OVERFLOW		(1u << 31)

/* ---- stream table entries: 8 double words ---- */
#define STE_DWORDS		8
#define STE_BYTES		64
#define STE_V			(1ull << 0)
#define STE_CFG_ABORT		(0ull << 1)
#define STE_CFG_S1		(5ull << 1)	/* stage 1 translates, stage 2 bypass */
#define STE_CFG_S2		(6ull << 1)
#define STE0_S1CTXPTR_MASK	0x000fffffffffffc0ull	/* bits 51:6 */
#define STE1_S1C_WB_ISH		((1ull << 2) | (1ull << 4) | (3ull << 6))	/* CD fetches */
#define STE_CFG_MASK		(7ull << 1)
#define STE1_SHCFG_INCOMING	(1ull << 44)
#define STE2_S2AA64		(1ull << 51)
#define STE2_S2PTW		(1ull << 54)
#define STE2_S2R		(1ull << 58)
#define STE3_S2TTB_MASK		0x000ffffffffffff0ull	/* bits 51:4 */

/* What a stage-2 entry needs from the guest's p2m and the SMMU. */
struct smmu_s2_ctx {
	uint64_t ttb;			/* root table */
	uint16_t vmid;
	unsigned int ia_bits;		/* guest physical address bits */
	unsigned int start_level;	/* of the walk, 4 KiB granule */
	unsigned int pa_bits;		/* output size, capped at the SMMU's OAS */
};

void smmu_ste_abort(uint64_t ste[STE_DWORDS]);
/* 0, or -1 if the SMMU cannot walk these tables. */
int smmu_ste_s2(uint64_t ste[STE_DWORDS], const struct smmu_s2_ctx *c);
/* ---- scratch quarantine contexts (IOMMU-2) ---- */
#define SMMU_SCRATCH_MAX	64	/* functions with a scratch quarantine */

/* One function's: its own tables, tag and page. Pages are identity
 * mapped (a page's address is its physical address). */
struct smmu_scratch {
	uint32_t sid;
	uint16_t tag;			/* VMID (or ASID) of its own */
	uint64_t root;			/* its tables: every address to page */
	uint64_t *page;			/* zeroed on each entry to quarantine */
	uint64_t *cd;			/* stage 1: its context descriptor (the driver's) */
};

/*
 * Every function's scratch context, built at boot and never changed:
 * contexts are added only until sealed (boot over, guests about to run),
 * and a context's tables are written once, when it is made.
 */
struct smmu_scratch_set {
	unsigned int levels;		/* table levels of a walk (4 - start) */
	uint64_t leaf_attrs;		/* the page's mapping: RAM, read/write */
	uint16_t tag_base;		/* tags tag_base, tag_base + 1, ... */
	void *(*alloc_page)(void *ctx);	/* a zeroed page, or NULL */
	void *ctx;
	bool sealed;
	unsigned int nr;
	struct smmu_scratch ctx_of[SMMU_SCRATCH_MAX];
};

/* sid's context, made now if it has none and the set is not sealed;
 * NULL if it has none and cannot get one (sealed, full, no memory). */
struct smmu_scratch *smmu_scratch_get(struct smmu_scratch_set *set, uint32_t sid);
/* sid enters quarantine: its page is zeroed, so nothing another owner
 * left there reaches it. */
void smmu_scratch_enter(struct smmu_scratch *c);
/* What a stage-1 entry and its context descriptor need: the guest's
 * DMA mirror (kernel/p2m.h) and how to walk it. */
struct smmu_s1_ctx {
	uint64_t cd;			/* the context descriptor's address */
	uint64_t ttb;			/* the mirror's root table */
	uint16_t asid;
	unsigned int ia_bits;		/* guest physical address bits */
	unsigned int pa_bits;		/* output size, capped at the SMMU's OAS */
	uint64_t mair;			/* what the descriptors' AttrIndx refer to */
};

/* ---- context descriptors: 8 double words ---- */
#define CD_DWORDS		8
#define CD_BYTES		64
#define CD0_V			(1ull << 31)
#define CD0_EPD1		(1ull << 30)
#define CD0_AA64		(1ull << 41)
#define CD0_R			(1ull << 45)
#define CD0_A			(1ull << 46)
#define CD1_TTB0_MASK		0x000ffffffffffff0ull	/* bits 51:4 */

/* Stage 1 only, STE pointing at one CD (S1CDMax 0, linear); 0, or -1 if
 * the descriptor's address does not fit. */
int smmu_ste_s1(uint64_t ste[STE_DWORDS], const struct smmu_s1_ctx *c);
/* The CD: TTB0 only, 4 KiB granule, write-back inner-shareable walks,
 * faults recorded and aborted; 0, or -1 if the SMMU cannot walk it. */
int smmu_cd_s1(uint64_t cd[CD_DWORDS], const struct smmu_s1_ctx *c);
/* PS/OAS field value for a size in bits; -1 if none fits exactly. */
int smmu_pa_field(unsigned int bits);
unsigned int smmu_oas_bits(uint32_t idr5);

/* ---- stream table layout ---- */
#define SMMU_LINEAR_MAX_BITS	10	/* at most 64 KiB of linear table */
#define SMMU_SPLIT		8	/* two-level: 256 STEs per level-2 table */

struct smmu_strtab_layout {
	bool two_level;
	unsigned int sid_bits;		/* the table covers 1 << sid_bits streams */
	unsigned int l1_entries;	/* two-level only */
	uint64_t bytes;			/* linear table, or the level-1 table */
};

/* The table for stream ids up to max_sid on an SMMU with sidsize bits
 * that may (idr0_2lvl) use two levels; 0, or -1 if max_sid does not fit. */
int smmu_strtab_layout(unsigned int sidsize, uint32_t max_sid, bool idr0_2lvl,
		       struct smmu_strtab_layout *l);
uint64_t smmu_l1_desc(uint64_t l2_pa);

/* ---- queues: the producer and consumer carry a wrap bit above the
 * index ---- */
struct smmu_queue {
	uint64_t *base;			/* entries, dwords each */
	unsigned int log2;		/* 1 << log2 entries */
	unsigned int dwords;
	uint32_t prod, cons;		/* shadow copies */
};

bool smmu_q_full(const struct smmu_queue *q);
bool smmu_q_empty(const struct smmu_queue *q);
uint32_t smmu_q_next(const struct smmu_queue *q, uint32_t idx);
uint64_t *smmu_q_slot(const struct smmu_queue *q, uint32_t idx);

/* How the command queue reaches the device (an MMIO or a model). */
struct smmu_cmdq_io {
	uint32_t (*read_cons)(void *ctx);
	/* Make the entries visible to the SMMU, then write PROD. */
	void (*write_prod)(void *ctx, uint32_t prod);
	/* GERROR.CMDQ_ERR active: the SMMU stopped at CONS (CONS.ERR is
	 * UNKNOWN otherwise, and QEMU keeps the old code there). */
	bool (*cmdq_error)(void *ctx);
	/* Make the entries visible, then toggle GERRORN.CMDQ_ERR: the SMMU
	 * re-reads the command at CONS and runs on. */
	void (*ack_error)(void *ctx);
	void *ctx;
	unsigned long spin;		/* polls before giving up */
};

#define SMMU_ETIMEDOUT		1
#define SMMU_ECMD		2	/* CONS.ERR: the SMMU refused a command */
#define SMMU_ESTOPPED		3	/* a refused CMD_SYNC: the queue stays stopped */

/* ---- commands: 2 double words ---- */
#define CMD_CFGI_STE		0x03
#define CMD_CFGI_ALL		0x04
#define CMD_TLBI_NH_ASID	0x11
#define CMD_TLBI_NSNH_ALL	0x30
#define CMD_TLBI_S12_VMALL	0x28
#define CMD_SYNC		0x46

void smmu_cmd_cfgi_ste(uint64_t cmd[2], uint32_t sid);
void smmu_cmd_cfgi_all(uint64_t cmd[2]);
void smmu_cmd_tlbi_s12_vmall(uint64_t cmd[2], uint16_t vmid);
void smmu_cmd_tlbi_nh_asid(uint64_t cmd[2], uint16_t asid);
void smmu_cmd_tlbi_nsnh_all(uint64_t cmd[2]);
void smmu_cmd_sync(uint64_t cmd[2]);
/* Queue one command, waiting (bounded) for room; 0 or -SMMU_E*. */
int smmu_cmdq_issue(struct smmu_queue *q, const struct smmu_cmdq_io *io, const uint64_t cmd[2]);
/* CMD_SYNC, then wait (bounded) until the SMMU consumed it: every
 * command before it has completed. 0 or -SMMU_E*. */
int smmu_cmdq_sync(struct smmu_queue *q, const struct smmu_cmdq_io *io);

/* What the SMMU refused: the entry at CONS and CONS.ERR. */
struct smmu_cmdq_fault {
	uint32_t index;			/* CONS (with its wrap bit) */
	uint8_t opcode;
	uint8_t err;			/* CONS.ERR, CERROR_* */
};
#define CERROR_ILL		0x01	/* unknown opcode or reserved field */
#define CERROR_ABT		0x02	/* the queue's memory aborted */
#define CERROR_ATC_INV_SYNC	0x03
const char *smmu_cerror_name(uint8_t err);
/* With GERROR.CMDQ_ERR active (the SMMU stopped at CONS, the commands
 * before it done): replace the refused command by a CMD_SYNC and
 * acknowledge, so that the queue runs on. 0, or -SMMU_ESTOPPED if the
 * refused command was a CMD_SYNC already (nothing to replace it by: the
 * queue stays stopped, every later command is refused). */
int smmu_cmdq_recover(struct smmu_queue *q, const struct smmu_cmdq_io *io,
		      struct smmu_cmdq_fault *f);

/* ---- event records: 4 double words ---- */
#define EVT_F_TRANSLATION	0x10
#define EVT_DWORDS		4

struct smmu_event {
	uint8_t id;
	uint32_t sid;
	bool read;
	uint64_t addr;			/* the input (guest physical) address */
};

void smmu_event_decode(const uint64_t rec[EVT_DWORDS], struct smmu_event *e);
/* "F_TRANSLATION", ...; "event 0x.." names are not kept. */
const char *smmu_event_name(uint8_t id);

#endif
