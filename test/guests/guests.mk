# Bare-metal test guests and the guest device trees. Provides `guests`.
#   $(O)/guests/testguest.bin   arm64 Image (static PIE, see head.S)
#   $(O)/dts/guests/*.dtb       guest trees, loaded as boot modules

GUEST_O := $(O)/guests
ifeq ($(ARCH),x86_64)
# x86: a bzImage booted by Linux's 64-bit protocol (test/guests/x86/).
GUEST_SRCS := test/guests/x86/head.S test/guests/x86/tramp.S test/guests/x86/main.c \
	test/guests/x86/hostile.c test/guests/x86/smp.c test/guests/x86/bench.c test/guests/x86/pci.c \
	test/guests/x86/pci_hostile.c test/guests/x86/pci_kept.c test/guests/x86/irqbench.c
GUEST_LD := test/guests/x86/guest.ld
GUEST_PIE :=
else
GUEST_SRCS := test/guests/head.S test/guests/main.c test/guests/vpci.c test/guests/edu.c test/guests/storm.c test/guests/bench.c test/guests/hostile.c \
	test/guests/its.c test/guests/irqbench.c test/guests/gicv2.c
GUEST_LD := test/guests/guest.ld
GUEST_PIE := -pie --no-dynamic-linker
endif
GUEST_LIB_SRCS := $(filter %/fdt.c %/printf.c %/string.c,$(LIB_FREESTANDING_SRCS))
GUEST_CFLAGS := $(TARGET_CFLAGS)
GUEST_OBJS := $(patsubst %,$(GUEST_O)/obj/%.o,$(basename $(GUEST_SRCS) $(GUEST_LIB_SRCS)))
# Static PIE without a dynamic linker: head.S applies .rela.dyn itself.
GUEST_LDFLAGS := -nostdlib -static $(GUEST_PIE) -z norelro \
	-z noexecstack --no-warn-rwx-segments --build-id=none -T $(GUEST_LD)
GUEST_DTBS := $(patsubst dts/guests/%.dts,$(O)/dts/guests/%.dtb,$(wildcard dts/guests/*.dts))

.PHONY: guests
guests: $(GUEST_O)/testguest.bin $(GUEST_DTBS)

$(GUEST_O)/obj/%.o: %.c $(wildcard kernel/lib/*.h test/guests/*.h test/guests/x86/*.h)
	@mkdir -p $(dir $@)
	$(TCC) $(GUEST_CFLAGS) -c -o $@ $<

$(GUEST_O)/obj/%.o: %.S
	@mkdir -p $(dir $@)
	$(TCC) $(GUEST_CFLAGS) -c -o $@ $<

$(GUEST_O)/testguest.elf: $(GUEST_OBJS) $(GUEST_LD)
	$(TLD) $(GUEST_LDFLAGS) -o $@ $(GUEST_OBJS)

$(GUEST_O)/testguest.bin: $(GUEST_O)/testguest.elf
	$(TOBJCOPY) -O binary $< $@

# Every guest tree may include the shared .dtsi files (vpci.dtsi).
$(O)/dts/guests/%.dtb: dts/guests/%.dts $(wildcard dts/guests/*.dtsi)
	@mkdir -p $(dir $@)
	dtc -q -I dts -O dtb -o $@ $<
