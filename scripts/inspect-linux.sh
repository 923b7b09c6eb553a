#!/bin/sh
# Print this machine's PCI inventory in the format of `make inspect`
# (vpci/pci_inventory.h): run as root under Linux on the target board,
# then give the output to the planner with the board's device tree.
#   scripts/inspect-linux.sh [HOST-BRIDGE-NODE-NAME] > inventory.dts
# Plain POSIX sh: it also runs under busybox.
set -eu
sys=/sys/bus/pci/devices

hex() { printf '0x%0*x' "$1" "$(($2))"; }
cfg() {	# config space: $3 bytes (1, 2, 4) at offset $2 of function $1, 0 if unreadable
	v=$(od -An -tu"$3" -j "$2" -N "$3" "$sys/$1/config" 2>/dev/null | tr -d ' \n')
	echo "${v:-0}"
}
cfg_byte() { cfg "$1" "$2" 1; }

# tessera,msix from the MSI-X capability (id 0x11), if the function has
# one: table and PBA as BAR, offset, bytes. Non-root reads of config
# space stop at 64 bytes: then there is no capability list to read.
msix_entry() {
	f=$1
	[ $(( $(cfg_byte "$f" 6) & 0x10 )) -ne 0 ] || return 0
	pos=$(( $(cfg_byte "$f" 52) & 0xfc )) steps=0
	while [ "$pos" -ge 64 ] && [ "$steps" -lt 48 ]; do
		if [ "$(cfg_byte "$f" "$pos")" = 17 ]; then
			n=$(( ($(cfg "$f" $((pos + 2)) 2) & 0x7ff) + 1 ))
			t=$(cfg "$f" $((pos + 4)) 4) p=$(cfg "$f" $((pos + 8)) 4)
			printf '%s\ttessera,msix = <%d 0x%x 0x%x %d 0x%x 0x%x>;\t/* table, PBA */\n' \
				"$2" $((t & 7)) $((t & 0xfffffff8)) $((n * 16)) $((p & 7)) \
				$((p & 0xfffffff8)) $(((n + 63) / 64 * 8))
			return 0
		fi
		pos=$(( $(cfg_byte "$f" $((pos + 1))) & 0xfc )) steps=$((steps + 1))
	done
}

# tessera,msi from the MSI capability (id 0x05): the Multiple Message
# Capable count, 64-bit addresses, per-vector masking.
msi_entry() {
	f=$1
	[ $(( $(cfg_byte "$f" 6) & 0x10 )) -ne 0 ] || return 0
	pos=$(( $(cfg_byte "$f" 52) & 0xfc )) steps=0
	while [ "$pos" -ge 64 ] && [ "$steps" -lt 48 ]; do
		if [ "$(cfg_byte "$f" "$pos")" = 5 ]; then
			fl=$(cfg "$f" $((pos + 2)) 2)
			mmc=$(( (fl >> 1) & 7 ))
			[ "$mmc" -gt 5 ] && mmc=5
			printf '%s\ttessera,msi = <%d %d %d>;\t/* vectors, 64-bit, per-vector mask */\n' \
				"$2" $((1 << mmc)) $(((fl >> 7) & 1)) $(((fl >> 8) & 1))
			return 0
		fi
		pos=$(( $(cfg_byte "$f" $((pos + 1))) & 0xfc )) steps=$((steps + 1))
	done
}

