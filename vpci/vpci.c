// SPDX-License-Identifier: GPL-2.0-only
/* vPCI: the register framework, per-domain device slots and the locking
 * around every guest config access. The header itself: vpci_header.c. */
#include "vpci.h"

#include "lib/fault.h"
#include "lib/lockorder.h"
#include "lib/string.h"

/* ---- register framework ---- */

static uint32_t size_mask(unsigned int size)
{
	return size >= 4 ? 0xffffffffu : (1u << (8 * size)) - 1;
}

/*
 * The part of one register that [off, off+size) covers: the bits of the
 * register (wmask) and how far the access value is shifted against it.
 */
static int reg_window(const struct vpci_reg *r, unsigned int off, unsigned int size,
		      uint32_t *wmask, int *shift)
{
	unsigned int lo = off > r->off ? off : r->off;
	unsigned int hi = off + size < r->off + r->size ? off + size : r->off + r->size;

	if (lo >= hi)
		return -1;
	*wmask = size_mask(hi - lo) << (8 * (lo - r->off));
	*shift = 8 * ((int)r->off - (int)off);	/* register bit 0 in access bits */
	return 0;
}

static uint32_t reg_read(struct vpci_dev *vdev, const struct vpci_reg *r)
{
	uint32_t v = r->read ? r->read(vdev, r) : 0;

	return v & size_mask(r->size) & ~r->rsvd;
}

static int reg_write(struct vpci_dev *vdev, const struct vpci_reg *r, uint32_t wmask,
		     uint32_t bits)
{
	uint32_t cur, val, clear;

	if (!r->write)
		return 0;
	cur = reg_read(vdev, r);
	val = (cur & ~wmask) | (bits & wmask);
	val = (val & ~(r->ro | r->rw1c)) | (cur & (r->ro | r->rw1c));
	clear = bits & wmask & r->rw1c;
	return r->write(vdev, r, val & ~r->rsvd, clear & ~r->rsvd);
}

int vpci_reg_access(struct vpci_dev *vdev, const struct vpci_reg *regs, unsigned int nr,
		    unsigned int off, unsigned int size, bool write, uint32_t *val)
{
	uint32_t out = 0;
	unsigned int i;
	int ret = 0;

	for (i = 0; i < nr && regs[i].off < off + size; i++) {
		const struct vpci_reg *r = &regs[i];
		uint32_t wmask;
		int shift;

		if (reg_window(r, off, size, &wmask, &shift))
			continue;
		if (write) {
			uint32_t bits = shift >= 0 ? *val >> shift : *val << -shift;

			ret = reg_write(vdev, r, wmask, bits);
			if (ret)
				return ret;
		} else {
			uint32_t part = reg_read(vdev, r) & wmask;

			out |= shift >= 0 ? part << shift : part >> -shift;
		}
	}
	if (!write)
		*val = out & size_mask(size);
	return 0;
}

/* ---- domains and devices ---- */

void vpci_domain_init(struct vpci_domain *vd, uint16_t id, const struct vpci_env *env)
{
	memset(vd, 0, sizeof(*vd));
	rwlock_init(&vd->lock);
	vd->id = id;
	vd->env = env;
}

int vpci_domain_add_window(struct vpci_domain *vd, uint64_t base, uint64_t size, bool mem64)
{
	if (vd->nr_win == VPCI_MAX_WINDOWS || !size || base + size < base)
		return -VPCI_EINVAL;
	vd->win[vd->nr_win++] = (struct vpci_window){ base, size, mem64 };
	return 0;
}

void vpci_domain_set_io(struct vpci_domain *vd, uint64_t base, uint64_t size)
{
	vd->io_base = base;
	vd->io_size = size;
}

static void dom_lock(struct vpci_domain *vd, bool exclusive)
{
	lock_order_take(LOCK_VPCI_DOMAIN);
	if (exclusive)
		write_lock(&vd->lock);
	else
		read_lock(&vd->lock);
}

