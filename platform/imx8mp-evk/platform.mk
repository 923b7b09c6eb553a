# NXP i.MX 8M Plus EVK (four Cortex-A53, GICv3, the i.MX UART), arm64.
# QEMU's imx8mp-evk runs no firmware: -kernel starts the hypervisor at
# EL2 by the Linux boot protocol (x0 = the board's tree, docs/boot.md).
# On the board, U-Boot's booti does the same (docs/boards.md).
ARCH := arm64
CROSS_COMPILE ?= aarch64-linux-gnu-
EFI_BOOT_NAME := BOOTAA64.EFI
EFI_ARCH := aarch64

QEMU := qemu-system-aarch64
QEMU_MACHINE := imx8mp-evk
QEMU_CPU := cortex-a53
QEMU_SMP ?= 4
QEMU_MEM ?= 2048
# No PCI exit device: PSCI SYSTEM_OFF ends QEMU (its own PSCI, by SMC).
QEMU_EXIT_DEVICE :=
ENTRY := linux-boot
# The board's tree: Debian's, from linux-image-arm64 (make deps).
BOARD_TREE := debian:freescale/imx8mp-evk.dtb
# make run: two Linux guests (2 vCPUs and 1) with their shells, a
# complete boot tree (the Linux boot protocol takes no planner input yet).
DEFAULT_PARTITION := dts/test/linux-smp-guest-shell.dts
# Its console is UART2 (/chosen/stdout-path), QEMU's second serial port.
QEMU_SERIALS := -serial null -serial mon:stdio
