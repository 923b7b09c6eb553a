/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vPCI: each guest's virtual PCI bus. A guest sees only the functions it
 * owns, each as function 0 of its own slot on bus 0 of a virtual ECAM
 * host bridge; every other config address reads all-ones and ignores
 * writes (HID-4). Config space is emulated register by register
 * (vpci_reg_access) and the header is mostly virtual: the guest's BAR
 * addresses, its command register and ROM BAR drive what is mapped in
 * its stage-2 tables (BAR-1..6).
 *
 * Shared by the hypervisor and the host tests: the environment supplies
 * struct vpci_env (map/unmap of guest ranges, allocation, host config
 * access).
 *
 * Locking (VPCI-1..9, docs/locking.md), outermost first:
 *   vpci_domain.lock (rwlock)  - the domain's slot table and every
 *       vpci_dev of the domain. Taken exclusively by accesses that touch
 *       the command register or the ROM BAR (decided from offset and
 *       size before any handler runs), and by add / remove; shared by
 *       every other access.
 *   pci_dev.lock (spinlock)    - one host device; with the domain lock
 *       held shared it serialises accesses to that device. Never taken
 *       while the domain lock is held exclusively (VPCI-3).
 * No allocation or free happens with either held (VPCI-8).
 */
#ifndef TESSERA_VPCI_VPCI_H
#define TESSERA_VPCI_VPCI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "irq.h"
#include "lib/rangeset.h"
#include "lib/rwlock.h"
#include "pci.h"

#define PCI_COMMAND_MASTER	(1u << 2)
#define PCI_COMMAND_PARITY	(1u << 6)
#define PCI_COMMAND_SERR	(1u << 8)
#define PCI_COMMAND_INTX_OFF	(1u << 10)
#define PCI_STATUS_RW1C		0xf900u	/* parity, SERR, aborts, master parity */
#define PCI_CACHE_LINE_SIZE	0x0c
#define PCI_CARDBUS_CIS		0x28
#define PCI_SUBSYSTEM_VENDOR	0x2c
#define PCI_INTERRUPT_LINE	0x3c
#define PCI_ROM_ENABLE		1u
#define PCI_ROM_ADDR_MASK	0xfffff800u

/* ---- the register framework ---- */

struct vpci_dev;
struct vpci_reg;

typedef uint32_t (*vpci_read_fn)(struct vpci_dev *vdev, const struct vpci_reg *r);
/* val: the whole register after the write (masks applied); clear: the
 * write-1-to-clear bits the guest set. < 0 stops the guest. */
typedef int (*vpci_write_fn)(struct vpci_dev *vdev, const struct vpci_reg *r, uint32_t val,
			     uint32_t clear);

/*
 * One emulated register of 1, 2 or 4 bytes at off. Bits in ro keep
 * their value on writes; rw1c bits are cleared by writing 1 (handed to
 * write() as clear); rsvd bits read 0 and ignore writes. Without read()
 * the register reads 0; without write() writes are dropped.
 */
struct vpci_reg {
	uint16_t off;
	uint8_t size;
	uint32_t ro, rw1c, rsvd;
	vpci_read_fn read;
	vpci_write_fn write;
	uint32_t arg;		/* handler's own: BAR index, host offset */
};

/*
 * Read or write [off, off+size) (size 1, 2 or 4, naturally aligned) over
 * regs (sorted by off, disjoint). An access may straddle several
 * registers or gaps; gaps read 0 and ignore writes. Returns 0, or the
 * first handler's error; *val is the value read.
 */
int vpci_reg_access(struct vpci_dev *vdev, const struct vpci_reg *regs, unsigned int nr,
		    unsigned int off, unsigned int size, bool write, uint32_t *val);

/* ---- host devices ---- */

/*
 * A function's DMA as the IOMMU sees it (IOMMU-6), filled once after
 * enumeration by pci_dma_streams() (vpci/pci_dt.h), the same way in the
 * hypervisor and in the planner.
 */
struct pci_stream {
	uint32_t sid;		/* rid through the host bridge's iommu-map */
	uint16_t rid;		/* the requester id its DMA carries */
	int32_t via;		/* index of the bridge whose alias rid is; -1: its own */
	bool has_sid;		/* iommu-map covers rid, or there is none (sid = rid) */
	bool translated;	/* an IOMMU this project drives translates it */
	uint32_t msi_id;	/* rid through the host bridge's msi-map */
	bool has_msi_id;	/* msi-map covers rid, or there is none */
};

