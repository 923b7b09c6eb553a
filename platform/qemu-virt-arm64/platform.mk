# QEMU "virt" board, arm64, booted through AAVMF (UEFI) at EL2, or through
# U-Boot's UEFI with FIRMWARE=uboot (docs/boot.md).
ARCH := arm64
CROSS_COMPILE ?= aarch64-linux-gnu-
EFI_BOOT_NAME := BOOTAA64.EFI
EFI_ARCH := aarch64

QEMU := qemu-system-aarch64
# GICv3 gives the ICH_* list-register interface under TCG.
QEMU_MACHINE := virt,virtualization=on,gic-version=3
QEMU_CPU := cortex-a57
QEMU_SMP ?= 3
QEMU_MEM ?= 1024
QEMU_FIRMWARE_CODE := /usr/share/AAVMF/AAVMF_CODE.fd
QEMU_FIRMWARE_VARS := /usr/share/AAVMF/AAVMF_VARS.fd
# FIRMWARE=uboot: Debian's u-boot-qemu, given to QEMU as -bios.
QEMU_FIRMWARE_UBOOT := /usr/lib/u-boot/qemu_arm64/u-boot.bin
# The exit device scripts/run-qemu.sh adds (docs/boot.md, "Exit status"):
# a pvpanic-pci in the last slot, kept by the hypervisor.
QEMU_EXIT_DEVICE := pvpanic-pci,addr=1f
# The boot tree is QEMU's own board tree (dumped with -M ...,dumpdtb=)
# with the partition on top (scripts/mkimage.sh).
BOARD_TREE := dumpdtb

# The partition `make run` boots: two Linux guests (2 + 1 vCPUs), planned
# by scripts/plan for this board (docs/planner.md).
DEFAULT_PARTITION := dts/plan/two-linux.dts
