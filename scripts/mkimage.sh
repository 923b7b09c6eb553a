#!/usr/bin/env bash
# Build the bootable disk image: GPT with one FAT32 EFI system partition
# holding the loader, its config, the hypervisor, the boot device tree
# and every file the tree names with xen,uefi-binary. The same file is
# what a user writes to an SD card or USB stick (docs/boot.md).
#
# scripts/mkimage.sh --partition dts/X.dts --out IMG --smp N --mem MiB \
#     --work DIR [--search DIR]... [--dtb prebuilt.dtb] [--allow-missing] [--build DIR]
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
partition= out= smp=2 mem=1024 work= dtb= allow_missing=0 build=$top/build
search=()
die() { echo "mkimage: error: $*" >&2; exit 1; }

while [ $# -gt 0 ]; do
	case "$1" in
	--partition) partition=$2; shift 2 ;;
	--out) out=$2; shift 2 ;;
	--smp) smp=$2; shift 2 ;;
	--mem) mem=$2; shift 2 ;;
	--work) work=$2; shift 2 ;;
	--search) search+=("$2"); shift 2 ;;
	--dtb) dtb=$2; shift 2 ;;
	--allow-missing) allow_missing=1; shift ;;
	--build) build=$2; shift 2 ;;
	*) die "unknown argument $1" ;;
	esac
done
[ -n "$out" ] && [ -n "$work" ] || die "--out and --work are required"
[ -n "$partition" ] || [ -n "$dtb" ] || die "--partition or --dtb is required"
[ ${#search[@]} -gt 0 ] || search=("$build/guests" "$build/dts/guests")
mkdir -p "$work" "$(dirname "$out")"

# Board settings (QEMU machine and CPU) from the platform file.
platform_mk=$top/platform/${PLATFORM:-qemu-virt-arm64}/platform.mk
machine=$(sed -n 's/^QEMU_MACHINE := //p' "$platform_mk")
cpu=$(sed -n 's/^QEMU_CPU := //p' "$platform_mk")
boot_name=$(sed -n 's/^EFI_BOOT_NAME := //p' "$platform_mk")

loader=$build/boot/$boot_name
hyp=$build/tessera.bin
[ -f "$loader" ] || die "$loader is missing (make loader)"
[ -f "$hyp" ] || die "$hyp is missing (make hypervisor)"

if [ -z "$dtb" ]; then
	# The board's own tree for exactly this machine configuration, then
	# the partition on top of it (the partition does /include/ "board.dts").
	qemu-system-aarch64 -M "$machine,dumpdtb=$work/board.dtb" -cpu "$cpu" \
		-smp "$smp" -m "$mem" -nographic >/dev/null
	dtc -q -I dtb -O dts -o "$work/board.dts" "$work/board.dtb"
	dtc -q -I dts -O dtb -i "$work" -o "$work/boot.dtb" "$partition" ||
		die "cannot compile $partition"
	dtb=$work/boot.dtb
fi

# Files the tree asks the loader for.
mapfile -t modules < <(dtc -q -I dtb -O dts "$dtb" 2>/dev/null |
	sed -n 's/.*xen,uefi-binary = "\([^"]*\)".*/\1/p' | sort -u)
files=()
for m in "${modules[@]}"; do
	found=
	for d in "${search[@]}"; do
		[ -f "$d/$m" ] && { found=$d/$m; break; }
	done
	if [ -n "$found" ]; then
		files+=("$found")
	elif [ "$allow_missing" = 0 ]; then
		die "$m (named by xen,uefi-binary) not found in: ${search[*]}"
	fi
done

cat > "$work/tessera.cfg" <<CFG
# Tessera loader configuration (docs/boot.md)
[global]
default=tessera

[tessera]
hypervisor=tessera.bin
dtb=boot.dtb
options=
CFG
# If the loader fails it returns to the firmware, whose fallback UEFI
# shell runs this after its countdown: power off rather than wait.
printf 'reset -s\r\n' > "$work/startup.nsh"

# FAT32 ESP sized for the files, at least 64 MiB.
bytes=$(cat "$loader" "$hyp" "$dtb" ${files[@]+"${files[@]}"} | wc -c)
esp_mib=$(( (bytes >> 20) + 16 ))
[ "$esp_mib" -ge 64 ] || esp_mib=64
esp=$work/esp.img
rm -f "$esp"
mkfs.vfat -F 32 -n TESSERA -C "$esp" $((esp_mib * 1024)) >/dev/null
mmd -i "$esp" ::/EFI ::/EFI/BOOT
mcopy -i "$esp" "$loader" "::/EFI/BOOT/$boot_name"
mcopy -i "$esp" "$work/tessera.cfg" "$hyp" ::/EFI/BOOT/
mcopy -i "$esp" "$dtb" ::/EFI/BOOT/boot.dtb
for f in ${files[@]+"${files[@]}"}; do
	mcopy -i "$esp" "$f" ::/EFI/BOOT/
done
mcopy -i "$esp" "$work/startup.nsh" ::/startup.nsh

# GPT disk: 1 MiB in front, the ESP, 1 MiB behind for the backup GPT.
rm -f "$out"
truncate -s $(( (esp_mib + 2) << 20 )) "$out"
sfdisk --quiet "$out" <<GPT
label: gpt
start=2048, size=$((esp_mib * 2048)), type=C12A7328-F81F-11D2-BA4B-00A0C93EC93B, name="EFI system"
GPT
dd if="$esp" of="$out" bs=1M seek=1 conv=notrunc status=none
rm -f "$esp"
echo "mkimage: $out (${#files[@]} guest files, ESP $esp_mib MiB)"
