// SPDX-License-Identifier: GPL-2.0-only
/*
 * MSI and MSI-X as a guest sees them (VPCI-9). The guest's message
 * addresses and data are virtual: the host function's MSI registers and
 * MSI-X table entries only ever hold the messages the environment set up
 * for it (host[i]: vector i of its own device id), so whatever the guest
 * writes, the function can only raise its own vectors. The guest's
 * enable and mask bits are mirrored into the host's, so the function
 * itself holds back what the guest masked; a vector that fires while the
 * guest has it masked anyway (a race with the mask, or the MSI-X function
 * mask) is kept pending and delivered when the guest unmasks it.
 *
 * Invariant: host MSI-X entry i holds host[i], and its mask bit is the
 * guest's (entries the guest does not see stay masked). Entries are
 * written whole at set-up and reset, and again at each unmask.
 */
#include "vpci.h"

#include "lib/lockorder.h"
#include "lib/string.h"

#define PAGE_SZ		4096ull

#define MSI_ENABLE	0x0001u
#define MSI_MME		0x0070u		/* multiple message enable */
#define MSIX_SIZE	0x07ffu		/* table size - 1 */
#define MSIX_MASKALL	0x4000u
#define MSIX_ENABLE	0x8000u
#define MSIX_CTRL_MASK	1u		/* vector control: masked */

/* Register kinds (vpci_reg.arg). */
enum { MSI_CTRL, MSI_ADDR_LO, MSI_ADDR_HI, MSI_DATA, MSI_MASK, MSI_PENDING,
       MSIX_CTRL, MSIX_HOST };


static uint32_t mmio_rd(struct vpci_dev *vdev, uint64_t hpa)
{
	uint32_t v = 0;

	vdev->vd->env->mmio(vdev->vd->env->ctx, hpa, 4, false, &v);
	return v;
}

static void mmio_wr(struct vpci_dev *vdev, uint64_t hpa, uint32_t v)
{
	vdev->vd->env->mmio(vdev->vd->env->ctx, hpa, 4, true, &v);
}

static bool bit(const uint32_t *w, unsigned int i)
{
	return w[i / 32] >> (i % 32) & 1;
}

static void set_bit_to(uint32_t *w, unsigned int i, bool on)
{
	if (on)
		w[i / 32] |= 1u << (i % 32);
	else
		w[i / 32] &= ~(1u << (i % 32));
}

static unsigned int log2_of(unsigned int pow2)
{
	return pow2 ? __builtin_ctz(pow2) : 0;
}

static void assert_dev_locked(struct vpci_dev *vdev)
{
	lock_assert(spin_is_locked(&vdev->pdev->lock));
}

/* ---- MSI ---- */

static unsigned int msi_off(const struct vpci_dev *vdev, unsigned int kind)
{
	unsigned int hi = vdev->pdev->f.msi.addr64 ? 4 : 0;

	switch (kind) {
	case MSI_CTRL: return PCI_MSI_FLAGS;
	case MSI_ADDR_LO: return 4;
	case MSI_ADDR_HI: return 8;
	case MSI_DATA: return 8 + hi;
	case MSI_MASK: return 0xc + hi;
	}
	return 0x10 + hi;	/* MSI_PENDING */
}

/* Vectors the guest has enabled: 0 while MSI is off. */
static unsigned int msi_enabled(const struct vpci_msi *m)
{
	return m->msi_ctrl & MSI_ENABLE ? 1u << ((m->msi_ctrl & MSI_MME) >> 4) : 0;
}

static uint32_t msi_valid(const struct vpci_msi *m)
{
	return m->msi_vectors >= 32 ? ~0u : (1u << m->msi_vectors) - 1;
}

