# Tessera: a static-partitioning hypervisor.
#   make help    lists the targets
# Non-recursive: each directory adds its rules through a .mk file.

ARCH ?= arm64
# Each architecture's QEMU board unless PLATFORM says otherwise.
PLATFORM_arm64 := qemu-virt-arm64
PLATFORM_x86_64 := qemu-q35-x86_64
PLATFORM ?= $(PLATFORM_$(ARCH))
# The dev boards (arm64, docs/boards.md): make test builds a hypervisor
# for each in $(O)/<board>; their guests are the arm64 build's.
BOARD_PLATFORMS := imx8mp-evk
# One build folder per architecture, so that neither reuses the other's
# objects: arm64 in build, x86_64 in build/x86_64 (where make test and
# test/run.py's arch: x86_64 cases look).
O_arm64 := build
O_x86_64 := build/x86_64
# A dev board's build: build/<board> (its hypervisor differs; make test
# builds it there).
O ?= $(if $(filter $(PLATFORM),$(BOARD_PLATFORMS)),build/$(PLATFORM),$(or $(O_$(ARCH)),build/$(ARCH)))
PARTITION ?=
# The board's firmware for whatever boots through scripts/run-qemu.sh
# (run, run-pci, run-plan, inspect): edk2 (AAVMF, OVMF on x86) or uboot
# (U-Boot's UEFI, on qemu-virt-arm64 only; docs/boot.md).
FIRMWARE ?= edk2
export FIRMWARE
# What make deps downloads (arm64 packages, QEMU 10) lives in build/deps
# of the source tree whatever O says: one copy for every build folder.
# Exported: scripts/deps.sh, scripts/qemu.sh and the Python tools read it.
DEPS_DIR ?= $(CURDIR)/build/deps
export DEPS_DIR

ifeq ($(wildcard platform/$(PLATFORM)/platform.mk),)
$(error no platform/$(PLATFORM)/platform.mk (ARCH=$(ARCH) PLATFORM=$(PLATFORM)))
endif
include platform/$(PLATFORM)/platform.mk
# The scripts (mkimage.sh, run-qemu.sh, ...) read the same platform.mk.
export PLATFORM
include kernel/arch/$(ARCH)/arch.mk
PARTITION := $(if $(PARTITION),$(PARTITION),$(DEFAULT_PARTITION))

TCC := $(CROSS_COMPILE)gcc
TLD := $(CROSS_COMPILE)ld
TOBJCOPY := $(CROSS_COMPILE)objcopy
HOSTCC ?= gcc

# Freestanding code (hypervisor, test guests); the architecture adds its
# own flags (ARCH_CFLAGS, kernel/arch/$(ARCH)/arch.mk). Core code sees
# the architecture's public headers as "arch/...".
ARCH_INC := kernel/arch/$(ARCH)/include
TARGET_CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Wno-unused-parameter \
	-ffreestanding -fno-common -fno-stack-protector -fno-plt \
	-fpie $(ARCH_CFLAGS) -Ikernel -I$(ARCH_INC)
HOST_CFLAGS := -std=gnu11 -O1 -g -Wall -Wextra -Wno-unused-parameter -Ikernel -I$(ARCH_INC)

# Code shared by the hypervisor, loader, guests, planner and tests.
LIB_SRCS := kernel/lib/fdt.c kernel/lib/image.c kernel/lib/printf.c \
	kernel/lib/rangeset.c kernel/lib/lockorder.c kernel/lib/sort.c kernel/lib/fault.c \
	kernel/lib/resmem.c kernel/lib/static_mem.c
LIB_FREESTANDING_SRCS := $(LIB_SRCS) kernel/lib/string.c
# The architecture's part of the shared checks (device-tree interrupt
# specifiers), for the planner and the host tests.
ARCH_SHARED_SRCS := kernel/arch/$(ARCH)/irq_dt.c
# The guest device tree builder (arch/guest_tree.h) and the tree writer
# under it: for the loader, the planner and the tests, never the
# hypervisor, which writes no device trees (docs/architecture.md).
GUEST_TREE_SRCS := kernel/lib/fdt_write.c kernel/arch/$(ARCH)/guest_tree.c
# What this build supports (kernel/lib/caps.h): the platform's table and
# the checks over it, for the hypervisor, the planner and the tests.
CAPS_SRCS := kernel/lib/caps.c platform/$(PLATFORM)/caps.c
# The boot record from a device tree alone (the Linux boot protocol's
# entry): for the hypervisor and the tests, never the loader, which has
# UEFI's memory map.
BOOTINFO_FDT_SRCS := kernel/lib/bootinfo_fdt.c

