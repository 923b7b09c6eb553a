#!/usr/bin/env bash
# Boot a Tessera disk image on QEMU's virt board under AAVMF (UEFI).
#   scripts/run-qemu.sh --image IMG [--smp N] [--mem MiB] [--log FILE] [-- extra qemu args]
# Exits with QEMU's exit status (0 when the hypervisor powers off).
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
image= smp=2 mem=1024 log=
extra=()
while [ $# -gt 0 ]; do
	case "$1" in
	--image) image=$2; shift 2 ;;
	--smp) smp=$2; shift 2 ;;
	--mem) mem=$2; shift 2 ;;
	--log) log=$2; shift 2 ;;
	--) shift; extra=("$@"); break ;;
	*) echo "run-qemu: unknown argument $1" >&2; exit 2 ;;
	esac
done
[ -f "$image" ] || { echo "run-qemu: no image $image (make image)" >&2; exit 2; }

platform_mk=$top/platform/${PLATFORM:-qemu-virt-arm64}/platform.mk
get() { sed -n "s/^$1 := //p" "$platform_mk"; }
vars=$(mktemp /tmp/tessera-vars.XXXXXX)
trap 'rm -f "$vars"' EXIT
cp "$(get QEMU_FIRMWARE_VARS)" "$vars"

cmd=(qemu-system-aarch64 -M "$(get QEMU_MACHINE)" -cpu "$(get QEMU_CPU)"
	-smp "$smp" -m "$mem" -nographic -no-reboot
	-drive "if=pflash,format=raw,readonly=on,file=$(get QEMU_FIRMWARE_CODE)"
	-drive "if=pflash,format=raw,file=$vars"
	-drive "if=none,id=esp,format=raw,file=$image"
	-device virtio-blk-pci,drive=esp
	-nic none ${extra[@]+"${extra[@]}"})
if [ -n "$log" ]; then
	"${cmd[@]}" 2>&1 | tee "$log"
	exit "${PIPESTATUS[0]}"
fi
exec "${cmd[@]}"
