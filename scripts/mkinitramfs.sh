#!/usr/bin/env bash
# Build the Linux guests' initramfs: Debian's static busybox (arm64) and
# test/linux/init, as a gzip'd newc cpio.
#   scripts/mkinitramfs.sh BUSYBOX INIT OUT
set -euo pipefail
[ $# -eq 3 ] || { echo "usage: $0 BUSYBOX INIT OUT" >&2; exit 2; }
busybox=$1 init=$2 out=$3
[ -x "$busybox" ] || { echo "mkinitramfs: no busybox at $busybox (make deps)" >&2; exit 1; }
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root"/{bin,dev,proc,sys,tmp}
cp "$busybox" "$root/bin/busybox"
install -m 755 "$init" "$root/init"
mkdir -p "$(dirname "$out")"
# Fixed owner and timestamps: the same inputs give the same archive.
(cd "$root" && find . -print0 | LC_ALL=C sort -z |
	cpio --null -o -H newc --owner=0:0 --reproducible 2>/dev/null) | gzip -9n > "$out.tmp"
mv "$out.tmp" "$out"
