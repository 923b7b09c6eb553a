# QEMU "virt" board, arm64, booted through AAVMF (UEFI) at EL2.
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

# The partition `make run` boots: two Linux guests (2 + 1 vCPUs), planned
# by scripts/plan for this board (docs/planner.md).
DEFAULT_PARTITION := dts/plan/two-linux.dts
