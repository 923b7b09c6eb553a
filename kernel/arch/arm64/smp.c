// SPDX-License-Identifier: GPL-2.0-only
/* Physical CPUs: discovery from /cpus, start-up through PSCI, EL2 setup. */
#include "arch.h"

#include "domain.h"
#include "gic.h"
#include "lib/fdt.h"
#include "mmu.h"
#include "printk.h"
#include "psci.h"
#include "sysreg.h"

struct pcpu pcpus[MAX_PCPUS];
unsigned int nr_pcpus;

extern char secondary_entry[];

int arch_cpus_discover(const struct fdt *fdt)
{
	uint64_t self = read_sysreg(mpidr_el1) & 0xff00ffffffull;
	int cpus = fdt_path_offset(fdt, "/cpus");
	int node, boot = -1;

	if (cpus < 0)
		return -1;
	for (node = fdt_first_child(fdt, cpus); node >= 0;
	     node = fdt_next_sibling(fdt, node)) {
		const char *type;
		uint64_t mpidr, size;

		if (fdt_read_string(fdt, node, "device_type", &type) ||
		    type[0] != 'c' || type[1] != 'p' || type[2] != 'u' || type[3])
			continue;
		if (fdt_reg(fdt, node, 0, &mpidr, &size))
			continue;
		if (nr_pcpus == MAX_PCPUS) {
			printk("tessera: warning: more than %d CPUs, ignoring the rest\n",
			       MAX_PCPUS);
			break;
		}
		pcpus[nr_pcpus].id = nr_pcpus;
		pcpus[nr_pcpus].hwid = mpidr;
		if (mpidr == self)
			boot = nr_pcpus;
		nr_pcpus++;
	}
	return boot;
}

/* EL2 for running guests, then this CPU's GIC interface. */
int arch_cpu_init(struct pcpu *p)
{
	write_sysreg(tpidr_el2, p);
	/* Stage 2 on, physical interrupts and SErrors to EL2, SMC trapped
	 * (guests reach PSCI through us), set/way cache maintenance trapped
	 * (on a shared cache it could discard other guests' data), EL1 is
	 * AArch64, guest TLB and cache maintenance broadcast inner-shareable. */
	write_sysreg(hcr_el2, HCR_VM | HCR_SWIO | HCR_FMO | HCR_IMO | HCR_AMO |
			      HCR_FB | HCR_BSU_IS | HCR_TSC | HCR_TSW | HCR_RW);
	write_sysreg(cptr_el2, 0x33ff);		/* FP/SIMD not trapped */
	/* EL1 may read the physical counter but not use the physical
	 * timer, whose interrupt is the hypervisor's: guests have the
	 * virtual one. */
	write_sysreg(cnthctl_el2, 1);
	write_sysreg(cntvoff_el2, 0);
	write_sysreg(vpidr_el2, read_sysreg(midr_el1));
	isb();
	return irq_cpu_init(p);
}

uint64_t arch_counter(void)
{
	isb();
	return read_sysreg(cntpct_el0);
}

uint64_t arch_counter_freq(void)
{
	return read_sysreg(cntfrq_el0);
}

int arch_cpu_start(struct pcpu *p)
{
	int64_t ret;
	unsigned long spins;

	arch_dcache_clean(p, sizeof(*p));
	ret = psci_cpu_on(p->hwid, (uint64_t)secondary_entry, (uint64_t)p);
	if (ret) {
		printk("tessera: error: PSCI CPU_ON of CPU %u (MPIDR 0x%llx) failed: %lld\n",
		       p->id, (unsigned long long)p->hwid, (long long)ret);
		return -1;
	}
	for (spins = 0; !__atomic_load_n(&p->online, __ATOMIC_ACQUIRE); spins++) {
		if (spins > 100000000ul) {
			printk("tessera: error: CPU %u did not come up\n", p->id);
			return -1;
		}
		cpu_relax();
	}
	return 0;
}

void secondary_main(struct pcpu *p);
void secondary_main(struct pcpu *p)
{
	arch_mmu_enable(&hyp_mmu_regs);
	if (arch_cpu_init(p))
		printk("tessera: warning: CPU %u: no GIC redistributor\n", p->id);
	__atomic_store_n(&p->online, true, __ATOMIC_RELEASE);
	sev();
	pcpu_run(p);
}

void arch_inspect_board(const struct bootinfo *bi)
{
	(void)bi;
}