/* Mirror the guest's enable, MME and mask bits; the message is host[0]. */
static void msi_host_sync(struct vpci_dev *vdev)
{
	const struct pci_msi *hm = &vdev->pdev->f.msi;
	struct vpci_msi *m = &vdev->msi;
	unsigned int pos = m->msi_pos;
	uint32_t ctrl = vpci_host_rd(vdev, pos + PCI_MSI_FLAGS, 2) & ~(MSI_ENABLE | MSI_MME);

	if (hm->maskable)
		vpci_host_wr(vdev, pos + msi_off(vdev, MSI_MASK), 4, m->msi_mask);
	if (!(m->msi_ctrl & MSI_ENABLE)) {
		vpci_host_wr(vdev, pos + PCI_MSI_FLAGS, 2, ctrl);
		return;
	}
	vpci_host_wr(vdev, pos + 4, 4, (uint32_t)m->host[0].addr);
	if (hm->addr64)
		vpci_host_wr(vdev, pos + 8, 4, m->host[0].addr >> 32);
	vpci_host_wr(vdev, pos + msi_off(vdev, MSI_DATA), 2, m->host[0].data);
	vpci_host_wr(vdev, pos + PCI_MSI_FLAGS, 2, ctrl | (m->msi_ctrl & MSI_MME) | MSI_ENABLE);
}

/* Pending vectors the guest now lets through go to the fire list. */
static void msi_release(struct vpci_msi *m)
{
	uint32_t open = ~m->msi_mask;
	unsigned int n = msi_enabled(m);

	if (n < 32)
		open &= (1u << n) - 1;
	m->fire[0] |= m->msi_pending & open;
	m->msi_pending &= ~open;
}

static uint32_t msi_read(struct vpci_dev *vdev, const struct vpci_reg *r)
{
	const struct pci_msi *hm = &vdev->pdev->f.msi;
	struct vpci_msi *m = &vdev->msi;

	switch (r->arg) {
	case MSI_CTRL:
		return m->msi_ctrl | log2_of(m->msi_vectors) << 1 |
		       (hm->addr64 ? PCI_MSI_FLAGS_64BIT : 0) |
		       (hm->maskable ? PCI_MSI_FLAGS_MASKBIT : 0);
	case MSI_ADDR_LO: return (uint32_t)m->msi_addr;
	case MSI_ADDR_HI: return m->msi_addr >> 32;
	case MSI_DATA: return m->msi_data;
	case MSI_MASK: return m->msi_mask;
	}
	/* MSI_PENDING: what the function holds back, and what we do. */
	return (vpci_host_rd(vdev, m->msi_pos + msi_off(vdev, MSI_PENDING), 4) | m->msi_pending) &
	       msi_valid(m);
}

static int msi_write(struct vpci_dev *vdev, const struct vpci_reg *r, uint32_t val,
		     uint32_t clear)
{
	struct vpci_msi *m = &vdev->msi;
	unsigned int mme;

	assert_dev_locked(vdev);
	switch (r->arg) {
	case MSI_CTRL:
		mme = (val & MSI_MME) >> 4;
		if (1u << mme > m->msi_vectors)		/* more than capable */
			mme = log2_of(m->msi_vectors);
		m->msi_ctrl = (val & MSI_ENABLE) | mme << 4;
		msi_host_sync(vdev);
		break;
	case MSI_ADDR_LO:
		m->msi_addr = (m->msi_addr & ~0xffffffffull) | val;
		return 0;
	case MSI_ADDR_HI:
		m->msi_addr = (uint32_t)m->msi_addr | (uint64_t)val << 32;
		return 0;
	case MSI_DATA:
		m->msi_data = val;
		return 0;
	case MSI_MASK:
		m->msi_mask = val & msi_valid(m);
		vpci_host_wr(vdev, m->msi_pos + msi_off(vdev, MSI_MASK), 4, m->msi_mask);
		break;
	default:
		return 0;
	}
	msi_release(m);
	return 0;
}

/*
 * How many of host[] MSI can use: multiple messages need one address and
 * consecutive data aligned to their count (the function puts the vector
 * number in the low bits); a 32-bit capability needs an address below
 * 4 GiB. 0: none.
 */
