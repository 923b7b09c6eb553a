# SPDX-License-Identifier: GPL-2.0-only
"""The planner's tests, run by test/run.py.

golden/<name>/inputs names a board and a partition (device-tree sources,
compiled here with dtc); every other file in golden/<name>/ is an output
the planner must write byte for byte, twice in a row (PLAN-3); for a
guest tree (<guest>.dtb, a blob) the golden file is <guest>.dts, what
`dtc -I dtb -O dts` reads in it.
`test/run.py --update-golden` rewrites them from the planner.

An x86 guest's ACPI tables (<guest>.acpi, a blob) are held as
<guest>.acpi.hex, a hex dump. "arch: x86_64" in inputs (or "// arch:
x86_64" in a refusal) runs the x86 build's planner, build/x86_64/plan.

refuse/<name>.dts are partitions the planner must refuse: exit 1, the
line "plan: error: <expect>" (from the file's "// expect:" comment), and
no file written (PLAN-2). "// board:" picks another board. A partition
with the line "// with-board" is compiled after the board's tree, as
scripts/plan.sh does, so that it can name the board's nodes.
"""

import filecmp
import os
import re
import shutil
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_BOARD = "test/plan/boards/qemu-virt-pci.dts"
# What make deps unpacked: build/deps of the source tree, whatever --build.
DEPS_DIR = os.environ.get("DEPS_DIR") or os.path.join(os.path.dirname(os.path.dirname(HERE)),
                                                      "build", "deps")


