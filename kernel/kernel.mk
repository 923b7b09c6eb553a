# The hypervisor: $(O)/tessera.bin, an arm64 Image the loader starts at EL2.
.PHONY: hypervisor

HYP_ARCH_DIR := kernel/arch/$(ARCH)
# HYP_EXCLUDE (arch.mk): drivers written for another architecture's
# hardware formats (the SMMUv3 on x86).
HYP_SRCS := $(filter-out $(GUEST_TREE_SRCS) $(HYP_EXCLUDE),$(wildcard kernel/*.c kernel/drivers/*.c \
	vpci/*.c iommu/*.c $(HYP_ARCH_DIR)/*.c $(HYP_ARCH_DIR)/*.S)) $(LIB_FREESTANDING_SRCS) \
	$(CAPS_SRCS) $(BOOTINFO_FDT_SRCS) platform/$(PLATFORM)/uarts.c platform/$(PLATFORM)/iommus.c $(HYP_ARCH_LIBS)
HYP_OBJS := $(patsubst %,$(O)/hyp/%.o,$(HYP_SRCS))
HYP_CFLAGS := $(TARGET_CFLAGS) -include kernel/lib/hidden.h -Ivpci -Iiommu -MMD -MP
# Only the architecture's own files see its private headers.
$(O)/hyp/$(HYP_ARCH_DIR)/%: HYP_CFLAGS += -I$(HYP_ARCH_DIR)
# Compiled for size, so that the image stays under its 128 KiB goal
# (docs/bench.md), except the path every guest exit and interrupt takes
# (exception entry, the trap dispatch, list registers, the host GIC) and
# the virtual UART, which stay -O2. -Os costs the other trapped accesses
# 4-14% more instructions (make bench, trap: a vGIC distributor read 248
# against 238, a vPCI config read 697 against 612). Unused functions are
# dropped at link time.
HYP_FAST := $(addprefix $(HYP_ARCH_DIR)/,traps.c vcpu.c gic.c vgic_lr.c vectors.S) \
	kernel/vpl011.c kernel/vuart.c
HYP_CFLAGS += -ffunction-sections -fdata-sections
$(patsubst %,$(O)/hyp/%.o,$(filter-out $(HYP_FAST),$(HYP_SRCS))): HYP_CFLAGS += -Os

hypervisor: $(O)/tessera.bin

$(O)/hyp/%.c.o: %.c Makefile kernel/kernel.mk
	@mkdir -p $(dir $@)
	$(TCC) $(HYP_CFLAGS) -c -o $@ $<

$(O)/hyp/%.S.o: %.S Makefile kernel/kernel.mk
	@mkdir -p $(dir $@)
	$(TCC) $(HYP_CFLAGS) -D__ASSEMBLY__ -c -o $@ $<

$(O)/tessera.elf: $(HYP_OBJS) $(HYP_ARCH_DIR)/hyp.lds
	$(TLD) -pie --no-dynamic-linker -z notext -z norelro -Bsymbolic --no-warn-rwx-segments \
		$(HYP_LDFLAGS) --gc-sections -T $(HYP_ARCH_DIR)/hyp.lds -o $@ $(HYP_OBJS)

$(O)/tessera.bin: $(O)/tessera.elf
	$(TOBJCOPY) -O binary $< $@

-include $(HYP_OBJS:.o=.d)
