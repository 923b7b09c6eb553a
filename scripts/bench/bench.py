#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""make bench: Tessera measured side by side with Linux on QEMU directly
and with Xen 4.17's dom0less, in one run (docs/bench.md).

  scripts/bench/bench.py --build build [--runs 5] [--only boot,trap,...]

Writes BUILD/bench/report.md and report.json, and the logs of every run
under BUILD/bench/logs/. It reports; it never fails on a number (the
machines are shared and noisy). It fails only if a measurement could not
be made at all.
"""
import argparse
import json
import os
import re
import select
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
MACHINE = "virt,virtualization=on,gic-version=3"
CPU = "cortex-a57"
SMP = 2
MEM = 1024
AAVMF_CODE = "/usr/share/AAVMF/AAVMF_CODE.fd"
AAVMF_VARS = "/usr/share/AAVMF/AAVMF_VARS.fd"
# What make deps unpacked: build/deps of the source tree, whatever --build.
DEPS_DIR = os.environ.get("DEPS_DIR") or os.path.join(ROOT, "build", "deps")
XEN = os.path.join(DEPS_DIR, "arm64", "boot", "xen-4.17-arm64")
XEN_EFI = os.path.join(DEPS_DIR, "arm64", "boot", "xen-4.17-arm64.efi")
LINUX_ARGS = "console=ttyAMA0 tessera.test=boottime"
USERSPACE = re.compile(r"TESSERA userspace up")
# Where the images go in RAM for Xen (QEMU's tree sits at 0x48000000
# without -initrd): kernel and ramdisk well above it.
XEN_KERNEL_ADDR = 0x50000000
XEN_RAMDISK_ADDR = 0x53000000
TRAP_OPS = 4000
SECTIONS = ("boot", "trap", "startup", "footprint", "planner", "bar", "nvme", "irq")
# QEMU's SMMUv3 with stage 2 only: virt-9.1, as from virt-9.2 on QEMU
# forces stage=nested whatever -global says (test/integration/README.md).
SMMU_MACHINE = "virt-9.1,virtualization=on,gic-version=3,iommu=smmuv3"
SMMU_TESSERA_MACHINE = "virt-9.1,iommu=smmuv3"	# scripts/machine.sh's form
SMMU_STAGE2 = ["-global", "arm-smmuv3.stage=2"]
SMMU_STAGE1 = ["-global", "arm-smmuv3.stage=1"]
# The nvme section: a sequential read of this many MiB of the namespace.
NVME_MIB = 128
NVME_PASSES = 5
NVME_MEM = 2048
NVME_ARGS = ("console=ttyAMA0 quiet tessera.test=nvmebench tessera.bench_mib=%d "
             "tessera.bench_passes=%d" % (NVME_MIB, NVME_PASSES))
# The irq section: raises of the edu's interrupt per way (as in
# dts/bench/tessera-irq.dts's bootargs).
IRQ_RAISES = 200
IRQ_EDU = ["-device", "edu,addr=5"]


class BenchError(Exception):
    pass


def nvme_irq_way(lines):
    """How the nvme of a nvmebench guest interrupted: "MSI", "INTx", or a
    description of what its /proc/interrupts lines (TESSERA nvmebench
    irq <name> <controller> <count>) show instead."""
    kinds = set()
    for l in lines:
        m = re.search(r"TESSERA nvmebench irq (\S+) (\S+) (\d+)", l)
        if m and m.group(1).startswith("nvme") and int(m.group(3)):
            kinds.add("MSI" if "MSI" in m.group(2) else
                      "INTx" if m.group(2).startswith("GIC") else m.group(2))
    if len(kinds) == 1:
        return kinds.pop()
    return " and ".join(sorted(kinds)) if kinds else "no counted interrupt"


def log(msg):
    print("bench: " + msg, flush=True)


# ---- running QEMU ----

def run_qemu(cmd, log_path, stop, timeout, marks=None):
    """Run cmd, reading its console. Returns (seconds at which each of
    marks {name: regex} was first seen, from the start, and the lines).
    QEMU is stopped when a line matches stop (Xen never powers off)."""
    marks = dict(marks or {})
    seen = {}
    lines = []
    start = time.monotonic()
    with open(log_path, "w", encoding="utf-8") as logf:
        logf.write("$ %s\n" % shell_cmd(cmd))
        p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, cwd=ROOT, start_new_session=True,
                             env=dict(os.environ, **QEMU_ENV))
        buf = b""
        try:
            while True:
                left = timeout - (time.monotonic() - start)
                if left <= 0:
                    raise BenchError("%s: no '%s' within %d s (log: %s)" %
                                     (os.path.basename(cmd[0]), stop.pattern, timeout, log_path))
                r, _, _ = select.select([p.stdout], [], [], min(left, 1.0))
                if not r:
                    continue
                chunk = os.read(p.stdout.fileno(), 65536)
                now = time.monotonic() - start
                if not chunk:
                    raise BenchError("QEMU ended before '%s' (log: %s)" % (stop.pattern, log_path))
                buf += chunk
                *done, buf = buf.split(b"\n")
                for raw in done:
                    line = raw.decode("utf-8", "replace").replace("\r", "")
                    lines.append(line)
                    logf.write("[%8.3f] %s\n" % (now, line))
                    for name, rx in marks.items():
                        if name not in seen and rx.search(line):
                            seen[name] = now
                    if stop.search(line):
                        return seen, lines
        finally:
            try:
                os.killpg(p.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            p.wait()


# QEMU 10, as scripts/qemu.sh picks it (the system's, or the one make deps
# unpacked): found once, then run directly, so that no shell start-up is
# timed. QEMU_PREFIX is its path and -L folders, QEMU_ENV what it needs set.
QEMU_NAME = os.environ.get("QEMU") or "qemu-system-aarch64"
QEMU_PREFIX = [QEMU_NAME]
QEMU_ENV = {}


def find_qemu():
    p = subprocess.run([os.path.join(ROOT, "scripts", "qemu.sh"), "--env", QEMU_NAME],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if p.returncode:
        raise BenchError(p.stderr.decode(errors="replace").strip())
    found = dict(line.partition("=")[::2] for line in p.stdout.decode().splitlines())
    QEMU_PREFIX[:] = [found["QEMU_BIN"]]
    for d in found.get("QEMU_DATA_DIRS", "").split(":"):
        if d:
            QEMU_PREFIX.extend(["-L", d])
    QEMU_ENV.clear()
    if found.get("QEMU_MODULE_DIR"):
        QEMU_ENV["QEMU_MODULE_DIR"] = found["QEMU_MODULE_DIR"]
    v = subprocess.run(QEMU_PREFIX + ["--version"], env=dict(os.environ, **QEMU_ENV),
                       stdout=subprocess.PIPE, check=True).stdout.decode()
    return v.split("\n")[0]


def bench_figures(pattern, lines):
    """{name: {key: int}} from the guest's BENCH lines: pattern's group 1
    names the figure set, group 2 holds its key=value pairs."""
    figures = {}
    for line in lines:
        m = pattern.search(line)
        if m:
            figures[m.group(1)] = {k: int(v) for k, v in
                                   re.findall(r"(\w+)=(\d+)", m.group(2))}
    return figures


def shell_cmd(cmd):
    """A command as the report shows it: runnable by hand, environment first."""
    env = ["%s=%s" % (k, shlex.quote(v)) for k, v in sorted(QEMU_ENV.items())
           if cmd[:1] == QEMU_PREFIX[:1]]
    return " ".join(env + [shlex.quote(c) for c in cmd])


def qemu_base(smp=SMP, machine=MACHINE, mem=MEM):
    return QEMU_PREFIX + ["-M", machine, "-cpu", CPU, "-smp", str(smp),
                          "-m", str(mem), "-nographic", "-no-reboot", "-nic", "none"]


def uefi_flash(work):
    """Firmware code (read-only) and a private copy of its variables."""
    uefi_flash.n += 1
    vars_copy = os.path.join(work, "vars-%d.fd" % uefi_flash.n)
    shutil.copyfile(AAVMF_VARS, vars_copy)
    return ["-drive", "if=pflash,format=raw,readonly=on,file=" + AAVMF_CODE,
            "-drive", "if=pflash,format=raw,file=" + vars_copy]


uefi_flash.n = 0


# ---- the configurations ----

class Bench:
    def __init__(self, build, runs):
        self.build = os.path.abspath(build)
        self.runs = runs
        self.out = os.path.join(self.build, "bench")
        self.logs = os.path.join(self.out, "logs")
        os.makedirs(self.logs, exist_ok=True)
        # Images, trees and firmware variables the runs used, kept so
        # that the commands in the report can be run again by hand.
        self.work = os.path.join(self.out, "work")
        shutil.rmtree(self.work, ignore_errors=True)
        os.makedirs(self.work)
        self.kernel = os.path.join(self.build, "guests", "linux.Image")
        self.initrd = os.path.join(self.build, "guests", "initramfs.cpio.gz")
        self.testguest = os.path.join(self.build, "guests", "testguest.bin")
        self.xen = XEN
        self.results = {"commands": {}}

    def path(self, name):
        return os.path.join(self.logs, name)

    def make(self, *args, machine=None):
        cmd = ["make", "--no-print-directory", "O=" + self.build] + list(args)
        env = dict(os.environ)
        env.pop("TESSERA_MACHINE", None)
        if machine:
            env["TESSERA_MACHINE"] = machine	# the board tree mkimage dumps
        p = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           env=env)
        if p.returncode:
            raise BenchError("%s failed:\n%s" % (" ".join(cmd), p.stdout.decode()[-2000:]))

    def tessera_image(self, partition, name, smp=SMP, mem=MEM, machine=None):
        """A disk image for partition, kept as NAME.img in the bench dir;
        machine: the -M options of scripts/machine.sh's TESSERA_MACHINE."""
        self.make("image", "PARTITION=" + partition, "QEMU_SMP=%d" % smp,
                  "QEMU_MEM=%d" % mem, machine=machine)
        img = os.path.join(self.work, name + ".img")
        shutil.copyfile(os.path.join(self.build, "tessera.img"), img)
        return img

    def tessera_cmd(self, img, extra=(), smp=SMP, machine=MACHINE, mem=MEM):
        # As scripts/run-qemu.sh: no 5 s wait for a key in the firmware.
        return (qemu_base(smp, machine, mem) + uefi_flash(self.work) +
                ["-boot", "menu=on,splash-time=0"] +
                ["-drive", "if=none,id=esp,format=raw,file=" + img,
                 "-device", "virtio-blk-pci,drive=esp"] + list(extra))

    def xen_dtb(self, name, kernel, bootargs, ramdisk=None, extra=(), smp=SMP):
        """QEMU's own tree with Xen's dom0less nodes added (docs/bench.md)."""
        raw = os.path.join(self.work, name + "-virt.dtb")
        subprocess.run(qemu_base(smp, MACHINE + ",dumpdtb=" + raw) + list(extra), check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       env=dict(os.environ, **QEMU_ENV))
        dts = subprocess.run(["dtc", "-q", "-I", "dtb", "-O", "dts", raw], check=True,
                             stdout=subprocess.PIPE).stdout.decode()
        ramdisk_node = ""
        if ramdisk:
            ramdisk_node = """
			module@%x {
				compatible = "multiboot,ramdisk", "multiboot,module";
				reg = <0x0 0x%x 0x0 0x%x>;
			};""" % (XEN_RAMDISK_ADDR, XEN_RAMDISK_ADDR, os.path.getsize(ramdisk))
        dts += """
/ {
	chosen {
		#address-cells = <2>;
		#size-cells = <2>;
		xen,xen-bootargs = "console=dtuart dtuart=/pl011@9000000 bootscrub=0";
		domU1 {
			compatible = "xen,domain";
			#address-cells = <2>;
			#size-cells = <2>;
			memory = <0x0 0x40000>;
			cpus = <1>;
			vpl011;
			module@%x {
				compatible = "multiboot,kernel", "multiboot,module";
				reg = <0x0 0x%x 0x0 0x%x>;
				bootargs = "%s";
			};%s
		};
	};
};
""" % (XEN_KERNEL_ADDR, XEN_KERNEL_ADDR, os.path.getsize(kernel), bootargs, ramdisk_node)
        src = os.path.join(self.work, name + "-xen.dts")
        dtb = os.path.join(self.work, name + "-xen.dtb")
        with open(src, "w", encoding="utf-8") as f:
            f.write(dts)
        subprocess.run(["dtc", "-q", "-I", "dts", "-O", "dtb", "-o", dtb, src], check=True)
        return dtb

    def xen_cmd(self, dtb, kernel, ramdisk=None, extra=(), smp=SMP):
        cmd = qemu_base(smp) + ["-kernel", self.xen, "-dtb", dtb, "-device",
                             "loader,file=%s,addr=0x%x,force-raw=on" % (kernel, XEN_KERNEL_ADDR)]
        if ramdisk:
            cmd += ["-device", "loader,file=%s,addr=0x%x,force-raw=on" %
                    (ramdisk, XEN_RAMDISK_ADDR)]
        return cmd + list(extra)

    # ---- 1. boot to the first userspace line ----

    def boot(self):
        img = self.tessera_image("dts/bench/tessera-linux.dts", "tessera-linux")
        img_smmu = self.tessera_image("dts/bench/tessera-linux.dts", "tessera-linux-smmu",
                                      machine=SMMU_TESSERA_MACHINE)
        xen_dtb = self.xen_dtb("linux", self.kernel, LINUX_ARGS, self.initrd)
        native_args = LINUX_ARGS + " nr_cpus=1"
        # Each run gets a fresh command: the firmware's variables are a
        # private copy per run.
        configs = {
            "native": lambda: qemu_base() + ["-kernel", self.kernel, "-initrd", self.initrd,
                                             "-append", native_args],
            "native-uefi": lambda: qemu_base() + uefi_flash(self.work) +
                                   ["-kernel", self.kernel, "-initrd", self.initrd,
                                    "-append", native_args],
            "tessera": lambda: self.tessera_cmd(img),
            "tessera-smmu": lambda: self.tessera_cmd(img_smmu, SMMU_STAGE2,
                                                     machine=SMMU_MACHINE),
            "xen": lambda: self.xen_cmd(xen_dtb, self.kernel, self.initrd),
        }
        marks = {"userspace": USERSPACE, "loader": re.compile(r"^tessera-boot: ")}
        times = {k: [] for k in configs}
        loader = []
        loader_smmu = []
        # Interleaved, so that a slow spell of the machine hits all alike.
        for run in range(1, self.runs + 1):
            for name, make_cmd in configs.items():
                seen, _ = run_qemu(make_cmd(), self.path("boot-%s-%d.log" % (name, run)),
                                   USERSPACE, 300, marks)
                times[name].append(seen["userspace"])
                if name == "tessera":
                    loader.append(seen["userspace"] - seen["loader"])
                if name == "tessera-smmu":
                    loader_smmu.append(seen["userspace"] - seen["loader"])
                log("boot %-11s run %d: %.2f s" % (name, run, seen["userspace"]))
        med = {k: statistics.median(v) for k, v in times.items()}
        res = {"runs": times, "median_s": med,
               "tessera_from_loader_median_s": statistics.median(loader),
               "tessera_from_loader_runs": loader,
               "tessera_smmu_from_loader_median_s": statistics.median(loader_smmu),
               "tessera_smmu_from_loader_runs": loader_smmu}
        res["ratio_tessera_smmu_to_tessera"] = med["tessera-smmu"] / med["tessera"]
        res["ratio_tessera_to_native_uefi"] = med["tessera"] / med["native-uefi"]
        res["ratio_tessera_to_xen"] = med["tessera"] / med["xen"]
        res["ratio_tessera_from_loader_to_xen"] = res["tessera_from_loader_median_s"] / med["xen"]
        res["ratio_tessera_from_loader_to_native"] = (res["tessera_from_loader_median_s"] /
                                                      med["native"])
        res["ratio_xen_to_native"] = med["xen"] / med["native"]
        self.results["boot"] = res
        self.results["commands"]["boot"] = {k: shell_cmd(v())
                                            for k, v in configs.items()}

    # ---- 2. trap costs, 4. start-up ----

    def trap(self):
        icount = ["-icount", "shift=0"]
        nic = ["-device", "e1000e,netdev=n0,mac=52:54:00:12:34:56,addr=2",
               "-netdev", "user,id=n0,restrict=on"]
        # One CPU: Xen 4.17 stops after setting up stage 2 when QEMU runs
        # two CPUs under -icount; the guest has one vCPU either way.
        img = self.tessera_image("dts/bench/tessera-trap.dts", "tessera-trap", 1)
        img_smmu = self.tessera_image("dts/bench/tessera-trap.dts", "tessera-trap-smmu", 1,
                                      machine=SMMU_TESSERA_MACHINE)
        args = "test=bench n=%d" % TRAP_OPS
        xen_dtb = self.xen_dtb("trap", self.testguest, args, None, icount, 1)
        bench_line = re.compile(r"BENCH (\w+) (.*)$")
        runs = {
            "tessera": (self.tessera_cmd(img, icount + nic, 1),
                        re.compile(r"\[domU1\] PASS bench")),
            "xen": (self.xen_cmd(xen_dtb, self.testguest, None, icount, 1),
                    re.compile(r"DOM1: PASS bench")),
            # Start-up with the SMMU (stage 2) taking the e1000e's stream.
            "tessera-smmu": (self.tessera_cmd(img_smmu, icount + nic + SMMU_STAGE2, 1,
                                              SMMU_MACHINE),
                             re.compile(r"\[domU1\] PASS bench")),
        }
        res = {}
        for name, (cmd, stop) in runs.items():
            _, lines = run_qemu(cmd, self.path("trap-%s.log" % name), stop, 300)
            figures = bench_figures(bench_line, lines)
            for line in lines:
                m = re.search(r"guests released (\d+) us after the loader started "
                              r"\(counter (\d+)\)", line)
                if m:
                    figures["loader"] = {"us": int(m.group(1)), "counter": int(m.group(2))}
            if "entry" not in figures or "null" not in figures:
                raise BenchError("trap %s: no BENCH lines (log: %s)" %
                                 (name, self.path("trap-%s.log" % name)))
            freq = figures["entry"]["freq"]
            ops = {}
            for op in ("null", "uart", "gicd", "vpci"):
                if op in figures:
                    f = figures[op]
                    ticks = f["ticks"] / f["ops"]
                    ops[op] = {"ticks_per_op": ticks, "ns_per_op": ticks * 1e9 / freq}
            res[name] = {"freq": freq, "ops": ops, "raw": figures,
                         "entry_counter": figures["entry"]["counter"]}
            log("trap %s: %s" % (name, ", ".join("%s %.0f ns" % (k, v["ns_per_op"])
                                                  for k, v in ops.items())))
        res["ratio_to_xen"] = {op: res["tessera"]["ops"][op]["ns_per_op"] /
                               res["xen"]["ops"][op]["ns_per_op"]
                               for op in ("null", "uart", "gicd")}
        self.results["trap"] = res
        self.results["commands"]["trap"] = {k: shell_cmd(v[0])
                                            for k, v in runs.items()}
        t = res["tessera"]
        loader = t["raw"].get("loader")
        if loader:
            self.results["startup"] = {
                "tessera_loader_to_first_guest_instruction_ms":
                    (t["entry_counter"] - loader["counter"]) * 1e3 / t["freq"],
                "tessera_loader_to_guests_released_ms": loader["us"] / 1e3,
                "xen_qemu_start_to_first_guest_instruction_ms":
                    res["xen"]["entry_counter"] * 1e3 / res["xen"]["freq"],
                "tessera_qemu_start_to_first_guest_instruction_ms":
                    t["entry_counter"] * 1e3 / t["freq"],
            }
            ts = res["tessera-smmu"]
            ls = ts["raw"].get("loader")
            if ls:
                self.results["startup"].update({
                    "tessera_smmu_loader_to_first_guest_instruction_ms":
                        (ts["entry_counter"] - ls["counter"]) * 1e3 / ts["freq"],
                    "tessera_smmu_loader_to_guests_released_ms": ls["us"] / 1e3,
                })

    # ---- 7. device interrupt to the guest's handler: INTx and MSI ----

    def irq(self):
        icount = ["-icount", "shift=0"]
        img = self.tessera_image("dts/bench/tessera-irq.dts", "tessera-irq", 1)
        args = "test=irqbench n=%d" % IRQ_RAISES
        # Directly on QEMU: the same binary at EL1 with the board's own
        # GICv3 and ITS (no virtualization=on, so QEMU enters it at EL1).
        native_machine = MACHINE.replace("virtualization=on,", "")
        configs = {
            "tessera": (self.tessera_cmd(img, icount + IRQ_EDU, 1),
                        re.compile(r"\[domU1\] (PASS|FAIL) irqbench|tessera: error:|"
                                   r"tessera: all guests stopped")),
            "native": (qemu_base(1, native_machine, 256) + icount + IRQ_EDU +
                       ["-kernel", self.testguest, "-append", args],
                       re.compile(r"(PASS|FAIL) irqbench")),
        }
        bench_line = re.compile(r"BENCH irq-(intx|msi) (.*)$")
        res = {}
        for name, (cmd, stop) in configs.items():
            log_path = self.path("irq-%s.log" % name)
            _, lines = run_qemu(cmd, log_path, stop, 300)
            ways = bench_figures(bench_line, lines)
            fail = [l.strip() for l in lines if "FAIL" in l or "tessera: error:" in l]
            if fail or set(ways) != {"intx", "msi"}:
                raise BenchError("irq %s: %s (log: %s)" %
                                 (name, fail[0] if fail else "no BENCH irq lines",
                                  shown(log_path)))
            freq = self.counter_freq(lines, log_path)
            r = {"freq": freq, "raw": ways}
            for way, f in ways.items():
                tick_ns = 1e9 / freq
                r[way] = {"entry_ns": f["entry_sum"] / f["n"] * tick_ns,
                          "round_ns": f["round_sum"] / f["n"] * tick_ns,
                          "n": f["n"], "intid": f["intid"]}
            res[name] = r
            log("irq %s: %s" % (name, ", ".join("%s %.0f ns to the handler, %.0f round" %
                                               (w, r[w]["entry_ns"], r[w]["round_ns"])
                                               for w in ("intx", "msi"))))
        t, n = res["tessera"], res["native"]
        res["ratio"] = {
            "tessera_msi_to_intx": t["msi"]["entry_ns"] / t["intx"]["entry_ns"],
            "tessera_msi_to_native_msi": t["msi"]["entry_ns"] / n["msi"]["entry_ns"],
            "tessera_intx_to_native_intx": t["intx"]["entry_ns"] / n["intx"]["entry_ns"],
            "tessera_round_msi_to_intx": t["msi"]["round_ns"] / t["intx"]["round_ns"],
        }
        self.results["irq"] = res
        self.results["commands"]["irq"] = {k: shell_cmd(v[0]) for k, v in configs.items()}

    @staticmethod
    def counter_freq(lines, log_path):
        """The counter frequency a bench guest printed (BENCH entry)."""
        for line in lines:
            m = re.search(r"BENCH entry counter=\d+ freq=(\d+)", line)
            if m:
                return int(m.group(1))
        raise BenchError("no BENCH entry line (log: %s)" % shown(log_path))

    # ---- 6. nvme sequential read: DMA translated by the SMMU or not ----

    def nvme_data(self):
        """NVME_MIB MiB of random bytes (and 1 MiB for the warm-up read)."""
        path = os.path.join(self.work, "nvme-data.img")
        with open(path, "wb") as f:
            for _ in range(NVME_MIB + 1):
                f.write(os.urandom(1 << 20))
        return path

    def nvme(self):
        icount = ["-icount", "shift=0"]
        data = self.nvme_data()
        disk = ["-device", "pcie-root-port,id=rp0,chassis=1,addr=3",
                "-device", "nvme,serial=tessera0,drive=nv0,bus=rp0",
                "-drive", "if=none,id=nv0,format=raw,readonly=on,file=" + data]
        # virt-9.1 everywhere, so that the SMMU is the only difference.
        plain = SMMU_MACHINE.replace(",iommu=smmuv3", "")
        img_smmu = self.tessera_image("dts/bench/tessera-nvme-smmu.dts", "tessera-nvme-smmu",
                                      1, NVME_MEM, SMMU_TESSERA_MACHINE)
        img = self.tessera_image("dts/bench/tessera-nvme.dts", "tessera-nvme", 1, NVME_MEM,
                                 "virt-9.1")
        img_intx = self.tessera_image("dts/bench/tessera-nvme-smmu-nomsi.dts",
                                      "tessera-nvme-smmu-nomsi", 1, NVME_MEM,
                                      SMMU_TESSERA_MACHINE)
        configs = {
            "tessera-stage2": lambda: self.tessera_cmd(img_smmu, icount + disk + SMMU_STAGE2,
                                                       1, SMMU_MACHINE, NVME_MEM),
            "tessera-stage1": lambda: self.tessera_cmd(img_smmu, icount + disk + SMMU_STAGE1,
                                                       1, SMMU_MACHINE, NVME_MEM),
            "tessera-direct": lambda: self.tessera_cmd(img, icount + disk, 1, plain, NVME_MEM),
            "native": lambda: qemu_base(1, plain, 256) + icount + disk +
                              ["-kernel", self.kernel, "-initrd", self.initrd,
                               "-append", NVME_ARGS + " nr_cpus=1"],
            # The same two with the guest kernel told pci=nomsi: INTx.
            "tessera-stage2-intx": lambda: self.tessera_cmd(img_intx,
                                                            icount + disk + SMMU_STAGE2, 1,
                                                            SMMU_MACHINE, NVME_MEM),
            "native-intx": lambda: qemu_base(1, plain, 256) + icount + disk +
                                   ["-kernel", self.kernel, "-initrd", self.initrd,
                                    "-append", NVME_ARGS + " nr_cpus=1 pci=nomsi"],
        }
        stop = re.compile(r"TESSERA nvmebench (done|FAIL)|tessera: error: .*powering off|"
                          r"tessera: all guests stopped")
        marks = {"start": re.compile(r"TESSERA nvmebench start"),
                 "done": re.compile(r"TESSERA nvmebench done")}
        res = {name: {"runs_mb_s": [], "runs_wall_s": []} for name in configs}
        # Guest time under -icount repeats closely: a few runs are enough.
        runs = min(self.runs, 3)
        for run in range(1, runs + 1):
            for name, make_cmd in configs.items():
                r = res[name]
                if "not_measured" in r:
                    continue
                log_path = self.path("nvme-%s-%d.log" % (name, run))
                seen, lines = run_qemu(make_cmd(), log_path, stop, 600, marks)
                passes = [m for m in (re.search(r"TESSERA nvmebench pass \d+ bytes=(\d+) "
                                                r"ns=(\d+)", l) for l in lines) if m]
                if "done" not in seen or not passes:
                    why = [l for l in lines if "tessera: error:" in l or
                           "TESSERA nvmebench FAIL" in l]
                    # The SMMU the hypervisor did not take, and why.
                    smmu = [l.strip() for l in lines if "tessera: smmu:" in l and
                            "not used" in l]
                    r["not_measured"] = (why[0].strip() if why else
                                         "no result line (log: %s)" % shown(log_path))
                    if smmu:
                        r["not_measured"] += " (%s)" % smmu[0]
                    log("nvme %-14s run %d: not measured: %s" % (name, run, r["not_measured"]))
                    continue
                # Which way the nvme interrupted, by the guest's own count.
                way = nvme_irq_way(lines)
                want = "INTx" if name.endswith("-intx") else "MSI"
                r["irq"] = way
                if way != want:
                    r["not_measured"] = ("its nvme interrupted by %s, not %s (log: %s)" %
                                         (way, want, shown(log_path)))
                    log("nvme %-14s run %d: not measured: %s" % (name, run, r["not_measured"]))
                    continue
                mb_s = [int(m.group(1)) / 1e6 / (int(m.group(2)) / 1e9) for m in passes]
                # The guest kernel giving up on an interrupt line (INTx
                # raised with nothing pending) leaves the driver polling:
                # passes that slow are not the DMA path's cost, so such a
                # run is left out of the figures and listed instead.
                storm = [l for l in lines if re.search(r"irq \d+: nobody cared", l)]
                for l in storm:
                    r.setdefault("anomalies", []).append(
                        "run %d: %s (log: %s); its passes, left out: %s MB/s" %
                        (run, l.split("] ", 2)[-1].strip(), shown(log_path),
                         " ".join("%.0f" % x for x in mb_s)))
                r["runs_total"] = r.get("runs_total", 0) + 1
                if storm:
                    r["runs_storm"] = r.get("runs_storm", 0) + 1
                    log("nvme %-14s run %d: %s MB/s guest time, left out: %s" %
                        (name, run, " ".join("%.0f" % x for x in mb_s), storm[0].strip()))
                    continue
                r["runs_mb_s"].extend(mb_s)
                r["runs_wall_s"].append(seen["done"] - seen["start"])
                log("nvme %-14s run %d: %s MB/s guest time, %.2f s wall" %
                    (name, run, " ".join("%.0f" % x for x in mb_s), r["runs_wall_s"][-1]))
        for r in res.values():
            if r.get("runs_storm") and not r["runs_mb_s"]:
                r["not_measured"] = ("in each of its %d runs the guest disabled the nvme's "
                                     "interrupt line (nobody cared), see below" %
                                     r["runs_storm"])
            if r["runs_mb_s"]:
                r["best_mb_s"] = max(r["runs_mb_s"])
                r["median_mb_s"] = statistics.median(r["runs_mb_s"])
                r["median_wall_s"] = statistics.median(r["runs_wall_s"])
        # Each over Linux directly with the same kind of interrupt.
        for name, r in res.items():
            native = res["native-intx" if name.endswith("-intx") else "native"]
            if native.get("best_mb_s") and "best_mb_s" in r:
                r["ratio_to_native"] = r["best_mb_s"] / native["best_mb_s"]
                r["median_ratio_to_native"] = r["median_mb_s"] / native["median_mb_s"]
        # MSI-X over INTx, the same configuration otherwise.
        for msi, intx in (("tessera-stage2", "tessera-stage2-intx"), ("native", "native-intx")):
            if "best_mb_s" in res[msi] and "best_mb_s" in res[intx]:
                res[msi]["best_ratio_msi_to_intx"] = res[msi]["best_mb_s"] / res[intx]["best_mb_s"]
                res[msi]["median_ratio_msi_to_intx"] = (res[msi]["median_mb_s"] /
                                                        res[intx]["median_mb_s"])
        res["mib"] = NVME_MIB
        res["passes"] = NVME_PASSES
        res["runs"] = runs
        self.results["nvme"] = res
        self.results["commands"]["nvme"] = {k: shell_cmd(v()) for k, v in configs.items()}

    # ---- 3. footprint ----

    def footprint(self):
        elf = os.path.join(self.build, "tessera.elf")
        out = subprocess.run(["size", "-A", elf], check=True,
                             stdout=subprocess.PIPE).stdout.decode()
        sections = {}
        for line in out.splitlines():
            m = re.match(r"^(\.\S+)\s+(\d+)\s+\d+", line)
            if m:
                sections[m.group(1)] = int(m.group(2))
        text = sum(v for k, v in sections.items() if k.startswith((".text", ".rodata",
                                                                   ".head")))
        bss = sections.get(".bss", 0)
        data = sum(v for k, v in sections.items() if k.startswith(".data"))
        srcs = subprocess.run(["make", "--no-print-directory", "-s", "print-hyp-srcs"],
                              cwd=ROOT, check=True, stdout=subprocess.PIPE).stdout.decode().split()
        code = total = 0
        for s in srcs:
            with open(os.path.join(ROOT, s), encoding="utf-8") as f:
                for line in f:
                    total += 1
                    t = line.strip()
                    if t and not t.startswith(("/*", "*", "//")):
                        code += 1
        res = {"image_bytes": os.path.getsize(os.path.join(self.build, "tessera.bin")),
               "text_bytes": text, "data_bytes": data, "bss_bytes": bss,
               "source_files": len(srcs), "source_lines": total, "code_lines": code,
               "xen_image_bytes": os.path.getsize(self.xen)}
        xen_efi = XEN_EFI
        if os.path.exists(xen_efi):
            res["xen_efi_bytes"] = os.path.getsize(xen_efi)
        # RAM kept at run time, from a boot of the trap partition.
        kept = None
        try:
            with open(self.path("trap-tessera.log"), encoding="utf-8") as f:
                for line in f:
                    m = re.search(r"tessera: hypervisor keeps (\d+) KiB of RAM", line)
                    if m:
                        kept = int(m.group(1))
        except OSError:
            pass
        res["ram_kept_kib"] = kept
        self.results["footprint"] = res

    # ---- 5. planner scale and BAR mapping ----

    def planner(self):
        out = subprocess.run([os.path.join(ROOT, "scripts", "bench-plan.sh"), self.build],
                             check=True, stdout=subprocess.PIPE).stdout.decode()
        rows = []
        for line in out.splitlines():
            f = line.split()
            if f and f[0].isdigit():
                rows.append({"functions": int(f[0]), "guests": int(f[1]),
                             "seconds": float(f[2]), "peak_kib": int(f[3]),
                             "us_per_function": float(f[4])})
        self.results["planner"] = rows
        self.results["commands"]["planner"] = "scripts/bench-plan.sh " + self.build

    def bar(self):
        self.make("bench-bar")
        out = subprocess.run([os.path.join(self.build, "bench", "bench_bar")], check=True,
                             stdout=subprocess.PIPE).stdout.decode()
        rows = []
        for line in out.splitlines():
            m = re.match(r"bar (\S+) (.*)$", line)
            if m:
                row = {"case": m.group(1)}
                for k, v in re.findall(r"(\w+)=([\d.]+)", m.group(2)):
                    row[k] = float(v) if "." in v else int(v)
                rows.append(row)
        self.results["bar"] = rows
        self.results["commands"]["bar"] = os.path.join(self.build, "bench", "bench_bar")


