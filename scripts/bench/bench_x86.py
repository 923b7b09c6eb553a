#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""make bench ARCH=x86_64: Tessera on QEMU's q35 measured side by side
with Linux run by QEMU directly, in one run (docs/bench.md, "x86_64").

  scripts/bench/bench_x86.py --build build/x86_64 [--runs 5] [--only boot,trap,irq,footprint]

Writes BUILD/bench/report.md and report.json, and the logs of every run
under BUILD/bench/logs/. As bench.py: it reports, it never fails on a
number, only when a measurement could not be made at all.
"""
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench as common  # noqa: E402  (run_qemu, find_qemu, shell_cmd, log)

ROOT = common.ROOT
CPU = "max,+svm,+npt,+x2apic"	# platform/qemu-q35-x86_64/platform.mk
OVMF_CODE = "/usr/share/OVMF/OVMF_CODE_4M.fd"
OVMF_VARS = "/usr/share/OVMF/OVMF_VARS_4M.fd"
MEM = 1024
LINUX_ARGS = "console=ttyS0 tessera.test=boottime"
USERSPACE = re.compile(r"TESSERA userspace up")
TRAP_OPS = 4000
TRAP_OPS_NAMES = ("null", "pio", "msr", "mmio")
IMAGE_GOAL = 160 << 10
SECTIONS = ("boot", "trap", "irq", "nvme", "footprint")
# The nvme section: as bench.py's (the same /init), on the root bus (QEMU's
# AMD-Vi takes a requester id's bus when the device is made, so a device
# behind a bridge DMAs as bus 0: docs/x86.md).
NVME_MIB = 128
NVME_PASSES = 5
NVME_ARGS = ("console=ttyS0 quiet tessera.test=nvmebench tessera.bench_mib=%d "
             "tessera.bench_passes=%d" % (NVME_MIB, NVME_PASSES))
AMD_VI = ["-device", "amd-iommu,pt=off,intremap=on"]
# -icount: QEMU's TCG reads its virtual clock in the x2APIC timer's MSR
# helpers without marking the instruction as I/O, which -icount refuses
# ("Bad icount read") unless every instruction ends its block.
ICOUNT = ["-icount", "shift=0"]
ICOUNT_ACCEL = "tcg,thread=single,one-insn-per-tb=on"
# The irq section: the edu's MSI to the test guest's handler, as
# bench.py's section 7 (its MSI half), under Tessera behind AMD-Vi and
# directly on q35 (the guest's ELF by its PVH entry, SeaBIOS first).
IRQ_RAISES = 200
IRQ_EDU = ["-device", "edu,addr=5"]


def qemu_base(accel="tcg,thread=single", smp=1, mem=MEM):
    return common.QEMU_PREFIX + ["-M", "q35", "-cpu", CPU, "-accel", accel, "-smp", str(smp),
                                 "-m", str(mem), "-nographic", "-no-reboot", "-nic", "none"]


class Bench(common.Bench):
    """bench.py's runner (its folders, logs and results), with x86's
    guest kernel and OVMF."""

    def __init__(self, build, runs):
        super().__init__(build, runs)
        self.kernel = os.path.join(self.build, "guests", "linux.bzImage")
        self.initrd = os.path.join(self.build, "guests", "initramfs.cpio.gz")
        self.vars_n = 0

    def ovmf(self):
        """Firmware code (read-only) and a private copy of its variables."""
        self.vars_n += 1
        copy = os.path.join(self.work, "vars-%d.fd" % self.vars_n)
        shutil.copyfile(OVMF_VARS, copy)
        return ["-drive", "if=pflash,format=raw,readonly=on,file=" + OVMF_CODE,
                "-drive", "if=pflash,format=raw,file=" + copy]

    def image(self, partition, name, smp=1):
        """A disk image for partition (make image), kept as NAME.img."""
        cmd = ["make", "--no-print-directory", "ARCH=x86_64", "O=" + self.build, "image",
               "PARTITION=" + partition, "QEMU_SMP=%d" % smp, "QEMU_MEM=%d" % MEM]
        p = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        if p.returncode:
            raise common.BenchError("%s failed:\n%s" % (" ".join(cmd), p.stdout.decode()[-2000:]))
        img = os.path.join(self.work, name + ".img")
        shutil.copyfile(os.path.join(self.build, "tessera.img"), img)
        return img

    def tessera_cmd(self, img, accel="tcg,thread=single", extra=(), smp=1):
        # As scripts/run-qemu.sh: no 5 s wait for a key in the firmware.
        return (qemu_base(accel, smp) + self.ovmf() + ["-boot", "menu=on,splash-time=0",
                "-drive", "if=none,id=esp,format=raw,file=" + img,
                "-device", "virtio-blk-pci,drive=esp"] + list(extra))

    # ---- boot to the first userspace line ----

    def boot(self):
        img = self.image("dts/x86/bench-linux.dts", "tessera-linux")
        direct = ["-kernel", self.kernel, "-initrd", self.initrd, "-append", LINUX_ARGS]
        configs = {
            "native": lambda: qemu_base() + direct,
            "native-uefi": lambda: qemu_base() + self.ovmf() + direct,
            "tessera": lambda: self.tessera_cmd(img),
        }
        marks = {"userspace": USERSPACE, "loader": re.compile(r"^tessera-boot: ")}
        times = {k: [] for k in configs}
        loader = []
        # Interleaved, so that a slow spell of the machine hits all alike.
        for run in range(1, self.runs + 1):
            for name, make_cmd in configs.items():
                seen, _ = common.run_qemu(make_cmd(), self.path("boot-%s-%d.log" % (name, run)),
                                          USERSPACE, 300, marks)
                times[name].append(seen["userspace"])
                if name == "tessera":
                    loader.append(seen["userspace"] - seen["loader"])
                common.log("x86 boot %-11s run %d: %.2f s" % (name, run, seen["userspace"]))
        med = {k: statistics.median(v) for k, v in times.items()}
        res = {"runs": times, "median_s": med, "tessera_from_loader_runs": loader,
               "tessera_from_loader_median_s": statistics.median(loader)}
        res["ratio_tessera_to_native_uefi"] = med["tessera"] / med["native-uefi"]
        res["ratio_tessera_from_loader_to_native"] = (res["tessera_from_loader_median_s"] /
                                                      med["native"])
        self.results["boot"] = res
        self.results["commands"]["boot"] = {k: common.shell_cmd(v()) for k, v in configs.items()}

    # ---- exit costs under -icount ----

    def trap(self):
        img = self.image("dts/x86/bench-trap.dts", "tessera-trap")
        cmd = self.tessera_cmd(img, ICOUNT_ACCEL, ICOUNT)
        _, lines = common.run_qemu(cmd, self.path("trap-tessera.log"),
                                   re.compile(r"\[domU1\] (PASS|FAIL) bench"), 600)
        figures = common.bench_figures(re.compile(r"BENCH (\w+) (.*)$"), lines)
        if "empty" not in figures or any(op not in figures for op in TRAP_OPS_NAMES):
            raise common.BenchError("x86 trap: no BENCH lines (log: %s)" %
                                    self.path("trap-tessera.log"))
        empty = figures["empty"]["ticks"] / figures["empty"]["ops"]
        khz = figures["freq"]["khz"]
        ops = {}
        for op in TRAP_OPS_NAMES:
            f = figures[op]
            ticks = f["ticks"] / f["ops"] - empty
            # -icount shift=0: 1 ns of virtual time per instruction.
            ops[op] = {"ticks_per_op": ticks, "instructions_per_op": ticks * 1e6 / khz}
            common.log("x86 trap %s: %.0f instructions" % (op, ops[op]["instructions_per_op"]))
        for line in lines:
            m = re.search(r"hypervisor keeps (\d+) KiB of RAM", line)
            if m:
                self.results["ram_kept_kib"] = int(m.group(1))
        self.results["trap"] = {"tsc_khz": khz, "loop_ticks_per_op": empty, "ops": ops}
        self.results["commands"]["trap"] = common.shell_cmd(cmd)

    # ---- a device's MSI to the guest's handler, under -icount ----

    def irq(self):
        img = self.image("dts/x86/bench-irq.dts", "tessera-irq")
        elf = os.path.join(self.build, "guests", "testguest.elf")
        configs = {
            "tessera": (self.tessera_cmd(img, ICOUNT_ACCEL, ICOUNT + AMD_VI + IRQ_EDU),
                        re.compile(r"\[domU1\] (PASS|FAIL) irqbench|tessera: error:|"
                                   r"tessera: all guests stopped")),
            # No power-off to wait for: the guest's sleep register is
            # Tessera's, so QEMU is stopped at the PASS line.
            "native": (qemu_base(ICOUNT_ACCEL, mem=256) + ICOUNT + IRQ_EDU +
                       ["-kernel", elf, "-append", "test=irqbench n=%d" % IRQ_RAISES],
                       re.compile(r"(PASS|FAIL) irqbench")),
        }
        res = {}
        for name, (cmd, stop) in configs.items():
            log_path = self.path("irq-%s.log" % name)
            _, lines = common.run_qemu(cmd, log_path, stop, 600)
            figures = common.bench_figures(re.compile(r"BENCH irq-(msi|tsc) (.*)$"), lines)
            fail = [l.strip() for l in lines if "FAIL" in l or "tessera: error:" in l]
            if fail or "msi" not in figures or not figures.get("tsc", {}).get("khz"):
                raise common.BenchError("x86 irq %s: %s (log: %s)" %
                                        (name, fail[0] if fail else "no BENCH irq lines",
                                         common.shown(log_path)))
            f, khz = figures["msi"], figures["tsc"]["khz"]
            r = {"tsc_khz": khz, "raw": f, "n": f["n"], "vector": f["vector"],
                 "entry_ticks": f["entry_sum"] / f["n"], "round_ticks": f["round_sum"] / f["n"]}
            # -icount shift=0: the TSC is virtual ns, one per instruction.
            for k in ("entry", "round"):
                r[k + "_instructions"] = r[k + "_ticks"] * 1e6 / khz
            res[name] = r
            common.log("x86 irq %s: %.0f instructions to the handler, %.0f round trip "
                       "(TSC %d kHz)" % (name, r["entry_instructions"],
                                         r["round_instructions"], khz))
        # From the ticks: both TSCs are QEMU's virtual clock, whatever
        # each guest measured its rate as.
        t, n = res["tessera"], res["native"]
        res["ratio"] = {"entry": t["entry_ticks"] / n["entry_ticks"],
                        "round": t["round_ticks"] / n["round_ticks"]}
        common.log("x86 irq Tessera / directly: entry %.1f, round trip %.1f" %
                   (res["ratio"]["entry"], res["ratio"]["round"]))
        self.results["irq"] = res
        self.results["commands"]["irq"] = {k: common.shell_cmd(v[0]) for k, v in configs.items()}

    # ---- nvme sequential read behind AMD-Vi ----

    def nvme(self):
        data = os.path.join(self.work, "nvme-data.img")
        with open(data, "wb") as f:
            for _ in range(NVME_MIB + 1):
                f.write(os.urandom(1 << 20))
        disk = ["-device", "nvme,serial=tessera0,drive=nv0,addr=0x11",
                "-drive", "if=none,id=nv0,format=raw,readonly=on,file=" + data]
        img = self.image("dts/x86/bench-nvme.dts", "tessera-nvme")
        direct = ["-kernel", self.kernel, "-initrd", self.initrd]
        configs = {
            "tessera-amdvi": lambda: self.tessera_cmd(img, extra=AMD_VI + disk),
            "native": lambda: qemu_base(mem=256) + disk + direct +
                              ["-append", NVME_ARGS],
            # Not beside it: Linux directly with this AMD-Vi stops on
            # QEMU's IOAPIC, which bypasses its remapping (docs/bench.md).
        }
        stop = re.compile(r"TESSERA nvmebench (done|FAIL)|tessera: error: .*powering off|"
                          r"tessera: all guests stopped")
        marks = {"done": re.compile(r"TESSERA nvmebench done")}
        res = {name: {"runs_mb_s": []} for name in configs}
        for run in range(1, min(self.runs, 3) + 1):
            for name, make_cmd in configs.items():
                log_path = self.path("nvme-%s-%d.log" % (name, run))
                seen, lines = common.run_qemu(make_cmd(), log_path, stop, 600, marks)
                passes = [m for m in (re.search(r"TESSERA nvmebench pass \d+ bytes=(\d+) "
                                                r"ns=(\d+)", l) for l in lines) if m]
                if "done" not in seen or not passes:
                    raise common.BenchError("x86 nvme %s: no result (log: %s)" %
                                            (name, common.shown(log_path)))
                res[name]["irq"] = common.nvme_irq_way(lines)
                mb_s = [int(m.group(1)) / 1e6 / (int(m.group(2)) / 1e9) for m in passes]
                res[name]["runs_mb_s"].extend(mb_s)
                common.log("x86 nvme %-13s run %d: %s MB/s (%s)" %
                           (name, run, " ".join("%.0f" % x for x in mb_s), res[name]["irq"]))
        for r in res.values():
            r["best_mb_s"] = max(r["runs_mb_s"])
            r["median_mb_s"] = statistics.median(r["runs_mb_s"])
        res["tessera-amdvi"]["median_ratio_to_native"] = (
            res["tessera-amdvi"]["median_mb_s"] / res["native"]["median_mb_s"])
        res["mib"] = NVME_MIB
        res["passes"] = NVME_PASSES
        self.results["nvme"] = res
        self.results["commands"]["nvme"] = {k: common.shell_cmd(v()) for k, v in configs.items()}

    def footprint(self):
        out = subprocess.run(["size", "-A", os.path.join(self.build, "tessera.elf")], check=True,
                             stdout=subprocess.PIPE).stdout.decode()
        sections = {m.group(1): int(m.group(2)) for m in
                    re.finditer(r"^(\.\S+)\s+(\d+)\s+\d+", out, re.M)}
        self.results["footprint"] = {
            "image_bytes": os.path.getsize(os.path.join(self.build, "tessera.bin")),
            "text_bytes": sum(v for k, v in sections.items()
                              if k.startswith((".text", ".rodata", ".head"))),
            "data_bytes": sum(v for k, v in sections.items() if k.startswith(".data")),
            "bss_bytes": sections.get(".bss", 0),
            "loader_bytes": os.path.getsize(os.path.join(self.build, "boot", "BOOTX64.EFI")),
        }


OP_WHAT = {
    "null": "VMMCALL 0 (the null hypercall)",
    "pio": "IN from the vUART's line status register (port 0x3fd)",
    "msr": "RDMSR of the x2APIC TPR (MSR 0x808)",
    "mmio": "32-bit read of the vIOAPIC's IOREGSEL (0xfec00000): nested page fault, "
            "instruction fetched and decoded",
}


def report_md(r, runs):
    out = ["# make bench ARCH=x86_64", "",
           "Host: %s, %s (`%s`), `-M q35 -cpu %s`. Figures, not tests." %
           (r["host"], r["qemu"], r["qemu_bin"], CPU), ""]
    b = r.get("boot")
    if b:
        m = b["median_s"]
        out += ["## Boot to the guest's first userspace line (median of %d runs, wall clock)" %
                runs, "",
                "Debian's amd64 kernel and the same busybox initramfs, 1 vCPU, 256 MiB for the "
                "guest, `-smp 1 -m %d`; the line is /init's `TESSERA userspace up`." % MEM, "",
                "| configuration | seconds |", "|---|---|",
                "| Linux directly (`-kernel`, no firmware) | %.2f |" % m["native"],
                "| Linux directly under OVMF (`-kernel`) | %.2f |" % m["native-uefi"],
                "| Tessera under OVMF (loader, hypervisor, guest) | %.2f |" % m["tessera"],
                "| Tessera from its loader's first line | %.2f |" %
                b["tessera_from_loader_median_s"], "",
                "Ratios: Tessera / Linux under OVMF **%.2f**; Tessera from its loader / Linux "
                "without firmware **%.2f**." % (b["ratio_tessera_to_native_uefi"],
                                                  b["ratio_tessera_from_loader_to_native"]), ""]
    t = r.get("trap")
    if t:
        out += ["## Exit costs under `-icount shift=0` (instructions per operation)", "",
                "The test guest (test=bench, test/guests/x86/bench.c) does each %d times "
                "between two TSC reads; under -icount the TSC ticks once per instruction "
                "(its measured rate: %d kHz), guest and hypervisor alike, so the figures repeat "
                "from run to run. The loop's own %.0f instructions per turn are taken off." %
                (TRAP_OPS, t["tsc_khz"], t["loop_ticks_per_op"]), "",
                "| exit | instructions |", "|---|---|"]
        out += ["| %s | %.0f |" % (OP_WHAT[op], t["ops"][op]["instructions_per_op"])
                for op in TRAP_OPS_NAMES]
        out += ["", "QEMU runs this boot with `one-insn-per-tb=on`: its TCG reads the virtual "
                "clock in the x2APIC timer's MSR helpers without marking the instruction as I/O, "
                "which -icount otherwise stops with \"Bad icount read\". It changes no count.", ""]
    q = r.get("irq")
    if q:
        t, d = q["tessera"], q["native"]
        out += ["## A device's MSI to the guest's handler under `-icount shift=0` "
                "(instructions, mean of %d raises)" % t["n"], "",
                "The test guest's `test=irqbench` (test/guests/x86/irqbench.c, the same "
                "program both ways) aims QEMU's edu's MSI (`-device edu,addr=5`) at its own "
                "APIC ID, vector 0x%x, and raises it by a write to the edu's raise register, "
                "after 16 to warm up, each time waiting for its handler, which counts only "
                "that vector with the edu's status bit. Under Tessera (dts/x86/bench-irq.dts, "
                "`-device amd-iommu,pt=off,intremap=on`) the message is remapped by AMD-Vi to "
                "a host vector, taken by the hypervisor and delivered to the guest's virtual "
                "x2APIC; directly (its ELF's PVH entry by `-kernel`, no IOMMU) it goes "
                "straight to QEMU's x2APIC. TSC before the raise write, first thing in the "
                "handler (entry) and when the waiting loop sees it done (round trip: the "
                "edu's acknowledge and EOI included). The TSC rate (Tessera's CPUID "
                "0x40000010; directly the ACPI PM timer): %d and %d kHz." %
                (t["vector"], t["tsc_khz"], d["tsc_khz"]), "",
                "| | entry | round trip |", "|---|---|---|",
                "| Tessera, AMD-Vi remapping, virtual x2APIC | %.0f | %.0f |" %
                (t["entry_instructions"], t["round_instructions"]),
                "| directly on q35, no hypervisor | %.0f | %.0f |" %
                (d["entry_instructions"], d["round_instructions"]),
                "| Tessera / directly | **%.1f** | **%.1f** |" %
                (q["ratio"]["entry"], q["ratio"]["round"]), ""]
    n = r.get("nvme")
    if n:
        t, d = n["tessera-amdvi"], n["native"]
        out += ["## nvme sequential read (MB/s by the guest's clock, median of its passes)", "",
                "One Linux guest (1 vCPU, 256 MiB, dts/x86/bench-nvme.dts) owns QEMU's nvme "
                "(on the root bus) behind `-device amd-iommu,pt=off,intremap=on`, not "
                "direct-mapped: its DMA walks its NPT, its MSI-X is remapped. %d passes of "
                "%d MiB with `dd iflag=direct` (test/linux/init, nvmebench). Wall-clock "
                "figures, not -icount: Linux under `one-insn-per-tb` (which x86 -icount "
                "needs, as the exit costs above say) would take many minutes per run." %
                (n["passes"], n["mib"]), "",
                "| configuration | MB/s | interrupts |", "|---|---|---|",
                "| Tessera, AMD-Vi translating through the guest's NPT | %.0f | %s |" %
                (t["median_mb_s"], t["irq"]),
                "| Linux directly (`-kernel`), no IOMMU | %.0f | %s |" % (d["median_mb_s"],
                                                                      d["irq"]), "",
                "Ratio: Tessera / Linux directly **%.2f** (goal: at least 0.95)." %
                t["median_ratio_to_native"], ""]
    f = r.get("footprint")
    if f:
        out += ["## Footprint", "",
                "| | bytes |", "|---|---|",
                "| tessera.bin (goal: under %d KiB) | %d (%.1f KiB) |" %
                (IMAGE_GOAL >> 10, f["image_bytes"], f["image_bytes"] / 1024),
                "| of it code and read-only data | %d |" % f["text_bytes"],
                "| data / bss (bss not in the image) | %d / %d |" % (f["data_bytes"],
                                                                   f["bss_bytes"]),
                "| BOOTX64.EFI, the loader | %d |" % f["loader_bytes"], ""]
        if r.get("ram_kept_kib"):
            out += ["RAM the hypervisor keeps with one guest running: %d KiB." %
                    r["ram_kept_kib"], ""]
    out += ["## Commands", ""]
    for sec, cmds in sorted(r["commands"].items()):
        items = cmds.items() if isinstance(cmds, dict) else [(sec, cmds)]
        for name, cmd in items:
            out += ["- %s %s: `%s`" % (sec, name, cmd)]
    out += ["", "Run in %.0f s." % r["wall_s"], ""]
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", default="build/x86_64")
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--only", default=",".join(SECTIONS))
    a = ap.parse_args()
    only = [s for s in a.only.split(",") if s]
    for s in only:
        if s not in SECTIONS:
            sys.exit("bench: unknown section %s (x86 sections: %s)" % (s, ", ".join(SECTIONS)))
    b = Bench(a.build, a.runs)
    b.results["host"] = "%d CPUs" % os.cpu_count()
    common.QEMU_NAME = os.environ.get("QEMU") or "qemu-system-x86_64"
    try:
        b.results["qemu"] = common.find_qemu()
        b.results["qemu_bin"] = common.shown(common.QEMU_PREFIX[0])
    except (common.BenchError, subprocess.CalledProcessError) as e:
        sys.exit("bench: no QEMU to run: %s" % e)
    common.log("x86 on %s (%s)" % (b.results["qemu"], common.QEMU_PREFIX[0]))
    t0 = time.monotonic()
    try:
        for s in SECTIONS:
            if s in only:
                getattr(b, s)()
    except (common.BenchError, subprocess.CalledProcessError) as e:
        sys.exit("bench: %s" % e)
    b.results["wall_s"] = time.monotonic() - t0
    with open(os.path.join(b.out, "report.json"), "w", encoding="utf-8") as f:
        json.dump(b.results, f, indent=1, sort_keys=True)
    with open(os.path.join(b.out, "report.md"), "w", encoding="utf-8") as f:
        f.write(report_md(b.results, a.runs))
    common.log("wrote %s (%.0f s)" % (os.path.join(b.out, "report.md"), b.results["wall_s"]))


if __name__ == "__main__":
    main()
