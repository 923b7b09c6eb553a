// SPDX-License-Identifier: GPL-2.0-only
/* arm64 domains: stage-2 registers and the vGIC of the host's version. */
#include "arch.h"

#include "domain.h"
#include "gic.h"
#include "mmu.h"
#include "p2m.h"
#include "vgic.h"

int arch_domain_init(struct domain *d)
{
	d->arch.vtcr = stage2_vtcr();
	d->arch.vttbr = stage2_vttbr(&d->p2m);
	if (!gic_is_v2())
		return vgic_domain_init(d);
	/* The guest's GICC accesses reach the GICV frame directly: its
	 * registers are this CPU's virtual interface, whose list registers
	 * only the hypervisor fills (GICH, never mapped to a guest). */
	if (vgic_v2_domain_init(d) ||
	    p2m_map(&d->p2m, GUEST_GICC_BASE, gic_v2_gicv(), GUEST_GICC_SIZE, P2M_DEVICE))
		return -1;
	return 0;
}