def dtc(src, out, include=()):
    inc = [a for d in (os.path.dirname(src),) + tuple(include) for a in ("-i", d)]
    p = subprocess.run(["dtc", "-q", "-I", "dts", "-O", "dtb"] + inc + ["-o", out, src],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    if p.returncode:
        raise RuntimeError("dtc %s: %s" % (src, p.stdout.decode(errors="replace").strip()))


def with_board(board_dts, part_dts, work):
    """The partition after the board's tree, as scripts/plan.sh compiles
    it (for "// with-board" partitions that name the board's nodes)."""
    body = os.path.join(work, "part-body.dtsi")
    with open(part_dts, encoding="utf-8") as f:
        text = re.sub(r"^\s*/dts-v1/;", "", f.read(), flags=re.M)
    with open(body, "w", encoding="utf-8") as f:
        f.write(text)
    full = os.path.join(work, "part-full.dts")
    with open(full, "w", encoding="utf-8") as f:
        f.write('/dts-v1/;\n/include/ "%s"\n/include/ "part-body.dtsi"\n'
                % os.path.abspath(board_dts))
    return full


def plan(build, board_dts, part_dts, work, out, extra=()):
    os.makedirs(work, exist_ok=True)
    board, part = os.path.join(work, "board.dtb"), os.path.join(work, "part.dtb")
    dtc(board_dts, board)
    with open(part_dts, encoding="utf-8") as f:
        if re.search(r"^// with-board$", f.read(), re.M):
            part_dts = with_board(board_dts, part_dts, work)
    dtc(part_dts, part, (os.path.dirname(os.path.abspath(board_dts)),))
    return run_plan(build, board, part, out, extra)


def arch_build(build, arch):
    """The build whose planner plans for arch (make test builds both)."""
    return build if arch == "arm64" else os.path.join(build, arch)


def hex_dump(blob):
    """A blob as text, so that a change shows as a readable diff."""
    lines = []
    for off in range(0, len(blob), 16):
        row = blob[off:off + 16]
        text = "".join(chr(b) if 0x20 <= b < 0x7f else "." for b in row)
        lines.append("%04x  %-47s  %s" % (off, " ".join("%02x" % b for b in row), text))
    return "\n".join(lines) + "\n"


def run_plan(build, board, part, out, extra=()):
    return subprocess.run([os.path.join(build, "plan"), "--board", board, "--partition", part,
                           "--out", out, "--search", os.path.join(build, "guests"),
                           "--search", os.path.join(build, "dts", "guests")] + list(extra),
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def read_inputs(path):
    found = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            key, _, value = line.partition(":")
            if value.strip():
                found[key.strip()] = value.strip()
    return found


def golden(build, name, res, update):
    gdir = os.path.join(HERE, "golden", name)
    inputs = read_inputs(os.path.join(gdir, "inputs"))
    work = os.path.join(build, "plan-tests", name)
    build = arch_build(build, inputs.get("arch", "arm64"))
    shutil.rmtree(work, ignore_errors=True)
    outs = []
    for run in ("1", "2"):
        out = os.path.join(work, "out" + run)
        p = plan(build, inputs.get("board", DEFAULT_BOARD), inputs["partition"], work, out)
        if p.returncode:
            return res.fail("plan-" + name, "the planner refused: %s" %
                            p.stderr.decode(errors="replace").strip())
        outs.append(out)
    # The boot tree is a source dtc takes, with the board's tree beside
    # it (as make plan puts it).
    shutil.copy(inputs.get("board", DEFAULT_BOARD), os.path.join(work, "board.dts"))
    src = os.path.join(work, "boot.dts")
    shutil.copy(os.path.join(outs[0], "boot.dts"), src)
    try:
        dtc(src, src[:-4] + ".dtb", (os.path.dirname(inputs.get("board", DEFAULT_BOARD)),))
    except RuntimeError as e:
        return res.fail("plan-" + name, str(e))
    for f in sorted(os.listdir(outs[0])):
        if not filecmp.cmp(os.path.join(outs[0], f), os.path.join(outs[1], f), shallow=False):
            return res.fail("plan-" + name, "%s differs between two runs (PLAN-3)" % f)
    # A guest tree is a blob (the shared builder's); golden holds what
    # dtc reads in it, as source, so a change shows as a readable diff.
    shown = os.path.join(work, "shown")
    os.makedirs(shown)
    for f in os.listdir(outs[0]):
        if f.endswith(".dtb"):
            p = subprocess.run(["dtc", "-q", "-I", "dtb", "-O", "dts", "-o",
                                os.path.join(shown, f[:-4] + ".dts"), os.path.join(outs[0], f)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
            if p.returncode:
                return res.fail("plan-" + name, "dtc cannot read %s: %s" %
                                (f, p.stdout.decode(errors="replace").strip()))
        elif f.endswith(".acpi"):
            with open(os.path.join(outs[0], f), "rb") as src, \
                    open(os.path.join(shown, f + ".hex"), "w", encoding="utf-8") as dst:
                dst.write(hex_dump(src.read()))
        else:
            shutil.copy(os.path.join(outs[0], f), os.path.join(shown, f))
    if update:
        for f in os.listdir(shown):
            shutil.copy(os.path.join(shown, f), os.path.join(gdir, f))
    want = sorted(f for f in os.listdir(gdir) if f != "inputs")
    got = sorted(os.listdir(shown))
    if want != got:
        return res.fail("plan-" + name, "outputs %s, golden has %s" % (got, want))
    for f in got:
        if not filecmp.cmp(os.path.join(shown, f), os.path.join(gdir, f), shallow=False):
            return res.fail("plan-" + name, "%s differs from %s" %
                            (os.path.join(shown, f), os.path.join(gdir, f)))
    res.ok("plan-" + name)


def refusal(build, path, res):
    name = os.path.splitext(os.path.basename(path))[0]
    with open(path, encoding="utf-8") as f:
        text = f.read()
    expect = re.search(r"^// expect: (.*)$", text, re.M)
    board = re.search(r"^// board: (.*)$", text, re.M)
    arch = re.search(r"^// arch: (.*)$", text, re.M)
    work = os.path.join(build, "plan-tests", "refuse-" + name)
    build = arch_build(build, arch.group(1) if arch else "arm64")
    shutil.rmtree(work, ignore_errors=True)
    out = os.path.join(work, "out")
    p = plan(build, board.group(1) if board else DEFAULT_BOARD, path, work, out)
    err = p.stderr.decode(errors="replace").strip()
    want = "plan: error: " + expect.group(1)
    if p.returncode != 1 or err != want:
        return res.fail("plan-refuse-" + name, "exit %d, said '%s', expected '%s'" %
                        (p.returncode, err, want))
    if os.path.exists(out) and os.listdir(out):
        return res.fail("plan-refuse-" + name, "it refused but wrote %s" % os.listdir(out))
    res.ok("plan-refuse-" + name)


def real_board(build, path, res):
    """A real board tree from Debian's kernel package, planned. With
    "// expect: <error>" the planner must refuse it, as refusal() checks.
    With "// unsupported: <what it lacks>" the planner must refuse the
    board with exactly that (it lacks what this build of Tessera needs,
    lib/caps.h), and plan it with --allow-unsupported, saying so."""
    import glob
    name = os.path.splitext(os.path.basename(path))[0]
    with open(path, encoding="utf-8") as f:
        text = f.read()
    dtb = re.search(r"^// board-dtb: (.*)$", text, re.M).group(1)
    overlay = re.search(r"^// board-overlay: (.*)$", text, re.M)
    found = glob.glob(os.path.join(DEPS_DIR, "arm64", "usr", "lib", "linux-image-*", dtb))
    if not found:
        return res.fail("plan-real-" + name, "%s is not in %s (make deps)" % (dtb, DEPS_DIR))
    work = os.path.join(build, "plan-tests", "real-" + name)
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    board = os.path.join(work, "board.dts")
    p = subprocess.run(["dtc", "-q", "-I", "dtb", "-O", "dts", "-o",
                        os.path.join(work, "vendor.dts"), found[0]],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    if p.returncode:
        return res.fail("plan-real-" + name, "dtc could not read %s" % found[0])
    with open(board, "w", encoding="utf-8") as f:
        f.write('/dts-v1/;\n/include/ "vendor.dts"\n')
        if overlay:
            f.write('/include/ "%s"\n' % os.path.abspath(overlay.group(1)))
    expect = re.search(r"^// expect: (.*)$", text, re.M)
    lacks = re.search(r"^// unsupported: (.*)$", text, re.M)
    if expect or lacks:
        out = os.path.join(work, "refused")
        p = plan(build, board, path, work, out)
        err = p.stderr.decode(errors="replace").strip()
        want = "plan: error: " + (expect.group(1) if expect else
                                  "board: Tessera (qemu-virt-arm64) cannot boot it: " +
                                  lacks.group(1))
        if p.returncode != 1 or err != want:
            return res.fail("plan-real-" + name, "exit %d, said '%s', expected '%s'" %
                            (p.returncode, err, want))
        if os.path.exists(out) and os.listdir(out):
            return res.fail("plan-real-" + name, "it refused but wrote %s" % os.listdir(out))
        if expect:
            return res.ok("plan-real-" + name)
    p = plan(build, board, path, work, os.path.join(work, "out"), ["--allow-unsupported"])
    if p.returncode:
        return res.fail("plan-real-" + name, "exit %d: %s" %
                        (p.returncode, p.stderr.decode(errors="replace").strip()))
    warned = p.stderr.decode(errors="replace").strip()
    if lacks and warned != "plan: warning: board: Tessera (qemu-virt-arm64) cannot boot it: " + \
            lacks.group(1):
        return res.fail("plan-real-" + name, "--allow-unsupported said '%s'" % warned)
    with open(os.path.join(work, "out", "report.txt"), encoding="utf-8") as f:
        report = f.read()
    if not re.search(r"^rtos +1 ", report, re.M) or not re.search(r"^linux +[13] ", report, re.M):
        return res.fail("plan-real-" + name, "the report does not show both guests")
    if lacks and "NOT BOOTABLE: Tessera (qemu-virt-arm64) cannot boot this board: %s\n" % \
            lacks.group(1) not in report:
        return res.fail("plan-real-" + name, "the report does not say the board is unsupported")
    res.ok("plan-real-" + name)


def hostile_names(build, res):
    """Guest names dtc would not write, in a compiled partition: a path
    (../../xy) must not make the planner write outside --out, and two
    guests of one name are refused (hostile/two-guests.dts)."""
    src = os.path.join(HERE, "hostile", "two-guests.dts")
    cases = (
        ("plan-names-path", b"../../xy",
         'partition: node "../../xy": a guest name must be letters, digits and _ - + , . @, '
         'starting with a letter or digit'),
        ("plan-names-twice", b"BBBBBBBB", "partition: two guests are named BBBBBBBB"),
    )
    for name, rename, want in cases:
        work = os.path.join(build, "plan-tests", name)
        shutil.rmtree(work, ignore_errors=True)
        os.makedirs(work)
        board, part = os.path.join(work, "board.dtb"), os.path.join(work, "part.dtb")
        dtc(DEFAULT_BOARD, board)
        dtc(src, part)
        with open(part, "rb") as f:
            blob = f.read()
        with open(part, "wb") as f:
            f.write(blob.replace(b"AAAAAAAA\0", rename + b"\0", 1))
        os.makedirs(os.path.join(work, "a", "b"))
        out = os.path.join(work, "a", "b", "out")
        p = run_plan(build, board, part, out)
        err = p.stderr.decode(errors="replace").strip()
        written = sorted(os.path.relpath(os.path.join(d, f), work)
                         for d, _, files in os.walk(work) for f in files
                         if f not in ("board.dtb", "part.dtb"))
        if p.returncode != 1 or err != "plan: error: " + want:
            res.fail(name, "exit %d, said '%s', expected 'plan: error: %s'" %
                     (p.returncode, err, want))
        elif written:
            res.fail(name, "it refused but wrote %s" % written)
        else:
            res.ok(name)


def fdtget(dtb, node, prop):
    p = subprocess.run(["fdtget", "-t", "bx", dtb, node, prop], stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT)
    return p.returncode, p.stdout


def bootargs_escaped(build, res):
    """bootargs with quotes, backslashes and a tab reach the boot tree as
    they are: the planner's boot.dts compiles with dtc and holds the same
    bytes as the partition (hostile/two-guests.dts)."""
    name = "plan-bootargs-escaped"
    work = os.path.join(build, "plan-tests", name)
    shutil.rmtree(work, ignore_errors=True)
    out = os.path.join(work, "out")
    src = os.path.join(HERE, "hostile", "two-guests.dts")
    p = plan(build, DEFAULT_BOARD, src, work, out)
    if p.returncode:
        return res.fail(name, "the planner refused: %s" % p.stderr.decode(errors="replace"))
    shutil.copy(DEFAULT_BOARD, os.path.join(out, "board.dts"))
    try:
        dtc(os.path.join(out, "boot.dts"), os.path.join(work, "boot.dtb"),
            (os.path.dirname(DEFAULT_BOARD),))
    except RuntimeError as e:
        return res.fail(name, str(e))
    want = fdtget(os.path.join(work, "part.dtb"), "/chosen/BBBBBBBB/kernel", "bootargs")
    got = fdtget(os.path.join(work, "boot.dtb"), "/chosen/BBBBBBBB/kernel", "bootargs")
    if want[0] or got != want or b'\\"quoted\\"' not in bytes(
            int(x, 16) for x in want[1].split()):
        return res.fail(name, "boot.dtb's bootargs %r, the partition's %r" % (got, want))
    res.ok(name)


def slots_pair(build, res):
    """The planner's own virtual slots pair INTx lines with the host's
    (partitions/slots-pair.dts): the virtio-blk is moved off slot 01,
    whose line the hand-placed e1000e's slot 05 already uses."""
    import json
    name = "plan-slots-pair"
    work = os.path.join(build, "plan-tests", name)
    shutil.rmtree(work, ignore_errors=True)
    out = os.path.join(work, "out")
    p = plan(build, DEFAULT_BOARD, os.path.join(HERE, "partitions", "slots-pair.dts"), work, out)
    if p.returncode:
        return res.fail(name, "the planner refused: %s" %
                        p.stderr.decode(errors="replace").strip())
    with open(os.path.join(out, "plan.json"), encoding="utf-8") as f:
        devs = {d["host"]: d for d in json.load(f)["guests"][0]["pci"]}
    disk, nic = devs["0000:00:01.0"], devs["0000:00:02.0"]
    if disk["guest"] != "0000:00:02.0" or nic["guest"] != "0000:00:05.0" or \
            disk["intx_guest"] == nic["intx_guest"]:
        return res.fail(name, "virtual slots %s" % devs)
    res.ok(name)


def make_plan_devices(build, res):
    """make plan inspects the board with INSPECT_QEMU's devices, as
    docs/planner.md says (make -n: the commands, nothing run)."""
    name = "plan-make-inspect-qemu"
    top = os.path.dirname(os.path.dirname(HERE))
    p = subprocess.run(["make", "-n", "--no-print-directory", "-C", top, "plan",
                        "O=" + os.path.abspath(build), "INSPECT_QEMU=-device tessera-probe,addr=7"],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    text = p.stdout.decode(errors="replace").replace("\\\n", " ")
    line = [l for l in text.splitlines() if "scripts/plan.sh" in l]
    if p.returncode or not line or not line[0].rstrip().endswith(
            "-- -device tessera-probe,addr=7"):
        return res.fail(name, "make plan ran %s" % (line or text.strip()[-300:]))
    res.ok(name)


def faults(build, res):
    """Every allocation in the planner fails once (plan-fi, built with
    fault injection and the sanitizers): each run must refuse with one
    "out of memory" line, write nothing, and leak nothing. Twice: the PCI
    demo, and two VFs of an igb (partitions/sriov-igb.dts: the planner
    grows the board's arrays for them)."""
    inputs = ((DEFAULT_BOARD, os.path.join("dts", "plan", "pci-demo.dts")),
              ("test/plan/boards/qemu-virt-pci-sriov.dts",
               os.path.join(HERE, "partitions", "sriov-igb.dts")))
    for k, (board_dts, part_dts) in enumerate(inputs):
        why = fault_sites(build, board_dts, part_dts, os.path.join(build, "plan-tests",
                                                                   "faults-%d" % k))
        if why:
            return res.fail("plan-faults", "%s: %s" % (os.path.basename(part_dts), why))
    res.ok("plan-faults")


def fault_sites(build, board_dts, part_dts, work):
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    board, part = os.path.join(work, "board.dtb"), os.path.join(work, "part.dtb")
    dtc(board_dts, board)
    dtc(part_dts, part)
    sites = 0
    for n in range(1, 200):
        out = os.path.join(work, "out-%d" % n)
        env = dict(os.environ, TESSERA_FAIL_AT=str(n), ASAN_OPTIONS="detect_leaks=1")
        p = subprocess.run([os.path.join(build, "plan-fi"), "--board", board, "--partition",
                            part, "--out", out], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, env=env)
        err = p.stderr.decode(errors="replace")
        if "Sanitizer" in err:
            return "allocation %d failing: %s" % (n, err.strip().splitlines()[0])
        if p.returncode == 0:
            break           # fewer than n sites: nothing failed this time
        lines = err.strip().splitlines()
        if p.returncode != 1 or len(lines) != 1 or not re.match(
                r"plan: error: .*out of memory", lines[0]):
            return "allocation %d failing: exit %d, said %r" % (n, p.returncode, err.strip())
        if os.path.exists(out) and os.listdir(out):
            return "allocation %d failing: it wrote %s" % (n, os.listdir(out))
        sites += 1
    else:
        return "still failing after 200 allocations"
    if sites < 6:
        return "only %d allocation sites met" % sites
    return None


def run(build, res, selected, update=False):
    for name in sorted(os.listdir(os.path.join(HERE, "golden"))):
        if selected("plan-" + name):
            golden(build, name, res, update)
    for f in sorted(os.listdir(os.path.join(HERE, "real"))):
        if f.endswith(".dts") and selected("plan-real-" + f[:-4]):
            real_board(build, os.path.join(HERE, "real", f), res)
    for f in sorted(os.listdir(os.path.join(HERE, "refuse"))):
        if f.endswith(".dts") and selected("plan-refuse-" + f[:-4]):
            refusal(build, os.path.join(HERE, "refuse", f), res)
    if selected("plan-faults"):
        faults(build, res)
    if selected("plan-names-path") or selected("plan-names-twice"):
        hostile_names(build, res)
    if selected("plan-make-inspect-qemu"):
        make_plan_devices(build, res)
    if selected("plan-slots-pair"):
        slots_pair(build, res)
    if selected("plan-bootargs-escaped"):
        bootargs_escaped(build, res)
