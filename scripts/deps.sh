#!/usr/bin/env bash
# Installs what the build and the tests need, on Debian, idempotently.
#   scripts/deps.sh          install what is missing
#   scripts/deps.sh --check  exit 0 if nothing is missing, 1 otherwise
# Host packages come from apt-get by name (libclang-rt-14-dev, only a
# recommendation of clang, has libFuzzer and the sanitizer runtimes).
# Packages that exist only for arm64 (gnu-efi) are fetched with
# `apt-get download` and unpacked into build/deps/arm64; the machine's
# dpkg architecture is never changed.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
deps=${DEPS_DIR:-$top/build/deps}
arm64_root=$deps/arm64

host_pkgs=(
	make gcc libc6-dev gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu
	qemu-system-arm qemu-efi-aarch64 device-tree-compiler
	mtools dosfstools fdisk cpio python3 time
	libcmocka-dev pkg-config clang lld libclang-rt-14-dev
)
# linux-image-arm64 is a metapackage: the kernel package it names is
# what gets unpacked (its /boot/vmlinuz-* is the guest kernel). Xen is
# only for make bench, which compares Tessera with it.
arm64_pkgs=(gnu-efi busybox-static linux-image-arm64 xen-hypervisor-4.17-arm64)

missing_host() {
	local p
	for p in "${host_pkgs[@]}"; do
		dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null |
			grep -q "install ok installed" || echo "$p"
	done
}

arm64_stamp() { echo "$arm64_root/.stamp-$1"; }

missing_arm64() {
	local p
	for p in "${arm64_pkgs[@]}"; do
		[ -f "$(arm64_stamp "$p")" ] || echo "$p"
	done
}

# apt state of our own for arm64 lookups, so the system's lists stay as
# they are and no foreign architecture is added to dpkg.
apt_arm64() {
	local tool=apt-get state=$deps/apt-arm64
	[ "$1" = depends ] && tool=apt-cache
	mkdir -p "$state/lists/partial" "$state/cache/archives/partial"
	"$tool" -q -o APT::Architecture=arm64 -o APT::Architectures=arm64 \
		-o Dir::State::Lists="$state/lists" \
		-o Dir::Cache="$state/cache" \
		-o Dir::State::Status=/dev/null -o APT::Sandbox::User=root "$@"
}

install_arm64() {
	local p dl
	apt_arm64 update >/dev/null
	dl=$(mktemp -d); chmod 755 "$dl"
	for p in "$@"; do
		local real=$p
		if [ "$p" = linux-image-arm64 ]; then
			real=$(apt_arm64 depends linux-image-arm64 2>/dev/null |
				sed -n 's/^ *Depends: \(linux-image-[0-9][^ ]*\).*/\1/p' | head -n 1)
			[ -n "$real" ] || { echo "deps: cannot resolve linux-image-arm64" >&2; exit 1; }
		fi
		(cd "$dl" && apt_arm64 download "$real" >/dev/null)
		dpkg -x "$dl"/"${real}"_*_arm64.deb "$arm64_root"
		touch "$(arm64_stamp "$p")"
		echo "deps: unpacked arm64 $real into ${arm64_root#$top/}"
	done
	rm -rf "$dl"
}

if [ "${1:-}" = "--check" ]; then
	[ -z "$(missing_host)" ] && [ -z "$(missing_arm64)" ]
	exit
fi

need=$(missing_host)
if [ -n "$need" ]; then
	sudo=; [ "$(id -u)" = 0 ] || sudo=sudo
	echo "deps: installing" $need
	$sudo apt-get update -q
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q $need
fi
need=$(missing_arm64)
[ -z "$need" ] || install_arm64 $need
echo "deps: all present"