.DEFAULT_GOAL := all
.PHONY: all deps image run run-pci inspect plan run-plan bench test unit itest help clean

all:

include kernel/kernel.mk
include boot/boot.mk
include test/guests/guests.mk
include test/unit/unit.mk
include test/linux/linux.mk
include scripts/plan/plan.mk
include test/fuzz/fuzz.mk

# What `all` builds (arch.mk may say less, for a port still growing).
ALL_GOALS ?= hypervisor loader guests linux planner
all: $(ALL_GOALS)

deps:
	@scripts/deps.sh

# Build the disk image (GPT + EFI system partition) for $(PARTITION). A
# partition under dts/plan/ has no addresses: the planner resolves it
# for the board first (docs/planner.md); others are complete boot trees.
IMAGE := $(O)/tessera.img
# What the image needs built first; a port whose `all` does not build yet
# names less (make ARCH=x86_64 IMAGE_NEEDS="hypervisor loader" run).
IMAGE_NEEDS ?= all
image: $(IMAGE_NEEDS)
ifneq ($(filter dts/plan/%,$(PARTITION)),)
	@scripts/plan.sh --partition $(PARTITION) --out $(O)/partition --build $(O) \
		--smp $(QEMU_SMP) --mem $(QEMU_MEM) $(if $(QEMU_EXTRA),-- $(QEMU_EXTRA))
	@scripts/mkimage.sh --dtb $(O)/partition/boot.dtb --out $(IMAGE) --build $(O) \
		--smp $(QEMU_SMP) --mem $(QEMU_MEM) --work $(O)/image --search $(O)/partition \
		--search $(O)/guests --search $(O)/dts/guests
else
	@scripts/mkimage.sh --partition $(PARTITION) --out $(IMAGE) --build $(O) \
		--smp $(QEMU_SMP) --mem $(QEMU_MEM) --work $(O)/image
endif

# Disks the integration tests read back from inside guests: the first
# sector starts with a known line, TESSERA-<NAME>-SIGNATURE-42
# (pci-linux.case, pci-vdev.case).
SIGNATURE_DISKS := nvme virtio-blk virtio-legacy usb-storage
.PHONY: test-data
test-data: $(SIGNATURE_DISKS:%=$(O)/test-data/%-signature.img)
$(O)/test-data/%-signature.img: Makefile
	@mkdir -p $(dir $@)
	@printf 'TESSERA-%s-SIGNATURE-42\n' "$$(echo '$*' | tr a-z A-Z)" > $@.tmp
	@truncate -s 1M $@.tmp && mv $@.tmp $@

# The nvme disk the guests also write to (test/linux/init's file
# round-trip): the nvme signature line in the first sector's boot-code
# bytes, then an MBR with one FAT partition (type 0x0c) from sector 2048
# to the end, left unformatted (the guest makes the file system). Cases
# boot a per-run copy of it (test/integration/README.md, `copy`).
NVME_DISK_MIB := 32
test-data: $(O)/test-data/nvme-disk.img
$(O)/test-data/nvme-disk.img: Makefile
	@mkdir -p $(dir $@)
	@rm -f $@.tmp && truncate -s $(NVME_DISK_MIB)M $@.tmp
	@printf 'TESSERA-NVME-SIGNATURE-42\n' | dd of=$@.tmp conv=notrunc status=none
	@printf '\000\000\000\000\014\000\000\000' | \
		dd of=$@.tmp bs=1 seek=446 conv=notrunc status=none
	@python3 -c 'import struct,sys; sys.stdout.buffer.write(struct.pack("<II", 2048, \
		$(NVME_DISK_MIB) * 2048 - 2048))' | dd of=$@.tmp bs=1 seek=454 conv=notrunc status=none
	@printf '\125\252' | dd of=$@.tmp bs=1 seek=510 conv=notrunc status=none
	@mv $@.tmp $@

# `run` and `test` first install whatever is missing, then re-enter make
# so that the build sees the freshly installed tools.
# ENTRY=linux-boot: no firmware and no disk image, QEMU's -kernel enters
# the hypervisor by the Linux boot protocol with the boot tree and the
# guests' files scripts/linux-boot.py places (docs/boot.md); PARTITION is
# then a complete boot tree source, not a planner input.
ENTRY ?= uefi
LINUX_BOOT_DIR := $(O)/linux-boot
run:
	@scripts/deps.sh --check || scripts/deps.sh
