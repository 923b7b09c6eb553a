# The UEFI loader, $(O)/boot/$(EFI_BOOT_NAME), built with GNU-EFI from the
# arm64 package that scripts/deps.sh unpacks under $(DEPS_DIR)/arm64.
.PHONY: loader

EFI_ROOT := $(DEPS_DIR)/arm64/usr
EFI_INC := $(EFI_ROOT)/include/efi
EFI_LIB := $(EFI_ROOT)/lib
LOADER_O := $(O)/boot
LOADER_SRCS := boot/main.c boot/config.c boot/domain_tree.c $(LIB_FREESTANDING_SRCS) \
	$(GUEST_TREE_SRCS)
LOADER_OBJS := $(patsubst %.c,$(LOADER_O)/obj/%.o,$(LOADER_SRCS))
LOADER_CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Wno-unused-parameter \
	-ffreestanding -fpic -fshort-wchar -fno-stack-protector -fno-strict-aliasing \
	$(ARCH_CFLAGS) \
	-I$(EFI_INC) -I$(EFI_INC)/$(EFI_ARCH) -I$(EFI_INC)/protocol -Ikernel -I$(ARCH_INC) -Iboot -MMD -MP
# gnu-efi's crt0 carries the PE header; the subsystem must be set by hand.
LOADER_LDFLAGS := -nostdlib -znocombreloc -shared -Bsymbolic --no-warn-rwx-segments \
	-T $(EFI_LIB)/elf_$(EFI_ARCH)_efi.lds --defsym=EFI_SUBSYSTEM=0xa

loader: $(LOADER_O)/$(EFI_BOOT_NAME)

$(LOADER_O)/obj/%.o: %.c Makefile boot/boot.mk
	@mkdir -p $(dir $@)
	$(TCC) $(LOADER_CFLAGS) -c -o $@ $<

$(LOADER_O)/loader.so: $(LOADER_OBJS)
	$(TLD) $(LOADER_LDFLAGS) -o $@ $(EFI_LIB)/crt0-efi-$(EFI_ARCH).o $(LOADER_OBJS) \
		-L$(EFI_LIB) -lefi -lgnuefi

$(LOADER_O)/$(EFI_BOOT_NAME): $(LOADER_O)/loader.so
	$(TOBJCOPY) -j .text -j .sdata -j .data -j .dynamic -j .dynsym -j .rel \
		-j .rela -j .rel.* -j .rela.* -j .reloc -O binary $< $@

-include $(LOADER_OBJS:.o=.d)