static void dom_unlock(struct vpci_domain *vd, bool exclusive)
{
	if (exclusive)
		write_unlock(&vd->lock);
	else
		read_unlock(&vd->lock);
	lock_order_drop(LOCK_VPCI_DOMAIN);
}

static void pdev_lock(struct pci_dev *pdev)
{
	lock_order_take(LOCK_PDEV);
	spin_lock(&pdev->lock);
}

static void pdev_unlock(struct pci_dev *pdev)
{
	spin_unlock(&pdev->lock);
	lock_order_drop(LOCK_PDEV);
}

static bool vsbdf_valid(uint32_t vsbdf)
{
	return (vsbdf >> 16) == 0 && PCI_SBDF_BUS(vsbdf) == 0 && PCI_SBDF_FN(vsbdf) == 0;
}

int vpci_add_device(struct vpci_domain *vd, struct pci_dev *pdev, uint32_t vsbdf,
		    const uint64_t *guest_bar, bool decode)
{
	unsigned int slot = PCI_SBDF_DEV(vsbdf), i;
	struct vpci_dev *vdev;
	int ret = 0;

	if (!vsbdf_valid(vsbdf) || pdev->f.header != 0)
		return -VPCI_EINVAL;
	/* Built whole before it is published: no allocation under a lock. */
	vdev = fault_fail() ? NULL : vd->env->alloc(vd->env->ctx, sizeof(*vdev));
	if (!vdev)
		return -VPCI_ENOMEM;
	vdev->pdev = pdev;
	vdev->vd = vd;
	vdev->vsbdf = vsbdf;
	rangeset_init(&vdev->mapped, vdev->mapped_storage, VPCI_MAX_MAPPED);
	for (i = 0; i < PCI_MAX_BARS; i++) {
		const struct pci_bar *b = &pdev->f.bar[i];

		/* A device may reach its memory registers through an I/O BAR
		 * too (e1000e's IOADDR/IODATA): with ranges the hypervisor
		 * keeps, the guest gets no I/O BAR. */
		if (pdev->nr_kept && b->kind == PCI_BAR_IO) {
			vdev->bar[i] = (struct vpci_bar){ 0 };
			continue;
		}
		vdev->bar[i] = (struct vpci_bar){
			.host = b->addr, .size = b->size, .kind = b->kind, .prefetch = b->prefetch,
		};
		if (guest_bar && b->size)
			vdev->bar[i].guest = guest_bar[i] & ~(b->size - 1);
	}
	if (vpci_header_init(vdev)) {
		vd->env->free(vd->env->ctx, vdev);
		return -VPCI_EINVAL;
	}

	dom_lock(vd, true);
	if (vd->slot[slot]) {
		ret = -VPCI_EEXIST;
	} else {
		vd->slot[slot] = vdev;
		if (decode) {
			vdev->cmd |= PCI_COMMAND_MEMORY;
			if (vpci_bars_set_decoding(vdev, true)) {
				vdev->cmd &= ~PCI_COMMAND_MEMORY;
				vd->slot[slot] = NULL;
				ret = -VPCI_EMAP;	/* nothing is left mapped (BAR-4) */
			}
		}
	}
	dom_unlock(vd, true);
	if (ret)
		vd->env->free(vd->env->ctx, vdev);
	return ret;
}

int vpci_remove_device(struct vpci_domain *vd, uint32_t vsbdf)
{
	struct vpci_dev *vdev = NULL;

	if (!vsbdf_valid(vsbdf))
		return -VPCI_EINVAL;
	dom_lock(vd, true);
	vdev = vd->slot[PCI_SBDF_DEV(vsbdf)];
	if (vdev) {
		/* Decoding off first: no stage-2 entry outlives the state. */
		vpci_bars_set_decoding(vdev, false);
		vpci_msi_reset(vdev);
		vd->slot[PCI_SBDF_DEV(vsbdf)] = NULL;
	}
	dom_unlock(vd, true);
	if (!vdev)
		return -VPCI_ENOENT;
	/* Nobody can reach it now: accesses hold the lock we just had. */
	vd->env->free(vd->env->ctx, vdev);
	return 0;
}

