// SPDX-License-Identifier: GPL-2.0-only
/* arm64 domains: stage-2 registers and the vGIC. */
#include "arch.h"

#include "domain.h"
#include "mmu.h"
#include "vgic.h"

int arch_domain_init(struct domain *d)
{
	d->arch.vtcr = stage2_vtcr();
	d->arch.vttbr = stage2_vttbr(&d->p2m);
	return vgic_domain_init(d);
}