/* A block of a function's BAR: the plan's <bar offset size> triples
 * (tessera,registers, tessera,hypervisor-ranges). */
struct plan_regs {
	uint8_t bar;
	uint64_t off, size;
};

#define VPCI_MAX_KEPT	4	/* ranges the hypervisor keeps, per function */

/*
 * A host PCI function as the hypervisor keeps it, for its whole life:
 * its lock outlives any vPCI state built on it (VPCI-1).
 */
struct pci_dev {
	struct pci_func f;
	spinlock_t lock;	/* see the locking rules above */
	uint16_t owner;		/* domain id, OWNER_DOM_XEN or OWNER_DOM_IO */
	uint32_t owner_gen;	/* its owner registry entry's generation (owner.h) */
	int16_t intx;		/* host INTID of its INTx pin, or -1 */
	bool intx_used;		/* its owner takes that interrupt */
	struct pci_stream dma;	/* set at enumeration, never changed */
	/*
	 * A page of one of its BARs that a device service of the
	 * hypervisor answers (vpci/igb_pf.h): never mapped to a guest;
	 * each guest access there goes to trap with its host address
	 * (vpci_trap_access). NULL: none. Set at boot, before any guest.
	 */
	void (*trap)(struct pci_dev *pdev, uint64_t hpa, unsigned int size, bool write,
		     uint64_t *val);
	uint8_t trap_bar;
	uint32_t trap_off;	/* page-aligned offset in that BAR */
	/* The hypervisor drives it (a PF serving its VFs): dom_xen's. */
	bool held;
	/*
	 * HID-2's shared flavour: blocks of its BARs the hypervisor keeps
	 * from the guest that owns it (the plan's tessera,hypervisor-ranges).
	 * Their pages are never mapped to the guest; there, a read inside a
	 * block gives kept_read's bytes, a write inside one is dropped, and
	 * any other access reaches the device (vpci_kept_access). Set at
	 * boot, before any guest.
	 */
	struct plan_regs kept[VPCI_MAX_KEPT];
	uint8_t nr_kept;
	uint32_t kept_read;
};

/* ---- per-guest state ---- */

#define VPCI_MAX_REGS		64
#define VPCI_MAX_SLOTS		32	/* bus 0, one function per slot */
#define VPCI_MAX_MAPPED		24	/* disjoint mapped ranges per device */
#define VPCI_PT_WORDS		(0x100 / 4 / 32)	/* passthrough bitmap words */

struct vpci_bar {
	uint64_t guest;		/* address the guest gave it (size-aligned) */
	uint64_t host, size;
	uint8_t kind;		/* enum pci_bar_kind; I/O: PCI port addresses */
	bool prefetch;
};

struct vpci_domain;

/* ---- MSI and MSI-X (vpci_msi.c) ---- */

#define VPCI_MSI_MAX_VEC	64	/* MSI-X entries a guest sees, at most */
#define VPCI_MSI_WORDS		(VPCI_MSI_MAX_VEC / 32)

/* One MSI-X table entry as the guest sees it. Its messages carry
 * live_addr / live_data: latched from addr / data whenever the entry is
 * written while masked, so a write to an unmasked entry (UNDEFINED in the
 * spec) takes effect at its next unmask and never tears a message. */
struct vpci_msix_entry {
	uint64_t addr, live_addr;
	uint32_t data, live_data;
};

/*
 * A function's message interrupts. The guest's addresses and data are
 * virtual: the host capability and table only ever hold host[i], the
 * messages the environment set up (vpci_env.msi_setup); the guest's
 * enable and mask bits are mirrored into the host's.
 * Fixed after vpci_header_init: msi_pos .. host[]. The rest: vd->lock
 * shared + pdev->lock, or vd->lock exclusive.
 */
struct vpci_msi {
	uint8_t msi_pos, msix_pos;	/* capabilities the guest sees; 0: hidden */
	uint8_t msi_vectors;		/* the MSI capability's count the guest sees */
	uint16_t msix_entries;		/* the table size the guest sees */
	uint64_t table_hpa, pba_hpa;	/* host addresses of the table and PBA */
	struct irq_msi_msg host[VPCI_MSI_MAX_VEC];
	/* MSI, guest view */
	uint16_t msi_ctrl;		/* enable and multiple message enable */
	uint16_t msi_data;
	uint64_t msi_addr;
	uint32_t msi_mask;
	uint32_t msi_pending;		/* fired while masked */
	/* MSI-X, guest view */
	uint16_t msix_ctrl;		/* enable and function mask */
	uint32_t msix_masked[VPCI_MSI_WORDS];	/* vector control mask bits */
	struct vpci_msix_entry entry[VPCI_MSI_MAX_VEC];
	/* MSI-X vectors that fired while masked (the guest's PBA), and
	 * vectors unmasked since, to deliver once the locks are dropped. */
	uint32_t pending[VPCI_MSI_WORDS];
	uint32_t fire[VPCI_MSI_WORDS];
};

