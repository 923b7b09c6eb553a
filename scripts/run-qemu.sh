#!/usr/bin/env bash
# Boot a Tessera disk image in QEMU under UEFI: the platform's board,
# CPU and firmware (PLATFORM, default qemu-virt-arm64: virt with AAVMF;
# qemu-q35-x86_64: q35 with OVMF). FIRMWARE=uboot boots the board with
# U-Boot's UEFI instead (-bios, the platform's QEMU_FIRMWARE_UBOOT; only
# virt has one); FIRMWARE=edk2, the default, with the edk2 build above.
#   scripts/run-qemu.sh --image IMG [--smp N] [--mem MiB] [--log FILE]
#       [--timeout SEC] [-- extra qemu args]
#   scripts/run-qemu.sh --kernel tessera.bin --dtb boot.dtb ... [-- ...]
#       the Linux boot protocol instead (docs/boot.md): no firmware and no
#       disk, QEMU's -kernel starts the hypervisor with x0 = the tree; the
#       guests' files come as -device loader arguments (scripts/linux-boot.py)
# Serial console on stdio (Ctrl-A X quits). Exits with QEMU's exit status
# (0 when the hypervisor powers off), or 124 after --timeout.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
image= kernel= dtb= smp=2 mem=1024 log= limit=
extra=()
usage() { echo "usage: $0 --image IMG | --kernel HYP --dtb DTB [--smp N] [--mem MiB]" \
	"[--log FILE] [--timeout SEC] [-- qemu args]" >&2; exit 2; }
while [ $# -gt 0 ]; do
	case "$1" in
	--image) image=${2-}; shift 2 || usage ;;
	--kernel) kernel=${2-}; shift 2 || usage ;;
	--dtb) dtb=${2-}; shift 2 || usage ;;
	--smp) smp=${2-}; shift 2 || usage ;;
	--mem) mem=${2-}; shift 2 || usage ;;
	--log) log=${2-}; shift 2 || usage ;;
	--timeout) limit=${2-}; shift 2 || usage ;;
	--) shift; extra=("$@"); break ;;
	*) echo "run-qemu: unknown argument $1" >&2; usage ;;
	esac
done
if [ -n "$kernel" ]; then
	[ -z "$image" ] && [ -n "$dtb" ] || usage
	[ -f "$kernel" ] || { echo "run-qemu: no $kernel (make hypervisor)" >&2; exit 2; }
	[ -f "$dtb" ] || { echo "run-qemu: no $dtb (scripts/linux-boot.py)" >&2; exit 2; }
else
	[ -n "$image" ] || usage
	[ -f "$image" ] || { echo "run-qemu: no image $image (make image)" >&2; exit 2; }
fi

platform_mk=$top/platform/${PLATFORM:-qemu-virt-arm64}/platform.mk
get() { sed -n "s/^$1 *[:?]\?= *//p" "$platform_mk" | head -n1; }
. "$top/scripts/machine.sh"
# QEMU 10 (scripts/qemu.sh: the system's or the one make deps unpacked).
qemu=${QEMU:-$(get QEMU)}

if [ -n "$kernel" ]; then
	# QEMU's own boot code enters the image at EL2 (virtualization=on),
	# MMU off, x0 = the tree it was given.
	boot=(-kernel "$kernel" -dtb "$dtb")
