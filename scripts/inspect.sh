#!/usr/bin/env bash
# make inspect: boot the hypervisor in discovery mode (dts/inspect.dts,
# or the platform's INSPECT_PARTITION) on QEMU with the given devices and
# write what the board's tree does not say (x86: RAM, CPUs, ECAM) and its
# PCI inventory, in the device-tree format the planner reads, to OUT.
# --linux DIR: the platform's Linux (DIR's kernel and initramfs, booted by
# the same firmware from the same disk) runs scripts/inspect-linux.sh
# instead, as a user does on a board; only where the firmware assigns the
# BARs and Linux keeps them (the platform's LINUX_INSPECT_ARGS).
#   scripts/inspect.sh --out OUT --build DIR [--smp N] [--mem MiB] [--linux DIR]
#       [-- qemu args]
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
out= build=build smp=2 mem=1024 linux=
extra=()
while [ $# -gt 0 ]; do
	case "$1" in
	--out) out=$2; shift 2 ;;
	--build) build=$2; shift 2 ;;
	--smp) smp=$2; shift 2 ;;
	--mem) mem=$2; shift 2 ;;
	--linux) linux=$2; shift 2 ;;
	--) shift; extra=("$@"); break ;;
	*) echo "inspect: unknown argument $1" >&2; exit 2 ;;
	esac
done
[ -n "$out" ] || { echo "usage: $0 --out OUT [--build DIR] [-- qemu args]" >&2; exit 2; }
platform_mk=$top/platform/${PLATFORM:-qemu-virt-arm64}/platform.mk
get() { sed -n "s/^$1 *[:?]\?= *//p" "$platform_mk" | head -n1; }
# The discovery tree: dts/inspect.dts on QEMU's tree, or the platform's own.
partition=$top/$(get INSPECT_PARTITION)
[ "$partition" != "$top/" ] || partition=$top/dts/inspect.dts
work=$build/inspect
if [ -n "$linux" ]; then
	args=$(get LINUX_INSPECT_ARGS)
	[ -n "$args" ] || { echo "inspect: --linux: ${PLATFORM:-qemu-virt-arm64}'s Linux assigns BARs of its own" >&2; exit 2; }
	extra+=(-kernel "$linux/$(get LINUX_IMAGE_NAME)" -initrd "$linux/initramfs.cpio.gz"
		-append "$args")
	work=$build/inspect-linux
fi
mkdir -p "$work"
"$top/scripts/mkimage.sh" --partition "$partition" --out "$work/inspect.img" \
	--smp "$smp" --mem "$mem" --work "$work/image" --build "$build" >/dev/null
# Input from /dev/null: nothing to type, and QEMU must not take the terminal.
"$top/scripts/run-qemu.sh" --image "$work/inspect.img" --smp "$smp" --mem "$mem" \
	--timeout 120 -- ${extra[@]+"${extra[@]}"} </dev/null >"$work/console.log" 2>&1 || {
	echo "inspect: the board did not boot to the end; see $work/console.log" >&2
	exit 1
}
tr -d '\r' <"$work/console.log" |
	sed -n '/^--- tessera inventory begin ---$/,/^--- tessera inventory end ---$/p' |
	sed '1d;$d' >"$out.tmp"
[ -s "$out.tmp" ] || { echo "inspect: no inventory in $work/console.log" >&2; exit 1; }
mv "$out.tmp" "$out"
