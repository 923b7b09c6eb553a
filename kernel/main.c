// SPDX-License-Identifier: GPL-2.0-only
/* Boot: from the loader's hand-over to the first guest instruction. */
#include "arch.h"
#include "console.h"
#include "dom0less.h"
#include "drivers/pvpanic.h"
#include "domain.h"
#include "iommu.h"
#include "irq.h"
#include "lib/bootinfo.h"
#include "lib/bootinfo_fdt.h"
#include "lib/caps.h"
#include "lib/fdt.h"
#include "lib/printf.h"
#include "lib/resmem.h"
#include "mm.h"
#include "pci_assign.h"
#include "pci_host.h"
#include "printk.h"

static struct fdt boot_fdt;
static struct mm_pool hyp_pool;
static char board_err[CAPS_ERR_LEN];

static void fail(const char *what) __attribute__((noreturn));
static void fail(const char *what)
{
	printk("tessera: error: %s; no guest started, powering off\n", what);
	pvpanic_signal_failure();
	arch_power_off();
}

/* The board's reserved memory (lib/resmem.h) is never handed out. */
static int keep_reserved(void *ctx, uint64_t base, uint64_t size, const char *what)
{
	const struct bootinfo *bi = ctx;

	if (base < bi->image_base + bi->image_size && bi->image_base < base + size) {
		printk("tessera: error: the hypervisor at 0x%llx+0x%llx lies on reserved memory 0x%llx+0x%llx (%s)\n",
		       (unsigned long long)bi->image_base, (unsigned long long)bi->image_size,
		       (unsigned long long)base, (unsigned long long)size, what);
		return -1;
	}
	printk("tessera: reserved memory 0x%llx+0x%llx (%s) kept out of the pool\n",
	       (unsigned long long)base, (unsigned long long)size, what);
	if (mm_reserve(&hyp_pool, base, base + size)) {
		printk("tessera: error: %s: too many pieces of free RAM around it\n", what);
		return -1;
	}
	return 0;
}

static void pool_from_bootinfo(const struct bootinfo *bi)
{
	char what[RESMEM_WHAT_LEN];
	unsigned int i;
	int ret;

	mm_init(&hyp_pool);
	for (i = 0; i < bi->nr_mem; i++)
		if (bi->mem[i].type == BOOTMEM_USABLE &&
		    mm_add(&hyp_pool, bi->mem[i].base, bi->mem[i].base + bi->mem[i].size))
			printk("tessera: warning: dropped free RAM at 0x%llx (too fragmented)\n",
			       (unsigned long long)bi->mem[i].base);
	/* Before the first allocation, so that nothing lands there. */
	ret = resmem_walk(&boot_fdt, keep_reserved, (void *)bi, what);
	if (ret == -FDT_ERR_BADVALUE) {
		printk("tessera: error: %s: reg is not a usable range\n", what);
		fail("the boot device tree's reserved memory is malformed");
	}
	if (ret)
		fail("the board's reserved memory was refused");
}

/* Give p a stack of its own for traps and its idle loop. */
static int pcpu_stack(struct pcpu *p)
{
	uint64_t pa;

	if (mm_alloc(&hyp_pool, PCPU_STACK_SIZE, PAGE_SIZE, &pa))
		return -1;
	p->stack_top = pa + PCPU_STACK_SIZE;
	return 0;
}

static bool inspect_mode(const struct fdt *fdt)
{
	int chosen = fdt_path_offset(fdt, "/chosen");

	return chosen >= 0 && fdt_has_prop(fdt, chosen, "tessera,inspect");
}

static uint64_t pool_bytes_at_boot;

/*
 * What the hypervisor keeps for itself once guests run: its image with
 * bss, and what it took from the pool that is not guest RAM (stacks,
 * page tables, stage-2 tables and their reserves). For make bench.
 */
static void log_ram_kept(const struct bootinfo *bi)
{
	uint64_t used = pool_bytes_at_boot - mm_free_bytes(&hyp_pool);
	unsigned int i;

	for (i = 0; i < nr_domains; i++)
		used -= domains[i].ram_size;
	printk("tessera: hypervisor keeps %llu KiB of RAM (image %llu KiB, allocated %llu KiB)\n",
	       (unsigned long long)((bi->image_size + used) >> 10),
	       (unsigned long long)(bi->image_size >> 10), (unsigned long long)(used >> 10));
}