static unsigned int msi_usable(const struct vpci_msi *m, const struct pci_msi *hm)
{
	unsigned int n = hm->vectors, i;

	if (!hm->addr64 && m->host[0].addr >> 32)
		return 0;
	for (; n > 1; n /= 2) {
		bool ok = !(m->host[0].data & (n - 1)) && m->host[0].data + n - 1 <= 0xffff;

		for (i = 1; ok && i < n; i++)
			ok = m->host[i].addr == m->host[0].addr &&
			     m->host[i].data == m->host[0].data + i;
		if (ok)
			break;
	}
	return m->host[0].data <= 0xffff ? n : 0;
}

/* ---- MSI-X capability ---- */

static bool msix_live(const struct vpci_msi *m)
{
	return (m->msix_ctrl & (MSIX_ENABLE | MSIX_MASKALL)) == MSIX_ENABLE;
}

/* Pending vectors whose entry is unmasked go to the fire list. */
static void msix_release(struct vpci_msi *m)
{
	unsigned int w;

	if (!msix_live(m))
		return;
	for (w = 0; w < VPCI_MSI_WORDS; w++) {
		uint32_t open = m->pending[w] & ~m->msix_masked[w];

		m->fire[w] |= open;
		m->pending[w] &= ~open;
	}
}

static uint32_t msix_read(struct vpci_dev *vdev, const struct vpci_reg *r)
{
	if (r->arg == MSIX_CTRL)
		return vdev->msi.msix_ctrl | (vdev->msi.msix_entries - 1);
	return vpci_host_rd(vdev, r->off, 4);	/* table and PBA: BIR and offset */
}

static int msix_write(struct vpci_dev *vdev, const struct vpci_reg *r, uint32_t val,
		      uint32_t clear)
{
	struct vpci_msi *m = &vdev->msi;
	unsigned int at = m->msix_pos + PCI_MSI_FLAGS;
	uint32_t host;

	assert_dev_locked(vdev);
	if (r->arg != MSIX_CTRL)
		return 0;
	/* The host entries already hold host[] and the guest's mask bits. */
	m->msix_ctrl = val & (MSIX_ENABLE | MSIX_MASKALL);
	host = vpci_host_rd(vdev, at, 2) & ~(MSIX_ENABLE | MSIX_MASKALL);
	vpci_host_wr(vdev, at, 2, host | m->msix_ctrl);
	msix_release(m);
	return 0;
}

/* ---- MSI-X table ---- */

static uint64_t entry_hpa(const struct vpci_msi *m, unsigned int i)
{
	return m->table_hpa + 16ull * i;
}

/* Host entry i: masked, or host[i] and unmasked (in that order). */
static void host_entry_mask(struct vpci_dev *vdev, unsigned int i, bool masked)
{
	const struct vpci_msi *m = &vdev->msi;
	uint64_t e = entry_hpa(m, i);
	uint32_t ctrl = mmio_rd(vdev, e + 12);

	if (masked) {
		mmio_wr(vdev, e + 12, ctrl | MSIX_CTRL_MASK);
		return;
	}
	mmio_wr(vdev, e, (uint32_t)m->host[i].addr);
	mmio_wr(vdev, e + 4, m->host[i].addr >> 32);
	mmio_wr(vdev, e + 8, m->host[i].data);
	mmio_wr(vdev, e + 12, ctrl & ~MSIX_CTRL_MASK);
}

static void entry_set_mask(struct vpci_dev *vdev, unsigned int i, bool masked)
{
	struct vpci_msi *m = &vdev->msi;
	struct vpci_msix_entry *e = &m->entry[i];

	if (masked == bit(m->msix_masked, i))
		return;
	set_bit_to(m->msix_masked, i, masked);
	if (!masked) {
		/* What the guest wrote while it was unmasked counts from now. */
		e->live_addr = e->addr;
		e->live_data = e->data;
	}
	host_entry_mask(vdev, i, masked);
	msix_release(m);
}

