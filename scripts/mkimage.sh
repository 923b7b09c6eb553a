#!/usr/bin/env bash
# Build the bootable disk image: GPT with one FAT32 EFI system partition
# holding the loader, its config, the hypervisor, the boot device tree
# and every file the tree names with xen,uefi-binary. The same file is
# what a user writes to an SD card or USB stick (docs/boot.md). No root
# needed: mkfs.vfat -C, mtools, sfdisk on a plain file.
#
# scripts/mkimage.sh --partition dts/X.dts --out IMG --smp N --mem MiB \
#     --work DIR [--search DIR]... [--dtb prebuilt.dtb] [--allow-missing] [--build DIR]
#     [--config tessera|xen] [--esp-file SRC=PATH]... [--board BOARD.dts]
#
#   --dtb          use this file as boot.dtb as it is (tests feed damaged trees)
#   --search       where to look for xen,uefi-binary files
#                  (default: BUILD/guests, BUILD/dts/guests)
#   --allow-missing  leave out files that are not found, or whose names are
#                  not plain relative names, instead of failing (tests)
#   --config       the loader's config: tessera.cfg (default), or a Xen
#                  xen.cfg as Xen's docs/misc/efi.pandoc writes one for a
#                  true dom0less boot (options= and dtb= only)
#   --esp-file     also put SRC on the ESP at PATH (e.g. /outside.bin; tests)
#   --board        the board's tree instead of QEMU's as it is: a source that
#                  may /include/ "qemu-board.dtsi" (QEMU's tree without its
#                  /dts-v1/, so that /memreserve/ lines can come first)
#
# The platform (PLATFORM, default qemu-virt-arm64) says where the boot
# tree comes from (BOARD_TREE in its platform.mk): dumpdtb, QEMU's board
# tree with the partition on top (arm64 virt); partition, the partition
# source is the whole boot tree (x86 q35, which has no device tree).
set -euo pipefail
export PATH=$PATH:/usr/sbin:/sbin	# mkfs.vfat, sfdisk for non-root users

top=$(cd "$(dirname "$0")/.." && pwd)
partition= out= smp=2 mem=1024 work= dtb= allow_missing=0 build=build config=tessera
board= search=() esp_files=()
die() { echo "mkimage: error: $*" >&2; exit 1; }
need() { [ $# -ge 2 ] && [ -n "$2" ] || die "$1 needs a value"; }

while [ $# -gt 0 ]; do
	case "$1" in
	--partition) need "$@"; partition=$2; shift 2 ;;
	--out) need "$@"; out=$2; shift 2 ;;
	--smp) need "$@"; smp=$2; shift 2 ;;
	--mem) need "$@"; mem=$2; shift 2 ;;
	--work) need "$@"; work=$2; shift 2 ;;
	--search) need "$@"; search+=("$2"); shift 2 ;;
	--dtb) need "$@"; dtb=$2; shift 2 ;;
	--allow-missing) allow_missing=1; shift ;;
	--build) need "$@"; build=$2; shift 2 ;;
	--config) need "$@"; config=$2; shift 2 ;;
	--esp-file) need "$@"; esp_files+=("$2"); shift 2 ;;
	--board) need "$@"; board=$2; shift 2 ;;
	*) die "unknown argument $1" ;;
	esac
done
[ -n "$out" ] && [ -n "$work" ] || die "--out and --work are required"
[ -n "$partition" ] || [ -n "$dtb" ] || die "--partition or --dtb is required"
[ ${#search[@]} -gt 0 ] || search=("$build/guests" "$build/dts/guests")
case "$config" in tessera | xen) ;; *) die "--config is tessera or xen, not $config" ;; esac

# Board settings from the platform file (the Makefile's own source).
platform_mk=$top/platform/${PLATFORM:-qemu-virt-arm64}/platform.mk
get() { sed -n "s/^$1 *[:?]\?= *//p" "$platform_mk" | head -n1; }
qemu=${QEMU:-$(get QEMU)}	# run through scripts/qemu.sh: QEMU 10
# With TESSERA_MACHINE's options: the board tree is dumped with them.
. "$top/scripts/machine.sh"
machine=$(qemu_machine)
cpu=$(get QEMU_CPU)
boot_name=$(get EFI_BOOT_NAME)
board_tree=$(get BOARD_TREE)
case "$board_tree" in
dumpdtb) ;;
partition) [ -z "$board" ] || die "--board: ${PLATFORM:-} has no board tree to replace" ;;
*) die "$platform_mk: BOARD_TREE is dumpdtb or partition, not '$board_tree'" ;;
esac

for tool in dtc mkfs.vfat mmd mcopy sfdisk; do
	command -v "$tool" >/dev/null || die "$tool not found (make deps)"
done
loader=$build/boot/$boot_name
hyp=$build/tessera.bin
[ -f "$loader" ] || die "$loader is missing (make loader)"
[ -f "$hyp" ] || die "$hyp is missing (make hypervisor)"
mkdir -p "$work" "$(dirname "$out")"

if [ -n "$dtb" ]; then
	[ -f "$dtb" ] || die "$dtb not found"
	cp "$dtb" "$work/boot.dtb"
else
	[ -f "$partition" ] || die "$partition not found"
fi
if [ -z "$dtb" ] && [ "$board_tree" = partition ]; then
	dtc -q -I dts -O dtb -o "$work/boot.dtb" "$partition" || die "cannot compile $partition"
