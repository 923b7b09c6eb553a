#!/usr/bin/env bash
# The QEMU the project runs: 10.0 or newer. The system's when it is new
# enough, else the build scripts/deps.sh unpacked from Debian's backports
# under DEPS_DIR/qemu (default build/deps/qemu of the source tree), which
# needs its own module folder and ROM data.
#   scripts/qemu.sh NAME ARGS...     run QEMU NAME (qemu-system-aarch64, ...)
#   scripts/qemu.sh --env NAME       print QEMU_BIN=, QEMU_MODULE_DIR= and
#                                    QEMU_DATA_DIRS= (colon-separated, each
#                                    one a -L) lines, for scripts/bench/bench.py
#   scripts/qemu.sh --version NAME   print its version line
# A NAME with a slash (QEMU=/path/to/qemu-system-aarch64) is run as it is.
# Exits 127 if there is no QEMU 10 for NAME ("make deps" fetches it).
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
deps=${DEPS_DIR:-$top/build/deps}
root=$deps/qemu
min_major=10

mode=run
case "${1:-}" in
--env | --version) mode=${1#--}; shift ;;
esac
[ $# -ge 1 ] || { echo "usage: $0 [--env|--version] NAME [ARGS...]" >&2; exit 2; }
name=$1
shift

# "QEMU emulator version 10.0.2 (Debian ...)" -> 10
major() {
	"$@" --version 2>/dev/null | sed -n '1s/.*version \([0-9][0-9]*\)\..*/\1/p'
}

bin= module_dir= data_dirs=() system=none
command -v "$name" >/dev/null && system=$(major "$name") && system=${system:-unknown}
if [ "${name#*/}" != "$name" ]; then
	bin=$name
elif [ "$system" -ge "$min_major" ] 2>/dev/null; then
	bin=$(command -v "$name")
elif [ -f "$root/.complete" ] && [ -x "$root/usr/bin/$name" ]; then
	bin=$root/usr/bin/$name
	# Without it QEMU finds the system's older modules and aborts ("Only
	# modules from the same build can be loaded").
	for d in "$root"/usr/lib/*/qemu; do [ -d "$d" ] && module_dir=$d; done
	# Its own ROMs and BIOS first; the system's folders stay behind them.
	for d in "$root/usr/share/qemu" "$root/usr/share/seabios"; do
		[ -d "$d" ] && data_dirs+=("$d")
	done
	m=$(QEMU_MODULE_DIR=$module_dir major "$bin") || true
	[ "${m:-0}" -ge "$min_major" ] || bin=
fi
if [ -z "$bin" ]; then
	case "$system" in none | unknown) ;; *) system=$system.x ;; esac
	echo "qemu: no $name $min_major.0 or newer (the system's: $system;" \
		"none unpacked in ${root#$top/}): run make deps" >&2
	exit 127
fi

largs=()
for d in ${data_dirs[@]+"${data_dirs[@]}"}; do largs+=(-L "$d"); done
[ -z "$module_dir" ] || export QEMU_MODULE_DIR=$module_dir

case "$mode" in
env)
	printf 'QEMU_BIN=%s\nQEMU_MODULE_DIR=%s\n' "$bin" "$module_dir"
	(IFS=:; printf 'QEMU_DATA_DIRS=%s\n' "${data_dirs[*]+${data_dirs[*]}}")
	;;
version)
	"$bin" --version | sed -n 1p
	;;
run)
	exec "$bin" ${largs[@]+"${largs[@]}"} "$@"
	;;
esac
