#!/usr/bin/env bash
# make plan: describe the board, plan the partition, compile the result.
#   scripts/plan.sh --partition P.dts --out DIR [--build B] [--smp N] [--mem MiB]
#       [--inventory FILE] [--board BOARD.dts] [-- qemu args for the board's devices]
# 1. the board's tree from QEMU (-M ...,dumpdtb=), 2. its PCI inventory
# (make inspect, unless --inventory gives one), 3. scripts/plan (which
# writes the guest trees as blobs), 4. dtc on the boot tree. A platform
# with no tree of its own (BOARD_TREE = partition: x86 q35) has its
# BOARD_DTS instead of step 1, and make inspect adds its RAM and CPUs. DIR/boot.dtb
# and DIR/*.dtb are then what scripts/mkimage.sh --dtb/--search take.
# --board: the board's tree instead of QEMU's as it is, a source that may
# /include/ "qemu-board.dtsi" (QEMU's tree without its /dts-v1/, so that
# /memreserve/ lines can come first). The partition is compiled with the
# board's tree, so that it can name the board's nodes
# (cpupool-cpus = <&{/cpus/cpu@0}>).
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
part= out= build=build smp=2 mem=1024 inventory= board=
extra=()
while [ $# -gt 0 ]; do
	case "$1" in
	--partition) part=$2; shift 2 ;;
	--out) out=$2; shift 2 ;;
	--build) build=$2; shift 2 ;;
	--smp) smp=$2; shift 2 ;;
	--mem) mem=$2; shift 2 ;;
	--inventory) inventory=$2; shift 2 ;;
	--board) board=$2; shift 2 ;;
	--) shift; extra=("$@"); break ;;
	*) echo "plan: unknown argument $1" >&2; exit 2 ;;
	esac
done
[ -n "$part" ] && [ -n "$out" ] || { echo "usage: $0 --partition P.dts --out DIR" >&2; exit 2; }
platform_mk=$top/platform/${PLATFORM:-qemu-virt-arm64}/platform.mk
get() { sed -n "s/^$1 *[:?]\?= *//p" "$platform_mk" | head -n1; }
. "$top/scripts/machine.sh"

rm -rf "$out"
mkdir -p "$out/work"
inspect() {
	if [ -z "$inventory" ]; then
		inventory=$out/inventory.dts
		"$top/scripts/inspect.sh" --out "$inventory" --build "$build" --smp "$smp" \
			--mem "$mem" -- ${extra[@]+"${extra[@]}"}
	fi
}
if [ "$(get BOARD_TREE)" = partition ]; then
	# No tree of its own (x86 q35): the platform's board source with what
	# make inspect read from the firmware (RAM, CPUs), in the boot tree
	# too, which names the CPUs (cpupool-cpus).
	[ -z "$board" ] || { echo "plan: --board: ${PLATFORM:-} has no board tree to replace" >&2; exit 2; }
	inspect
	printf '/dts-v1/;\n/include/ "%s"\n/include/ "%s"\n' "$top/$(get BOARD_DTS)" \
		"$(realpath "$inventory")" >"$out/work/board-src.dts"
	dtc -q -I dts -O dtb -o "$out/work/board-full.dtb" "$out/work/board-src.dts"
	dtc -q -I dtb -O dts -o "$out/board.dts" "$out/work/board-full.dtb"
else
	"$top/scripts/qemu.sh" "${QEMU:-$(get QEMU)}" -M "$(qemu_machine),dumpdtb=$out/work/board.dtb" \
		-cpu "$(get QEMU_CPU)" -smp "$smp" -m "$mem" -display none </dev/null \
		>"$out/work/qemu-dumpdtb.log" 2>&1 || {
		echo "plan: QEMU could not dump the board tree: $(tail -n 1 "$out/work/qemu-dumpdtb.log")" >&2
		exit 1
	}
	dtc -q -I dtb -O dts -o "$out/board.dts" "$out/work/board.dtb"
	if [ -n "$board" ]; then
		sed '/^\/dts-v1\/;$/d' "$out/board.dts" >"$out/work/qemu-board.dtsi"
		dtc -q -I dts -O dtb -i "$out/work" -o "$out/work/board.dtb" "$board"
		dtc -q -I dtb -O dts -o "$out/board.dts" "$out/work/board.dtb"
	fi
	inspect
	printf '/dts-v1/;\n/include/ "board.dts"\n/include/ "%s"\n' "$(realpath "$inventory")" \
		>"$out/work/board-full.dts"
	dtc -q -I dts -O dtb -i "$out" -o "$out/work/board-full.dtb" "$out/work/board-full.dts"
fi
# The partition after the board's tree (its own /dts-v1/ dropped), so
# that references to the board's nodes resolve.
sed '/^[[:space:]]*\/dts-v1\/;/d' "$part" >"$out/work/partition-body.dtsi"
printf '/dts-v1/;\n/include/ "board.dts"\n/include/ "partition-body.dtsi"\n' \
	>"$out/work/partition-full.dts"
dtc -q -I dts -O dtb -i "$out" -i "$(dirname "$part")" -o "$out/work/partition.dtb" \
	"$out/work/partition-full.dts"
"$build/plan" --board "$out/work/board-full.dtb" --partition "$out/work/partition.dtb" \
	--out "$out" --search "$build/guests" --search "$build/dts/guests"
dtc -q -I dts -O dtb -i "$out" -o "$out/boot.dtb" "$out/boot.dts"
echo "plan: $out/report.txt"