# tessera,sriov and tessera,sriov-vf-bars from the SR-IOV extended
# capability (id 0x10), when all of config space can be read. Linux has
# sized the VF BARs: resource lines 8-13 hold each for TotalVFs VFs.
sriov_entry() {
	f=$1
	[ "$(wc -c <"$sys/$f/config")" -ge 4096 ] || return 0
	pos=256 steps=0
	while [ "$pos" -ge 256 ] && [ "$steps" -lt 960 ]; do
		hdr=$(cfg "$f" "$pos" 4)
		[ "$hdr" != 0 ] && [ "$hdr" != 4294967295 ] || return 0
		if [ $((hdr & 0xffff)) = 16 ]; then
			total=$(cfg "$f" $((pos + 14)) 2)
			printf '%s\ttessera,sriov = <0x%x %d %d 0x%x 0x%x %s>;\t/* capability, TotalVFs, InitialVFs, VF offset, stride, VF device */\n' \
				"$2" "$pos" "$total" "$(cfg "$f" $((pos + 12)) 2)" \
				"$(cfg "$f" $((pos + 20)) 2)" "$(cfg "$f" $((pos + 22)) 2)" \
				"$(hex 4 "$(cfg "$f" $((pos + 26)) 2)")"
			[ "$total" -gt 0 ] || return 0
			vfb=$(awk 'NR >= 8 && NR <= 13 && $2 != "0x0000000000000000" && $2 != $1 { print NR - 8, $1, $2, $3 }' \
				"$sys/$f/resource")
			[ -n "$vfb" ] || return 0
			printf '%s\ttessera,sriov-vf-bars =\n' "$2"
			n=$(echo "$vfb" | wc -l) k=0
			echo "$vfb" | while read -r i start end flags; do
				k=$((k + 1)) sep=,; [ "$k" = "$n" ] && sep=';'
				size=$(( (end - start + 1) / total )) kind=mem32 sp=2 pf=0
				[ $((flags & 0x100000)) -ne 0 ] && kind=mem64 sp=3
				[ $((flags & 0x2000)) -ne 0 ] && pf=1
				note=$kind; [ "$pf" = 1 ] && note="$kind prefetchable"
				printf '%s\t\t<%d %s 0x%x %s>%s\t/* %s, per VF */\n' "$2" "$i" \
					"$(hex 8 $((pf << 30 | sp << 24)))" $((size >> 32)) \
					"$(hex 8 $((size & 0xffffffff)))" "$sep" "$note"
			done
			return 0
		fi
		pos=$(( (hdr >> 20) & 0xffc )) steps=$((steps + 1))
	done
}

