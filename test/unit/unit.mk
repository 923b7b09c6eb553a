# Host unit tests (cmocka), built with AddressSanitizer and UBSan.
# Convention: test/unit/test_<name>.c is one test program; it links the
# host-compilable sources in UNIT_SRCS. Device-tree fixtures
# test/unit/data/<x>.dts are compiled to $(O)/unit/data/<x>.dtb by dtc.
# Each program is run with CMOCKA_MESSAGE_OUTPUT=TAP by test/run.py.

UNIT_SRCS := $(LIB_SRCS) $(BOOTINFO_FDT_SRCS) $(ARCH_SHARED_SRCS) $(GUEST_TREE_SRCS) $(CAPS_SRCS) $(wildcard boot/config.c boot/domain_tree.c kernel/pgtable.c kernel/mm.c vpci/pci.c vpci/owner.c \
	vpci/vpci.c vpci/vpci_header.c vpci/vpci_msi.c vpci/vpci_quirks.c vpci/plan_check.c vpci/pci_inventory.c vpci/pci_dt.c)
UNIT_TESTS := $(patsubst test/unit/%.c,$(O)/unit/%,$(wildcard test/unit/test_*.c))
UNIT_DTBS := $(patsubst test/unit/data/%.dts,$(O)/unit/data/%.dtb,\
	$(wildcard test/unit/data/*.dts))
# Every header a test program can see, for its prerequisites.
UNIT_HEADERS := $(wildcard kernel/lib/*.h kernel/*.h kernel/drivers/*.h boot/*.h vpci/*.h iommu/*.h \
	test/unit/*.h kernel/arch/$(ARCH)/*.h kernel/arch/$(ARCH)/include/arch/*.h)
UNIT_CFLAGS := $(HOST_CFLAGS) -Iboot -Ivpci -Iiommu -Itest/unit -fsanitize=address,undefined \
	-fno-omit-frame-pointer -fno-sanitize-recover=undefined \
	-DUNIT_DATA_DIR='"$(abspath $(O)/unit/data)"' -DSOURCE_DIR='"$(abspath .)"'

# Core files on the fake architecture (test/unit/fake_arch.c), for the
# programs that test them.
CORE_ON_FAKE_ARCH := kernel/p2m.c iommu/iommu.c platform/qemu-virt-arm64/iommus.c iommu/smmuv3.c iommu/smmuv3_hw.c iommu/fault_log.c kernel/printk.c kernel/dom0less.c kernel/guest_uart.c kernel/domain.c \
	kernel/vpl011.c kernel/vuart.c kernel/vuart16550.c kernel/guest_console.c kernel/pci_assign.c kernel/pci_plan.c vpci/pci_host.c vpci/igb_pf.c \
	kernel/arch/arm64/vgic.c kernel/arch/arm64/vits.c kernel/arch/arm64/kernel_image.c kernel/arch/arm64/guest_boot.c \
	test/unit/fake_arch.c
ON_FAKE_ARCH := $(O)/unit/test_p2m $(O)/unit/test_dom0less $(O)/unit/test_pci_assign \
	$(O)/unit/test_guest_tree $(O)/unit/test_igb_pf
$(ON_FAKE_ARCH): UNIT_EXTRA := $(CORE_ON_FAKE_ARCH)
$(ON_FAKE_ARCH): UNIT_CFLAGS += -Ikernel/arch/arm64

# The planner's code (scripts/plan, without its command line) on real trees.
PLAN_ON_HOST := $(filter-out scripts/plan/main.c,$(wildcard scripts/plan/*.c)) kernel/guest_uart.c
$(O)/unit/test_plan_real: UNIT_EXTRA := $(PLAN_ON_HOST)
$(O)/unit/test_plan_real: UNIT_CFLAGS += -Iscripts/plan
$(O)/unit/test_plan_real: $(PLAN_ON_HOST) scripts/plan/plan.h

# The SMMUv3's formats and queues against a model (no device).
$(O)/unit/test_smmuv3 $(O)/unit/test_smmu_scratch: UNIT_EXTRA := iommu/smmuv3_hw.c iommu/fault_log.c
# AMD-Vi's event log, plain C (x86's driver; built on any host).
$(O)/unit/test_amd_vi: UNIT_EXTRA := iommu/amd_vi_hw.c

# Fault injection (kernel/lib/fault.h) in this program only.
$(O)/unit/test_faults: UNIT_CFLAGS += -DFAULT_INJECTION

.PHONY: unit-build
unit-build: $(UNIT_TESTS) $(UNIT_DTBS)

$(O)/unit/test_%: test/unit/test_%.c $(UNIT_SRCS) $(wildcard kernel/*.c iommu/*.c vpci/*.c test/unit/*.c kernel/arch/$(ARCH)/*.c) \
		$(UNIT_HEADERS)
	@mkdir -p $(dir $@)
	$(HOSTCC) $(UNIT_CFLAGS) -o $@ $< $(UNIT_SRCS) $(UNIT_EXTRA) -lcmocka -lpthread

$(O)/unit/data/%.dtb: test/unit/data/%.dts
	@mkdir -p $(dir $@)
	dtc -q -I dts -O dtb -o $@ $<

unit: unit-build
	@python3 test/run.py --build $(O) --unit-only

# Concurrency tests under ThreadSanitizer (which cannot be combined with
# AddressSanitizer): test/unit/test_<name>_tsan.c.
TSAN_CFLAGS := $(HOST_CFLAGS) -Iboot -Ivpci -fsanitize=thread -O1
$(O)/unit/test_%_tsan: test/unit/test_%_tsan.c $(UNIT_SRCS) $(UNIT_HEADERS)
	@mkdir -p $(dir $@)
	$(HOSTCC) $(TSAN_CFLAGS) -o $@ $< $(UNIT_SRCS) -lcmocka -lpthread

# The x86 MMIO instruction decoder: pure C, host-built before the x86
# hypervisor builds at all.
$(O)/unit/test_insn: UNIT_EXTRA := kernel/arch/x86_64/insn.c
$(O)/unit/test_insn: UNIT_CFLAGS += -Ikernel/arch/x86_64
$(O)/unit/test_insn: kernel/arch/x86_64/insn.c kernel/arch/x86_64/insn.h

# The guests' virtual 16550 and the console seam, this file standing in
# for the console and the interrupt controller.
$(O)/unit/test_vuart16550: UNIT_CFLAGS += -DGUEST_VUART_16550_PORT=0x3f8
$(O)/unit/test_vuart16550: UNIT_EXTRA := kernel/vuart.c kernel/vuart16550.c kernel/vpl011.c \
	kernel/guest_console.c

# The x86 guests' vRTC: vrtc.c included by the test (its calendar is
# static), with the x86 headers first.
$(O)/unit/test_vrtc: test/unit/test_vrtc.c kernel/arch/x86_64/vrtc.c kernel/arch/x86_64/vrtc.h
	@mkdir -p $(dir $@)
	$(HOSTCC) -Ikernel/arch/x86_64/include $(UNIT_CFLAGS) -Ikernel/arch/x86_64 -o $@ $< -lcmocka

# The x86 guests' ACPI tables, built on the host with the x86 guest
# machine's header (its include directory first) and checked with iasl.
X86_ACPI_SRCS := kernel/arch/x86_64/guest_tree.c kernel/arch/x86_64/guest_acpi_check.c
$(O)/unit/test_guest_acpi: test/unit/test_guest_acpi.c $(X86_ACPI_SRCS) \
		kernel/arch/x86_64/include/arch/guest.h kernel/arch/x86_64/include/arch/guest_tree.h \
		kernel/lib/guest_desc.h
	@mkdir -p $(dir $@)
	$(HOSTCC) -Ikernel/arch/x86_64/include $(UNIT_CFLAGS) -o $@ $< $(X86_ACPI_SRCS) -lcmocka

# The x86 host PCI bridge from ACPI: pci_root.c included by the test (its
# AML reader is static), on a DSDT that iasl compiles at run time.
$(O)/unit/test_pci_root: test/unit/test_pci_root.c kernel/arch/x86_64/pci_root.c \
		kernel/arch/x86_64/pci_root.h kernel/arch/x86_64/acpi.h test/unit/data/pci-root.asl
	@mkdir -p $(dir $@)
	$(HOSTCC) -Ikernel/arch/x86_64/include $(UNIT_CFLAGS) -Ikernel/arch/x86_64 -o $@ $< \
		kernel/lib/fdt.c kernel/lib/fdt_write.c kernel/lib/printf.c -lcmocka