void vpci_domain_quiesce(struct vpci_domain *vd)
{
	unsigned int i;

	dom_lock(vd, true);
	for (i = 0; i < VPCI_MAX_SLOTS; i++) {
		struct vpci_dev *vdev = vd->slot[i];

		if (vdev)
			vpci_msi_reset(vdev);	/* while the host still decodes */
		if (vdev && (vdev->cmd & PCI_COMMAND_MEMORY)) {
			vpci_bars_set_decoding(vdev, false);
			vdev->cmd &= ~PCI_COMMAND_MEMORY;
			vdev->rom_enabled = false;
		}
	}
	dom_unlock(vd, true);
}

/* ---- guest accesses ---- */

static bool overlaps(unsigned int off, unsigned int size, unsigned int reg, unsigned int len)
{
	return off < reg + len && reg < off + size;
}

bool vpci_access_is_exclusive(unsigned int off, unsigned int size)
{
	return overlaps(off, size, PCI_COMMAND, 2) || overlaps(off, size, PCI_ROM_ADDRESS, 4);
}

/* Vectors the guest unmasked while they were pending: handed to the
 * environment with no vPCI lock held (it takes them again to deliver). */
static void fire_unmasked(struct vpci_domain *vd, uint32_t vsbdf,
			  const uint32_t fire[VPCI_MSI_WORDS])
{
	unsigned int i;

	for (i = 0; i < VPCI_MSI_MAX_VEC && vd->env->msi_fire; i++)
		if (fire[i / 32] >> (i % 32) & 1)
			vd->env->msi_fire(vd->env->ctx, vsbdf, i);
}

int vpci_access(struct vpci_domain *vd, uint32_t vsbdf, unsigned int off, unsigned int size,
		bool write, uint32_t *val)
{
	bool exclusive = vpci_access_is_exclusive(off, size);
	uint32_t fire[VPCI_MSI_WORDS];
	bool any_fire = false;
	struct vpci_dev *vdev;
	int ret = 0;

	if ((size != 1 && size != 2 && size != 4) || (off & (size - 1)) || off >= 4096) {
		if (!write)
			*val = 0xffffffffu;	/* as a bad access on a real bus */
		return 0;
	}
	dom_lock(vd, exclusive);
	vdev = vsbdf_valid(vsbdf) ? vd->slot[PCI_SBDF_DEV(vsbdf)] : NULL;
	if (!vdev) {
		/* Not ours, hidden, or nothing there: all-ones (HID-4). */
		if (!write)
			*val = size == 4 ? 0xffffffffu : (1u << (8 * size)) - 1;
	} else {
		if (!exclusive)
			pdev_lock(vdev->pdev);
		if (!vpci_passthrough_access(vdev, off, size, write, val))
			ret = vpci_reg_access(vdev, vdev->regs, vdev->nr_regs, off, size, write,
					      val);
		if (!exclusive) {
			any_fire = vpci_msi_take_fire(vdev, fire);
			pdev_unlock(vdev->pdev);
		}
	}
	dom_unlock(vd, exclusive);
	if (any_fire)
		fire_unmasked(vd, vsbdf, fire);
	return ret;
}

/* VPCI-9: the domain lock shared, then only the device whose table it
 * is. Which device that is depends on BAR addresses that are fixed
 * while decoding is on, and decoding changes only under the exclusive
 * lock: the search needs no device lock. */
enum vpci_msix_result vpci_msix_access(struct vpci_domain *vd, uint64_t gpa, unsigned int size,
				       bool write, uint64_t *val)
{
	enum vpci_msix_result res = VPCI_MSIX_NOT_MINE;
	uint32_t fire[VPCI_MSI_WORDS], vsbdf = 0;
	bool any_fire = false;
	unsigned int s;

	dom_lock(vd, false);
	for (s = 0; s < VPCI_MAX_SLOTS && res == VPCI_MSIX_NOT_MINE; s++) {
		struct vpci_dev *vdev = vd->slot[s];

		if (!vdev || !vpci_msix_claims(vdev, gpa))
			continue;
		pdev_lock(vdev->pdev);
		res = vpci_msix_page_access(vdev, gpa, size, write, val);
		any_fire = vpci_msi_take_fire(vdev, fire);
		vsbdf = vdev->vsbdf;
		pdev_unlock(vdev->pdev);
	}
	dom_unlock(vd, false);
	if (any_fire)
		fire_unmasked(vd, vsbdf, fire);
	return res;
}