bridge=${1-}
if [ -z "$bridge" ]; then
	first=$(ls "$sys" 2>/dev/null | head -n 1)
	[ -n "$first" ] || { echo "inspect-linux: no PCI functions under $sys" >&2; exit 1; }
	node=
	[ -e "$sys/$first/../of_node" ] && node=$(readlink -f "$sys/$first/../of_node")
	bridge=${node##*/}
	[ -n "$bridge" ] || bridge=pcie
fi

# One BAR entry: resource line (start end flags) of BAR $2 of function $1.
bar_entry() {
	f=$1 i=$2 start=$3 end=$4 flags=$5 last=$6
	bus=$(( 0x$(echo "$f" | cut -d: -f2) ))
	dev=$(( 0x$(echo "$f" | cut -d: -f3 | cut -d. -f1) ))
	fn=$(echo "$f" | cut -d. -f2)
	size=$(( end - start + 1 ))
	if [ $((flags & 0x100)) -ne 0 ]; then space=1 kind=io
	elif [ $((flags & 0x100000)) -ne 0 ]; then space=3 kind=mem64
	else space=2 kind=mem32; fi
	pf=0 note=$kind
	[ $((flags & 0x2000)) -ne 0 ] && pf=1 note="$kind prefetchable"
	if [ "$i" = 6 ]; then reg=$((0x30)); note=ROM; space=2; pf=0
	else reg=$((0x10 + 4 * i)); fi
	hi=$(( pf << 30 | space << 24 | bus << 16 | dev << 11 | fn << 8 | reg ))
	printf '%s<%s 0x%x %s 0x%x %s>%s\t/* %s */\n' "$7" "$(hex 8 $hi)" $((start >> 32)) \
		"$(hex 8 $((start & 0xffffffff)))" $((size >> 32)) \
		"$(hex 8 $((size & 0xffffffff)))" "$last" "$note"
}

# tessera,bridge-kind of a bridge with conventional PCI below it: a
# PCIe-to-PCI bridge (PCI Express capability, id 0x10, of type 7) or one
# with no PCI Express capability. Said only when the whole config space
# could be read (as root): otherwise the capabilities are not known.
bridge_kind() {
	f=$1
	[ "$(wc -c <"$sys/$f/config")" -ge 256 ] || return 0
	kind=pci-to-pci
	if [ $(( $(cfg_byte "$f" 6) & 0x10 )) -ne 0 ]; then
		pos=$(( $(cfg_byte "$f" 52) & 0xfc )) steps=0
		while [ "$pos" -ge 64 ] && [ "$steps" -lt 48 ]; do
			if [ "$(cfg_byte "$f" "$pos")" = 16 ]; then
				kind=pcie-port
				[ $(( ($(cfg "$f" $((pos + 2)) 2) >> 4) & 0xf )) = 7 ] &&
					kind=pcie-to-pci
				break
			fi
			pos=$(( $(cfg_byte "$f" $((pos + 1))) & 0xfc )) steps=$((steps + 1))
		done
	fi
	[ "$kind" = pcie-port ] || printf '%s\ttessera,bridge-kind = "%s";\n' "$2" "$kind"
}

print_bus() {	# bus number, indent
	for path in "$sys"/*; do
		f=${path##*/}
		[ $(( 0x$(echo "$f" | cut -d: -f2) )) -eq "$1" ] || continue
		dev=$(( 0x$(echo "$f" | cut -d: -f3 | cut -d. -f1) ))
		fn=$(echo "$f" | cut -d. -f2)
		htype=$(( $(cfg_byte "$f" 14) & 0x7f ))
		name=dev; [ "$htype" = 1 ] && name=pci
		printf '%s%s@%x,%x {\n' "$2" "$name" "$dev" "$fn"
		printf '%s\treg = <%s 0 0 0 0>;\n' "$2" "$(hex 8 $(( $1 << 16 | dev << 11 | fn << 8 )))"
		printf '%s\tvendor-id = <%s>;\n' "$2" "$(hex 4 "$(cat "$path/vendor")")"
		printf '%s\tdevice-id = <%s>;\n' "$2" "$(hex 4 "$(cat "$path/device")")"
		printf '%s\tclass-code = <%s>;\n' "$2" "$(hex 6 "$(cat "$path/class")")"
		pin=$(cfg_byte "$f" 61)
		[ -n "$pin" ] && [ "$pin" -ge 1 ] && [ "$pin" -le 4 ] &&
			printf '%s\tinterrupts = <%s>;\n' "$2" "$pin"
		# BARs 0-5 and the ROM (line 7 of resource) that have a size.
		bars=$(awk 'NR <= 7 && $2 != "0x0000000000000000" && $2 != $1 { print NR - 1, $1, $2, $3 }' \
			"$path/resource")
		if [ -n "$bars" ]; then
			printf '%s\tassigned-addresses =\n' "$2"
			n=$(echo "$bars" | wc -l) k=0
			echo "$bars" | while read -r i start end flags; do
				k=$((k + 1)); sep=,; [ "$k" = "$n" ] && sep=';'
				bar_entry "$f" "$i" $((start)) $((end)) $((flags)) "$sep" "$2		"
			done
		fi
		msix_entry "$f" "$2"
		msi_entry "$f" "$2"
		[ "$htype" = 1 ] || sriov_entry "$f" "$2"
		if [ "$htype" = 1 ]; then
			sec=$(cfg_byte "$f" 25) sub=$(cfg_byte "$f" 26)
			printf '%s\t#address-cells = <3>;\n%s\t#size-cells = <2>;\n' "$2" "$2"
			printf '%s\tbus-range = <0x%x 0x%x>;\n' "$2" "$sec" "$sub"
			bridge_kind "$f" "$2"
			[ "$sec" -gt "$1" ] && print_bus "$sec" "$2	"
		fi
		printf '%s};\n' "$2"
	done
}

n=$(ls "$sys" | wc -l)
printf '/* PCI inventory: %s functions */\n/ {\n\t%s {\n' "$n" "$bridge"
root=$(ls "$sys" | head -n 1 | cut -d: -f2)
print_bus $((0x$root)) '		'
printf '\t};\n};\n'
