#!/usr/bin/env bash
# Installs what the build and the tests need, on Debian, idempotently.
#   scripts/deps.sh          install what is missing
#   scripts/deps.sh --check  exit 0 if nothing is missing, else name it, exit 1
# Host packages come from apt-get by name (libclang-rt-14-dev, only a
# recommendation of clang, has libFuzzer and the sanitizer runtimes;
# u-boot-qemu, arch all, has U-Boot for QEMU's virt board: FIRMWARE=uboot).
# Packages for arm64 (gnu-efi, the guests' kernel and busybox) are
# fetched with `apt-get download` and unpacked into build/deps/arm64; the
# amd64 guests' kernel and busybox the same way into build/deps/amd64
# (unpacked, not installed: they are guest files). The machine's dpkg
# architecture is never changed. x86_64 builds with the machine's own
# gcc and gnu-efi, and boots with OVMF.
# The tests run on QEMU 10.0 or newer: the system's qemu-system-aarch64
# and qemu-system-x86_64 when they are that new, else QEMU from the
# release's backports (Debian 12: bookworm-backports), fetched with a
# private apt configuration (its own sources list naming the mirror the
# machine's sources use) and unpacked into build/deps/qemu;
# scripts/qemu.sh runs it. The machine's apt
# sources are left as they are.
# DEPS_DIR (default build/deps of the source tree) moves all of these.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
deps=${DEPS_DIR:-$top/build/deps}
export DEPS_DIR=$deps	# for scripts/qemu.sh
qemu_root=$deps/qemu

host_pkgs=(
	make gcc libc6-dev gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu
	qemu-system-arm qemu-efi-aarch64 device-tree-compiler
	mtools dosfstools fdisk cpio python3 time
	libcmocka-dev pkg-config clang lld libclang-rt-14-dev
	ovmf gnu-efi acpica-tools u-boot-qemu
)
# linux-image-arm64 is a metapackage: the kernel package it names is
# what gets unpacked (its /boot/vmlinuz-* is the guest kernel). Xen is
# only for make bench, which compares Tessera with it.
arm64_pkgs=(gnu-efi busybox-static linux-image-arm64 xen-hypervisor-4.17-arm64)
# For the x86_64 Linux guests (not used by any build step yet).
amd64_pkgs=(busybox-static linux-image-amd64)
# QEMU from backports, unpacked together: the emulator, its shared files,
# modules and ROMs; qemu-system-x86 and its BIOS come along (small).
qemu_pkgs=(qemu-system-arm qemu-system-common qemu-system-data qemu-system-gui
	qemu-block-extra qemu-system-modules-opengl qemu-system-modules-spice
	qemu-system-x86 seabios)

missing_host() {
	local p
	for p in "${host_pkgs[@]}"; do
		dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null |
			grep -q "install ok installed" || echo "$p"
	done
}

# Foreign-architecture packages, unpacked under DEPS_DIR/ARCH; a stamp
# per package says it is there.
pkg_stamp() { echo "$deps/$1/.stamp-$2"; }

# missing_pkgs ARCH PKG...: those not unpacked yet.
missing_pkgs() {
	local arch=$1 p
	shift
	for p in "$@"; do
		[ -f "$(pkg_stamp "$arch" "$p")" ] || echo "$p"
	done
}

# apt state of our own for ARCH's lookups, so the system's lists stay as
# they are and no foreign architecture is added to dpkg.
apt_arch() {
	local arch=$1 tool=apt-get state=$deps/apt-$1
	shift
	[ "$1" = depends ] && tool=apt-cache
	mkdir -p "$state/lists/partial" "$state/cache/archives/partial"
	"$tool" -q -o APT::Architecture="$arch" -o APT::Architectures="$arch" \
		-o Dir::State::Lists="$state/lists" \
		-o Dir::Cache="$state/cache" \
		-o Dir::State::Status=/dev/null -o APT::Sandbox::User=root "$@"
}

# install_pkgs ARCH PKG...: download and unpack into DEPS_DIR/ARCH.
install_pkgs() {
	local arch=$1 root=$deps/$1 p dl
	shift
	apt_arch "$arch" update >/dev/null
	dl=$(mktemp -d); chmod 755 "$dl"
	for p in "$@"; do
		local real=$p
		if [ "$p" = "linux-image-$arch" ]; then
			real=$(apt_arch "$arch" depends "$p" 2>/dev/null |
				sed -n 's/^ *Depends: \(linux-image-[0-9][^ ]*\).*/\1/p' | head -n 1)
			[ -n "$real" ] || { echo "deps: cannot resolve $p" >&2; exit 1; }
		fi
		(cd "$dl" && apt_arch "$arch" download "$real" >/dev/null)
		dpkg -x "$dl"/"${real}"_*_"$arch".deb "$root"
		touch "$(pkg_stamp "$arch" "$p")"
		echo "deps: unpacked $arch $real into ${root#$top/}"
	done
	rm -rf "$dl"
}

qemu_names=(qemu-system-aarch64 qemu-system-x86_64)
# The QEMU 10 that lacks (none when both run).
qemu_missing() {
	local q
	for q in "${qemu_names[@]}"; do
		"$top/scripts/qemu.sh" --version "$q" >/dev/null 2>&1 || echo "$q>=10.0"
	done
}
qemu_ok() { [ -z "$(qemu_missing)" ]; }

