# The hypervisor: $(O)/tessera.bin, an arm64 Image the loader starts at EL2.
.PHONY: hypervisor

HYP_ARCH_DIR := kernel/arch/$(ARCH)
HYP_SRCS := $(filter-out $(GUEST_TREE_SRCS),$(wildcard kernel/*.c kernel/drivers/*.c vpci/*.c \
	iommu/*.c $(HYP_ARCH_DIR)/*.c $(HYP_ARCH_DIR)/*.S)) $(LIB_FREESTANDING_SRCS) $(CAPS_SRCS)
HYP_OBJS := $(patsubst %,$(O)/hyp/%.o,$(HYP_SRCS))
HYP_CFLAGS := $(TARGET_CFLAGS) -Ivpci -Iiommu -MMD -MP
# Only the architecture's own files see its private headers.
$(O)/hyp/$(HYP_ARCH_DIR)/%: HYP_CFLAGS += -I$(HYP_ARCH_DIR)

hypervisor: $(O)/tessera.bin

$(O)/hyp/%.c.o: %.c Makefile
	@mkdir -p $(dir $@)
	$(TCC) $(HYP_CFLAGS) -c -o $@ $<

$(O)/hyp/%.S.o: %.S Makefile
	@mkdir -p $(dir $@)
	$(TCC) $(HYP_CFLAGS) -D__ASSEMBLY__ -c -o $@ $<

$(O)/tessera.elf: $(HYP_OBJS) $(HYP_ARCH_DIR)/hyp.lds
	$(TLD) -pie --no-dynamic-linker -z notext -z norelro -Bsymbolic --no-warn-rwx-segments \
		--no-apply-dynamic-relocs -T $(HYP_ARCH_DIR)/hyp.lds -o $@ $(HYP_OBJS)

$(O)/tessera.bin: $(O)/tessera.elf
	$(TOBJCOPY) -O binary $< $@

-include $(HYP_OBJS:.o=.d)