static void entry_access(struct vpci_dev *vdev, unsigned int i, unsigned int field, bool write,
			 uint32_t *v)
{
	struct vpci_msi *m = &vdev->msi;
	struct vpci_msix_entry *e = &m->entry[i];

	if (!write) {
		*v = field == 0 ? (uint32_t)e->addr : field == 4 ? e->addr >> 32 :
		     field == 8 ? e->data : bit(m->msix_masked, i);
		return;
	}
	if (field == 12) {
		entry_set_mask(vdev, i, *v & MSIX_CTRL_MASK);
		return;
	}
	if (field == 0)
		e->addr = (e->addr & ~0xffffffffull) | (*v & ~3u);
	else if (field == 4)
		e->addr = (uint32_t)e->addr | (uint64_t)*v << 32;
	else
		e->data = *v;
	if (bit(m->msix_masked, i)) {
		e->live_addr = e->addr;
		e->live_data = e->data;
	}
}

/* PBA dword w: the function's pending bits and ours, for the entries
 * the guest sees. The host decodes: the guest's decoding is on. */
static uint32_t pba_read(struct vpci_dev *vdev, unsigned int w)
{
	const struct vpci_msi *m = &vdev->msi;
	unsigned int first = 32 * w;
	uint32_t v;

	if (first >= m->msix_entries)
		return 0;
	v = mmio_rd(vdev, m->pba_hpa + 4ull * w) | m->pending[w];
	return m->msix_entries - first >= 32 ? v : v & ((1u << (m->msix_entries - first)) - 1);
}

static uint64_t guest_at(const struct vpci_dev *vdev, int bar, uint32_t off)
{
	return vdev->bar[bar].guest + off;
}

static bool in_pages(uint64_t gpa, uint64_t start, uint64_t len)
{
	return gpa >= (start & ~(PAGE_SZ - 1)) &&
	       gpa < ((start + len + PAGE_SZ - 1) & ~(PAGE_SZ - 1));
}

/* Decoding is on, so the BAR addresses are fixed (vpci_header.c). */
bool vpci_msix_claims(const struct vpci_dev *vdev, uint64_t gpa)
{
	const struct pci_msix *x = &vdev->pdev->f.msix;

	if (!vdev->msi.msix_pos || !(vdev->cmd & PCI_COMMAND_MEMORY))
		return false;
	return in_pages(gpa, guest_at(vdev, x->table_bar, x->table), x->table_size) ||
	       in_pages(gpa, guest_at(vdev, x->pba_bar, x->pba), x->pba_size);
}

static void dword_access(struct vpci_dev *vdev, uint64_t gpa, bool write, uint32_t *v)
{
	const struct pci_msix *x = &vdev->pdev->f.msix;
	const struct vpci_msi *m = &vdev->msi;
	uint64_t t = guest_at(vdev, x->table_bar, x->table);
	uint64_t p = guest_at(vdev, x->pba_bar, x->pba);

	if (gpa >= t && gpa < t + 16ull * m->msix_entries) {
		entry_access(vdev, (gpa - t) / 16, (gpa - t) % 16, write, v);
		return;
	}
	/* The PBA is read-only; everything else on these pages reads 0. */
	if (!write)
		*v = gpa >= p && gpa < p + x->pba_size ? pba_read(vdev, (gpa - p) / 4) : 0;
}

enum vpci_msix_result vpci_msix_page_access(struct vpci_dev *vdev, uint64_t gpa,
					    unsigned int size, bool write, uint64_t *val)
{
	unsigned int k;

	lock_assert(lock_order_held(LOCK_VPCI_DOMAIN));
	assert_dev_locked(vdev);
	if ((size != 4 && size != 8) || (gpa & (size - 1))) {
		if (!write)
			*val = ~0ull;
		return VPCI_MSIX_DROPPED;
	}
	if (!write)
		*val = 0;
	for (k = 0; k < size; k += 4) {
		uint32_t v = write ? *val >> (8 * k) : 0;

		dword_access(vdev, gpa + k, write, &v);
		if (!write)
			*val |= (uint64_t)v << (8 * k);
	}
	return VPCI_MSIX_DONE;
}

/* ---- delivery ---- */