bool vpci_trap_access(struct vpci_domain *vd, uint64_t gpa, unsigned int size, bool write,
		      uint64_t *val)
{
	struct pci_dev *pdev = NULL;
	uint64_t hpa = 0;
	unsigned int s;

	dom_lock(vd, false);
	for (s = 0; s < VPCI_MAX_SLOTS && !pdev; s++) {
		struct vpci_dev *vdev = vd->slot[s];
		const struct vpci_bar *b;
		uint64_t page;

		if (!vdev || !vdev->pdev->trap || !(vdev->cmd & PCI_COMMAND_MEMORY))
			continue;
		b = &vdev->bar[vdev->pdev->trap_bar];
		page = b->guest + vdev->pdev->trap_off;
		if (b->guest && gpa >= page && gpa < page + 4096) {
			pdev = vdev->pdev;
			hpa = b->host + (gpa - b->guest);
		}
	}
	dom_unlock(vd, false);
	/* The page is the guest's own device's: an access racing a BAR
	 * move still reaches only that device. */
	if (pdev)
		pdev->trap(pdev, hpa, size, write, val);
	return pdev != NULL;
}

/* The bytes of the plan's read value a read of size at gpa gives: the
 * pattern repeats every dword. */
static uint64_t kept_bytes(uint32_t pattern, uint64_t gpa, unsigned int size)
{
	uint64_t v = 0;
	unsigned int i;

	for (i = 0; i < size; i++)
		v |= (uint64_t)((pattern >> (8 * ((gpa + i) & 3))) & 0xff) << (8 * i);
	return v;
}

/* Does [gpa, gpa + size) fall in a kept range of vdev (1), only on one of
 * their pages (0), or on neither (-1)? *bar is then the BAR's index. */
static int kept_find(const struct vpci_dev *vdev, uint64_t gpa, unsigned int size,
		     unsigned int *bar)
{
	const struct pci_dev *pdev = vdev->pdev;
	int found = -1;
	unsigned int k;

	for (k = 0; k < pdev->nr_kept; k++) {
		const struct plan_regs *r = &pdev->kept[k];
		uint64_t base = vdev->bar[r->bar].guest, s = base + r->off, e = s + r->size;

		if (!base)
			continue;
		if (gpa < e && gpa + size > s) {
			*bar = r->bar;
			return 1;
		}
		if (gpa >= (s & ~0xfffull) && gpa < ((e + 0xfff) & ~0xfffull)) {
			*bar = r->bar;
			found = 0;
		}
	}
	return found;
}

/* One access to the device's own register, in 4-byte pieces if wider. */
static void kept_forward(const struct vpci_env *env, uint64_t hpa, unsigned int size,
			 bool write, uint64_t *val)
{
	uint32_t lo = (uint32_t)*val, hi = (uint32_t)(*val >> 32);

	if (!env->mmio) {
		if (!write)
			*val = ~0ull;
		return;
	}
	if (size <= 4) {
		env->mmio(env->ctx, hpa, size, write, &lo);
		if (!write)
			*val = lo;
		return;
	}
	env->mmio(env->ctx, hpa, 4, write, &lo);
	env->mmio(env->ctx, hpa + 4, 4, write, &hi);
	if (!write)
		*val = (uint64_t)hi << 32 | lo;
}

