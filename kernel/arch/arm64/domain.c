// SPDX-License-Identifier: GPL-2.0-only
/* arm64 domains: stage-2 registers, the vGIC, and where an Image goes. */
#include "arch.h"

#include "domain.h"
#include "lib/image.h"
#include "mmu.h"
#include "vgic.h"

int arch_domain_init(struct domain *d)
{
	d->arch.vtcr = stage2_vtcr();
	d->arch.vttbr = stage2_vttbr(&d->p2m);
	return vgic_domain_init(d);
}

/* The arm64 boot protocol: the Image at a 2 MiB aligned base plus its
 * text_offset, entered at its first byte. */
int arch_kernel_layout(const void *image, uint64_t size, uint64_t ram_size,
		       struct kernel_layout *out)
{
	struct image_info ki;

	if (image_parse(image, size, &ki))
		return -1;
	out->load_offset = ki.text_offset;
	out->mem_size = ki.image_size;
	out->entry_offset = ki.text_offset;
	return 0;
}