bool vpci_msi_vector_message(struct vpci_dev *vdev, unsigned int vector, uint64_t *addr,
			     uint32_t *data)
{
	struct vpci_msi *m = &vdev->msi;
	unsigned int n;

	assert_dev_locked(vdev);
	if (m->msix_pos && (m->msix_ctrl & MSIX_ENABLE)) {
		if (vector >= m->msix_entries)
			return false;
		if (!msix_live(m) || bit(m->msix_masked, vector)) {
			set_bit_to(m->pending, vector, true);
			return false;
		}
		*addr = m->entry[vector].live_addr;
		*data = m->entry[vector].live_data;
		return true;
	}
	n = m->msi_pos ? msi_enabled(m) : 0;
	if (vector >= n)
		return false;
	if (m->msi_mask >> vector & 1) {
		m->msi_pending |= 1u << vector;
		return false;
	}
	*addr = m->msi_addr;
	*data = (m->msi_data & ~(n - 1)) | vector;
	return true;
}

bool vpci_msi_take_fire(struct vpci_dev *vdev, uint32_t out[VPCI_MSI_WORDS])
{
	uint32_t any = 0;
	unsigned int w;

	assert_dev_locked(vdev);
	for (w = 0; w < VPCI_MSI_WORDS; w++) {
		out[w] = vdev->msi.fire[w];
		any |= out[w];
		vdev->msi.fire[w] = 0;
	}
	return any;
}

/* ---- set-up and reset ---- */

static void host_off(struct vpci_dev *vdev)
{
	const struct pci_func *f = &vdev->pdev->f;
	struct vpci_msi *m = &vdev->msi;
	unsigned int i;
	uint16_t cmd;

	if (m->msi_pos) {
		if (f->msi.maskable)
			vpci_host_wr(vdev, m->msi_pos + msi_off(vdev, MSI_MASK), 4, msi_valid(m));
		vpci_host_wr(vdev, m->msi_pos + PCI_MSI_FLAGS, 2,
			vpci_host_rd(vdev, m->msi_pos + PCI_MSI_FLAGS, 2) & ~(MSI_ENABLE | MSI_MME));
	}
	if (!m->msix_pos)
		return;
	vpci_host_wr(vdev, m->msix_pos + PCI_MSI_FLAGS, 2,
		(vpci_host_rd(vdev, m->msix_pos + PCI_MSI_FLAGS, 2) & ~MSIX_ENABLE) | MSIX_MASKALL);
	/* The table answers only while the host decodes; nothing else
	 * touches the host command register meanwhile (the guest's writes
	 * to it take the domain lock exclusively). */
	cmd = vpci_host_rd(vdev, PCI_COMMAND, 2);
	if (!(cmd & PCI_COMMAND_MEMORY))
		vpci_host_wr(vdev, PCI_COMMAND, 2, cmd | PCI_COMMAND_MEMORY);
	for (i = 0; i < f->msix.entries; i++) {
		host_entry_mask(vdev, i, true);
		if (i < m->msix_entries) {
			mmio_wr(vdev, entry_hpa(m, i), (uint32_t)m->host[i].addr);
			mmio_wr(vdev, entry_hpa(m, i) + 4, m->host[i].addr >> 32);
			mmio_wr(vdev, entry_hpa(m, i) + 8, m->host[i].data);
		}
	}
	if (!(cmd & PCI_COMMAND_MEMORY))
		vpci_host_wr(vdev, PCI_COMMAND, 2, cmd);
}

/* Guest view at reset: everything 0, MSI-X entries masked. */
static void guest_reset(struct vpci_msi *m)
{
	m->msi_ctrl = m->msi_data = m->msix_ctrl = 0;
	m->msi_addr = 0;
	m->msi_mask = m->msi_pending = 0;
	memset(m->entry, 0, sizeof(m->entry));
	memset(m->msix_masked, 0xff, sizeof(m->msix_masked));
	memset(m->pending, 0, sizeof(m->pending));
	memset(m->fire, 0, sizeof(m->fire));
}

void vpci_msi_reset(struct vpci_dev *vdev)
{
	lock_assert(rw_is_write_locked(&vdev->vd->lock));
	host_off(vdev);
	guest_reset(&vdev->msi);
}