ifeq ($(ENTRY),linux-boot)
	@case "$(PARTITION)" in dts/plan/*) echo "make run ENTRY=linux-boot: $(PARTITION)" \
		"is a planner input; give PARTITION=dts/... a complete boot tree" >&2; exit 1 ;; esac
	@$(MAKE) --no-print-directory all
	@scripts/linux-boot.py --partition $(PARTITION) --work $(LINUX_BOOT_DIR) --build $(O) \
		--smp $(QEMU_SMP) --mem $(QEMU_MEM)
	@scripts/run-qemu.sh --kernel $(O)/tessera.bin --dtb $(LINUX_BOOT_DIR)/boot.dtb \
		--smp $(QEMU_SMP) --mem $(QEMU_MEM) -- $$(cat $(LINUX_BOOT_DIR)/qemu-args) $(QEMU_EXTRA)
else ifeq ($(ENTRY),uefi)
	@$(MAKE) --no-print-directory image
	@scripts/run-qemu.sh --image $(IMAGE) --smp $(QEMU_SMP) --mem $(QEMU_MEM) \
		$(if $(QEMU_EXTRA),-- $(QEMU_EXTRA))
else
	@echo "make run: ENTRY is uefi or linux-boot, not $(ENTRY)" >&2; exit 1
endif

# The PCI demo: QEMU's e1000e in guest A, an nvme in guest B, the
# pci-serial kept by the hypervisor (docs/bindings.md, "PCI devices").
PCI_DEMO_QEMU := -device e1000e,netdev=n0,mac=52:54:00:12:34:56,addr=2 \
	-netdev user,id=n0,restrict=on \
	-device pcie-root-port,id=rp0,chassis=1,addr=3 \
	-device nvme,serial=tessera0,drive=nv0,bus=rp0 \
	-drive if=none,id=nv0,format=raw,file=$(O)/test-data/nvme-signature.img,readonly=on \
	-device pci-serial,addr=4
# The board's PCI inventory, as the planner reads it (docs/bindings.md).
INSPECT_QEMU ?= $(PCI_DEMO_QEMU)
inspect:
	@scripts/deps.sh --check || scripts/deps.sh
	@$(MAKE) --no-print-directory hypervisor loader test-data
	@scripts/inspect.sh --out $(O)/inventory.dts --build $(O) --smp $(QEMU_SMP) \
		--mem $(QEMU_MEM) -- $(INSPECT_QEMU)
	@cat $(O)/inventory.dts

# The planner: PLAN_PARTITION (no addresses) planned for the QEMU board
# with the PCI demo's devices; the result in $(O)/partition/ (docs/planner.md).
PLAN_PARTITION ?= dts/plan/pci-demo.dts
plan:
	@scripts/deps.sh --check || scripts/deps.sh
	@$(MAKE) --no-print-directory all test-data
	@scripts/plan.sh --partition $(PLAN_PARTITION) --out $(O)/partition --build $(O) \
		--smp $(QEMU_SMP) --mem 2048 -- $(INSPECT_QEMU)
	@cat $(O)/partition/report.txt

# The planned PCI demo (on x86: the planned two-linux), booted, with the
# devices it was planned for.
run-plan:
	@$(MAKE) --no-print-directory test-data
	@$(MAKE) --no-print-directory run PARTITION=$(PLAN_PARTITION) QEMU_MEM=2048 \
		QEMU_EXTRA="$(INSPECT_QEMU)"

# Measurements, side by side with Linux directly and Xen 4.17 (not
# pass/fail: the machines are shared): $(O)/bench/report.md, docs/bench.md.
# On x86_64 (make ARCH=x86_64 bench): Tessera beside Linux on q35.
BENCH_RUNS ?= 9
BENCH_ONLY_arm64 := boot,trap,startup,footprint,planner,bar,nvme,irq
BENCH_ONLY_x86_64 := boot,trap,irq,nvme,footprint
BENCH_ONLY ?= $(BENCH_ONLY_$(ARCH))
BENCH_SCRIPT_arm64 := scripts/bench/bench.py
BENCH_SCRIPT_x86_64 := scripts/bench/bench_x86.py
BENCH_NEEDS_arm64 := bench-bar
bench:
	@scripts/deps.sh --check || scripts/deps.sh
	@$(MAKE) --no-print-directory all $(BENCH_NEEDS_$(ARCH))
	@python3 $(BENCH_SCRIPT_$(ARCH)) --build $(O) --runs $(BENCH_RUNS) --only $(BENCH_ONLY)

# Mapping large BARs with the hypervisor's page-table code, on the host.
.PHONY: bench-bar print-hyp-srcs
bench-bar: $(O)/bench/bench_bar
$(O)/bench/bench_bar: test/bench/bench_bar.c kernel/pgtable.c kernel/pgtable.h test/unit/host_pgtable.h
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOST_CFLAGS) -O2 -Itest/unit -o $@ test/bench/bench_bar.c kernel/pgtable.c

# The hypervisor's sources, for make bench's line count.
print-hyp-srcs:
	@echo $(sort $(HYP_SRCS) $(wildcard kernel/*.h kernel/lib/*.h vpci/*.h $(HYP_ARCH_DIR)/*.h))

run-pci:
	@scripts/deps.sh --check || scripts/deps.sh
	@$(MAKE) --no-print-directory test-data
	@$(MAKE) --no-print-directory run PARTITION=dts/qemu-arm64-pci.dts QEMU_SMP=2 \
		QEMU_MEM=2048 QEMU_EXTRA="$(PCI_DEMO_QEMU)"

# x86_64 is built beside arm64, into $(O)/x86_64, for the cases that say
# `arch: x86_64` (test/integration/README.md).
X86_64_TEST_GOALS := all
test:
	@scripts/deps.sh --check || scripts/deps.sh
	@$(MAKE) --no-print-directory all unit-build fuzz-build test-data
	@$(MAKE) --no-print-directory ARCH=x86_64 PLATFORM=$(PLATFORM_x86_64) O=$(O)/x86_64 \
		$(X86_64_TEST_GOALS)
	@for p in $(BOARD_PLATFORMS); do \
		$(MAKE) --no-print-directory ARCH=arm64 PLATFORM=$$p O=$(O)/$$p hypervisor || exit 1; \
	done
	@python3 test/run.py --build $(O)

help:
	@echo 'Tessera make targets (ARCH=$(ARCH) PLATFORM=$(PLATFORM)):'
	@echo '  make run      build, make the disk image and boot it in QEMU'
	@echo '  make run-pci  the PCI demo: an e1000e in guest A, an nvme in guest B'
	@echo '  make inspect  boot in discovery mode, write the PCI inventory to $(O)/inventory.dts'
	@echo '  make plan     plan PLAN_PARTITION=$(PLAN_PARTITION) for the QEMU board into $(O)/partition'
	@echo '  make run-plan boot what make plan wrote'
	@echo '  make bench    Tessera beside Linux and Xen 4.17: $(O)/bench/report.md (docs/bench.md)'
	@echo '  make test     unit and QEMU integration tests; ends "N passed, N failed"'
	@echo '  make deps     install what is missing: Debian packages, arm64 packages, QEMU 10'
	@echo '  make all      hypervisor, UEFI loader, test guests, Linux guest images'
	@echo '  make image    disk image for PARTITION=$(PARTITION)'
	@echo '  make unit     host unit tests only'
	@echo '  make clean    empty $(O)/ (keeps the downloads in $(DEPS_DIR))'
	@echo 'Variables: PARTITION=dts/...dts  QEMU_SMP=$(QEMU_SMP)  QEMU_MEM=$(QEMU_MEM)'
	@echo '  ENTRY=uefi|linux-boot (make run: the loader, or QEMU -kernel by the Linux boot protocol)'
	@echo '  FIRMWARE=edk2|uboot (the firmware make run boots with; uboot: arm64 only)'
	@echo '  ARCH=arm64|x86_64 (PLATFORM follows it: qemu-virt-arm64, qemu-q35-x86_64)'
	@echo '  O=$(O) (build folder; the downloads stay in DEPS_DIR=$(DEPS_DIR))'

# Everything in $(O) but the downloads; never a folder holding the sources.
clean:
	@o=$$(cd "$(O)" 2>/dev/null && pwd -P) || exit 0; \
	case "$(CURDIR)/" in "$$o"/*) echo "make clean: O=$(O) holds the source tree" >&2; exit 1 ;; esac; \
	find "$$o" -mindepth 1 -maxdepth 1 ! -name deps ! -path "$(DEPS_DIR)" -exec rm -rf {} +
