#!/usr/bin/env bash
# Build the Linux guests' initramfs: Debian's static busybox (arm64),
# test/linux/init, and with MODULES (the kernel's lib/modules/<version>)
# the drivers for the PCI devices the tests assign, as a gzip'd newc cpio.
#   scripts/mkinitramfs.sh BUSYBOX INIT OUT [MODULES]
set -euo pipefail
[ $# -eq 3 ] || [ $# -eq 4 ] || { echo "usage: $0 BUSYBOX INIT OUT [MODULES]" >&2; exit 2; }
busybox=$1 init=$2 out=$3 moddir=${4-}
# Debian builds these as modules; dependencies first (ptp, pps_core,
# virtio and virtio-pci's legacy support are built in: CONFIG_*=y in
# boot/config-*); igbvf (an igb's SR-IOV VF) needs nothing else.
# ? marks what some kernels build in (arm64's virtio core) and others not.
# crct10dif_common backs crc-t10dif, needed by t10-pi.
# Then virtio-pci (modern and legacy) with virtio-net and virtio-blk,
# and EHCI with usb-storage and the SCSI disk driver (pci-vdev.case);
# last, vfat with the code page and character set it loads by default
# (CONFIG_FAT_DEFAULT_*), for the file round-trip on an nvme partition.
modules=(
	kernel/crypto/crct10dif_common.ko
	kernel/lib/crc-t10dif.ko
	kernel/lib/crc64.ko
	kernel/lib/crc64-rocksoft.ko
	kernel/block/t10-pi.ko
	kernel/drivers/nvme/host/nvme-core.ko
	kernel/drivers/nvme/host/nvme.ko
	kernel/drivers/net/ethernet/intel/e1000e/e1000e.ko
	kernel/drivers/net/ethernet/intel/igbvf/igbvf.ko
	?kernel/drivers/virtio/virtio_ring.ko
	?kernel/drivers/virtio/virtio.ko
	kernel/drivers/virtio/virtio_pci_legacy_dev.ko
	kernel/drivers/virtio/virtio_pci_modern_dev.ko
	kernel/drivers/virtio/virtio_pci.ko
	kernel/net/core/failover.ko
	kernel/drivers/net/net_failover.ko
	kernel/drivers/net/virtio_net.ko
	kernel/drivers/block/virtio_blk.ko
	kernel/drivers/usb/common/usb-common.ko
	kernel/drivers/usb/core/usbcore.ko
	kernel/drivers/usb/host/ehci-hcd.ko
	kernel/drivers/usb/host/ehci-pci.ko
	kernel/drivers/scsi/scsi_common.ko
	kernel/drivers/scsi/scsi_mod.ko
	kernel/drivers/scsi/sd_mod.ko
	kernel/drivers/usb/storage/usb-storage.ko
	kernel/fs/nls/nls_cp437.ko
	kernel/fs/nls/nls_ascii.ko
	kernel/fs/fat/fat.ko
	kernel/fs/fat/vfat.ko
)
[ -x "$busybox" ] || { echo "mkinitramfs: no busybox at $busybox (make deps)" >&2; exit 1; }
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root"/{bin,dev,proc,sys,tmp}
cp "$busybox" "$root/bin/busybox"
install -m 755 "$init" "$root/init"
# The board inspector, so a guest can describe the PCI bus it sees.
install -m 755 "$(dirname "$0")/inspect-linux.sh" "$root/bin/inspect-linux"
if [ -n "$moddir" ]; then
	mkdir -p "$root/lib/modules"
	for m in "${modules[@]}"; do
		# ?: built into some kernels (arm64's virtio core), a module in others.
		case "$m" in \?*) m=${m#?}; [ -f "$moddir/$m" ] || continue ;; esac
		[ -f "$moddir/$m" ] || { echo "mkinitramfs: no $moddir/$m" >&2; exit 1; }
		cp "$moddir/$m" "$root/lib/modules/"
		basename "$m" >> "$root/lib/modules/load-order"
	done
fi
mkdir -p "$(dirname "$out")"
# Fixed owner and timestamps: the same inputs give the same archive.
(cd "$root" && find . -print0 | LC_ALL=C sort -z |
	cpio --null -o -H newc --owner=0:0 --reproducible 2>/dev/null) | gzip -9n > "$out.tmp"
mv "$out.tmp" "$out"