# ---- the report ----

def fmt_ratio(x):
    return "%.2f" % x


def fmt_ms(x):
    return "%.2f" % x if x is not None else "not measured"


def shown(path):
    """A path as the report shows it: relative to the source tree if inside."""
    return os.path.relpath(path, ROOT) if path.startswith(ROOT + os.sep) else path


NVME_NAMES = {
    "tessera-stage2": "Tessera, not direct-mapped, SMMUv3 stage 2",
    "tessera-stage1": "Tessera, not direct-mapped, SMMUv3 stage 1",
    "tessera-direct": "Tessera, direct-mapped, no SMMU",
    "native": "Linux directly (QEMU `-kernel`, no SMMU)",
    "tessera-stage2-intx": "Tessera, SMMUv3 stage 2, guest `pci=nomsi` (INTx)",
    "native-intx": "Linux directly, `pci=nomsi` (INTx)",
}
NVME_ORDER = ("tessera-stage2", "tessera-stage1", "tessera-direct", "native",
              "tessera-stage2-intx", "native-intx")


def nvme_md(n):
    out = ["## 6. nvme sequential read inside a Linux guest", "",
           "The guest's /init (`tessera.test=nvmebench`) reads %d MiB of QEMU's nvme %d times "
           "with `dd bs=1M iflag=direct` (after a 1 MiB warm-up read) and times each pass by "
           "its own monotonic clock, under `-icount shift=0`: guest time is instructions "
           "executed plus the time the vCPU sat idle waiting for the device, which QEMU "
           "counts in host time, so a loaded host shows. One vCPU, 256 MiB, QEMU `-M "
           "virt-9.1`, `-smp 1`, the same kernel, initramfs, nvme and data image everywhere. "
           "MB/s are 10^6 bytes per second of guest time over the passes of %d runs: the best "
           "(least disturbed by the host) and the median; wall s is the host's time from the "
           "guest's start line to its done line (all passes), median of the runs. The nvme "
           "interrupts by MSI-X (through Tessera's software vITS; GICv4 direct injection is "
           "not implemented) except in the `pci=nomsi` rows, which use INTx; each run's "
           "guest says which in its /proc/interrupts, and a run that used the other is not "
           "measured. The ratios to Linux directly are to Linux with the same kind of "
           "interrupt." % (n["mib"], n["passes"], n["runs"]), "",
           "| configuration | interrupt | best MB/s | median MB/s | passes | wall s | best / "
           "Linux directly | median / Linux directly | goal |",
           "|---|---|---|---|---|---|---|---|---|"]
    for k in NVME_ORDER:
        c = n[k]
        goal = "at least 0.95" if k == "tessera-stage2" else ""
        way = "INTx" if k.endswith("-intx") else "MSI-X"
        if "median_mb_s" not in c:
            out.append("| %s | %s | not measured: %s | | | | | | %s |" %
                       (NVME_NAMES[k], way, c.get("not_measured", "?").replace("|", "/"),
                        goal))
            continue
        out.append("| %s | %s | %.0f | %.0f | %s | %.2f | %s | %s | %s |" % (
            NVME_NAMES[k], way, c["best_mb_s"], c["median_mb_s"],
            " ".join("%.0f" % x for x in c["runs_mb_s"]), c["median_wall_s"],
            fmt_ratio(c["ratio_to_native"]) if "ratio_to_native" in c else "-",
            fmt_ratio(c["median_ratio_to_native"]) if "median_ratio_to_native" in c else "-",
            goal))
    out += ["", "| MSI-X / INTx, MB/s | best | median |", "|---|---|---|"]
    for k in ("tessera-stage2", "native"):
        c = n[k]
        out.append("| %s | %s | %s |" % (
            NVME_NAMES[k], fmt_ratio(c["best_ratio_msi_to_intx"])
            if "best_ratio_msi_to_intx" in c else "not measured",
            fmt_ratio(c["median_ratio_msi_to_intx"])
            if "median_ratio_msi_to_intx" in c else "not measured"))
    notes = ["- %s: %s" % (NVME_NAMES[k], a) for k in NVME_NAMES for a in
             n[k].get("anomalies", [])]
    if notes:
        out += ["", "Seen in the guests' logs; the passes after it are slow because the "
                "nvme driver then polls, so those runs are left out of the table (%s):" %
                "; ".join("%s: %d of %d runs" % (NVME_NAMES[k], n[k]["runs_storm"],
                                                 n[k].get("runs_total", 0))
                          for k in NVME_ORDER if n[k].get("runs_storm")), ""] + notes
    return out + [""]


