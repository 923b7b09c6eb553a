/* SPDX-License-Identifier: GPL-2.0-only */
/* x86_64 hypervisor page tables and the pool arch code allocates from. */
#ifndef TESSERA_X86_MMU_H
#define TESSERA_X86_MMU_H

#include <stdint.h>

struct mm_pool;
struct bootinfo;

/* The hypervisor's pool and boot record, from arch_mmu_init on. */
extern struct mm_pool *arch_pool;
extern const struct bootinfo *arch_bootinfo;

/* A free page of RAM below limit, taken out of the pool. 0, or -1. */
int mmu_claim_low_page(uint64_t limit, uint64_t *pa);
/* A zeroed page from the pool: its address (identity-mapped), or NULL. */
void *mmu_alloc_page(uint64_t *pa);

#endif
