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

# ---- ACPI boards (x86): what make inspect reads from the firmware ----
acpi=/sys/firmware/acpi/tables

# Fields of ACPI table $1 as decimal numbers, by the awk program $2
# (bytes b[0..n-1]; u(off, bytes) reads a little-endian field).
acpi_fields() {
	od -An -tu1 -v "$acpi/$1" | awk '
		{ for (i = 1; i <= NF; i++) b[n++] = $i }
		function u(off, bytes,   v, k) {
			for (k = bytes - 1; k >= 0; k--) v = v * 256 + b[off + k]
			return v
		}
		END { if (n < 36) exit 1; len = u(4, 4); if (len > n) len = n; '"$2"' }'
}

# The first MCFG window of segment 0: base, bus start, bus end.
acpi_ecam() {
	acpi_fields MCFG 'for (o = 44; o + 16 <= len; o += 16)
		if (u(o + 8, 2) == 0) { print u(o, 8), b[o + 10], b[o + 11]; exit }'
}

# The MADT's enabled processors (local APIC and x2APIC entries): APIC IDs.
acpi_cpus() {
	acpi_fields APIC 'for (o = 44; o + 2 <= len && b[o + 1] >= 2 && o + b[o + 1] <= len; o += b[o + 1]) {
		if (b[o] == 0 && b[o + 1] >= 8 && u(o + 4, 4) % 2) print b[o + 3]
		else if (b[o] == 9 && b[o + 1] >= 16 && u(o + 8, 4) % 2) print u(o + 4, 4)
	}'
}

# The IVRS's IOMMU (its last IVHD type of 0x10, 0x11, 0x40): base, its
# own requester id, segment, the hull of the requester ids its device
# entries name (first, last; -1 -1 if none) and the IOAPIC's (-1 if
# none), as the hypervisor reads them (kernel/arch/x86_64/acpi.c).
acpi_iommu() {
	acpi_fields IVRS 'for (o = 48; o + 24 <= len; o += l) {
		l = u(o + 2, 2)
		if (l < 24 || l > len - o) break
		if ((b[o] == 16 || b[o] == 17 || b[o] == 64) && (best == "" || b[o] > b[best])) best = o
	}
	if (best == "") exit
	end = best + u(best + 2, 2); first = 65535; last = 0; io = -1
	for (o = best + (b[best] == 16 ? 24 : 40); o + 4 <= end; o += t >= 64 ? 8 : 4) {
		t = b[o]; id = u(o + 1, 2)
		if (t >= 128 || (t >= 64 && o + 8 > end)) break
		if (t == 1) { first = 0; last = 65535 }
		else if (t == 2 || t == 3 || t == 4 || t == 66 || t == 67 || t == 70 || t == 71) {
			if (id < first) first = id
			if (id > last) last = id
		} else if (t == 72 && b[o + 7] == 1 && io < 0) io = u(o + 5, 2)
	}
	if (first > last) first = last = -1
	print u(best + 8, 8), u(best + 4, 2), u(best + 16, 2), first, last, io'
}

# Cells of one 64-bit value: "0xHI 0xLO", LO as %08x if there is a $2.
cells() {
	if [ -n "${2-}" ]; then printf '0x%x 0x%08x' $(($1 >> 32)) $(($1 & 0xffffffff))
	else printf '0x%x 0x%x' $(($1 >> 32)) $(($1 & 0xffffffff)); fi
}

# One <base size> of a memory node's reg, after a separator from the
# second on ($3: how many went before).
ram_entry() {
	[ "$3" = 0 ] || printf ',\n\t\t\t'
	printf '<%s %s>' "$(cells "$1" 8)" "$(cells "$2" 8)"
}

# RAM of the memory map the firmware gave Linux, neighbours joined.
print_ram() {
	printf '\tmemory@0 {\n\t\tdevice_type = "memory";\n\t\treg = '
	for d in /sys/firmware/memmap/*; do
		[ "$(cat "$d/type")" = "System RAM" ] || continue
		echo "$(($(cat "$d/start"))) $(($(cat "$d/end")))"
	done | sort -n | {
		n=0 base= end=
		while read -r s e; do
			if [ -n "$base" ] && [ "$s" = "$end" ]; then end=$((e + 1)); continue; fi
			[ -z "$base" ] || { ram_entry "$base" $((end - base)) $n; n=$((n + 1)); }
			base=$s end=$((e + 1))
		done
		[ -z "$base" ] || ram_entry "$base" $((end - base)) $n
	}
	printf ';\n\t};\n'
}

print_cpus() {
	printf '\tcpus {\n\t\t#address-cells = <1>;\n\t\t#size-cells = <0>;\n'
	for id in $(acpi_cpus); do
		printf '\t\tcpu@%x {\n\t\t\tdevice_type = "cpu";\n' "$id"
		printf '\t\t\treg = <0x%x>;\t/* APIC ID */\n\t\t};\n' "$id"
	done
	printf '\t};\n'
}