def irq_md(q):
    t, n = q["tessera"], q["native"]
    out = ["## 7. A device interrupt to the guest's handler: INTx and MSI", "",
           "The bare-metal guest's `test=irqbench` (test/guests/irqbench.c, the same binary "
           "both ways) owns QEMU's edu (`-device edu,addr=5`) and makes it raise its "
           "interrupt %d times (after 16 to warm up) by a write to its raise register, first "
           "by INTx, then with its MSI capability on through the ITS of its tree: under "
           "Tessera its software vITS (GICv4 direct injection is not implemented), run "
           "directly on QEMU the board's own GICv3 ITS. Each handler checks the INTID and "
           "the edu's status before it counts. Under `-icount shift=0`, so nanoseconds are "
           "instructions executed (guest and hypervisor): from the raise write to the "
           "handler's first instruction after the vector (entry), and to the interrupted "
           "loop running again, the handler's device acknowledge and EOI included (round "
           "trip); means over the raises, from the counter (%d Hz) read at each raise at "
           "another phase of its tick. QEMU `-smp 1`; Tessera as in section 2, the edu "
           "assigned to its guest (dts/bench/tessera-irq.dts); *directly* is the same "
           "guest on QEMU without a hypervisor (`-kernel`, at EL1), the counterpart of Linux "
           "directly in the other sections." % (t["intx"]["n"], t["freq"]),
           "", "| way | Tessera entry ns | Tessera round trip ns | directly entry ns | "
           "directly round trip ns | entry Tessera / directly | note |",
           "|---|---|---|---|---|---|---|"]
    for way, label in (("intx", "INTx (level SPI, forwarded)"),
                       ("msi", "MSI through the ITS")):
        out.append("| %s | %.0f | %.0f | %.0f | %.0f | %s | %s |" % (
            label, t[way]["entry_ns"], t[way]["round_ns"], n[way]["entry_ns"],
            n[way]["round_ns"], fmt_ratio(t[way]["entry_ns"] / n[way]["entry_ns"]),
            "software vITS only; GICv4 not implemented" if way == "msi" else ""))
    out += ["", "| ratio | value |", "|---|---|",
            "| Tessera, MSI / INTx, entry | %s |" % fmt_ratio(q["ratio"]["tessera_msi_to_intx"]),
            "| Tessera, MSI / INTx, round trip | %s |" %
            fmt_ratio(q["ratio"]["tessera_round_msi_to_intx"]),
            "| directly, MSI / INTx, entry | %s |" %
            fmt_ratio(n["msi"]["entry_ns"] / n["intx"]["entry_ns"]), ""]
    return out


