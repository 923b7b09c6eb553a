#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""A synthetic board and partition for the planner's scale benchmark.

    scripts/plan-synthetic.py FUNCS GUESTS OUTDIR

writes OUTDIR/board.dts (64 CPUs, 64 GiB of RAM, PSCI, a PL011 console, an ECAM host bridge
with FUNCS endpoints, 32 per bus, each with two 64-bit memory BARs and
no INTx pin, as MSI-era devices) and OUTDIR/partition.dts (GUESTS
guests, one CPU and 64 MiB each, every eighth function spread over
them, at most eight each). Same arguments, same files.
"""
import os
import sys


def board(funcs, out):
    w = out.write
    w("/dts-v1/;\n/ {\n\t#address-cells = <2>;\n\t#size-cells = <2>;\n")
    w("\tinterrupt-parent = <&gic>;\n")
    # What any board Tessera boots has (PLAN-4): PSCI and a console.
    w("\tchosen {\n\t\tstdout-path = \"/pl011@9000000\";\n\t};\n")
    w("\tpsci {\n\t\tcompatible = \"arm,psci-1.0\", \"arm,psci-0.2\";\n")
    w("\t\tmethod = \"hvc\";\n\t};\n")
    w("\tpl011@9000000 {\n\t\tcompatible = \"arm,pl011\", \"arm,primecell\";\n")
    w("\t\treg = <0x0 0x9000000 0x0 0x1000>;\n\t\tinterrupts = <0 1 4>;\n\t};\n")
    w("\tmemory@40000000 {\n\t\tdevice_type = \"memory\";\n")
    w("\t\treg = <0x0 0x40000000 0x10 0x0>;\n\t};\n")
    w("\tcpus {\n\t\t#address-cells = <1>;\n\t\t#size-cells = <0>;\n")
    for c in range(64):
        w("\t\tcpu@%x {\n\t\t\tdevice_type = \"cpu\";\n\t\t\treg = <0x%x>;\n\t\t};\n" % (c, c))
    w("\t};\n\tgic: interrupt-controller@8000000 {\n\t\tcompatible = \"arm,gic-v3\";\n")
    w("\t\t#interrupt-cells = <3>;\n\t\t#address-cells = <2>;\n\t\tinterrupt-controller;\n")
    w("\t\treg = <0x0 0x8000000 0x0 0x10000>, <0x0 0x80a0000 0x0 0xf60000>;\n\t};\n")
    w("\tpcie@10000000 {\n\t\tcompatible = \"pci-host-ecam-generic\";\n")
    w("\t\tdevice_type = \"pci\";\n\t\t#address-cells = <3>;\n\t\t#size-cells = <2>;\n")
    w("\t\t#interrupt-cells = <1>;\n\t\treg = <0x40 0x10000000 0x0 0x10000000>;\n")
    w("\t\tbus-range = <0x0 0xff>;\n")
    w("\t\tranges = <0x02000000 0x0 0x10000000 0x0 0x10000000 0x0 0x2eff0000>,\n")
    w("\t\t\t <0x03000000 0x80 0x0 0x80 0x0 0x80 0x0>;\n")
    w("\t\tinterrupt-map-mask = <0x1800 0 0 7>;\n\t\tinterrupt-map =")
    entries = []
    for slot in range(4):
        for pin in range(1, 5):
            entries.append("\n\t\t\t<0x%x 0 0 %d &gic 0 0 0 %d 4>" % (slot << 11, pin,
                                                                      3 + (slot + pin - 1) % 4))
    w(",".join(entries) + ";\n")
    for i in range(funcs):
        bus, dev = i // 32, i % 32
        hi = bus << 16 | dev << 11
        base = 0x8000000000 + i * 0x200000
        w("\t\tdev@%x,0 {\n" % dev if bus == 0 else "\t\tdev-%x@%x,0 {\n" % (bus, dev))
        w("\t\t\treg = <0x%08x 0 0 0 0>;\n" % hi)
        w("\t\t\tvendor-id = <0x1b36>;\n\t\t\tdevice-id = <0x0005>;\n")
        w("\t\t\tclass-code = <0x00ff00>;\n")
        w("\t\t\tassigned-addresses = <0x%08x 0x%x 0x%08x 0x0 0x100000>,\n" %
          (0x43000000 | hi | 0x10, base >> 32, base & 0xffffffff))
        w("\t\t\t\t<0x%08x 0x%x 0x%08x 0x0 0x10000>;\n\t\t};\n" %
          (0x43000000 | hi | 0x18, (base + 0x100000) >> 32, (base + 0x100000) & 0xffffffff))
    w("\t};\n};\n")


def partition(funcs, guests, out):
    w = out.write
    w("/dts-v1/;\n/ {\n\tchosen {\n")
    per = {g: [] for g in range(guests)}
    for i in range(0, funcs, 8):
        per[(i // 8) % guests].append(i)
    for g in range(guests):
        w("\t\tg%d {\n\t\t\tcompatible = \"xen,domain\";\n" % g)
        w("\t\t\tmemory = <0 0x10000>;\n\t\t\tcpus = <1>;\n")
        for k, i in enumerate(per[g][:8]):
            w("\t\t\tdev%d {\n\t\t\t\tcompatible = \"tessera,pci-device\";\n" % k)
            w("\t\t\t\ttessera,sbdf = \"0000:%02x:%02x.0\";\n\t\t\t};\n" % (i // 32, i % 32))
        w("\t\t\tkernel {\n\t\t\t\tcompatible = \"multiboot,kernel\", \"multiboot,module\";\n")
        w("\t\t\t\txen,uefi-binary = \"testguest.bin\";\n\t\t\t};\n\t\t};\n")
    w("\t};\n};\n")


def main():
    funcs, guests, outdir = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    os.makedirs(outdir, exist_ok=True)
    with open(os.path.join(outdir, "board.dts"), "w") as f:
        board(funcs, f)
    with open(os.path.join(outdir, "partition.dts"), "w") as f:
        partition(funcs, guests, f)


if __name__ == "__main__":
    main()
