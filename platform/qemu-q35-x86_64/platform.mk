# QEMU "q35" board, x86_64, booted through OVMF (UEFI); the hypervisor
# uses AMD SVM with nested paging, the only virtualization QEMU's TCG
# emulates on x86 (no Intel VMX).
ARCH := x86_64
# The host is amd64: its own gcc and binutils, and the system's gnu-efi.
CROSS_COMPILE :=
EFI_BOOT_NAME := BOOTX64.EFI
EFI_ARCH := x86_64

QEMU := qemu-system-x86_64
QEMU_MACHINE := q35
# max is AuthenticAMD under TCG; +x2apic needs QEMU 9.0 or newer.
QEMU_CPU := max,+svm,+npt,+x2apic
QEMU_SMP ?= 4
QEMU_MEM ?= 2048
QEMU_FIRMWARE_CODE := /usr/share/OVMF/OVMF_CODE_4M.fd
QEMU_FIRMWARE_VARS := /usr/share/OVMF/OVMF_VARS_4M.fd
# The exit device: the ISA pvpanic at I/O port 0x505 (slot 0x1f is the
# LPC bridge on q35).
QEMU_EXIT_DEVICE := pvpanic

# q35 has no device tree of its own: the partition source is the complete
# boot tree (/chosen, the guests, the host console), see docs/boot.md.
BOARD_TREE := partition
# The board's tree for the planner (scripts/plan.sh): the host console;
# make inspect adds RAM, CPUs and ECAM from the firmware.
BOARD_DTS := dts/x86/board.dtsi
DEFAULT_PARTITION := dts/plan/x86/two-linux.dts
# make plan / run-plan: the same, printed and booted. Its guests have no
# PCI functions, so make inspect adds no devices (x86-plan-pci-linux
# plans some).
PLAN_PARTITION ?= dts/plan/x86/two-linux.dts
INSPECT_QEMU :=
# make inspect's tree: the board's RAM, CPUs and ECAM come from firmware.
INSPECT_PARTITION := dts/x86/inspect.dts

# Linux guests: Debian's amd64 kernel (a bzImage) and busybox.
LINUX_DEB_ARCH := amd64
LINUX_IMAGE_NAME := linux.bzImage
# scripts/inspect.sh --linux: OVMF assigns the BARs and Linux keeps them.
# intremap=off: QEMU's IOAPIC bypasses AMD-Vi's interrupt remapping, and
# Linux with it on stops ("timer doesn't work through Interrupt-remapped
# IO-APIC").
LINUX_INSPECT_ARGS := console=ttyS0 amd_iommu=off tessera.test=inspect
