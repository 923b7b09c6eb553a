// SPDX-License-Identifier: GPL-2.0-only
/* PSCI as a guest sees it: acting on that guest's vCPUs only. */
#include "domain.h"
#include "psci.h"
#include "traps.h"

/* A guest's MPIDR names vCPU Aff0 (arch_vcpu_start); the other
 * affinity fields must be 0, so an out-of-range id names no vCPU. */
static unsigned int mpidr_to_vcpu(uint64_t mpidr)
{
	mpidr &= 0xff00ffffffull;
	return mpidr > 0xffffffffu ? ~0u : (unsigned int)mpidr;
}

static int64_t cpu_on(struct vcpu *v, uint64_t mpidr, uint64_t entry, uint64_t context)
{
	switch (vcpu_cpu_on(v, mpidr_to_vcpu(mpidr), entry, context)) {
	case 0:
		return PSCI_SUCCESS;
	case -VCPU_EALREADY:
		return PSCI_ALREADY_ON;
	case -VCPU_EPENDING:
		return PSCI_ON_PENDING;
	}
	return PSCI_INVALID_PARAMS;
}

/* AFFINITY_INFO at level 0: 0 on, 1 off, 2 on pending. */
static int64_t affinity_info(struct vcpu *v, uint64_t mpidr)
{
	int power = vcpu_power_state(v, mpidr_to_vcpu(mpidr));

	if (power < 0)
		return PSCI_INVALID_PARAMS;
	return power == VCPU_ON ? 0 : power == VCPU_OFF ? 1 : 2;
}

static bool psci_supported(uint32_t fn)
{
	switch (fn) {
	case PSCI_VERSION:
	case PSCI_CPU_OFF:
	case PSCI_CPU_ON_32:
	case PSCI_CPU_ON_64:
	case PSCI_AFFINITY_INFO_32:
	case PSCI_AFFINITY_INFO_64:
	case PSCI_MIGRATE_INFO_TYPE:
	case PSCI_SYSTEM_OFF:
	case PSCI_SYSTEM_RESET:
	case PSCI_FEATURES:
		return true;
	}
	return false;
}

/* SMCCC call from the guest (HVC or SMC): the result goes in x0.
 * Unknown functions answer NOT_SUPPORTED, as SMCCC requires. */
void vpsci_call(struct vcpu *v)
{
	uint64_t *x = v->arch.regs.x;
	uint32_t fn = (uint32_t)x[0];
	int64_t ret;

	switch (fn) {
	case PSCI_VERSION:
		ret = 0x10000;		/* 1.0 */
		break;
	case PSCI_FEATURES:
		ret = psci_supported((uint32_t)x[1]) ? PSCI_SUCCESS : PSCI_NOT_SUPPORTED;
		break;
	case PSCI_CPU_ON_32:
		x[1] &= 0xffffffffu;
		x[2] &= 0xffffffffu;
		x[3] &= 0xffffffffu;
		/* fall through */
	case PSCI_CPU_ON_64:
		ret = cpu_on(v, x[1], x[2], x[3]);
		break;
	case PSCI_AFFINITY_INFO_32:
	case PSCI_AFFINITY_INFO_64:
		ret = x[2] ? PSCI_INVALID_PARAMS : affinity_info(v, x[1]);
		break;
	case PSCI_CPU_OFF:
		vcpu_cpu_off(v);
	case PSCI_MIGRATE_INFO_TYPE:
		ret = 2;		/* no trusted OS to migrate */
		break;
	case PSCI_SYSTEM_OFF:
		domain_poweroff(v);
	case PSCI_SYSTEM_RESET:
		domain_reboot(v);
	default:
		/* SMCCC's own discovery calls (0x8000xxxx) are routine. */
		if ((fn & 0xffff0000u) != 0x80000000u)
			domain_note_once(v->dom, NOTE_CALL,
					 "call 0x%08x is not PSCI: answered NOT_SUPPORTED", fn);
		ret = PSCI_NOT_SUPPORTED;
		break;
	}
	if (ret == PSCI_INVALID_PARAMS && (fn == PSCI_CPU_ON_32 || fn == PSCI_CPU_ON_64))
		domain_note_once(v->dom, NOTE_CPU_ON,
				 "CPU_ON of MPIDR 0x%llx, not one of its CPUs: refused",
				 (unsigned long long)x[1]);
	x[0] = (uint64_t)ret;
}
