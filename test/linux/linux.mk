# Linux guests: Debian's kernel for the guests' architecture and a
# busybox initramfs, placed where scripts/mkimage.sh looks for boot
# modules. Provides `linux`. The platform names the Debian architecture
# (LINUX_DEB_ARCH) and the image's file name (LINUX_IMAGE_NAME): arm64
# boots Image, x86_64 a bzImage.
.PHONY: linux

LINUX_DEB_ARCH ?= arm64
LINUX_IMAGE_NAME ?= linux.Image
LINUX_DEPS := $(DEPS_DIR)/$(LINUX_DEB_ARCH)
LINUX_KERNEL := $(firstword $(wildcard $(LINUX_DEPS)/boot/vmlinuz-*-$(LINUX_DEB_ARCH)))

linux: $(O)/guests/$(LINUX_IMAGE_NAME) $(O)/guests/initramfs.cpio.gz

$(O)/guests/$(LINUX_IMAGE_NAME): $(LINUX_KERNEL)
	@test -n "$<" || { echo "no $(LINUX_DEB_ARCH) kernel under $(LINUX_DEPS)/boot: run make deps" >&2; exit 1; }
	@mkdir -p $(dir $@)
	cp $< $@

# The PCI drivers the cases assign (scripts/mkinitramfs.sh).
LINUX_MODULES := $(firstword $(wildcard $(LINUX_DEPS)/lib/modules/*-$(LINUX_DEB_ARCH)))

$(O)/guests/initramfs.cpio.gz: test/linux/init scripts/mkinitramfs.sh scripts/inspect-linux.sh \
		$(LINUX_KERNEL) test/linux/linux.mk
	scripts/mkinitramfs.sh $(LINUX_DEPS)/bin/busybox test/linux/init $@ $(LINUX_MODULES)
