#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Tessera's test runner: host unit tests, then QEMU integration tests.

    python3 test/run.py --build build            everything (what `make test` runs)
    python3 test/run.py --build build --unit-only
    python3 test/run.py --only two-guests        by name; fnmatch patterns; repeatable
    python3 test/run.py --list

Prints one line per test, "PASS <name>" or "FAIL <name>: <why>", and as its
very last line "N passed, N failed". Exits 1 if anything failed.

Unit tests: every executable $BUILD/unit/test_* runs with
CMOCKA_MESSAGE_OUTPUT=TAP. Each TAP "ok" / "not ok" line is one test, named
<program>/<test>. A program that prints no plan, reports fewer results than
planned, or exits non-zero (a crash, a sanitizer report) is one more failure.

Integration tests: one file per case, test/integration/cases/<name>.case.
The planner's golden and refusal tests (test/plan/plan_tests.py) and the
fuzz smoke tests (test/fuzz/fuzz_tests.py, a few seconds per libFuzzer
target) run between the two, as "plan-<name>", "plan-refuse-<name>" and
"fuzz-<target>", and so do "docs-requirements" (test/docs_tests.py: the
tests docs/requirements.md names exist) and "include-check"
(test/layout_tests.py: core code includes no architecture-private header).

Each is built into a disk image by scripts/mkimage.sh, booted by
scripts/run-qemu.sh, and judged on the console output and QEMU's exit code.
QEMU tests run one at a time, on QEMU 10.0 or newer (scripts/qemu.sh; the
runner prints its version first). The full log is kept in
$BUILD/test-logs/<name>.log; on failure its path and last 30 lines are shown.