/* The counter when hyp_main began, for a boot no loader timed. */
static uint64_t hyp_counter;

/* From the loader's first instruction, or without a loader from our own,
 * to guests being let go (make bench reads the loader's). */
static void log_startup_time(const struct bootinfo *bi)
{
	uint64_t now = arch_counter(), freq = arch_counter_freq();
	uint64_t from = bi->loader_counter ? bi->loader_counter : hyp_counter;

	if (!freq || now < from)
		return;
	printk("tessera: guests released %llu us after the %s started (counter %llu)\n",
	       (unsigned long long)((now - from) * 1000000 / freq),
	       bi->loader_counter ? "loader" : "hypervisor", (unsigned long long)from);
}

/* The hypervisor as it runs (hyp.lds): where the Linux boot protocol's
 * booti or -kernel put it, bss included. */
extern char _start_image[], _end_image[];

static struct bootinfo tree_record;
static char tree_err[PRINT_LINE_MAX];

/* What the tree gave, as the loader's own lines say what it loaded. */
static void log_tree_record(const struct bootinfo *bi)
{
	static const char *const kind[] = {
		[BOOTMEM_USABLE] = "usable", [BOOTMEM_LOADED] = "loaded",
		[BOOTMEM_RESERVED] = "reserved",
	};
	unsigned int i, t;

	for (i = 0; i < bi->nr_mem; i++) {
		t = bi->mem[i].type;
		printk("tessera: memory 0x%llx-0x%llx %s\n", (unsigned long long)bi->mem[i].base,
		       (unsigned long long)(bi->mem[i].base + bi->mem[i].size),
		       t <= BOOTMEM_RESERVED && kind[t] ? kind[t] : "?");
	}
	for (i = 0; i < bi->nr_modules; i++)
		printk("tessera: module %s at 0x%llx size 0x%llx\n", bi->modules[i].name,
		       (unsigned long long)bi->modules[i].base,
		       (unsigned long long)bi->modules[i].size);
	if (bi->options[0])
		printk("tessera: options \"%s\"\n", bi->options);
}

/*
 * The Linux boot protocol: the argument is a device tree and no loader
 * made a record, so build one from the tree, once the console it names
 * can say why not.
 */
static const struct bootinfo *record_from_tree(const void *arg)
{
	struct bootinfo_fdt_in in = {
		.dtb_pa = (uintptr_t)arg,
		.image_base = (uintptr_t)_start_image,
		.image_size = (uintptr_t)(_end_image - _start_image),
	};
	const char *why;

	if (bootinfo_fdt_open(&boot_fdt, arg, BOOTINFO_FDT_MAX_SIZE))
		arch_entry_refused(arg, ENTRY_BAD_TREE);
	if (!console_init(&boot_fdt))
		arch_entry_refused(arg, ENTRY_NO_CONSOLE);
	printk("\ntessera: entered by the Linux boot protocol, device tree at 0x%llx (%u bytes)\n",
	       (unsigned long long)in.dtb_pa, fdt_totalsize(&boot_fdt));
	why = bootinfo_from_fdt(&tree_record, &boot_fdt, &in, tree_err, sizeof(tree_err));
	if (why) {
		printk("tessera: error: %s\n", why);
		fail("the boot device tree cannot give the boot record");
	}
	log_tree_record(&tree_record);
	return &tree_record;
}

/* Our loader's record: its tree was checked by the loader already. */
static const struct bootinfo *record_from_loader(const void *arg)
{
	const struct bootinfo *bi = arg;

	if (bi->magic != BOOTINFO_MAGIC)
		arch_entry_refused(arg, ENTRY_UNKNOWN);
	if (bi->version != BOOTINFO_VERSION || bi->size != sizeof(*bi))
		arch_entry_refused(arg, ENTRY_BAD_RECORD);
	if (fdt_init(&boot_fdt, (void *)(uintptr_t)bi->dtb_base, bi->dtb_size))
		arch_entry_refused(arg, ENTRY_BAD_TREE);
	if (!console_init(&boot_fdt))
		arch_entry_refused(arg, ENTRY_NO_CONSOLE);
	printk("\n");
	return bi;
}