# The mirror the machine's apt sources use for the release's main
# component: prints "URI KEYRING" (KEYRING may be empty). Reads one-line
# (.list) and deb822 (.sources) files, in apt's order.
debian_mirror() {
	local sl sp f files=()
	eval "$(apt-config shell sl Dir::Etc::sourcelist/f sp Dir::Etc::sourceparts/d)"
	[ -f "$sl" ] && files+=("$sl")
	for f in "$sp"*; do
		case "$f" in *.list | *.sources) [ -f "$f" ] && files+=("$f") ;; esac
	done
	[ ${#files[@]} -gt 0 ] || return 0
	awk -v suite="$1" '
	function has(list, word,   n, i, w) {
		n = split(list, w, /[ \t]+/)
		for (i = 1; i <= n; i++) if (w[i] == word) return 1
		return 0
	}
	# One deb822 stanza, gathered in f[].
	function stanza(   u) {
		if (has(f["types"], "deb") && tolower(f["enabled"]) != "no" &&
		    has(f["suites"], suite) && has(f["components"], "main")) {
			split(f["uris"], u, /[ \t]+/)
			print u[1], (f["signed-by"] ~ /^\// ? f["signed-by"] : "")
			found = 1
			exit
		}
		split("", f)
	}
	FNR == 1 { stanza() }
	FILENAME ~ /\.sources$/ {
		if ($0 ~ /^[ \t]*$/) { stanza(); next }
		if ($0 ~ /^#/ || $0 ~ /^[ \t]/ || index($0, ":") == 0) next
		k = tolower(substr($0, 1, index($0, ":") - 1))
		v = substr($0, index($0, ":") + 1)
		gsub(/^[ \t]+|[ \t]+$/, "", v)
		f[k] = v
		next
	}
	# One-line format: deb [options] URI SUITE COMPONENT...
	{
		sub(/#.*/, "")
		if ($1 != "deb") next
		i = 2; key = ""
		if ($2 ~ /^\[/) {
			for (; i <= NF; i++) {
				if ($i ~ /^\[?signed-by=/) {
					key = $i
					sub(/^\[?signed-by=/, "", key)
					sub(/\]$/, "", key)
				}
				if ($i ~ /\]$/) { i++; break }
			}
		}
		if ($(i + 1) != suite) next
		for (j = i + 2; j <= NF; j++)
			if ($j == "main") { print $i, key; found = 1; exit }
	}
	END { if (!found) stanza() }' "${files[@]}"
}

# apt state of our own for the backports lookups: a sources list naming
# only RELEASE-backports on the machine's mirror, its own lists and cache.
apt_backports() {
	local state=$deps/apt-backports
	apt-get -q -o Dir::Etc::SourceList="$state/sources.list" \
		-o Dir::Etc::SourceParts="$state/parts" \
		-o Dir::State::Lists="$state/lists" \
		-o Dir::Cache="$state/cache" \
		-o Dir::State::Status=/dev/null -o APT::Sandbox::User=root "$@"
}

install_qemu() {
	local release mirror key state=$deps/apt-backports dl f m lost
	release=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
	[ -n "$release" ] || { echo "deps: no VERSION_CODENAME in /etc/os-release" >&2; exit 1; }
	read -r mirror key < <(debian_mirror "$release") || true
	[ -n "${mirror:-}" ] || {
		echo "deps: no Debian mirror for $release main in the apt sources" >&2
		exit 1
	}
	mkdir -p "$state/lists/partial" "$state/cache/archives/partial" "$state/parts"
	echo "deb ${key:+[signed-by=$key] }$mirror $release-backports main" >"$state/sources.list"
	echo "deps: the system's QEMU is older than 10.0: fetching QEMU from $release-backports"
	apt_backports update >/dev/null
	dl=$(mktemp -d); chmod 755 "$dl"
	(cd "$dl" && apt_backports download "${qemu_pkgs[@]}" >/dev/null)
	rm -rf "$qemu_root"
	for f in "$dl"/*.deb; do dpkg -x "$f" "$qemu_root"; done
	rm -rf "$dl"
	# A module whose libraries this machine lacks (audio-pipewire) would
	# only make QEMU print a load error on every start.
	for m in "$qemu_root"/usr/lib/*/qemu/*.so; do
		lost=$(ldd "$m" 2>/dev/null | sed -n 's/^[[:space:]]*\([^ ]*\) => not found.*/\1/p')
		[ -z "$lost" ] || {
			rm -f "$m"
			echo "deps: left out QEMU module ${m##*/} (needs" $lost")"
		}
	done
	touch "$qemu_root/.complete"
	qemu_ok || {
		for m in "${qemu_names[@]}"; do "$top/scripts/qemu.sh" --version "$m" >&2 || true; done
		echo "deps: the unpacked QEMU does not run" >&2
		exit 1
	}
	for m in "${qemu_names[@]}"; do
		echo "deps: unpacked $m: $("$top/scripts/qemu.sh" --version "$m")" \
			"into ${qemu_root#$top/}"
	done
}

if [ "${1:-}" = "--check" ]; then
	need="$(missing_host) $(missing_pkgs arm64 "${arm64_pkgs[@]}")"
	need+=" $(missing_pkgs amd64 "${amd64_pkgs[@]}" | sed 's/$/:amd64/') $(qemu_missing)"
	need=$(echo $need)
	[ -z "$need" ] || { echo "deps: missing: $need" >&2; exit 1; }
	exit 0
fi

need=$(missing_host)
if [ -n "$need" ]; then
	sudo=; [ "$(id -u)" = 0 ] || sudo=sudo
	echo "deps: installing" $need
	$sudo apt-get update -q
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q $need
fi
need=$(missing_pkgs arm64 "${arm64_pkgs[@]}")
[ -z "$need" ] || install_pkgs arm64 $need
need=$(missing_pkgs amd64 "${amd64_pkgs[@]}")
[ -z "$need" ] || install_pkgs amd64 $need
qemu_ok || install_qemu
echo "deps: all present"
