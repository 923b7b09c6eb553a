// SPDX-License-Identifier: GPL-2.0-only
/*
 * hostile attack=NAME: escapes a guest can try without a device, each
 * with the outcome the hypervisor defines for it (docs/security.md).
 *   smc      SMC calls outside PSCI (SMCCC, SiP, OEM, trusted OS): all
 *            answered NOT_SUPPORTED, none reaches the firmware
 *   cpu-on   PSCI CPU_ON of CPUs that are not its own: INVALID_PARAMETERS
 *   setway   data-cache maintenance by set/way over every level, which
 *            on a shared cache could discard other guests' dirty lines:
 *            trapped and done as clean and invalidate
 *   cntp     the EL1 physical timer, which would interrupt the
 *            hypervisor: trapped; the guest is stopped
 */
#include "guest.h"
#include "lib/string.h"

#define PSCI_CPU_ON		0xc4000003u
#define PSCI_NOT_SUPPORTED	(-1)
#define PSCI_INVALID_PARAMS	(-2)

static bool attack_smc(void)
{
	static const uint32_t fns[] = {
		0x80000000, 0x80000001, 0x80008000, 0x80007fff,	/* SMCCC arch */
		0x82000000, 0xc2000001, 0xc3000000, 0x83000010,	/* SiP, OEM */
		0xb2000000, 0xf2000000, 0xbf00ff00, 0xc6000000,	/* trusted OS, apps */
	};
	unsigned int i;

	for (i = 0; i < sizeof(fns) / sizeof(fns[0]); i++) {
		int64_t ret = psci_call(fns[i], 1, 2, 3);

		if (ret != PSCI_NOT_SUPPORTED) {
			print("FAIL hostile: function 0x%08x returned %lld\n", fns[i],
			      (long long)ret);
			return false;
		}
	}
	print("hostile: %u calls, all NOT_SUPPORTED\n", i);
	return true;
}

static bool attack_cpu_on(void)
{
	static const uint64_t mpidrs[] = { 1, 2, 3, 0x100, 0x10000, 0xff00ffffffull };
	unsigned int i;

	for (i = 0; i < sizeof(mpidrs) / sizeof(mpidrs[0]); i++) {
		int64_t ret = psci_call(PSCI_CPU_ON, mpidrs[i], ram_base, 0);

		if (ret != PSCI_INVALID_PARAMS) {
			print("FAIL hostile: CPU_ON(0x%llx) returned %lld\n",
			      (unsigned long long)mpidrs[i], (long long)ret);
			return false;
		}
	}
	print("hostile: CPU_ON of %u CPUs not its own, all INVALID_PARAMETERS\n", i);
	return true;
}

/* Every set and way of every data or unified cache level, three ways. */
static bool attack_setway(void)
{
	uint64_t clidr, ccsidr, ops = 0;
	unsigned int level;

	asm volatile("mrs %0, clidr_el1" : "=r"(clidr));
	for (level = 0; level < 7; level++) {
		unsigned int type = (clidr >> (3 * level)) & 7, line, ways, sets, w, s, wshift;

		if (type < 2)
			continue;	/* none, or instruction only */
		asm volatile("msr csselr_el1, %1\n\tisb\n\tmrs %0, ccsidr_el1"
			     : "=r"(ccsidr) : "r"((uint64_t)level << 1));
		line = (ccsidr & 7) + 4;
		ways = ((ccsidr >> 3) & 0x3ff) + 1;
		sets = ((ccsidr >> 13) & 0x7fff) + 1;
		wshift = ways > 1 ? __builtin_clz(ways - 1) : 0;
		for (w = 0; w < ways; w++)
			for (s = 0; s < sets; s++) {
				uint64_t sw = (uint64_t)w << wshift | (uint64_t)s << line |
					      level << 1;

				asm volatile("dc isw, %0" : : "r"(sw) : "memory");
				asm volatile("dc csw, %0" : : "r"(sw) : "memory");
				asm volatile("dc cisw, %0" : : "r"(sw) : "memory");
				ops += 3;
			}
	}
	print("hostile: %llu set/way operations done\n", (unsigned long long)ops);
	return ops > 0;
}

void test_hostile(void)
{
	char attack[16];
	bool ok = false;

	get_arg("attack", attack, sizeof(attack));
	print("hostile: trying %s\n", attack);
	if (!strcmp(attack, "smc"))
		ok = attack_smc();
	else if (!strcmp(attack, "cpu-on"))
		ok = attack_cpu_on();
	else if (!strcmp(attack, "setway"))
		ok = attack_setway();
	else if (!strcmp(attack, "cntp")) {
		asm volatile("msr cntp_cval_el0, %0; msr cntp_ctl_el0, %1"
			     : : "r"(0ull), "r"(1ull) : "memory");
		print("FAIL hostile: the physical timer was armed\n");
		return;
	} else
		print("FAIL hostile: unknown attack %s\n", attack);
	if (ok)
		print("PASS hostile\n");
}
