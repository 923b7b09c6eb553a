# libFuzzer targets (clang, AddressSanitizer, UndefinedBehaviorSanitizer):
# test/fuzz/fuzz_<name>.c is one target with its seed corpus in
# test/fuzz/corpus/<name>/. `make fuzz` runs each for FUZZ_SECONDS and
# prints executions and crashes (scripts/fuzz.sh); `make test` runs each
# briefly. A crash found becomes a file in test/fuzz/regress/<name>/,
# which every run replays first. Grown corpora go to $(O)/fuzz/corpus/.

FUZZ_CC := clang
FUZZ_CFLAGS := -std=gnu11 -g -O1 -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=undefined -fno-omit-frame-pointer \
	-Ikernel -I$(ARCH_INC) -Ivpci -Iiommu -Iboot -Iscripts/plan -Itest/unit
FUZZ_TARGETS := fdt config plan vpci vpl011 vuart16550 vgic vgicv2 vits loader insn bootinfo
FUZZ_BINS := $(patsubst %,$(O)/fuzz/fuzz_%,$(FUZZ_TARGETS))

fuzz_srcs_fdt := kernel/lib/fdt.c
fuzz_srcs_config := boot/config.c
fuzz_srcs_bootinfo := $(LIB_SRCS) $(BOOTINFO_FDT_SRCS)
fuzz_srcs_loader := $(LIB_SRCS) $(GUEST_TREE_SRCS) boot/domain_tree.c
fuzz_srcs_plan := $(filter-out scripts/plan/main.c,$(wildcard scripts/plan/*.c)) kernel/guest_uart.c $(LIB_SRCS) \
	$(ARCH_SHARED_SRCS) $(GUEST_TREE_SRCS) $(CAPS_SRCS) \
	vpci/pci.c vpci/pci_dt.c vpci/pci_inventory.c vpci/plan_check.c
fuzz_srcs_vpci := $(LIB_SRCS) kernel/pgtable.c vpci/pci.c vpci/vpci.c vpci/vpci_header.c vpci/vpci_msi.c vpci/vpci_quirks.c
fuzz_srcs_vpl011 := $(LIB_SRCS) kernel/vpl011.c kernel/vuart.c
fuzz_srcs_vuart16550 := $(LIB_SRCS) kernel/vuart16550.c kernel/vuart.c
fuzz_srcs_vgic := $(LIB_SRCS) kernel/arch/arm64/vgic.c kernel/arch/arm64/vits.c
fuzz_srcs_vits := $(fuzz_srcs_vgic)
fuzz_srcs_vgicv2 := $(fuzz_srcs_vgic) kernel/arch/arm64/vgic_v2.c
# The vGIC and vITS are arm64's: their private headers, for these targets only.
$(O)/fuzz/fuzz_vgic $(O)/fuzz/fuzz_vgicv2 $(O)/fuzz/fuzz_vits: FUZZ_CFLAGS += -Ikernel/arch/arm64
# The x86 MMIO instruction decoder, host-built for now.
fuzz_srcs_insn := kernel/arch/x86_64/insn.c
$(O)/fuzz/fuzz_insn: FUZZ_CFLAGS += -Ikernel/arch/x86_64
$(O)/fuzz/fuzz_insn: kernel/arch/x86_64/insn.h

.PHONY: fuzz-build fuzz
fuzz-build: $(FUZZ_BINS)

.SECONDEXPANSION:
$(O)/fuzz/fuzz_%: test/fuzz/fuzz_%.c $$(fuzz_srcs_$$*) $(wildcard kernel/*.h kernel/lib/*.h vpci/*.h \
		boot/*.h scripts/plan/*.h test/unit/*.h test/fuzz/*.h)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ $< $(fuzz_srcs_$*)

FUZZ_SECONDS ?= 60
fuzz: fuzz-build
	@scripts/fuzz.sh --build $(O) --seconds $(FUZZ_SECONDS) $(FUZZ_TARGETS)
