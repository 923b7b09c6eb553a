# The UEFI loader, $(O)/boot/$(EFI_BOOT_NAME), built with GNU-EFI: for
# arm64 the package scripts/deps.sh unpacks under $(DEPS_DIR)/arm64, for
# x86_64 the machine's own (/usr). One main.c, one boot/arch/$(ARCH).c
# (the contract is boot/arch.h).
.PHONY: loader

EFI_ROOT_arm64 := $(DEPS_DIR)/arm64/usr
EFI_ROOT_x86_64 := /usr
EFI_ROOT := $(EFI_ROOT_$(ARCH))
EFI_INC := $(EFI_ROOT)/include/efi
EFI_LIB := $(EFI_ROOT)/lib
LOADER_O := $(O)/boot
LOADER_SRCS := boot/main.c boot/arch/$(ARCH).c boot/config.c boot/domain_tree.c \
	$(LIB_FREESTANDING_SRCS)
# Guest trees for xen,domain nodes without one (docs/boot.md), once the
# architecture has a guest tree builder.
ifneq ($(wildcard kernel/arch/$(ARCH)/guest_tree.c),)
LOADER_SRCS += $(GUEST_TREE_SRCS)
else
LOADER_ARCH_CFLAGS := -DLOADER_NO_GUEST_TREES
endif
LOADER_OBJS := $(patsubst %.c,$(LOADER_O)/obj/%.o,$(LOADER_SRCS))

# arm64: gnu-efi's crt0 carries the PE header, so the subsystem is set by
# hand and objcopy copies the sections as they are. x86_64: objcopy
# writes the PE header; the firmware calls use the Microsoft ABI.
LOADER_LDFLAGS_arm64 := --defsym=EFI_SUBSYSTEM=0xa
LOADER_PE_arm64 := -O binary
LOADER_CFLAGS_x86_64 := -DGNU_EFI_USE_MS_ABI -maccumulate-outgoing-args
LOADER_PE_x86_64 := --target=efi-app-x86_64

LOADER_CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Wno-unused-parameter \
	-ffreestanding -fpic -fshort-wchar -fno-stack-protector -fno-strict-aliasing \
	$(ARCH_CFLAGS) $(LOADER_CFLAGS_$(ARCH)) $(LOADER_ARCH_CFLAGS) \
	-I$(EFI_INC) -I$(EFI_INC)/$(EFI_ARCH) -I$(EFI_INC)/protocol -Ikernel -I$(ARCH_INC) -Iboot -MMD -MP
LOADER_LDFLAGS := -nostdlib -znocombreloc -shared -Bsymbolic --no-warn-rwx-segments \
	-T $(EFI_LIB)/elf_$(EFI_ARCH)_efi.lds $(LOADER_LDFLAGS_$(ARCH))

loader: $(LOADER_O)/$(EFI_BOOT_NAME)

$(LOADER_O)/obj/%.o: %.c Makefile boot/boot.mk
	@mkdir -p $(dir $@)
	$(TCC) $(LOADER_CFLAGS) -c -o $@ $<

$(LOADER_O)/loader.so: $(LOADER_OBJS)
	$(TLD) $(LOADER_LDFLAGS) -o $@ $(EFI_LIB)/crt0-efi-$(EFI_ARCH).o $(LOADER_OBJS) \
		-L$(EFI_LIB) -lefi -lgnuefi

$(LOADER_O)/$(EFI_BOOT_NAME): $(LOADER_O)/loader.so
	$(TOBJCOPY) -j .text -j .sdata -j .data -j .dynamic -j .dynsym -j .rel \
		-j .rela -j .rel.* -j .rela.* -j .reloc $(LOADER_PE_$(ARCH)) $< $@

-include $(LOADER_OBJS:.o=.d)
