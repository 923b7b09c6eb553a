# Linux guests: Debian's arm64 kernel and a busybox initramfs, placed
# where scripts/mkimage.sh looks for boot modules. Provides `linux`.
.PHONY: linux

LINUX_DEPS := $(DEPS_DIR)/arm64
LINUX_KERNEL := $(firstword $(wildcard $(LINUX_DEPS)/boot/vmlinuz-*-arm64))

linux: $(O)/guests/linux.Image $(O)/guests/initramfs.cpio.gz

$(O)/guests/linux.Image: $(LINUX_KERNEL)
	@test -n "$<" || { echo "no arm64 kernel under $(LINUX_DEPS)/boot: run make deps" >&2; exit 1; }
	@mkdir -p $(dir $@)
	cp $< $@

LINUX_MODULES := $(firstword $(wildcard $(LINUX_DEPS)/lib/modules/*-arm64))

$(O)/guests/initramfs.cpio.gz: test/linux/init scripts/mkinitramfs.sh scripts/inspect-linux.sh \
		$(LINUX_KERNEL)
	scripts/mkinitramfs.sh $(LINUX_DEPS)/bin/busybox test/linux/init $@ $(LINUX_MODULES)