struct vpci_dev {
	struct pci_dev *pdev;
	struct vpci_domain *vd;
	uint32_t vsbdf;
	/* Guest view. cmd and rom_enabled change only under vd->lock held
	 * exclusively; bar[].guest under vd->lock shared + pdev->lock, and
	 * only while decoding is off. */
	uint16_t cmd;
	bool rom_enabled;
	uint8_t cache_line, latency, int_line;
	uint8_t cap_first;	/* first capability the guest sees, or 0 */
	/* Config dwords in [0x40, 0x100) the guest reads from the host
	 * as they are (read-only): device-specific space and the bodies
	 * of the capabilities it sees. Fixed after vpci_header_init. */
	uint32_t passthrough[VPCI_PT_WORDS];
	struct vpci_bar bar[PCI_MAX_BARS];
	/* Where this device's BARs are mapped in the guest (BAR-5): guest
	 * address ranges; teardown is one pass over this set. */
	struct rangeset mapped;
	struct range mapped_storage[VPCI_MAX_MAPPED];
	unsigned int nr_regs;
	struct vpci_reg regs[VPCI_MAX_REGS];
	struct vpci_msi msi;
};

/* What the environment does for vPCI. map/unmap change the guest's
 * stage-2 tables and invalidate its TLBs; they may be called with the
 * domain lock held exclusively, so they must not allocate. */
struct vpci_env {
	int (*map)(void *ctx, uint64_t gpa, uint64_t hpa, uint64_t size);
	void (*unmap)(void *ctx, uint64_t gpa, uint64_t size);
	void *(*alloc)(void *ctx, size_t size);		/* zeroed */
	void (*free)(void *ctx, void *p);
	const struct pci_cfg_ops *cfg;			/* host config space */
	void *ctx;
	/* One 1, 2 or 4-byte access to host I/O port port (the host
	 * bridge's I/O space), inside a BAR of a device the guest owns.
	 * May be NULL: I/O BARs then read all-ones. */
	void (*io)(void *ctx, uint64_t port, unsigned int size, bool write, uint32_t *val);
	/*
	 * Message interrupts. NULL: the guest sees neither MSI nor MSI-X
	 * (INTx only). Otherwise called once per vpci_add_device(), before
	 * any lock, for a function with MSI or MSI-X: set up nvec host
	 * vectors and fill msg[0..nvec-1] (consecutive data); 0, or < 0 to
	 * give this function no message interrupts.
	 */
	int (*msi_setup)(void *ctx, struct pci_dev *pdev, unsigned int nvec,
			 struct irq_msi_msg *msg);
	/* One 1, 2 or 4-byte access to host physical address hpa (an MSI-X
	 * table or PBA, or a page with ranges the hypervisor keeps). Needed
	 * with msi_setup; without it MSI-X stays hidden, and the rest of such
	 * pages reads all-ones. */
	void (*mmio)(void *ctx, uint64_t hpa, unsigned int size, bool write, uint32_t *val);
	/*
	 * Vector vector of the guest's function vsbdf was pending and the
	 * guest has just unmasked it. Called with no vPCI lock held; the
	 * environment delivers it as if the host had just fired it
	 * (vpci_msi_message(), which re-checks the mask). May be NULL.
	 */
	void (*msi_fire)(void *ctx, uint32_t vsbdf, unsigned int vector);
};

/* A guest address window BARs may be placed in. */
struct vpci_window {
	uint64_t base, size;
	bool mem64;		/* 64-bit BARs only */
};

#define VPCI_MAX_WINDOWS	2

struct vpci_domain {
	rwlock_t lock;
	uint16_t id;
	const struct vpci_env *env;
	struct vpci_window win[VPCI_MAX_WINDOWS];
	unsigned int nr_win;
	uint64_t io_base, io_size;	/* guest ports I/O BARs may decode at */
	struct vpci_dev *slot[VPCI_MAX_SLOTS];
	const char *error;	/* why the last access failed */
};

