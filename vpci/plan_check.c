// SPDX-License-Identifier: GPL-2.0-only
#include "plan_check.h"

#include "lib/printf.h"
#include "owner.h"

#define PAGE_4K		4096ull

static uint64_t page_of(uint64_t a)
{
	return a & ~(PAGE_4K - 1);
}

static const char *name(struct plan_check *pc, uint16_t owner)
{
	return pc->owner_name(pc->ctx, owner);
}

static bool bar_is_mem(const struct pci_bar *b)
{
	return b->size && b->kind != PCI_BAR_IO && b->kind != PCI_BAR_NONE;
}

static bool share_page(const struct pci_bar *x, const struct pci_bar *y)
{
	return page_of(x->addr) <= page_of(y->addr + y->size - 1) &&
	       page_of(y->addr) <= page_of(x->addr + x->size - 1);
}

int plan_check_bar_pages(struct plan_check *pc, const struct pci_dev *a)
{
	char sa[16], sb[16];
	unsigned int i, j, k;

	pci_sbdf_str(a->f.sbdf, sa);
	for (i = 0; i < PCI_MAX_BARS; i++) {
		const struct pci_bar *x = &a->f.bar[i];

		if (!bar_is_mem(x))
			continue;
		if (!x->addr) {
			fmt_snprintf(pc->err, sizeof(pc->err),
				     "%s: BAR %u was not given an address by the firmware", sa, i);
			return -1;
		}
		for (j = 0; j < pc->nr; j++) {
			const struct pci_dev *b = &pc->devs[j];

			if (b == a || b->owner == a->owner)
				continue;
			for (k = 0; k < PCI_MAX_BARS; k++) {
				const struct pci_bar *y = &b->f.bar[k];

				if (!bar_is_mem(y) || !y->addr || !share_page(x, y))
					continue;
				pci_sbdf_str(b->f.sbdf, sb);
				fmt_snprintf(pc->err, sizeof(pc->err),
					     "%s BAR %u (0x%llx) shares a page with %s BAR %u (0x%llx) of %s",
					     sa, i, (unsigned long long)x->addr, sb, k,
					     (unsigned long long)y->addr, name(pc, b->owner));
				return -1;
			}
		}
	}
	return 0;
}

int plan_check_slot(struct plan_check *pc, const struct pci_dev *a)
{
	char sa[16], sb[16];
	unsigned int j;

	for (j = 0; j < pc->nr; j++) {
		const struct pci_dev *b = &pc->devs[j];

		if (b == a || (b->f.sbdf & ~7u) != (a->f.sbdf & ~7u) || b->owner == a->owner ||
		    b->owner == OWNER_DOM_IO)
			continue;
		pci_sbdf_str(a->f.sbdf, sa);
		pci_sbdf_str(b->f.sbdf, sb);
		fmt_snprintf(pc->err, sizeof(pc->err),
			     "%s (%s) and %s (%s) are functions of one device; give them to one owner",
			     sa, name(pc, a->owner), sb, name(pc, b->owner));
		return -1;
	}
	return 0;
}

int plan_check_intx(struct plan_check *pc, const struct pci_dev *a)
{
	char sa[16], sb[16];
	unsigned int j;

	if (a->intx < 0)
		return 0;
	for (j = 0; j < pc->nr; j++) {
		const struct pci_dev *b = &pc->devs[j];

		if (b == a || b->owner == a->owner || !b->intx_used || b->intx != a->intx)
			continue;
		pci_sbdf_str(a->f.sbdf, sa);
		pci_sbdf_str(b->f.sbdf, sb);
		fmt_snprintf(pc->err, sizeof(pc->err),
			     "%s (%s) and %s (%s) share the INTx line INTID %d", sa,
			     name(pc, a->owner), sb, name(pc, b->owner), a->intx);
		return -1;
	}
	return 0;
}

int plan_check_function(struct plan_check *pc, const struct pci_dev *a)
{
	return plan_check_bar_pages(pc, a) || plan_check_slot(pc, a) || plan_check_intx(pc, a) ?
	       -1 : 0;
}

int plan_check_matches(struct plan_check *pc, const struct pci_dev *a,
		       const struct plan_expect *e)
{
	char sa[16];
	unsigned int i;

	pci_sbdf_str(a->f.sbdf, sa);
	if ((e->vendor >= 0 && e->vendor != a->f.vendor) ||
	    (e->device >= 0 && e->device != a->f.device)) {
		fmt_snprintf(pc->err, sizeof(pc->err),
			     "%s is %04x:%04x, but the plan was made for %04x:%04x", sa,
			     a->f.vendor, a->f.device,
			     e->vendor >= 0 ? e->vendor : a->f.vendor,
			     e->device >= 0 ? e->device : a->f.device);
		return -1;
	}
	for (i = 0; i < PCI_MAX_BARS; i++)
		if (e->has_size[i] && e->bar_size[i] != a->f.bar[i].size) {
			fmt_snprintf(pc->err, sizeof(pc->err),
				     "%s BAR %u is 0x%llx bytes, but the plan was made for 0x%llx",
				     sa, i, (unsigned long long)a->f.bar[i].size,
				     (unsigned long long)e->bar_size[i]);
			return -1;
		}
	return 0;
}