Case file format: one "key: value" per line; blank lines and lines starting
with '#' are ignored. Keys:

    partition: dts/test/x.dts   the partition to boot (required)
    bootargs: domU1 test=read   the kernel command line of that guest, in place
                                of the partition's (repeatable, one per guest):
                                one partition serves many cases
    smp: 2                      QEMU CPUs (default 2)
    mem: 1024                   QEMU RAM in MiB (default 1024)
    timeout: 120                seconds; QEMU is killed after it (default 120)
    mkimage: --allow-missing    extra scripts/mkimage.sh arguments (repeatable)
    qemu: -device e1000e        extra QEMU arguments (repeatable); {work} in
                                them is the case's work dir of this run
    copy: build/test-data/X.img a fresh copy of that file in the case's work
                                dir ({work}/X.img) before each run, for a disk
                                the guest writes to (repeatable)
    corrupt-dtb: truncated      boot with a broken boot tree instead (see below)
    expect: TEXT                a console line containing TEXT; the expect
                                lines must be found in this order (repeatable)
    contains: TEXT              a line containing TEXT, anywhere (repeatable)
    forbid: TEXT                no line may contain TEXT (repeatable)
    exit: 0                     QEMU's exit code ("any": not checked; default 0)
    plan: yes                   partition is a planner input (no addresses): the
                                board is inspected (make inspect, with the
                                case's qemu: devices), scripts/plan.sh plans
                                it, and the planner's boot tree is booted
    inspect: linux              with plan: yes, the board is also inspected by
                                scripts/inspect-linux.sh under the platform's
                                Linux (inspect.sh --linux), which must print
                                what make inspect does (dtc-normalised); the
                                plan is made from Linux's inventory
    machine: iommu=smmuv3       extra QEMU -M options (comma-separated), for the
                                board-tree dump, inspect, plan and the run alike
                                (TESSERA_MACHINE for scripts/mkimage.sh,
                                plan.sh, inspect.sh and run-qemu.sh; see
                                scripts/machine.sh); a first element without
                                '=' replaces the machine type (virt-9.1,...)
    board: dts/test/X.dts       the board's tree instead of QEMU's as it is
                                (scripts/plan.sh and mkimage.sh --board)
    serial0: file               the board's first UART (the PL011, which also
                                carries the firmware's output) goes to a file
                                instead of the console, which is then whatever
                                the case's qemu: lines put on stdio (e.g. a
                                pci-serial as the hypervisor console)
    serial0-contains: TEXT      that file has a line containing TEXT (repeatable)
    serial0-forbid: TEXT        that file has no line containing TEXT (repeatable)
    arch: x86_64                the architecture the case boots (default arm64):
                                x86_64 takes the loader and hypervisor from
                                BUILD/x86_64 (make test builds it there), and
                                the x86 platform's QEMU, firmware and boot tree
                                (qemu-q35-x86_64: the partition is the whole
                                tree); not with board:
    firmware: uboot             the board's firmware (FIRMWARE for
                                scripts/run-qemu.sh, every boot of the case):
                                edk2 (default: AAVMF in pflash, OVMF on x86_64)
                                or uboot (U-Boot's UEFI as -bios, arm64 only)
    send: TEXT => KEYS          type KEYS on the console once a line matching
                                TEXT has appeared (after the previous send's);
                                KEYS takes \\r, \\n, \\t and \\xNN escapes, e.g.
                                \\x01\\x01\\x01 for Ctrl-a three times (repeatable)
    entry: linux-boot           boot by the Linux boot protocol instead of UEFI:
                                no firmware, no disk; scripts/linux-boot.py
                                makes the boot tree (board: as for mkimage)
                                with each xen,uefi-binary file placed in RAM
                                and named by its node's reg, and QEMU's
                                -kernel starts the hypervisor with x0 = the
                                tree (-dtb), the files put there by -device
                                loader (docs/boot.md); not with plan:,
                                corrupt-dtb:, mkimage: or arch: x86_64
    x0: 0x...                   with entry: linux-boot, QEMU's -kernel starts a
                                stub instead, which jumps to the hypervisor
                                (put at 0x40400000 by -device loader) with
                                this x0 in place of the tree's address
    registers: TEXT             the case is one that hangs (the boot CPU
                                parked, docs/boot.md): at its timeout the
                                runner reads the CPUs' registers through
                                QEMU's monitor (info registers), and a line
                                of them must match TEXT (repeatable); the
                                timeout is then not a failure
    send-ready: TEXT            no send is typed before a line matching TEXT has
                                appeared, in any order with the others (e.g.
                                every guest's shell is up: input typed before
                                a guest's UART driver starts is lost) (repeatable)

TEXT is a plain substring, or a Python regular expression (re.search) when
written between slashes: /^\\[domU1\\] PASS hello$/. Console lines are
matched with ANSI escape sequences and carriage returns removed. A case
that times out fails whatever it printed.

corrupt-dtb builds the boot tree itself (the QEMU board's tree, from
-M ...,dumpdtb=, plus the partition), damages it and passes it to
mkimage.sh with --dtb:

    truncated   the file ends halfway, while the header's totalsize is kept
    bad-magic   the header's magic is wrong
    bad-struct  the header is valid but a node's token in the structure
                block is replaced by an invalid one
    bad-proplen a property's length runs past the end of the structure block
"""

import argparse
import difflib
import fnmatch
import os
import re
import shlex
import shutil
import signal
import struct
import subprocess
import sys
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CASES_DIR = os.path.join(ROOT, "test", "integration", "cases")
TAIL_LINES = 30
ANSI_RE = re.compile(r"\x1b(\[[0-9;?]*[ -/]*[@-~]|[()][0-9A-Za-z]|[=>78cDEHM])")

CORRUPTIONS = ("truncated", "bad-magic", "bad-struct", "bad-proplen")
LIST_KEYS = ("mkimage", "qemu", "expect", "contains", "forbid", "serial0-contains",
             "serial0-forbid", "send-ready", "registers")
SCALAR_KEYS = ("partition", "smp", "mem", "timeout", "corrupt-dtb", "exit", "serial0",
               "machine", "arch", "entry", "x0", "firmware", "platform")
# x0: where the stub puts the hypervisor (clear of the stub QEMU's -kernel
# loads at RAM base + 2 MiB, and of the tree at RAM base + 128 MiB).
STUB_HYP_ADDR = 0x40400000
# How the hypervisor is entered: through the UEFI loader (the default) or
# by the Linux boot protocol (scripts/linux-boot.py, run-qemu.sh --kernel).
ENTRIES = ("uefi", "linux-boot")
# The firmware a case may name (scripts/run-qemu.sh's FIRMWARE) and the
# architectures whose platform has it.
FIRMWARES = {"edk2": ("arm64", "x86_64"), "uboot": ("arm64",)}
# Each architecture's platform (platform/<name>/platform.mk) and where its
# build is under --build (make test: x86_64 in BUILD/x86_64).
ARCH_PLATFORMS = {"arm64": "qemu-virt-arm64", "x86_64": "qemu-q35-x86_64"}
ARCH_BUILD_SUBDIR = {"arm64": "", "x86_64": "x86_64"}


class Results:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def ok(self, name, note=""):
        self.passed += 1
        say("PASS %s%s" % (name, note))

    def fail(self, name, why, details=()):
        self.failed += 1
        say("FAIL %s: %s" % (name, why))
        for line in details:
            say("    " + line)


def say(line):
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def selected(name, patterns):
    return not patterns or any(fnmatch.fnmatchcase(name, p) for p in patterns)


# ---- unit tests ----

TAP_RESULT_RE = re.compile(r"^(not ok|ok)\b\s*(\d+)?\s*-?\s*(.*)$")
TAP_PLAN_RE = re.compile(r"^1\.\.(\d+)")


def unit_programs(build):
    unit_dir = os.path.join(build, "unit")
    if not os.path.isdir(unit_dir):
        return []
    progs = []
    for name in sorted(os.listdir(unit_dir)):
        path = os.path.join(unit_dir, name)
        if (name.startswith("test_") and os.path.isfile(path)
                and os.access(path, os.X_OK)):
            progs.append(path)
    return progs


def run_unit(prog, res, timeout=300):
    name = os.path.basename(prog)
    env = dict(os.environ, CMOCKA_MESSAGE_OUTPUT="TAP")
    try:
        p = subprocess.run([prog], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           stdin=subprocess.DEVNULL, env=env, timeout=timeout,
                           cwd=ROOT)
        out = p.stdout.decode("utf-8", "replace").splitlines()
        err = p.stderr.decode("utf-8", "replace").splitlines()
        status = p.returncode
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b"").decode("utf-8", "replace").splitlines()
        err = (e.stderr or b"").decode("utf-8", "replace").splitlines()
        status = None

    planned = 0
    seen_plan = False
    results = 0
    any_failed = False
    i = 0
    while i < len(out):
        line = out[i].strip()
        i += 1
        m = TAP_PLAN_RE.match(line)
        if m:
            seen_plan = True
            planned += int(m.group(1))
            continue
        m = TAP_RESULT_RE.match(line)
        if not m:
            continue
        results += 1
        test = m.group(3).strip() or "#%s" % (m.group(2) or results)
        skip = "# SKIP" in test.upper()
        test = re.sub(r"\s*#.*$", "", test) or test
        full = "%s/%s" % (name, test)
        if m.group(1) == "ok":
            res.ok(full, " (skipped)" if skip else "")
            continue
        any_failed = True
        # cmocka puts the failure's details on "#" lines after "not ok".
        details = []
        while i < len(out) and out[i].lstrip().startswith("#"):
            details.append(out[i].strip())
            i += 1
        res.fail(full, "failed", details[:20])

    tail = [l for l in err if l.strip()][-TAIL_LINES:]
    if status is None:
        res.fail(name, "timed out after %d s" % timeout, tail)
    elif not seen_plan:
        res.fail(name, "no TAP plan (exit status %s)" % describe_status(status), tail)
    elif results < planned:
        res.fail(name, "%d of %d planned tests reported (exit status %s)"
                 % (results, planned, describe_status(status)), tail)
    elif status != 0 and not any_failed:
        # All passed, yet it failed: a sanitizer report or a crash at exit.
        res.fail(name, "all tests passed but exit status %s" % describe_status(status),
                 tail)


def describe_status(status):
    if status is not None and status < 0:
        try:
            return "%d (%s)" % (status, signal.Signals(-status).name)
        except ValueError:
            pass
    return str(status)


# ---- integration cases ----

class CaseError(Exception):
    pass


class Case:
    def __init__(self, path):
        self.path = path
        self.name = os.path.splitext(os.path.basename(path))[0]
        self.partition = None
        self.smp = 2
        self.mem = 1024
        self.timeout = 120
        self.corrupt = None
        self.exit = 0
        self.mkimage = []
        self.qemu = []
        self.expect = []
        self.contains = []
        self.forbid = []
        self.serial0_file = False
        self.plan = False
        self.inspect_linux = False
        self.board = None
        self.machine = ""
        self.serial0_contains = []
        self.serial0_forbid = []
        self.send = []		# (Matcher, bytes)
        self.send_ready = []	# Matchers that must all have matched first
        self.bootargs = {}	# guest node name -> kernel bootargs
        self.copy = []		# files copied into the work dir each run
        self.arch = "arm64"
        self.entry = "uefi"
        self.x0 = None		# entry: linux-boot with this x0 (a stub)
        self.registers = []	# Matchers on info registers at the timeout
        self.firmware = "edk2"
        self.platform = None	# a board's platform/<name> instead of the arch's
        self.parse()

    def parse(self):
        with open(self.path, encoding="utf-8") as f:
            lines = f.read().splitlines()
        for num, raw in enumerate(lines, 1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            key, sep, value = line.partition(":")
            key = key.strip()
            value = value.strip()
            where = "%s:%d" % (self.path, num)
            if not sep or not value:
                raise CaseError("%s: expected 'key: value'" % where)
            if key == "send":
                trigger, arrow, keys = value.partition("=>")
                if not arrow or not trigger.strip() or not keys.strip():
                    raise CaseError("%s: send needs 'TEXT => KEYS'" % where)
                data = keys.strip().encode("latin-1").decode("unicode_escape")
                self.send.append((Matcher(trigger.strip(), where), data.encode("latin-1")))
                continue
            if key in LIST_KEYS:
                if key in ("mkimage", "qemu"):
                    getattr(self, key).extend(shlex.split(value))
                else:
                    getattr(self, key.replace("-", "_")).append(Matcher(value, where))
            elif key == "plan":
                if value != "yes":
                    raise CaseError("%s: plan must be 'yes'" % where)
                self.plan = True
            elif key == "inspect":
                if value != "linux":
                    raise CaseError("%s: inspect must be 'linux'" % where)
                self.inspect_linux = True
            elif key == "serial0":
                if value != "file":
                    raise CaseError("%s: serial0 must be 'file'" % where)
                self.serial0_file = True
            elif key == "partition":
                self.partition = value
            elif key == "arch":
                if value not in ARCH_PLATFORMS:
                    raise CaseError("%s: arch must be one of %s"
                                    % (where, ", ".join(sorted(ARCH_PLATFORMS))))
                self.arch = value
            elif key == "x0":
                if not re.fullmatch(r"0x[0-9a-fA-F]{1,16}", value):
                    raise CaseError("%s: x0 needs a hex value like 0x0" % where)
                self.x0 = int(value, 16)
            elif key == "entry":
                if value not in ENTRIES:
                    raise CaseError("%s: entry must be one of %s" % (where, ", ".join(ENTRIES)))
                self.entry = value
            elif key == "platform":
                mk = os.path.join(ROOT, "platform", value, "platform.mk")
                if not re.fullmatch(r"[a-z0-9-]+", value) or not os.path.isfile(mk):
                    raise CaseError("%s: no platform/%s/platform.mk" % (where, value))
                self.platform = value
                if platform_value(value, "ENTRY") == "linux-boot":
                    self.entry = "linux-boot"
            elif key == "firmware":
                if value not in FIRMWARES:
                    raise CaseError("%s: firmware must be one of %s"
                                    % (where, ", ".join(sorted(FIRMWARES))))
                self.firmware = value
            elif key == "machine":
                if not re.fullmatch(r"[A-Za-z0-9_.=-]+(,[A-Za-z0-9_.=-]+)*", value) or \
                        "dumpdtb" in value:
                    raise CaseError("%s: machine needs QEMU -M options like iommu=smmuv3" % where)
                self.machine = value
            elif key == "copy":
                if not re.fullmatch(r"[A-Za-z0-9_./-]+", value) or \
                        os.path.basename(value) in ("tessera.img", "serial0.log", "image",
                                                    "partition"):
                    raise CaseError("%s: copy needs a file path like build/test-data/X.img"
                                    % where)
                self.copy.append(value)
            elif key == "board":
                if not os.path.isfile(os.path.join(ROOT, value)):
                    raise CaseError("%s: board %s does not exist" % (where, value))
                self.board = value
            elif key == "bootargs":
                guest, _, args = value.partition(" ")
                if not re.fullmatch(r"[A-Za-z0-9_-]+", guest) or not args.strip() or '"' in args:
                    raise CaseError("%s: bootargs needs 'GUEST ARGS' (no quotes)" % where)
                self.bootargs[guest] = args.strip()
            elif key in ("smp", "mem", "timeout"):
                if not value.isdigit() or int(value) == 0:
                    raise CaseError("%s: %s must be a positive integer" % (where, key))
                setattr(self, key, int(value))
            elif key == "corrupt-dtb":
                if value not in CORRUPTIONS:
                    raise CaseError("%s: corrupt-dtb must be one of %s"
                                    % (where, ", ".join(CORRUPTIONS)))
                self.corrupt = value
            elif key == "exit":
                if value == "any":
                    self.exit = None
                elif re.fullmatch(r"-?\d+", value):
                    self.exit = int(value)
                else:
                    raise CaseError("%s: exit must be an integer or 'any'" % where)
            else:
                raise CaseError("%s: unknown key '%s'" % (where, key))
        if not self.partition:
            raise CaseError("%s: no partition" % self.path)
        if self.inspect_linux and not self.plan:
            raise CaseError("%s: inspect: linux needs plan: yes" % self.path)
        if self.arch != "arm64" and self.board:
            raise CaseError("%s: board: is for arm64 only" % self.path)
        if self.entry == "linux-boot" and (self.plan or self.corrupt or self.mkimage or
                                           self.arch != "arm64"):
            raise CaseError("%s: entry: linux-boot is not for plan:, corrupt-dtb:, mkimage: "
                            "or arch: x86_64" % self.path)
        if self.x0 is not None and self.entry != "linux-boot":
            raise CaseError("%s: x0: needs entry: linux-boot" % self.path)
        if self.platform and platform_value(self.platform, "ENTRY") == "linux-boot" and \
                self.entry != "linux-boot":
            raise CaseError("%s: platform %s is entered by the Linux boot protocol only"
                            % (self.path, self.platform))
        if self.entry == "linux-boot" and self.firmware != "edk2":
            raise CaseError("%s: entry: linux-boot runs no firmware" % self.path)
        if self.arch not in FIRMWARES[self.firmware]:
            raise CaseError("%s: firmware: %s is not there for %s"
                            % (self.path, self.firmware, self.arch))
        if not os.path.isfile(os.path.join(ROOT, self.partition)):
            raise CaseError("%s: partition %s does not exist" % (self.path, self.partition))


class Matcher:
    def __init__(self, text, where):
        self.text = text
        if len(text) >= 2 and text.startswith("/") and text.endswith("/"):
            try:
                self.regex = re.compile(text[1:-1])
            except re.error as e:
                raise CaseError("%s: bad regular expression: %s" % (where, e))
        else:
            self.regex = None

    def matches(self, line):
        if self.regex:
            return self.regex.search(line) is not None
        return self.text in line

    def __str__(self):
        return self.text


def judge(case, lines, status):
    """Return None if the console and exit code satisfy the case, else why not."""
    pos = 0
    for m in case.expect:
        for i in range(pos, len(lines)):
            if m.matches(lines[i]):
                pos = i + 1
                break
        else:
            if any(m.matches(l) for l in lines):
                return "'%s' appeared, but not in the expected order" % m
            return "missing '%s'" % m
    for m in case.contains:
        if not any(m.matches(l) for l in lines):
            return "missing '%s'" % m
    for m in case.registers:
        if not any(m.matches(l) for l in lines[registers_start(lines):]):
            return "no register line matches '%s'" % m
    for m in case.forbid:
        for i, l in enumerate(lines, 1):
            if m.matches(l):
                return "forbidden '%s' in console line %d: %s" % (m, i, l.strip())
    if case.serial0_contains or case.serial0_forbid:
        why = judge_serial0(case)
        if why:
            return why
    if case.exit is not None and status is not None and status != case.exit:
        return "QEMU exit code %s, expected %d" % (describe_status(status), case.exit)
    return None


def registers_start(lines):
    """Where the monitor's info registers begins (after the console)."""
    for i in range(len(lines) - 1, -1, -1):
        if lines[i].startswith("=== info registers"):
            return i
    return len(lines)


def inspect_qemu(qemu_args):
    """The case's QEMU arguments for make inspect, whose own console is on
    stdio: a chardev the case puts on stdio (a pci-serial as the
    hypervisor's console) is a null one there, the devices the same."""
    out = []
    for i, a in enumerate(qemu_args):
        if i and qemu_args[i - 1] == "-chardev" and re.match(r"stdio(,|$)", a):
            a = "null" + re.sub(r",signal=(on|off)", "", a[len("stdio"):])
        out.append(a)
    return out


def inspect_with_linux(case, case_qemu, work, hyp_build, log):
    """inspect: linux. The board's inventory twice, from make inspect and
    from scripts/inspect-linux.sh under Linux booted by the same firmware
    on the same devices; they must say the same (as dtc reads them), and
    the case plans from Linux's. None, or why not."""
    outs = {}
    for who, extra in (("hypervisor", []), ("linux", ["--linux",
                                                      os.path.join(hyp_build, "guests")])):
        out = os.path.join(work, "inventory-%s.dts" % who)
        ok, lines = run_logged(["scripts/inspect.sh", "--out", out, "--build", hyp_build,
                                "--smp", str(case.smp), "--mem", str(case.mem)] + extra +
                               ["--"] + inspect_qemu(case_qemu), log, 600)
        if not ok:
            return "inspect (%s) failed: %s" % (who, lines[-1] if lines else "no output")
        wrapper = os.path.join(work, "inventory-%s-top.dts" % who)
        with open(wrapper, "w", encoding="utf-8") as f:
            f.write('/dts-v1/;\n/include/ "%s"\n' % os.path.abspath(out))
        p = subprocess.run(["dtc", "-q", "-I", "dts", "-O", "dts", wrapper],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        if p.returncode:
            return "dtc cannot read the %s inventory: %s" % (who, p.stdout.decode()[-200:])
        outs[who] = p.stdout.decode().splitlines()
    diff = list(difflib.unified_diff(outs["hypervisor"], outs["linux"], "make inspect",
                                     "inspect-linux.sh", lineterm=""))
    log.write("=== inventories: %s\n" % ("the same" if not diff else "differ"))
    log.writelines(l + "\n" for l in diff)
    if diff:
        changed = [l for l in diff if l[:1] in "+-" and l[:3] not in ("+++", "---")]
        return "make inspect and inspect-linux.sh differ (%d lines): %s" % (len(changed),
                                                                            changed[0].strip())
    return None


def judge_serial0(case):
    try:
        with open(case.serial0_path, encoding="utf-8", errors="replace") as f:
            lines = [clean_line(l) for l in f.read().splitlines()]
    except OSError as e:
        return "serial0 file: %s" % e
    for m in case.serial0_contains:
        if not any(m.matches(l) for l in lines):
            return "missing '%s' on serial0" % m
    for m in case.serial0_forbid:
        for i, l in enumerate(lines, 1):
            if m.matches(l):
                return "forbidden '%s' in serial0 line %d: %s" % (m, i, l.strip())
    return None


def clean_line(line):
    return ANSI_RE.sub("", line).replace("\r", "")


def platform_value(platform, name):
    """A variable of platform/<platform>/platform.mk, or None."""
    with open(os.path.join(ROOT, "platform", platform, "platform.mk"), encoding="utf-8") as f:
        for line in f:
            key, sep, val = line.partition("=")
            if sep and key.rstrip(" :?") == name:
                return val.strip()
    return None


def case_platform(case):
    """The platform a case boots: its platform: (a board), else its
    architecture's."""
    return case.platform or platform_of(case.arch)


def platform_of(arch):
    """The platform an architecture's cases boot: for arm64 $PLATFORM (what
    the Makefile exports), else the architecture's own."""
    if arch == "arm64":
        return os.environ.get("PLATFORM", ARCH_PLATFORMS["arm64"])
    return ARCH_PLATFORMS[arch]


def arch_build(build, arch):
    """Where that architecture's loader and hypervisor are."""
    sub = ARCH_BUILD_SUBDIR[arch]
    return os.path.join(build, sub) if sub else build


def platform_vars(arch="arm64"):
    """QEMU, QEMU_MACHINE, QEMU_CPU and BOARD_TREE from the platform's make
    fragment."""
    found = {"QEMU_MACHINE": "virt,virtualization=on,gic-version=3",
             "QEMU_CPU": "cortex-a57", "QEMU": "qemu-system-aarch64",
             "BOARD_TREE": "dumpdtb"}
    path = os.path.join(ROOT, "platform", platform_of(arch), "platform.mk")
    try:
        with open(path, encoding="utf-8") as f:
            for line in f:
                m = re.match(r"^(QEMU(?:_MACHINE|_CPU)?|BOARD_TREE)\s*[:?]?=\s*(\S+)\s*$",
                             line)
                if m:
                    found[m.group(1)] = m.group(2)
    except OSError:
        pass
    return found


def run_logged(cmd, log, timeout):
    """Run a build step, appending its output to log; returns (ok, output lines)."""
    log.write("$ %s\n" % " ".join(shlex.quote(c) for c in cmd))
    log.flush()
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           stdin=subprocess.DEVNULL, cwd=ROOT, timeout=timeout)
    except subprocess.TimeoutExpired as e:
        text = (e.stdout or b"").decode("utf-8", "replace")
        log.write(text + "\n[timed out after %d s]\n" % timeout)
        return False, text.splitlines() + ["timed out after %d s" % timeout]
    except OSError as e:
        log.write("[cannot run: %s]\n" % e)
        return False, ["cannot run %s: %s" % (cmd[0], e)]
    text = p.stdout.decode("utf-8", "replace")
    log.write(text)
    if p.returncode != 0:
        log.write("[exit status %d]\n" % p.returncode)
    log.flush()
    return p.returncode == 0, text.splitlines()


def with_bootargs(case, work):
    """The case's partition with its bootargs: lines laid over it (dtc
    merges a node given twice, the later property wins)."""
    path = os.path.join(work, "partition-bootargs.dts")
    with open(path, "w", encoding="utf-8") as f:
        f.write('/include/ "%s"\n\n/ {\n\tchosen {\n' % os.path.join(ROOT, case.partition))
        for guest, args in sorted(case.bootargs.items()):
            f.write('\t\t%s {\n\t\t\tkernel {\n\t\t\t\tbootargs = "%s";\n'
                    '\t\t\t};\n\t\t};\n' % (guest, args))
        f.write("\t};\n};\n")
    return path


def corrupt_dtb(data, how):
    """Damage a valid flattened device tree in one of the CORRUPTIONS ways."""
    data = bytearray(data)
    magic, totalsize, off_struct = struct.unpack_from(">III", data, 0)
    size_struct = struct.unpack_from(">I", data, 36)[0]
    if magic != 0xD00DFEED:
        raise CaseError("the generated boot tree is not a DTB")
    if how == "truncated":
        return bytes(data[:totalsize // 2])
    if how == "bad-magic":
        struct.pack_into(">I", data, 0, 0xD00DFEEE)
        return bytes(data)
    # Walk the structure block to find a node (the third) or a property.
    off = off_struct
    end = off_struct + size_struct
    nodes = 0
    while off < end:
        token = struct.unpack_from(">I", data, off)[0]
        if token == 1:  # FDT_BEGIN_NODE
            nodes += 1
            if how == "bad-struct" and nodes == 3:
                struct.pack_into(">I", data, off, 0x0BADF00D)
                return bytes(data)
            name_end = data.index(0, off + 4)
            off = (name_end + 1 + 3) & ~3
        elif token == 3:  # FDT_PROP
            if how == "bad-proplen" and nodes >= 2:
                struct.pack_into(">I", data, off + 4, size_struct + 0x1000)
                return bytes(data)
            length = struct.unpack_from(">I", data, off + 4)[0]
            off += 12 + ((length + 3) & ~3)
        elif token in (2, 4):  # FDT_END_NODE, FDT_NOP
            off += 4
        else:
            break
    raise CaseError("could not find where to corrupt the boot tree")


def qemu_cmd(*args, arch="arm64"):
    """QEMU (platform.mk's QEMU, or $QEMU for arm64) run through
    scripts/qemu.sh, which picks QEMU 10: the system's or the one make
    deps unpacked."""
    qemu = os.environ.get("QEMU") if arch == "arm64" else None
    return [os.path.join(ROOT, "scripts", "qemu.sh")] + list(args) + [
        qemu or platform_vars(arch)["QEMU"]]


def qemu_version(arch="arm64"):
    """QEMU's version line, or why there is none."""
    p = subprocess.run(qemu_cmd("--version", arch=arch), stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, cwd=ROOT)
    text = p.stdout.decode("utf-8", "replace").strip()
    return text if p.returncode == 0 else "none (%s)" % text


def build_corrupt_dtb(case, work, log):
    """The boot tree mkimage would build, made by hand, then damaged."""
    pv = platform_vars(case.arch)
    board_dtb = os.path.join(work, "board.dtb")
    board_dts = os.path.join(work, "board.dts")
    boot_dtb = os.path.join(work, "boot-good.dtb")
    bad_dtb = os.path.join(work, "boot-%s.dtb" % case.corrupt)
    steps = [
        qemu_cmd(arch=case.arch) + ["-M", "%s,dumpdtb=%s" % (machine_of(case, pv), board_dtb),
                                    "-cpu", pv["QEMU_CPU"], "-smp", str(case.smp),
                                    "-m", str(case.mem), "-display", "none"],
        ["dtc", "-q", "-I", "dtb", "-O", "dts", "-o", board_dts, board_dtb],
        ["dtc", "-q", "-i", work, "-I", "dts", "-O", "dtb", "-o", boot_dtb,
         os.path.join(ROOT, case.partition)],
    ]
    if pv["BOARD_TREE"] == "partition":
        steps = steps[2:]	# no board tree: the partition is the whole tree
    for cmd in steps:
        ok, out = run_logged(cmd, log, 120)
        if not ok:
            return None, "making the boot tree failed: %s" % (out[-1] if out else cmd[0])
    with open(boot_dtb, "rb") as f:
        data = corrupt_dtb(f.read(), case.corrupt)
    with open(bad_dtb, "wb") as f:
        f.write(data)
    log.write("[boot tree corrupted (%s): %s]\n" % (case.corrupt, bad_dtb))
    return bad_dtb, None


def kill_group(proc):
    """Kill run-qemu.sh and the QEMU it started (its own process group)."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def boot(case, cmd, log):
    """Run QEMU, teeing the console into log. Returns (lines, status, timed_out)."""
    log.write("$ %s\n=== console\n" % " ".join(shlex.quote(c) for c in cmd))
    log.flush()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            stdin=subprocess.PIPE if case.send else subprocess.DEVNULL,
                            cwd=ROOT, start_new_session=True)
    chunks = []
    pending = list(case.send)
    not_ready = list(case.send_ready)
    before_ready = []

    def type_keys(seen):
        # Nothing is typed before every send-ready line has come; the
        # first trigger may then match any line since the start.
        if not_ready:
            before_ready.extend(seen)
            not_ready[:] = [m for m in not_ready
                            if not any(m.matches(clean_line(l)) for l in seen)]
            if not_ready:
                return
            seen = before_ready
        # Complete lines only: a trigger must not fire on half a line.
        while pending and any(pending[0][0].matches(clean_line(l)) for l in seen):
            trigger, keys = pending.pop(0)
            log.write("\n=== typing %r after %s\n" % (keys, trigger))
            try:
                proc.stdin.write(keys)
                proc.stdin.flush()
            except (BrokenPipeError, ValueError):
                return
            # later triggers must match later lines
            seen = []

    def pump():
        # Raw bytes: the console may stop mid-line when QEMU is killed.
        partial = b""
        while True:
            data = proc.stdout.read1(4096)
            if not data:
                break
            chunks.append(data)
            log.write(data.decode("utf-8", "replace"))
            log.flush()
            if pending:
                lines = (partial + data).split(b"\n")
                partial = lines.pop()
                type_keys([l.decode("utf-8", "replace") for l in lines])

    reader = threading.Thread(target=pump, daemon=True)
    reader.start()
    timed_out = False
    try:
        status = proc.wait(timeout=case.timeout)
    except subprocess.TimeoutExpired:
        timed_out = True
        if case.registers:
            chunks.append(monitor_registers(case, log).encode())
        kill_group(proc)
        status = proc.wait()
    finally:
        if proc.poll() is None:
            kill_group(proc)
            proc.wait()
    # Also reap a QEMU that outlived run-qemu.sh yet still holds the pipe.
    reader.join(10)
    if reader.is_alive():
        kill_group(proc)
        reader.join(5)
    text = b"".join(chunks).decode("utf-8", "replace")
    log.write("\n=== %s\n" % ("killed after %d s timeout" % case.timeout if timed_out
                               else "QEMU exit code %s" % describe_status(status)))
    return [clean_line(l) for l in text.split("\n")], status, timed_out


def monitor_path(case):
    return os.path.join(case.work, "monitor.sock")


def monitor_registers(case, log):
    """registers: what QEMU's monitor says to info registers, as lines."""
    import socket
    text = b""
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(2)
            sock.connect(monitor_path(case))
            sock.sendall(b"info registers -a\n")
            # Until the monitor has been quiet for 2 s (or 10 s in all).
            end = time.monotonic() + 10
            while time.monotonic() < end:
                try:
                    data = sock.recv(65536)
                except socket.timeout:
                    break
                if not data:
                    break
                text += data
    except OSError as e:
        text += ("[monitor: %s]" % e).encode()
    out = "\n=== info registers (QEMU monitor)\n" + text.decode("utf-8", "replace") + "\n"
    log.write(out)
    return out


def x0_stub(case, hyp):
    """x0: a raw arm64 Image QEMU's -kernel starts as it starts Linux,
    which loads x0 with the case's value and branches to the hypervisor,
    put at STUB_HYP_ADDR by -device loader."""
    words = [0x14000010, 0]		# b +0x40; code1
    code = []
    for hw in range(4):			# movz/movk x0, #part, lsl #16*hw
        part = (case.x0 >> (16 * hw)) & 0xffff
        code.append((0xD2800000 if hw == 0 else 0xF2800000) | hw << 21 | part << 5)
    code += [0xD2800010 | (STUB_HYP_ADDR & 0xffff) << 5,	# movz x16, #lo
             0xF2A00010 | (STUB_HYP_ADDR >> 16) << 5,	# movk x16, #hi, lsl #16
             0xD61F0200]				# br x16
    header = struct.pack("<II QQQ QQQ 4s I", *words, 0, 0x1000, 0xa, 0, 0, 0, b"ARM\x64", 0)
    path = os.path.join(case.work, "x0-stub.bin")
    with open(path, "wb") as f:
        f.write(header + struct.pack("<%dI" % len(code), *code))
    return path, ["-device", "loader,file=%s,addr=0x%x,force-raw=on" % (hyp, STUB_HYP_ADDR)]


# The loader's first line: everything before it is the firmware's.
LOADER_MARK = "tessera-boot:"


def machine_of(case, pv):
    """The platform's -M argument with the case's machine: options, as
    scripts/machine.sh makes it (a first element without '=' is a
    machine type replacing the platform's)."""
    m, x = pv["QEMU_MACHINE"], case.machine
    if not x:
        return m
    first = x.split(",", 1)[0]
    if "=" in first:
        return m + "," + x
    rest = m.split(",", 1)[1:]
    return ",".join([first] + rest + x.split(",")[1:])


def in_build(path, build):
    """A case's build/... path, in the build directory this run uses
    (make O=dir test)."""
    if path.startswith("build/"):
        return os.path.join(build, path[len("build/"):])
    return path


def run_case(case, args, res):
    """One case, with its machine: options, its firmware and its
    architecture's platform for every script it runs."""
    if case.machine:
        os.environ["TESSERA_MACHINE"] = case.machine
    else:
        os.environ.pop("TESSERA_MACHINE", None)
    saved_firmware = os.environ.get("FIRMWARE")
    os.environ["FIRMWARE"] = case.firmware
    saved_platform = os.environ.get("PLATFORM")
    os.environ["PLATFORM"] = case_platform(case)
    try:
        run_case_steps(case, args, res)
    finally:
        os.environ.pop("TESSERA_MACHINE", None)
        for name, saved in (("PLATFORM", saved_platform), ("FIRMWARE", saved_firmware)):
            if saved is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = saved


def run_case_steps(case, args, res):
    # Test data (test-data, copy:) is in the build itself; the loader and
    # hypervisor in the architecture's build.
    build = args.build
    case.build_root = build
    # A board's hypervisor is built in BUILD/<platform> (make test).
    hyp_build = os.path.join(build, case.platform) if case.platform else \
        arch_build(build, case.arch)
    work = os.path.join(build, "test-work", case.name)
    case.work = os.path.abspath(work)
    logs = os.path.join(build, "test-logs")
    os.makedirs(logs, exist_ok=True)
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    log_path = os.path.join(logs, case.name + ".log")
    image = os.path.join(work, "tessera.img")
    start = time.monotonic()
    # Disks the guests write to: this run's own copies (never the
    # originals, so that runs stay independent).
    for src in case.copy:
        path = in_build(src, build)
        path = path if os.path.isabs(path) else os.path.join(ROOT, path)
        if not os.path.isfile(path):
            res.fail(case.name, "copy: no %s (make test-data)" % src)
            return
        subprocess.run(["cp", "--sparse=always", path, work], check=True)
    case_qemu = [re.sub(r"(?<=file=)build/", lambda m: in_build("build/", build),
                        a.replace("{work}", os.path.abspath(work))) for a in case.qemu]

    with open(log_path, "w", encoding="utf-8", errors="replace") as log:
        log.write("case %s (%s), firmware %s\n" % (case.name, os.path.relpath(case.path, ROOT),
                                                   case.firmware))
        log.write("=== build\n")
        extra = list(case.mkimage) + (["--board", case.board] if case.board else [])
        if case.corrupt:
            try:
                bad, why = build_corrupt_dtb(case, work, log)
            except CaseError as e:
                bad, why = None, str(e)
            if not bad:
                log.close()
                fail_with_log(res, case.name, why, log_path, None)
                return
            extra += ["--dtb", bad]
        inventory = []
        if case.inspect_linux:
            why = inspect_with_linux(case, case_qemu, work, hyp_build, log)
            if why:
                log.close()
                fail_with_log(res, case.name, why, log_path, None)
                return
            inventory = ["--inventory", os.path.join(work, "inventory-linux.dts")]
        if case.plan:
            # Inspect the board, plan the partition, boot the plan.
            planned = os.path.join(work, "partition")
            cmd = ["scripts/plan.sh", "--partition", case.partition, "--out", planned,
                   "--build", hyp_build, "--smp", str(case.smp), "--mem", str(case.mem)] + \
                (["--board", case.board] if case.board else []) + inventory + ["--"] + \
                inspect_qemu(case_qemu)
            ok, out = run_logged(cmd, log, 600)
            if not ok:
                log.close()
                fail_with_log(res, case.name, "planning failed", log_path, out)
                return
            extra += ["--dtb", os.path.join(planned, "boot.dtb"), "--search", planned,
                      "--search", os.path.join(hyp_build, "guests")]
        partition = case.partition
        if case.bootargs:
            partition = with_bootargs(case, work)
        if case.entry == "linux-boot":
            boot_args, out = linux_boot_tree(case, partition, work, hyp_build, log)
            what = "linux-boot.py failed"
        else:
            boot_args, out = mkimage(case, args, partition, image, work, hyp_build, extra, log)
            what = "mkimage failed"
        if boot_args is None:
            log.close()
            fail_with_log(res, case.name, what, log_path, out)
            return
        extra_qemu = list(case_qemu)
        case.serial0_path = os.path.join(work, "serial0.log")
        if case.serial0_file:
            extra_qemu = ["-serial", "file:" + case.serial0_path, "-monitor", "none"] + extra_qemu
        extra_qemu = boot_args[1] + extra_qemu
        qemu = [args.run_qemu] + boot_args[0] + ["--smp", str(case.smp),
                                                 "--mem", str(case.mem)] + \
            (["--"] + extra_qemu if extra_qemu else [])
        lines, status, timed_out = boot(case, qemu, log)
        # Only UEFI's firmware may stall before anything of ours runs.
        if timed_out and case.entry == "uefi" and not any(LOADER_MARK in l for l in lines):
            # The firmware stalled before our loader printed a line (seen
            # rarely on a loaded machine). Nothing of ours ran: try once
            # more. A loader that hangs silently still fails twice.
            log.write("=== the firmware never started the loader; booting once more\n")
            lines, status, timed_out = boot(case, qemu, log)
        # A killed QEMU has no exit code worth reporting.
        why = judge(case, lines, None if timed_out else status)
        if timed_out and not case.registers:
            why = "timed out after %d s%s" % (case.timeout, "; " + why if why else "")
        log.write("=== %s (%.1f s)\n" % ("PASS" if not why else "FAIL: " + why,
                                         time.monotonic() - start))

    if why:
        fail_with_log(res, case.name, why, log_path, lines)
    else:
        res.ok(case.name)
        # Disk images are large; keep only the log of a passing case.
        try:
            os.remove(image)
        except OSError:
            pass


def mkimage(case, args, partition, image, work, hyp_build, extra, log):
    """The disk image the UEFI loader boots: ((run-qemu.sh arguments, QEMU
    arguments), output), or (None, output)."""
    cmd = [args.mkimage, "--partition", partition, "--out", image,
           "--smp", str(case.smp), "--mem", str(case.mem), "--work",
           os.path.join(work, "image"), "--build", hyp_build] + extra
    ok, out = run_logged(cmd, log, 600)
    return ((["--image", image], []) if ok else None), out


def linux_boot_tree(case, partition, work, hyp_build, log):
    """entry: linux-boot. The boot tree with the files placed, as
    scripts/linux-boot.py makes it: ((run-qemu.sh arguments, the -device
    loader arguments), output), or (None, output)."""
    tree = os.path.join(work, "linux-boot")
    cmd = ["scripts/linux-boot.py", "--partition", partition, "--work", tree,
           "--build", hyp_build, "--smp", str(case.smp), "--mem", str(case.mem)] + \
        (["--board", case.board] if case.board else [])
    if case.platform:
        # The guests are the same on every board: the arm64 build's.
        main = arch_build(case.build_root, "arm64")
        cmd += ["--search", os.path.join(main, "guests"),
                "--search", os.path.join(main, "dts", "guests")]
    ok, out = run_logged(cmd, log, 600)
    if not ok:
        return None, out
    with open(os.path.join(tree, "qemu-args"), encoding="utf-8") as f:
        loaders = f.read().split()
    kernel = os.path.join(hyp_build, "tessera.bin")
    if case.x0 is not None:
        kernel, more = x0_stub(case, kernel)
        loaders += more
    if case.registers:
        loaders += ["-monitor", "unix:%s,server=on,wait=off" % monitor_path(case)]
    return (["--kernel", kernel, "--dtb", os.path.join(tree, "boot.dtb")], loaders), out


def fail_with_log(res, name, why, log_path, lines):
    if lines is None:
        with open(log_path, encoding="utf-8", errors="replace") as f:
            lines = f.read().splitlines()
    tail = [l.rstrip() for l in lines if l.strip()][-TAIL_LINES:]
    res.fail(name, why, ["log: %s" % log_path, "last %d lines:" % len(tail)]
             + ["| " + l for l in tail])


def load_cases(cases_dir, patterns, res):
    cases = []
    if not os.path.isdir(cases_dir):
        return cases
    for fn in sorted(os.listdir(cases_dir)):
        if not fn.endswith(".case"):
            continue
        name = fn[:-len(".case")]
        if not selected(name, patterns):
            continue
        try:
            cases.append(Case(os.path.join(cases_dir, fn)))
        except (CaseError, OSError) as e:
            res.fail(name, "bad case file: %s" % e)
    return cases


def main():
    ap = argparse.ArgumentParser(description="Run Tessera's unit and QEMU tests.")
    ap.add_argument("--build", default="build", help="build directory (default build)")
    ap.add_argument("--unit-only", action="store_true", help="only the host unit tests")
    ap.add_argument("--integration-only", action="store_true",
                    help="only the QEMU integration tests")
    ap.add_argument("--only", action="append", default=[], metavar="NAME",
                    help="run tests whose program or case name matches (fnmatch); "
                         "repeatable")
    ap.add_argument("--list", action="store_true", help="list the tests and exit")
    ap.add_argument("--update-golden", action="store_true",
                    help="rewrite the planner's golden outputs from the planner")
    ap.add_argument("--cases", default=CASES_DIR, help=argparse.SUPPRESS)
    ap.add_argument("--mkimage", default="scripts/mkimage.sh", help=argparse.SUPPRESS)
    ap.add_argument("--run-qemu", default="scripts/run-qemu.sh", help=argparse.SUPPRESS)
    args = ap.parse_args()
    os.chdir(ROOT)

    res = Results()
    progs = [p for p in unit_programs(args.build)
             if selected(os.path.basename(p), args.only)]
    cases = [] if args.unit_only else load_cases(args.cases, args.only, res)
    if args.integration_only:
        progs = []

    if args.list:
        for p in progs:
            say("unit %s" % os.path.basename(p))
        for c in cases:
            say("case %s" % c.name)
        return 0

    for arch in sorted({c.arch for c in cases}):
        say("qemu%s: %s" % ("" if arch == "arm64" else " (%s)" % arch, qemu_version(arch)))
    try:
        for p in progs:
            run_unit(p, res)
        if not args.integration_only and not args.unit_only:
            sys.path.insert(0, os.path.join(ROOT, "test", "plan"))
            import plan_tests
            plan_tests.run(args.build, res, lambda n: selected(n, args.only),
                           args.update_golden)
            sys.path.insert(0, os.path.join(ROOT, "test", "fuzz"))
            import fuzz_tests
            fuzz_tests.run(args.build, res, lambda n: selected(n, args.only))
            import docs_tests
            docs_tests.run(res, lambda n: selected(n, args.only))
            import layout_tests
            layout_tests.run(res, lambda n: selected(n, args.only))
        for c in cases:
            run_case(c, args, res)
    except KeyboardInterrupt:
        res.fail("run", "interrupted")
    say("%d passed, %d failed" % (res.passed, res.failed))
    return 1 if res.failed else 0


if __name__ == "__main__":
    sys.exit(main())