/* Both entries are 8-byte aligned: a record is page aligned, a tree 8. */
static const struct bootinfo *boot_record(const void *arg)
{
	if (!arg || (uintptr_t)arg % BOOTINFO_FDT_ALIGN)
		arch_entry_refused(arg, ENTRY_UNKNOWN);
	if (bootinfo_fdt_is_tree(arg))
		return record_from_tree(arg);
	return record_from_loader(arg);
}

void hyp_main(const void *arg)
{
	const struct bootinfo *bi;
	struct pcpu *boot;
	const char *missing;
	unsigned int i;
	int self;

	hyp_counter = arch_counter();
	bi = boot_record(arg);
	printk("tessera: hypervisor " ARCH_HOST_MODE ", image 0x%llx (%llu KiB), %u memory ranges\n",
	       (unsigned long long)bi->image_base,
	       (unsigned long long)(bi->image_size >> 10), bi->nr_mem);

	pool_from_bootinfo(bi);
	pool_bytes_at_boot = mm_free_bytes(&hyp_pool);
	if (arch_mmu_init(bi, &hyp_pool))
		fail("cannot build the hypervisor page tables");
	console_enable_lock();
	printk("tessera: MMU on, %llu MiB free RAM\n",
	       (unsigned long long)(mm_free_bytes(&hyp_pool) >> 20));

	/* PCI before any check: a refusal reports itself to the exit
	 * device (drivers/pvpanic.h), which is a PCI function. */
	pci_host_init(&boot_fdt);
	pvpanic_probe(&boot_fdt);
	/* What the board lacks, by the table the planner reads too. */
	if (caps_check_board(&platform_caps, &boot_fdt, NULL, board_err, sizeof(board_err)))
		fail(board_err);
	missing = arch_firmware_init(&boot_fdt);
	if (missing)
		fail(missing);
	self = arch_cpus_discover(&boot_fdt);
	if (self < 0)
		fail("the boot CPU is not in /cpus");
	/* Guests take physical CPUs in /cpus order; put the boot CPU first
	 * so that a one-CPU board runs its guest on it. */
	if (self != 0) {
		struct pcpu tmp = pcpus[0];

		pcpus[0] = pcpus[self];
		pcpus[self] = tmp;
		pcpus[0].id = 0;
		pcpus[self].id = self;
	}
	boot = &pcpus[0];
	if (irq_init(&boot_fdt))
		fail("no interrupt controller this build supports in the device tree");
	irq_msi_init(&boot_fdt, &hyp_pool);
	for (i = 0; i < nr_pcpus; i++)
		if (pcpu_stack(&pcpus[i]))
			fail("out of memory for CPU stacks");
	boot->online = true;
	if (arch_cpu_init(boot))
		fail("the interrupt controller has no interface for the boot CPU");
	printk("tessera: %u physical CPUs\n", nr_pcpus);

	console_late_init(&boot_fdt);
	if (inspect_mode(&boot_fdt)) {
		/* make inspect: the board as the planner reads it, then off. */
		printk("--- tessera inventory begin ---\n");
		arch_inspect_board(bi);
		pci_host_print_inventory();
		printk("--- tessera inventory end ---\n");
		arch_power_off();
	}
	if (iommu_init(pci_host_tree(&boot_fdt), &boot_fdt, &hyp_pool))
		fail("the IOMMU could not be set up");
	if (dom0less_create_all(&boot_fdt, bi, &hyp_pool))
		fail("the partition in the device tree was refused");
	if (pci_assign_all(&boot_fdt))
		fail("the PCI plan in the device tree was refused");
	iommu_boot_done();
	for (i = 1; i < nr_pcpus; i++)
		if (pcpus[i].vcpu && arch_cpu_start(&pcpus[i]))
			fail("a physical CPU did not start");
	/* Console input interrupts go to the boot CPU, which always runs
	 * a vCPU (it is first in line). */
	if (console_irq() >= 0 && !irq_route(console_irq(), boot))
		console_enable_rx();
	domains_start();
	log_startup_time(bi);
	log_ram_kept(bi);
	console_focus_start();
	pcpu_run(boot);
}
