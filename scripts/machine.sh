# SPDX-License-Identifier: GPL-2.0-only
# Sourced by scripts/mkimage.sh, plan.sh and run-qemu.sh (after their
# get()): the QEMU -M argument, the platform's QEMU_MACHINE with the
# caller's TESSERA_MACHINE (an integration case's machine: key). Its
# options are appended; a first element without '=' is a machine type
# that replaces the platform's (virt-9.1: the last virt type whose
# SMMUv3 takes -global arm-smmuv3.stage=; later ones force nested).
qemu_machine() {
	local m x type
	m=$(get QEMU_MACHINE)
	x=${TESSERA_MACHINE:-}
	if [ -z "$x" ]; then
		echo "$m"
		return
	fi
	type=${x%%,*}
	case $type in
	*=*) echo "$m,$x" ;;
	*)
		case $m in *,*) m=${m#*,} ;; *) m= ;; esac
		x=${x#"$type"}
		echo "$type${m:+,$m}$x" ;;
	esac
}