#define VPCI_EEXIST	1	/* the virtual slot is taken */
#define VPCI_ENOMEM	2
#define VPCI_EINVAL	3	/* not a type 0 function, bad virtual SBDF */
#define VPCI_ENOENT	4
#define VPCI_EMAP	5	/* stage-2 mapping failed */

void vpci_domain_init(struct vpci_domain *vd, uint16_t id, const struct vpci_env *env);
int vpci_domain_add_window(struct vpci_domain *vd, uint64_t base, uint64_t size, bool mem64);
/* Guest I/O ports [base, base+size) of its I/O window (vpci_io_access). */
void vpci_domain_set_io(struct vpci_domain *vd, uint64_t base, uint64_t size);

/*
 * Give pdev to the domain at virtual SBDF vsbdf (bus 0, function 0).
 * guest_bar[i] (may be NULL) are the planned guest addresses, 0 for
 * "the guest assigns it"; with decode, memory decoding starts on and
 * the BARs are mapped now. Allocates before taking any lock.
 */
int vpci_add_device(struct vpci_domain *vd, struct pci_dev *pdev, uint32_t vsbdf,
		    const uint64_t *guest_bar, bool decode);
/* Unmap, unlink and free a device's vPCI state (VPCI-1, VPCI-4). */
int vpci_remove_device(struct vpci_domain *vd, uint32_t vsbdf);
/* Unmap every BAR and turn decoding off in every device (guest reset,
 * teardown). */
void vpci_domain_quiesce(struct vpci_domain *vd);

/*
 * A guest config access at ECAM offset ecam_off of the domain's virtual
 * host bridge. 0, or < 0 when the guest must be stopped (a BAR that
 * could not be mapped; vd->error says why).
 */
int vpci_ecam_access(struct vpci_domain *vd, uint64_t ecam_off, unsigned int size, bool write,
		     uint32_t *val);
/* The same, by SBDF and register offset. */
int vpci_access(struct vpci_domain *vd, uint32_t vsbdf, unsigned int off, unsigned int size,
		bool write, uint32_t *val);

/*
 * A guest access to port port of its I/O window. If it lies wholly inside
 * an I/O BAR of one of its devices with I/O decoding on, it goes to the
 * same offset of that BAR on the host (env->io) and this returns true;
 * otherwise it reads all-ones and writes are dropped, as an unclaimed
 * bus cycle, and this returns false.
 */
bool vpci_io_access(struct vpci_domain *vd, uint64_t port, unsigned int size, bool write,
		    uint32_t *val);

/* What vpci_msix_access() did. */
enum vpci_msix_result {
	VPCI_MSIX_NOT_MINE,	/* not an MSI-X table or PBA page of the domain's */
	VPCI_MSIX_DONE,		/* emulated */
	VPCI_MSIX_DROPPED,	/* such a page, but a size or alignment the spec
				 * does not allow: reads all-ones, writes dropped */
};

/*
 * A guest access to gpa in its BAR windows: if gpa lies in a page of an
 * MSI-X table or PBA of one of its devices whose BAR decodes there (those
 * pages are never mapped, BAR-1), it is emulated (VPCI-9: the domain lock
 * shared plus that device's lock). Table entries' address and data are
 * virtual; mask bits are mirrored to the host; the PBA reads the host's
 * pending bits and the guest's masked ones; other bytes of those pages
 * read 0, writes there are dropped. 4- and 8-byte aligned accesses.
 */
enum vpci_msix_result vpci_msix_access(struct vpci_domain *vd, uint64_t gpa, unsigned int size,
				       bool write, uint64_t *val);

/*
 * A guest access to gpa in its BAR windows: true if gpa lies in the
 * trapped page (pci_dev.trap) of one of its devices whose BAR decodes
 * there; pdev->trap has then answered it. Found under the domain lock
 * shared; the service is called with no vPCI lock held.
 */
bool vpci_trap_access(struct vpci_domain *vd, uint64_t gpa, unsigned int size, bool write,
		      uint64_t *val);

/* What vpci_kept_access() did. */
enum vpci_kept_result {
	VPCI_KEPT_NOT_MINE,	/* on no page of a range the hypervisor keeps */
	VPCI_KEPT_FORWARDED,	/* on such a page, outside the ranges: to the device */
	VPCI_KEPT_READ,		/* a read inside a range: the plan's bytes */
	VPCI_KEPT_DROPPED,	/* a write inside a range: dropped */
};

/* Where such an access fell: the guest's function, its BAR and the
 * offset there. */
struct vpci_kept_hit {
	uint32_t vsbdf;
	uint8_t bar;
	uint64_t off;
};

