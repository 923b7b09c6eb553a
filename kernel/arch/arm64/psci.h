/* SPDX-License-Identifier: GPL-2.0-only */
/* PSCI: function ids, return codes, and calls to the firmware's PSCI. */
#ifndef TESSERA_ARM64_PSCI_H
#define TESSERA_ARM64_PSCI_H

#include <stdint.h>

#define PSCI_VERSION		0x84000000u
#define PSCI_CPU_OFF		0x84000002u
#define PSCI_CPU_ON_32		0x84000003u
#define PSCI_CPU_ON_64		0xc4000003u
#define PSCI_AFFINITY_INFO_32	0x84000004u
#define PSCI_AFFINITY_INFO_64	0xc4000004u
#define PSCI_MIGRATE_INFO_TYPE	0x84000006u
#define PSCI_SYSTEM_OFF		0x84000008u
#define PSCI_SYSTEM_RESET	0x84000009u
#define PSCI_FEATURES		0x8400000au

#define PSCI_SUCCESS		0
#define PSCI_NOT_SUPPORTED	(-1)
#define PSCI_INVALID_PARAMS	(-2)
#define PSCI_DENIED		(-3)
#define PSCI_ALREADY_ON		(-4)
#define PSCI_ON_PENDING		(-5)
#define PSCI_INTERNAL_FAILURE	(-6)

struct fdt;

/* Read the conduit ("smc" or "hvc") from the tree's /psci node. */
int psci_init(const struct fdt *fdt);
int64_t psci_cpu_on(uint64_t mpidr, uint64_t entry, uint64_t context);
void psci_system_off(void) __attribute__((noreturn));

#endif