bool vpci_msi_cap_shown(const struct vpci_dev *vdev, unsigned int pos)
{
	return pos && (pos == vdev->msi.msi_pos || pos == vdev->msi.msix_pos);
}

/* The table and PBA inside usable memory BARs. */

static int add_regs(struct vpci_dev *vdev)
{
	const struct pci_msi *hm = &vdev->pdev->f.msi;
	struct vpci_msi *m = &vdev->msi;
	struct vpci_reg r[9];
	unsigned int n = 0, i;

	if (m->msi_pos) {
		r[n++] = (struct vpci_reg){ .size = 2, .ro = (uint16_t)~(MSI_ENABLE | MSI_MME),
					    .arg = MSI_CTRL };
		r[n++] = (struct vpci_reg){ .size = 4, .rsvd = 3, .arg = MSI_ADDR_LO };
		if (hm->addr64)
			r[n++] = (struct vpci_reg){ .size = 4, .arg = MSI_ADDR_HI };
		r[n++] = (struct vpci_reg){ .size = 2, .arg = MSI_DATA };
		if (hm->maskable) {
			r[n++] = (struct vpci_reg){ .size = 4, .rsvd = ~msi_valid(m),
						    .arg = MSI_MASK };
			r[n++] = (struct vpci_reg){ .size = 4, .ro = ~0u, .arg = MSI_PENDING };
		}
		for (i = 0; i < n; i++) {
			r[i].off = m->msi_pos + msi_off(vdev, r[i].arg);
			r[i].read = msi_read;
			r[i].write = msi_write;
		}
	}
	if (m->msix_pos) {
		r[n++] = (struct vpci_reg){ .off = m->msix_pos + PCI_MSI_FLAGS, .size = 2,
					    .ro = MSIX_SIZE, .rsvd = 0x3800, .read = msix_read,
					    .write = msix_write, .arg = MSIX_CTRL };
		for (i = PCI_MSIX_TABLE; i <= PCI_MSIX_PBA; i += 4)
			r[n++] = (struct vpci_reg){ .off = m->msix_pos + i, .size = 4, .ro = ~0u,
						    .read = msix_read, .arg = MSIX_HOST };
	}
	for (i = 0; i < n; i++) {
		if (vdev->nr_regs == VPCI_MAX_REGS)
			return -1;
		vdev->regs[vdev->nr_regs++] = r[i];
	}
	return 0;
}

int vpci_msi_init(struct vpci_dev *vdev)
{
	const struct vpci_env *env = vdev->vd->env;
	const struct pci_func *f = &vdev->pdev->f;
	struct vpci_msi *m = &vdev->msi;
	unsigned int nvec;

	memset(m, 0, sizeof(*m));
	guest_reset(m);
	if (!env->msi_setup)
		return 0;
	m->msi_vectors = f->msi.pos ? f->msi.vectors : 0;
	if (f->msix.pos && env->mmio && pci_msix_usable(f))
		m->msix_entries = f->msix.entries < VPCI_MSI_MAX_VEC ? f->msix.entries :
				  VPCI_MSI_MAX_VEC;
	nvec = pci_msi_host_vectors(f, VPCI_MSI_MAX_VEC);
	if (!nvec || env->msi_setup(env->ctx, vdev->pdev, nvec, m->host)) {
		m->msi_vectors = m->msix_entries = 0;
		return 0;	/* both stay hidden: INTx only */
	}
	m->msi_vectors = m->msi_vectors ? msi_usable(m, &f->msi) : 0;
	m->msi_pos = m->msi_vectors ? f->msi.pos : 0;
	if (m->msix_entries) {
		m->msix_pos = f->msix.pos;
		m->table_hpa = f->bar[f->msix.table_bar].addr + f->msix.table;
		m->pba_hpa = f->bar[f->msix.pba_bar].addr + f->msix.pba;
	}
	host_off(vdev);		/* not published yet: no lock to hold */
	return add_regs(vdev);
}
