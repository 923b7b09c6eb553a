# The hypervisor: $(O)/tessera.bin, an arm64 Image the loader starts at EL2.
.PHONY: hypervisor

HYP_ARCH_DIR := kernel/arch/$(ARCH)
HYP_SRCS := $(filter-out $(GUEST_TREE_SRCS),$(wildcard kernel/*.c kernel/drivers/*.c vpci/*.c \
	iommu/*.c $(HYP_ARCH_DIR)/*.c $(HYP_ARCH_DIR)/*.S)) $(LIB_FREESTANDING_SRCS) $(CAPS_SRCS)
HYP_OBJS := $(patsubst %,$(O)/hyp/%.o,$(HYP_SRCS))
HYP_CFLAGS := $(TARGET_CFLAGS) -include kernel/lib/hidden.h -Ivpci -Iiommu -MMD -MP
# Only the architecture's own files see its private headers.
$(O)/hyp/$(HYP_ARCH_DIR)/%: HYP_CFLAGS += -I$(HYP_ARCH_DIR)
# Code that runs once, at boot (reading the tree and the plan, building
# the domains, probing): compiled for size, so that the image stays
# under its 128 KiB goal (docs/bench.md); nothing a guest's exit or
# interrupt reaches is in this list.
HYP_BOOT_ONLY := kernel/lib/fdt.c kernel/dom0less.c kernel/pci_plan.c vpci/plan_check.c \
	vpci/pci_inventory.c vpci/pci_dt.c kernel/lib/caps.c kernel/main.c kernel/lib/resmem.c \
	kernel/lib/static_mem.c $(HYP_ARCH_DIR)/gic_its_boot.c
$(patsubst %,$(O)/hyp/%.o,$(HYP_BOOT_ONLY)): HYP_CFLAGS += -Os
# Emulation reached while a guest sets up, not per interrupt in a loop
# (the vITS's registers and command queue, a driver's probe; MSI vector
# set-up and mask changes): size matters more than speed there.
HYP_SMALL := $(HYP_ARCH_DIR)/vits.c vpci/vpci_msi.c
$(patsubst %,$(O)/hyp/%.o,$(HYP_SMALL)): HYP_CFLAGS += -Os

hypervisor: $(O)/tessera.bin

$(O)/hyp/%.c.o: %.c Makefile kernel/kernel.mk
	@mkdir -p $(dir $@)
	$(TCC) $(HYP_CFLAGS) -c -o $@ $<

$(O)/hyp/%.S.o: %.S Makefile kernel/kernel.mk
	@mkdir -p $(dir $@)
	$(TCC) $(HYP_CFLAGS) -D__ASSEMBLY__ -c -o $@ $<

$(O)/tessera.elf: $(HYP_OBJS) $(HYP_ARCH_DIR)/hyp.lds
	$(TLD) -pie --no-dynamic-linker -z notext -z norelro -Bsymbolic --no-warn-rwx-segments \
		--no-apply-dynamic-relocs -T $(HYP_ARCH_DIR)/hyp.lds -o $@ $(HYP_OBJS)

$(O)/tessera.bin: $(O)/tessera.elf
	$(TOBJCOPY) -O binary $< $@

-include $(HYP_OBJS:.o=.d)