elif [ -z "$dtb" ]; then
	# The board's own tree for exactly this machine configuration, then
	# the partition on top of it (it does /include/ "board.dts").
	"$top/scripts/qemu.sh" "$qemu" -M "$machine,dumpdtb=$work/board.dtb" -cpu "$cpu" \
		-smp "$smp" -m "$mem" -display none </dev/null >"$work/qemu-dumpdtb.log" 2>&1 ||
		die "$qemu could not dump the board tree: $(tail -n1 "$work/qemu-dumpdtb.log")"
	dtc -q -I dtb -O dts -o "$work/board.dts" "$work/board.dtb"
	if [ -n "$board" ]; then
		sed '/^\/dts-v1\/;$/d' "$work/board.dts" >"$work/qemu-board.dtsi"
		dtc -q -I dts -O dtb -i "$work" -o "$work/board.dtb" "$board" ||
			die "cannot compile the board $board"
		dtc -q -I dtb -O dts -o "$work/board.dts" "$work/board.dtb"
	fi
	dtc -q -I dts -O dtb -i "$work" -o "$work/boot.dtb" "$partition" ||
		die "cannot compile $partition"
fi

# Files the tree asks the loader for (a damaged --dtb may list none).
mapfile -t modules < <(dtc -q -I dtb -O dts "$work/boot.dtb" 2>/dev/null |
	sed -n 's/^[[:space:]]*xen,uefi-binary = "\([^"]*\)";.*/\1/p' | sort -u)
names=() files=()
for m in ${modules[@]+"${modules[@]}"}; do
	case "$m" in
	tessera.bin | tessera.cfg | xen.cfg | boot.dtb | "$boot_name")
		die "xen,uefi-binary = \"$m\" clashes with a file the image needs" ;;
	/* | *..* | *\\*)
		[ "$allow_missing" = 1 ] ||
			die "xen,uefi-binary = \"$m\": use a plain relative name"
		echo "mkimage: leaving out $m (not a plain relative name, --allow-missing)" >&2
		continue ;;
	esac
	found=
	for d in "${search[@]}"; do
		[ -f "$d/$m" ] && { found=$d/$m; break; }
	done
	if [ -n "$found" ]; then
		names+=("$m")
		files+=("$found")
	elif [ "$allow_missing" = 0 ]; then
		die "$m (named by xen,uefi-binary) not found in: ${search[*]}"
	else
		echo "mkimage: leaving out $m (not found, --allow-missing)" >&2
	fi
done

rm -f "$work/tessera.cfg" "$work/xen.cfg"
if [ "$config" = xen ]; then
	# Xen's own file for a true dom0less boot (docs/misc/efi.pandoc):
	# no hypervisor= (Xen is the EFI binary), no kernel= (no dom0).
	cat > "$work/xen.cfg" <<CFG
[global]
default=xen

[xen]
options=
dtb=boot.dtb
CFG
else
	cat > "$work/tessera.cfg" <<CFG
# Tessera loader configuration (docs/boot.md)
[global]
default=tessera

[tessera]
hypervisor=tessera.bin
dtb=boot.dtb
options=
CFG
fi
# If the loader fails it returns to the firmware, whose fallback UEFI
# shell runs \startup.nsh after its countdown: power off instead of
# waiting at a prompt.
printf 'reset -s\r\n' > "$work/startup.nsh"

# FAT32 ESP sized for the files plus a margin, at least 64 MiB.
bytes=$(cat "$loader" "$hyp" "$work/boot.dtb" ${files[@]+"${files[@]}"} | wc -c)
esp_mib=$(( (bytes >> 20) + 16 ))
[ "$esp_mib" -ge 64 ] || esp_mib=64
esp=$work/esp.img
rm -f "$esp"
mkfs.vfat -F 32 -n TESSERA -C "$esp" $((esp_mib * 1024)) >/dev/null
export MTOOLS_SKIP_CHECK=1
mmd -i "$esp" ::/EFI ::/EFI/BOOT
mcopy -i "$esp" "$loader" "::/EFI/BOOT/$boot_name"
mcopy -i "$esp" "$work/$config.cfg" "$hyp" "$work/boot.dtb" ::/EFI/BOOT/
for i in ${names[@]+"${!names[@]}"}; do
	# A name with directories ("guests/a.bin") gets them on the ESP too.
	sub=$(dirname "${names[i]}") path=/EFI/BOOT
	if [ "$sub" != . ]; then
		IFS=/ read -ra parts <<<"$sub"
		for p in "${parts[@]}"; do
			path=$path/$p
			mmd -i "$esp" "::$path" 2>/dev/null || true
		done
	fi
	mcopy -i "$esp" "${files[i]}" "::/EFI/BOOT/${names[i]}"
done
for e in ${esp_files[@]+"${esp_files[@]}"}; do
	[ -f "${e%%=*}" ] || die "--esp-file ${e%%=*} not found"
	mcopy -i "$esp" "${e%%=*}" "::${e#*=}"
done
mcopy -i "$esp" "$work/startup.nsh" ::/startup.nsh

# GPT disk: 1 MiB in front, the ESP, 1 MiB behind for the backup GPT.
tmp_out=$out.tmp
rm -f "$tmp_out"
truncate -s $(( (esp_mib + 2) << 20 )) "$tmp_out"
sfdisk --quiet "$tmp_out" <<GPT
label: gpt
start=2048, size=$((esp_mib * 2048)), type=C12A7328-F81F-11D2-BA4B-00A0C93EC93B, name="EFI system"
GPT
dd if="$esp" of="$tmp_out" bs=1M seek=1 conv=notrunc status=none
mv "$tmp_out" "$out"
rm -f "$esp"
echo "mkimage: $out (${#names[@]} guest files, ESP $esp_mib MiB)"