def report_md(r, runs, logs):
    out = ["# Tessera benchmarks", "",
           "Written by `make bench` (scripts/bench/bench.py) on %s, %s (`%s`) in software "
           "emulation (`-M %s -cpu %s -smp %d -m %d`). Every figure of a section was "
           "measured side by side in this one run. Goals are targets to report against, "
           "not tests." % (r["host"], r["qemu"], r.get("qemu_bin", QEMU_NAME), MACHINE, CPU,
                           SMP, MEM), ""]
    if "boot" in r:
        b = r["boot"]
        m = b["median_s"]
        out += ["## 1. QEMU start to the guest's first userspace line", "",
                "The same Debian kernel and initramfs (`%s`; /init prints "
                "`TESSERA userspace up` first thing). Median of %d runs, interleaved; "
                "seconds of wall time." % (LINUX_ARGS, runs), "",
                "| configuration | median s | runs |", "|---|---|---|"]
        names = {"native": "Linux directly (QEMU `-kernel`, no firmware)",
                 "native-uefi": "Linux directly, through the UEFI firmware (AAVMF)",
                 "tessera": "Linux as a Tessera guest (AAVMF, loader, hypervisor)",
                 "tessera-smmu": "the same with QEMU's SMMUv3, stage 2 (`-M virt-9.1,"
                                 "iommu=smmuv3`)",
                 "xen": "Linux as a Xen 4.17 dom0less guest (QEMU `-kernel`, no firmware)"}
        for k in ("native", "native-uefi", "tessera", "tessera-smmu", "xen"):
            out.append("| %s | %.2f | %s |" % (names[k], m[k],
                                                 " ".join("%.2f" % t for t in b["runs"][k])))
        out += ["| Tessera from its loader's first line (firmware excluded) | %.2f | %s |" %
                (b["tessera_from_loader_median_s"],
                 " ".join("%.2f" % t for t in b["tessera_from_loader_runs"])),
                "| the same with the SMMU (stage 2) | %.2f | %s |" %
                (b["tessera_smmu_from_loader_median_s"],
                 " ".join("%.2f" % t for t in b["tessera_smmu_from_loader_runs"])), "",
                "| ratio | value | goal |", "|---|---|---|",
                "| Tessera / Linux directly, both through UEFI | %s | at most 1.02 |" %
                fmt_ratio(b["ratio_tessera_to_native_uefi"]),
                "| Tessera / Xen, Tessera with its firmware | %s | at most 0.9 |" %
                fmt_ratio(b["ratio_tessera_to_xen"]),
                "| Tessera from its loader / Xen (neither with firmware) | %s | at most 0.9 |" %
                fmt_ratio(b["ratio_tessera_from_loader_to_xen"]),
                "| Tessera from its loader / Linux directly without firmware | %s | "
                "at most 1.02 |" % fmt_ratio(b["ratio_tessera_from_loader_to_native"]),
                "| Xen / Linux directly, both without firmware | %s | |" %
                fmt_ratio(b["ratio_xen_to_native"]),
                "| Tessera with the SMMU / without, both with firmware | %s | |" %
                fmt_ratio(b["ratio_tessera_smmu_to_tessera"]), ""]
    if "trap" in r:
        t = r["trap"]
        out += ["## 2. Trap costs from inside a guest", "",
                "The bare-metal bench guest (test/guests/bench.c, the same binary under "
                "both) under QEMU's `-icount shift=0`: virtual time advances 1 ns per "
                "instruction, so these are instructions executed per operation, guest and "
                "hypervisor together, and they repeat from run to run. %d operations each, "
                "counted with the physical counter (%d Hz: one tick is 16 ns)." % (TRAP_OPS, t["tessera"]["freq"]),
                "", "| operation | Tessera ticks | Tessera ns | Xen 4.17 ticks | Xen 4.17 ns | "
                "Tessera / Xen | goal |", "|---|---|---|---|---|---|---|"]
        names = {"null": "null call (PSCI_VERSION by HVC)", "uart": "UART flag register read",
                 "gicd": "GIC distributor GICD_TYPER read",
                 "vpci": "vPCI config read (Tessera only)"}
        for op in ("null", "uart", "gicd", "vpci"):
            te = t["tessera"]["ops"].get(op)
            xe = t["xen"]["ops"].get(op)
            if not te:
                continue
            out.append("| %s | %.2f | %.0f | %s | %s | %s | %s |" % (
                names[op], te["ticks_per_op"], te["ns_per_op"],
                "%.2f" % xe["ticks_per_op"] if xe else "-",
                "%.0f" % xe["ns_per_op"] if xe else "-",
                fmt_ratio(t["ratio_to_xen"][op]) if op in t["ratio_to_xen"] else "-",
                "at most 0.5" if op == "null" else ""))
        out.append("")
    if "footprint" in r:
        f = r["footprint"]
        out += ["## 3. Footprint", "",
                "| what | Tessera | Xen 4.17 |", "|---|---|---|",
                "| image file | %d bytes (%.1f KiB; goal: under 128 KiB) | %d bytes "
                "(xen-4.17-arm64)%s |" % (f["image_bytes"], f["image_bytes"] / 1024,
                                          f["xen_image_bytes"],
                                          "; EFI %d bytes" % f["xen_efi_bytes"]
                                          if "xen_efi_bytes" in f else ""),
                "| text + rodata, data, bss | %d, %d, %d bytes | |" %
                (f["text_bytes"], f["data_bytes"], f["bss_bytes"]),
                "| RAM kept at run time | %s | |" %
                ("%d KiB" % f["ram_kept_kib"] if f["ram_kept_kib"] else "not measured"),
                "| source in the arm64 build | %d files, %d lines (%d not blank or comment) | |"
                % (f["source_files"], f["source_lines"], f["code_lines"]), ""]
    if "startup" in r:
        s = r["startup"]
        out += ["## 4. Hypervisor start-up", "",
                "Physical counter readings under `-icount shift=0` (the loader's at its "
                "entry, the bench guest's at its first instruction).", "",
                "| span | ms |", "|---|---|",
                "| Tessera: loader entry to the guest's first instruction | %.2f |" %
                s["tessera_loader_to_first_guest_instruction_ms"],
                "| Tessera: loader entry to guests released (its own log line) | %.2f |" %
                s["tessera_loader_to_guests_released_ms"],
                "| Tessera with the SMMU (stage 2, the e1000e's stream set up): loader entry "
                "to the guest's first instruction | %s |" %
                fmt_ms(s.get("tessera_smmu_loader_to_first_guest_instruction_ms")),
                "| Tessera with the SMMU: loader entry to guests released | %s |" %
                fmt_ms(s.get("tessera_smmu_loader_to_guests_released_ms")),
                "| Tessera: QEMU start (firmware included) to the first guest instruction | "
                "%.2f |" % s["tessera_qemu_start_to_first_guest_instruction_ms"],
                "| Xen: QEMU start (no firmware) to the first guest instruction | %.2f |" %
                s["xen_qemu_start_to_first_guest_instruction_ms"], ""]
    if "planner" in r:
        out += ["## 5. Planner scale and BAR mapping", "",
                "Synthetic boards, 64 guests, every eighth function assigned; best of five "
                "(scripts/bench-plan.sh).", "",
                "| functions | seconds | peak memory | µs per function |", "|---|---|---|---|"]
        for row in r["planner"]:
            out.append("| %d | %.4f | %.1f MiB | %.1f |" % (
                row["functions"], row["seconds"], row["peak_kib"] / 1024,
                row["us_per_function"]))
        out.append("")
    if "bar" in r:
        out += ["Mapping one BAR into a fresh stage 2 with the hypervisor's page-table code "
                "(kernel/pgtable.c built for the host, test/bench/bench_bar.c); best of 20; "
                "table pages beyond the root.", "",
                "| BAR | map µs | unmap µs | table pages |", "|---|---|---|---|"]
        for row in r["bar"]:
            out.append("| %s | %.1f | %.1f | %d |" % (row["case"], row["map_us"],
                                                     row["unmap_us"], row["tables"]))
        out.append("")
    if "nvme" in r:
        out += nvme_md(r["nvme"])
    if "irq" in r:
        out += irq_md(r["irq"])
    out += ["## Reproducing", "", "`make bench` runs all of it (`BENCH_RUNS=9` by default; "
            "`BENCH_ONLY=boot,trap` for some sections). The commands it ran:", ""]
    for sect, cmds in r["commands"].items():
        if isinstance(cmds, dict):
            for k, v in cmds.items():
                out += ["- %s, %s: `%s`" % (sect, k, v)]
        else:
            out += ["- %s: `%s`" % (sect, cmds)]
    out += ["", "Logs of every run: %s/." % shown(logs)]
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", default="build")
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--only", default=",".join(SECTIONS))
    a = ap.parse_args()
    only = [s for s in a.only.split(",") if s]
    for s in only:
        if s not in SECTIONS:
            sys.exit("bench: unknown section %s (sections: %s)" % (s, ", ".join(SECTIONS)))
    b = Bench(a.build, a.runs)
    b.results["host"] = "%d CPUs" % os.cpu_count()
    try:
        b.results["qemu"] = find_qemu()
        b.results["qemu_bin"] = shown(QEMU_PREFIX[0])
    except (BenchError, subprocess.CalledProcessError) as e:
        sys.exit("bench: no QEMU to run: %s" % e)
    log("on %s (%s)" % (b.results["qemu"], QEMU_PREFIX[0]))
    t0 = time.monotonic()
    try:
        if "boot" in only:
            b.boot()
        if "trap" in only or "startup" in only:
            b.trap()
        if "footprint" in only:
            b.footprint()
        if "planner" in only:
            b.planner()
        if "bar" in only:
            b.bar()
        if "nvme" in only:
            b.nvme()
        if "irq" in only:
            b.irq()
    except (BenchError, subprocess.CalledProcessError) as e:
        sys.exit("bench: %s" % e)
    b.results["wall_s"] = time.monotonic() - t0
    with open(os.path.join(b.out, "report.json"), "w", encoding="utf-8") as f:
        json.dump(b.results, f, indent=1, sort_keys=True)
    with open(os.path.join(b.out, "report.md"), "w", encoding="utf-8") as f:
        f.write(report_md(b.results, a.runs, b.logs))
    log("wrote %s and report.json (%.0f s)" % (os.path.join(b.out, "report.md"),
                                               b.results["wall_s"]))


if __name__ == "__main__":
    main()
