# SPDX-License-Identifier: GPL-2.0-only
"""Fuzz smoke tests for test/run.py: each libFuzzer target (test/fuzz/)
replays its regression inputs and seeds, then fuzzes for a few seconds.
A test fails on a crash, a leak, a hang, or when the target did not run
(no executions). make fuzz runs them for longer (scripts/fuzz.sh)."""
import os
import re
import subprocess
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TARGETS = ("fdt", "config", "plan", "vpci", "vpl011", "vuart16550", "vgic", "vgicv2", "vits",
           "loader", "insn", "bootinfo")
SMOKE_SECONDS = 5


def run(build, res, selected):
    for t in TARGETS:
        name = "fuzz-" + t
        if not selected(name):
            continue
        binary = os.path.join(build, "fuzz", "fuzz_" + t)
        if not os.path.exists(binary):
            res.fail(name, "no %s (make fuzz-build)" % binary)
            continue
        inputs = [os.path.join(HERE, "corpus", t)]
        regress = os.path.join(HERE, "regress", t)
        if os.path.isdir(regress) and os.listdir(regress):
            inputs.append(regress)
        with tempfile.TemporaryDirectory() as scratch:
            # The first corpus directory is where libFuzzer writes: a
            # scratch one, so the seeds in the repository stay as they are.
            p = subprocess.run([binary, "-max_total_time=%d" % SMOKE_SECONDS,
                                "-print_final_stats=1", "-timeout=10", "-rss_limit_mb=2048",
                                "-artifact_prefix=%s/" % scratch, scratch] + inputs,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        out = p.stdout.decode(errors="replace")
        m = re.search(r"^stat::number_of_executed_units: *(\d+)", out, re.M)
        execs = int(m.group(1)) if m else 0
        if p.returncode or not execs:
            why = [l for l in out.splitlines() if "ERROR" in l or "SUMMARY" in l][:2]
            res.fail(name, "exit %d after %d executions: %s" % (p.returncode, execs,
                                                               " / ".join(why) or "no run"))
        else:
            res.ok(name)