/*
 * A guest access to gpa in its BAR windows, against the ranges the
 * hypervisor keeps of its devices' BARs (pci_dev.kept) where memory
 * decoding is on. Found under the domain lock shared; a forwarded access
 * (1, 2, 4 or 8 bytes, through env->mmio) is made with no vPCI lock
 * held: one racing a BAR move still reaches only that device.
 */
enum vpci_kept_result vpci_kept_access(struct vpci_domain *vd, uint64_t gpa, unsigned int size,
				       bool write, uint64_t *val, struct vpci_kept_hit *hit);

/*
 * Host vector vector of the guest's function vsbdf fired: true and the
 * message the guest programmed for it if that vector is enabled and
 * unmasked (MSI-X: enabled, no function mask, entry unmasked; MSI:
 * enabled, vector below the enabled count, mask bit clear). If it is
 * masked it is recorded pending (the guest sees it in its PBA or pending
 * bits) and env->msi_fire is called for it when the guest unmasks it.
 * Domain lock shared plus the device lock (VPCI-9).
 */
bool vpci_msi_message(struct vpci_domain *vd, uint32_t vsbdf, unsigned int vector,
		      uint64_t *addr, uint32_t *data);

/* Does [off, off+size) touch the command register or the ROM BAR? Such
 * accesses take the domain lock exclusively (VPCI-2). */
bool vpci_access_is_exclusive(unsigned int off, unsigned int size);

/* The host function's own config space, for vPCI's handlers
 * (vpci_header.c, vpci_msi.c). */
uint32_t vpci_host_rd(struct vpci_dev *vdev, unsigned int off, unsigned int size);
void vpci_host_wr(struct vpci_dev *vdev, unsigned int off, unsigned int size, uint32_t v);
/* Header registers and capabilities for vdev (vpci_header.c). */
int vpci_header_init(struct vpci_dev *vdev);
/* A passthrough dword (vdev->passthrough): reads come from the host,
 * writes are dropped. false if off is emulated. */
bool vpci_passthrough_access(struct vpci_dev *vdev, unsigned int off, unsigned int size,
			     bool write, uint32_t *val);

/* vpci_msi.c, for vpci.c and vpci_header.c. Before any lock: find the
 * function's MSI and MSI-X, set up its host messages, add the
 * registers; the host's vectors are left masked and disabled. */
int vpci_msi_init(struct vpci_dev *vdev);
/* Is the capability at pos shown (MSI, MSI-X with host messages)? */
bool vpci_msi_cap_shown(const struct vpci_dev *vdev, unsigned int pos);
/* MSI and MSI-X off in the host, every vector masked, the guest's view
 * back to its reset state. Domain lock exclusive, or unpublished. */
void vpci_msi_reset(struct vpci_dev *vdev);
/* Shared domain lock + device lock held. */
enum vpci_msix_result vpci_msix_page_access(struct vpci_dev *vdev, uint64_t gpa,
					    unsigned int size, bool write, uint64_t *val);
bool vpci_msix_claims(const struct vpci_dev *vdev, uint64_t gpa);
bool vpci_msi_vector_message(struct vpci_dev *vdev, unsigned int vector, uint64_t *addr,
			     uint32_t *data);
/* Move the vectors to deliver (vpci_msi.fire) into out; device lock. */
bool vpci_msi_take_fire(struct vpci_dev *vdev, uint32_t out[VPCI_MSI_WORDS]);

/* ---- quirks (vpci_quirks.c) ---- */

enum vpci_quirk_kind {
	VPCI_QUIRK_HIDE_RANGE,		/* [off, off+len) reads 0, writes dropped */
	VPCI_QUIRK_HIDE_VNDR_CAP,	/* vendor capabilities whose byte 3 is off */
};

/* One restriction for vendor:device (device VPCI_QUIRK_ANY: all of the
 * vendor's). Quirks only take away: nothing here grants a write. */
struct vpci_quirk {
	uint16_t vendor, device;
	uint8_t kind;			/* enum vpci_quirk_kind */
	uint16_t off, len;
	const char *why;
};

#define VPCI_QUIRK_ANY	0xffffu

/* The i-th quirk that applies to vendor:device, or NULL after the last. */
const struct vpci_quirk *vpci_quirk_find(uint16_t vendor, uint16_t device, unsigned int i);
/* Map (on) or unmap (off) every decoding BAR of vdev. Exclusive lock. */
int vpci_bars_set_decoding(struct vpci_dev *vdev, bool on);

#endif