enum vpci_kept_result vpci_kept_access(struct vpci_domain *vd, uint64_t gpa, unsigned int size,
				       bool write, uint64_t *val, struct vpci_kept_hit *hit)
{
	enum vpci_kept_result res = VPCI_KEPT_NOT_MINE;
	uint32_t pattern = 0;
	uint64_t hpa = 0;
	unsigned int s, bar = 0;

	dom_lock(vd, false);
	for (s = 0; s < VPCI_MAX_SLOTS && res == VPCI_KEPT_NOT_MINE; s++) {
		const struct vpci_dev *vdev = vd->slot[s];
		int where;

		if (!vdev || !vdev->pdev->nr_kept || !(vdev->cmd & PCI_COMMAND_MEMORY))
			continue;
		where = kept_find(vdev, gpa, size, &bar);
		if (where < 0)
			continue;
		*hit = (struct vpci_kept_hit){ vdev->vsbdf, (uint8_t)bar,
					       gpa - vdev->bar[bar].guest };
		hpa = vdev->bar[bar].host + hit->off;
		pattern = vdev->pdev->kept_read;
		res = where ? (write ? VPCI_KEPT_DROPPED : VPCI_KEPT_READ) : VPCI_KEPT_FORWARDED;
	}
	dom_unlock(vd, false);
	if (res == VPCI_KEPT_READ)
		*val = kept_bytes(pattern, gpa, size);
	else if (res == VPCI_KEPT_FORWARDED)
		kept_forward(vd->env, hpa, size, write, val);
	return res;
}

bool vpci_msi_message(struct vpci_domain *vd, uint32_t vsbdf, unsigned int vector,
		      uint64_t *addr, uint32_t *data)
{
	struct vpci_dev *vdev;
	bool ok = false;

	dom_lock(vd, false);
	vdev = vsbdf_valid(vsbdf) ? vd->slot[PCI_SBDF_DEV(vsbdf)] : NULL;
	if (vdev) {
		pdev_lock(vdev->pdev);
		ok = vpci_msi_vector_message(vdev, vector, addr, data);
		pdev_unlock(vdev->pdev);
	}
	dom_unlock(vd, false);
	return ok;
}

/* The I/O BAR of vdev that holds all of [port, port+size), or NULL. Its
 * address is fixed while I/O decoding is on (bar_write). */
static const struct vpci_bar *io_bar_at(const struct vpci_dev *vdev, uint64_t port,
					unsigned int size)
{
	unsigned int i;

	if (!(vdev->cmd & PCI_COMMAND_IO))
		return NULL;
	for (i = 0; i < 6; i++) {
		const struct vpci_bar *b = &vdev->bar[i];

		if (b->kind == PCI_BAR_IO && b->size && port >= b->guest &&
		    port + size <= b->guest + b->size)
			return b;
	}
	return NULL;
}

bool vpci_io_access(struct vpci_domain *vd, uint64_t port, unsigned int size, bool write,
		    uint32_t *val)
{
	unsigned int s;
	bool done = false;

	if (!write)
		*val = size >= 4 ? 0xffffffffu : (1u << (8 * size)) - 1;
	if ((size != 1 && size != 2 && size != 4) || (port & (size - 1)) || !vd->env->io ||
	    port < vd->io_base || port + size > vd->io_base + vd->io_size)
		return false;
	dom_lock(vd, false);
	for (s = 0; s < VPCI_MAX_SLOTS && !done; s++) {
		struct vpci_dev *vdev = vd->slot[s];
		const struct vpci_bar *b = vdev ? io_bar_at(vdev, port, size) : NULL;

		if (!b)
			continue;
		pdev_lock(vdev->pdev);
		vd->env->io(vd->env->ctx, b->host + (port - b->guest), size, write, val);
		pdev_unlock(vdev->pdev);
		done = true;
	}
	dom_unlock(vd, false);
	return done;
}

int vpci_ecam_access(struct vpci_domain *vd, uint64_t ecam_off, unsigned int size, bool write,
		     uint32_t *val)
{
	uint32_t bdf = ecam_off >> 12;

	if (bdf > 0xffff) {
		if (!write)
			*val = 0xffffffffu;
		return 0;
	}
	return vpci_access(vd, PCI_SBDF(0, bdf >> 8, (bdf >> 3) & 0x1f, bdf & 7),
			   ecam_off & 0xfff, size, write, val);
}
