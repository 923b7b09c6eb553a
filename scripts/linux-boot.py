#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""The boot tree and QEMU arguments for the Linux boot protocol's entry
(docs/boot.md, "Booting without UEFI"): no firmware and no loader, QEMU's
-kernel starts the hypervisor at EL2 with x0 = the tree.

    scripts/linux-boot.py --partition dts/test/two-guests.dts --work DIR \\
        --build build --smp 2 --mem 1024 [--search DIR]... [--modules-at ADDR]
        [--board BOARD.dts]

Makes DIR/boot.dtb as mkimage.sh makes it (QEMU's board tree, dumped with
-M ...,dumpdtb=, with the partition on top; --board as there: a source
that may /include/ "qemu-board.dtsi"; or the partition alone on a board
without one), then does what the loader would: each file a node
names with xen,uefi-binary is placed in RAM, from --modules-at up (one
place per file, however many nodes name it), and the node's reg says
where. DIR/qemu-args gets, one per line, the -device loader,...,force-raw=on
arguments that put each file there; scripts/run-qemu.sh --kernel
BUILD/tessera.bin --dtb DIR/boot.dtb -- $(cat DIR/qemu-args) boots it.
"""

import argparse
import glob
import os
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ALIGN = 0x10000		# 64 KiB: any page size a guest image may assume


def die(msg):
    sys.stderr.write("linux-boot: error: %s\n" % msg)
    sys.exit(1)


def run(cmd, **kw):
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       stdin=subprocess.DEVNULL, **kw)
    if p.returncode:
        die("%s failed: %s" % (cmd[0], p.stdout.decode("utf-8", "replace").strip()[-300:]))
    return p.stdout.decode("utf-8", "replace")


def platform_get(name):
    path = os.path.join(ROOT, "platform", os.environ.get("PLATFORM", "qemu-virt-arm64"),
                        "platform.mk")
    with open(path, encoding="utf-8") as f:
        for line in f:
            key, sep, val = line.partition("=")
            if sep and key.rstrip(" :?") == name:
                return val.strip()
    die("%s has no %s" % (path, name))


def qemu_machine():
    """scripts/machine.sh's answer: the platform's -M with TESSERA_MACHINE."""
    env = dict(os.environ)
    script = 'get() { sed -n "s/^$1 *[:?]\\?= *//p" "$0" | head -n1; }; . "$1"; qemu_machine'
    mk = os.path.join(ROOT, "platform", env.get("PLATFORM", "qemu-virt-arm64"), "platform.mk")
    return run(["bash", "-c", script, mk, os.path.join(ROOT, "scripts", "machine.sh")],
               env=env).strip()


def debian_tree(name):
    """A board's tree as Debian's arm64 kernel ships it (make deps)."""
    deps = os.environ.get("DEPS_DIR") or os.path.join(ROOT, "build", "deps")
    found = sorted(glob.glob(os.path.join(deps, "arm64", "usr", "lib", "linux-image-*-arm64",
                                          name)))
    if not found:
        die("no %s from linux-image-arm64 under %s (make deps)" % (name, deps))
    return found[-1]


def board_tree(args, work):
    """boot.dtb without module addresses, as mkimage.sh compiles it."""
    boot = os.path.join(work, "boot-unplaced.dtb")
    if platform_get("BOARD_TREE") == "partition":
        if args.board:
            die("--board: this platform has no board tree to replace")
        run(["dtc", "-q", "-I", "dts", "-O", "dtb", "-o", boot, args.partition])
        return boot
    board = os.path.join(work, "board.dtb")
    kind = platform_get("BOARD_TREE")
    if kind.startswith("debian:"):
        shutil.copyfile(debian_tree(kind[len("debian:"):]), board)
    else:
        qemu = os.environ.get("QEMU") or platform_get("QEMU")
        run([os.path.join(ROOT, "scripts", "qemu.sh"), qemu, "-M",
             "%s,dumpdtb=%s" % (qemu_machine(), board), "-cpu", platform_get("QEMU_CPU"),
             "-smp", str(args.smp), "-m", str(args.mem), "-display", "none"])
    board_dts = os.path.join(work, "board.dts")
    run(["dtc", "-q", "-I", "dtb", "-O", "dts", "-o", board_dts, board])
    if args.board:
        with open(board_dts, encoding="utf-8") as f:
            text = f.read().replace("/dts-v1/;\n", "", 1)
        with open(os.path.join(work, "qemu-board.dtsi"), "w", encoding="utf-8") as f:
            f.write(text)
        run(["dtc", "-q", "-I", "dts", "-O", "dtb", "-i", work, "-o", board, args.board])
        run(["dtc", "-q", "-I", "dtb", "-O", "dts", "-o", board_dts, board])
    run(["dtc", "-q", "-i", work, "-I", "dts", "-O", "dtb", "-o", boot, args.partition])
    return boot


def nodes(dtb, path="/"):
    """Every node path under path, parents first."""
    out = [path]
    for sub in run(["fdtget", "-l", dtb, path]).split():
        out += nodes(dtb, path.rstrip("/") + "/" + sub)
    return out


def get(dtb, path, prop, default=None):
    p = subprocess.run(["fdtget", "-t", "s" if default is None else "u", dtb, path, prop],
                       stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    if p.returncode:
        return default
    return p.stdout.decode().strip()


def find(name, search):
    for d in search:
        path = os.path.join(d, name)
        if os.path.isfile(path):
            return path
    die("%s (named by xen,uefi-binary) not found in: %s" % (name, " ".join(search)))


def cells(value, n):
    return ["0x%x" % ((value >> (32 * i)) & 0xffffffff) for i in reversed(range(n))]


def place(dtb, args):
    """Give every module node a reg; returns [(file, address)]."""
    placed = {}
    at = args.modules_at
    for path in nodes(dtb, "/chosen") if "chosen" in run(["fdtget", "-l", dtb, "/"]).split() \
            else []:
        name = get(dtb, path, "xen,uefi-binary")
        if not name:
            continue
        src = find(name, args.search)
        if src not in placed:
            placed[src] = at
            at = (at + os.path.getsize(src) + ALIGN - 1) & ~(ALIGN - 1)
        parent = path.rsplit("/", 1)[0] or "/"
        ac = int(get(dtb, parent, "#address-cells", "2"))
        sc = int(get(dtb, parent, "#size-cells", "1"))
        reg = cells(placed[src], ac) + cells(os.path.getsize(src), sc)
        run(["fdtput", "-t", "x", dtb, path, "reg"] + reg)
        print("linux-boot: %s: %s at 0x%x size 0x%x" % (path, name, placed[src],
                                                        os.path.getsize(src)))
    return sorted(placed.items(), key=lambda kv: kv[1])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--partition", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--build", default="build")
    ap.add_argument("--smp", type=int, default=2)
    ap.add_argument("--mem", type=int, default=1024)
    ap.add_argument("--search", action="append", default=[])
    ap.add_argument("--board", help="the board's tree instead of QEMU's as it is")
    ap.add_argument("--modules-at", type=lambda s: int(s, 0), default=0x50000000,
                    help="where the first file goes (default 0x50000000: RAM base + "
                         "256 MiB, above where QEMU puts the image and its tree)")
    args = ap.parse_args()
    args.search = args.search or [os.path.join(args.build, "guests"),
                                  os.path.join(args.build, "dts", "guests")]
    os.makedirs(args.work, exist_ok=True)
    dtb = os.path.join(args.work, "boot.dtb")
    os.replace(board_tree(args, args.work), dtb)
    files = place(dtb, args)
    qargs = []
    for src, addr in files:
        qargs += ["-device", "loader,file=%s,addr=0x%x,force-raw=on" % (src, addr)]
    with open(os.path.join(args.work, "qemu-args"), "w", encoding="utf-8") as f:
        f.write("\n".join(qargs) + "\n")
    print("linux-boot: %s (%d files)" % (dtb, len(files)))


if __name__ == "__main__":
    main()