# The IVRS's AMD-Vi on segment 0, if there is one; sets iommu_map (the
# host bridge's iommu-map cells, empty if it translates no ids).
print_iommu() {
	iommu_map=
	set -- $([ -r "$acpi/IVRS" ] && acpi_iommu)
	[ $# = 6 ] && [ "$3" = 0 ] || return 0
	printf '\t/* the ACPI IVRS */\n\tamdvi: iommu@%x {\n\t\tcompatible = "tessera,amd-iommu";\n' "$1"
	printf '\t\treg = <%s 0x0 0x80000>;\n\t\t#iommu-cells = <1>;\n' "$(cells "$1" 8)"
	printf '\t\ttessera,pci-function = <0x%x>;\n' "$2"
	[ "$6" -lt 0 ] || printf '\t\ttessera,ioapic-device = <0x%x>;\n' "$6"
	printf '\t};\n'
	[ "$4" -lt 0 ] || iommu_map=$(printf '0x%x &amdvi 0x%x 0x%x' "$4" "$4" $(($5 - $4 + 1)))
}

# The root bridge's windows as Linux took them from its _CRS: its
# memory ones (PCI Bus lines of /proc/iomem), then its I/O ones joined.
print_windows() {
	root=$(printf 'PCI Bus 0000:%02x' "$1")
	{
		sed -n "s/^\([0-9a-f]*\)-\([0-9a-f]*\) : $root\$/mem \1 \2/p" /proc/iomem
		sed -n "s/^\([0-9a-f]*\)-\([0-9a-f]*\) : $root\$/io \1 \2/p" /proc/ioports |
			awk 'NR == 1 { lo = $2 } { hi = $3 } END { if (NR) print "io", lo, hi }'
	} | {
		k=0
		while read -r kind s e; do
			s=$((0x$s)) e=$((0x$e))
			if [ "$kind" = io ]; then hi=0x01000000
			elif [ "$e" -lt $((1 << 32)) ]; then hi=0x02000000
			else hi=0x03000000; fi
			[ $k = 0 ] && printf '\t\tranges = ' || printf ',\n\t\t\t'
			printf '<%s %s %s %s>' "$hi" "$(cells "$s")" "$(cells "$s")" "$(cells $((e - s + 1)))"
			k=$((k + 1))
		done
		[ $k = 0 ] || printf ';\n'
	}
}

# The host bridge of the MCFG's first window of segment 0, its bus range
# that of Linux's root bus (from its log; the MCFG's if the log has lost
# it); sets bridge, the node's name.
print_host_bridge() {
	set -- $(acpi_ecam)
	[ $# = 3 ] || { echo "inspect-linux: no MCFG window of segment 0" >&2; exit 1; }
	ecam=$1 bus_min=$2 bus_max=$3
	set -- $(dmesg 2>/dev/null | sed -n 's/.*pci_bus 0000:[0-9a-f]*: root bus resource \[bus \([0-9a-f]*\)-\([0-9a-f]*\)\].*/\1 \2/p' | head -n 1)
	if [ $# = 2 ]; then
		bus_min=$((0x$1))
		[ $((0x$2)) -gt "$bus_max" ] || bus_max=$((0x$2))
	fi
	base=$((ecam + (bus_min << 20))) size=$(((bus_max - bus_min + 1) << 20))
	bridge=$(printf 'pcie@%x' "$base")
	printf '\t/* the ACPI MCFG and the root bridge'"'"'s _CRS */\n\t%s {\n' "$bridge"
	printf '\t\tcompatible = "pci-host-ecam-generic";\n\t\tdevice_type = "pci";\n'
	printf '\t\t#address-cells = <3>;\n\t\t#size-cells = <2>;\n\t\tlinux,pci-domain = <0>;\n'
	printf '\t\treg = <%s %s>;\n\t\tbus-range = <0x%x 0x%x>;\n' "$(cells "$base" 8)" \
		"$(cells "$size" 8)" "$bus_min" "$bus_max"
	print_windows "$bus_min"
	[ -z "$iommu_map" ] || printf '\t\tiommu-map = <%s>;\n' "$iommu_map"
	printf '\t};\n'
}

# RAM, CPUs, the IOMMU and the host bridge, as make inspect prints them
# (kernel/arch/x86_64/inspect.c, pci_root.c), from what the firmware
# gave Linux: its memory map, the MADT, the IVRS, the MCFG and the root
# bridge's _CRS (docs/planner.md, "x86 boards").
print_acpi_board() {
	printf '/* this board as its firmware told Linux: the memory map, the ACPI MADT, IVRS, MCFG and the root bridge'"'"'s windows */\n/ {\n'
	print_ram
	print_cpus
	print_iommu
	print_host_bridge
	printf '};\n'
}

bridge=${1-}
first=$(ls "$sys" 2>/dev/null | head -n 1)
if [ -z "$bridge" ] && [ -n "$first" ] && [ ! -e "$sys/$first/../of_node" ] &&
   [ -r "$acpi/MCFG" ]; then
	print_acpi_board
fi
if [ -z "$bridge" ]; then
	first=$(ls "$sys" 2>/dev/null | head -n 1)
	[ -n "$first" ] || { echo "inspect-linux: no PCI functions under $sys" >&2; exit 1; }
	node=
	[ -e "$sys/$first/../of_node" ] && node=$(readlink -f "$sys/$first/../of_node")
	bridge=${node##*/}
	[ -n "$bridge" ] || bridge=pcie
fi

# Where the firmware left each BAR, as Linux first read it (the probe
# lines of its log), and whether Linux then moved it (an "assigned"
# line): "function BAR start end moved", addresses in hex. The board
# inventory is what the hypervisor will find after the same firmware.
fw_bars=$(dmesg 2>/dev/null | awk '
	function hexval(t,   v, q) {
		sub(/^0x/, "", t)
		for (q = 1; q <= length(t); q++) v = v * 16 + index("0123456789abcdef", substr(t, q, 1)) - 1
		return v
	}
	{
		for (k = 1; k < NF && !($k == "pci" && $(k + 1) ~ /^[0-9a-f:.]+:$/); k++) ;
		if (k >= NF) next
		f = substr($(k + 1), 1, length($(k + 1)) - 1); w = $(k + 2); x = $(k + 3)
		sub(/:$/, "", x)
		if (w == "ROM") bar = 6
		else if (w == "BAR" && x ~ /^[0-6]$/) bar = x
		else if (w == "reg" && (hexval(x) == 48 || hexval(x) == 56)) bar = 6
		else if (w == "reg" && hexval(x) >= 16 && hexval(x) <= 36) bar = int((hexval(x) - 16) / 4)
		else next
		for (j = k + 2; j < NF && substr($j, 1, 1) != "["; j++) ;
		if (substr($j, 1, 1) != "[" || split($(j + 1), r, "-") != 2) next
		sub(/[^0-9a-fx].*$/, "", r[2])
		key = f " " bar
		if ($0 ~ /assigned/) { if (key in start) moved[key] = 1 }
		else if (!(key in start)) { start[key] = r[1]; end[key] = r[2]; order[n++] = key }
	}
	END { for (m = 0; m < n; m++) print order[m], start[order[m]], end[order[m]], moved[order[m]] + 0 }')

# One BAR entry: resource line (start end flags) of BAR $2 of function $1.
bar_entry() {
	f=$1 i=$2 start=$3 end=$4 flags=$5 last=$6 indent=$7 moved=
	# Moved by Linux, or its ROM shadowed in RAM (IORESOURCE_ROM_SHADOW):
	# the firmware's place instead, if it gave one.
	fw=$(echo "$fw_bars" | awk -v f="$f" -v i="$i" '$1 == f && $2 == i { print $3, $4, $5; exit }')
	if [ -n "$fw" ]; then
		set -- $fw
		if { [ "$3" = 1 ] || { [ "$i" = 6 ] && [ $((flags & 2)) -ne 0 ]; }; } &&
		   [ $(($1)) -ne 0 ]; then
			moved=$(hex 8 "$start") start=$(($1)) end=$(($2))
		fi
	fi
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
	[ -z "$moved" ] || note="$note, the firmware's place (Linux moved it to $moved)"
	hi=$(( pf << 30 | space << 24 | bus << 16 | dev << 11 | fn << 8 | reg ))
	printf '%s<%s 0x%x %s 0x%x %s>%s\t/* %s */\n' "$indent" "$(hex 8 $hi)" $((start >> 32)) \
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
