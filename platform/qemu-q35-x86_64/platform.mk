# QEMU q35 board, x86_64, booted through OVMF (UEFI) into SVM host mode.
ARCH := x86_64
CROSS_COMPILE ?=
EFI_BOOT_NAME := BOOTX64.EFI
EFI_ARCH := x86_64
QEMU := qemu-system-x86_64
QEMU_MACHINE := q35
QEMU_CPU := max,+svm,+npt,+x2apic
QEMU_SMP ?= 4
QEMU_MEM ?= 2048
QEMU_FIRMWARE_CODE := /usr/share/OVMF/OVMF_CODE_4M.fd
QEMU_FIRMWARE_VARS := /usr/share/OVMF/OVMF_VARS_4M.fd
DEFAULT_PARTITION := dts/x86/two-guests.dts