else
	case ${FIRMWARE:-edk2} in
	edk2)
		# The firmware writes its variables: give it a private copy.
		# Opened on fd 3 and unlinked at once, so nothing is left
		# behind even if we are killed; QEMU reopens it through
		# /dev/fd/3.
		vars=$(mktemp "${TMPDIR:-/tmp}/tessera-vars.XXXXXX")
		cp "$(get QEMU_FIRMWARE_VARS)" "$vars"
		exec 3<>"$vars"
		rm -f "$vars"
		boot=(-drive "if=pflash,format=raw,readonly=on,file=$(get QEMU_FIRMWARE_CODE)"
			-drive "if=pflash,format=raw,file=/dev/fd/3")
		;;
	uboot)
		# U-Boot in the board's boot ROM, started at EL2
		# (virtualization=on). Its environment would live in the second
		# flash bank, which stays blank: U-Boot says "bad CRC, using
		# default environment", and its default one boots
		# \EFI\BOOT\BOOTAA64.EFI from the virtio disk (distro boot)
		# after a 2 s bootdelay (docs/boot.md).
		uboot=$(get QEMU_FIRMWARE_UBOOT)
		[ -n "$uboot" ] || {
			echo "run-qemu: ${PLATFORM:-qemu-virt-arm64} has no U-Boot (QEMU_FIRMWARE_UBOOT)" >&2
			exit 2
		}
		[ -f "$uboot" ] || { echo "run-qemu: no $uboot (make deps)" >&2; exit 2; }
		boot=(-bios "$uboot")
		;;
	*)
		echo "run-qemu: FIRMWARE is edk2 or uboot, not $FIRMWARE" >&2
		exit 2
		;;
	esac
	boot+=(-drive "if=none,id=esp,format=raw,file=$image"
		-device virtio-blk-pci,drive=esp)
fi

# -no-reboot: a reset request (PSCI SYSTEM_RESET, the shell's "reset")
# ends QEMU instead of booting again. -nic none: no network boot tries.
# The exit device (the platform's QEMU_EXIT_DEVICE: on arm64 pvpanic-pci
# in the last slot, kept by the hypervisor; on x86 the ISA pvpanic): a
# refused boot or a hypervisor panic ends QEMU with status 1, a normal
# power-off (PSCI SYSTEM_OFF, ACPI S5) with 0.
# splash-time=0: the firmware's boot manager does not wait 5 s for a key
# before it boots the disk (its Timeout comes from QEMU's boot menu wait).
# thread=single: one TCG thread for all vCPUs. QEMU 10's multi-threaded
# TCG can race with a guest changing the memory map (a BAR's decoding
# toggled): seen as "iotlb_to_section: Assertion 'section_index <
# d->map.sections_nb' failed" and as a spurious external abort on the
# hypervisor's own console access (docs/testing.md). Tests are not slower.
cmd=("$top/scripts/qemu.sh" "$qemu" -M "$(qemu_machine)" -cpu "$(get QEMU_CPU)"
	-accel tcg,thread=single
	-smp "$smp" -m "$mem" -nographic -no-reboot -boot menu=on,splash-time=0
	-echr 0x14	# QEMU's escape key is Ctrl-t: Ctrl-a belongs to Tessera
	"${boot[@]}"
	-action panic=exit-failure -nic none)
# A board with no exit device (QEMU_EXIT_DEVICE empty) ends by PSCI
# SYSTEM_OFF alone; a board whose console is not QEMU's first serial
# port names its ports (QEMU_SERIALS, e.g. the i.MX 8M Plus EVK's UART2).
exit_device=$(get QEMU_EXIT_DEVICE)
[ -z "$exit_device" ] || cmd+=(-device "$exit_device")
read -r -a serials <<< "$(get QEMU_SERIALS)"
cmd+=(${serials[@]+"${serials[@]}"} ${extra[@]+"${extra[@]}"})
if [ -n "$limit" ]; then
	# --foreground: QEMU stays in the terminal's process group, so it can
	# still read the keyboard when run by hand.
	cmd=(timeout --foreground -k 5 "$limit" "${cmd[@]}")
fi

# QEMU puts the terminal in raw mode; put it back even if QEMU dies badly.
tty_state=
if [ -t 0 ]; then
	tty_state=$(stty -g)
	trap 'stty "$tty_state" 2>/dev/null || true' EXIT
fi

set +e
if [ -n "$log" ]; then
	"${cmd[@]}" 2>&1 | tee "$log"
	status=${PIPESTATUS[0]}
else
	"${cmd[@]}"
	status=$?
fi
set -e
[ "$status" != 124 ] || [ -z "$limit" ] ||
	echo "run-qemu: timed out after $limit s, QEMU stopped" >&2
exit "$status"
