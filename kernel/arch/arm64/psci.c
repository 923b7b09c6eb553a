// SPDX-License-Identifier: GPL-2.0-only
/* Calls from the hypervisor to the platform's PSCI firmware. */
#include "psci.h"

#include <stdbool.h>

#include "arch.h"

#include "lib/caps.h"
#include "lib/fdt.h"
#include "lib/string.h"
#include "sysreg.h"

/* At EL2 an HVC would trap to ourselves: only SMC makes sense, but
 * honour what the tree says so a misconfigured board fails loudly. */
static bool use_hvc;

int psci_init(const struct fdt *fdt)
{
	const char *method;
	unsigned int i;
	int node = -1;

	for (i = 0; node < 0 && platform_caps.psci[i]; i++)
		node = fdt_next_compatible(fdt, -1, platform_caps.psci[i]);
	if (node < 0 || fdt_read_string(fdt, node, "method", &method))
		return -1;
	if (!strcmp(method, "hvc"))
		use_hvc = true;
	else if (strcmp(method, "smc"))
		return -1;
	return 0;
}

const char *arch_firmware_init(const struct fdt *fdt)
{
	return psci_init(fdt) ? "no usable /psci node in the device tree" : NULL;
}

static int64_t psci_call(uint64_t fn, uint64_t a1, uint64_t a2, uint64_t a3)
{
	register uint64_t x0 asm("x0") = fn;
	register uint64_t x1 asm("x1") = a1;
	register uint64_t x2 asm("x2") = a2;
	register uint64_t x3 asm("x3") = a3;

	if (use_hvc)
		asm volatile("hvc #0" : "+r"(x0) : "r"(x1), "r"(x2), "r"(x3)
			     : "memory");
	else
		asm volatile("smc #0" : "+r"(x0) : "r"(x1), "r"(x2), "r"(x3)
			     : "memory");
	return (int64_t)x0;
}

int64_t psci_cpu_on(uint64_t mpidr, uint64_t entry, uint64_t context)
{
	return psci_call(PSCI_CPU_ON_64, mpidr, entry, context);
}

void psci_system_off(void)
{
	psci_call(PSCI_SYSTEM_OFF, 0, 0, 0);
	for (;;)
		wfi();
}
