# SPDX-License-Identifier: GPL-2.0-only
"""The layering rule, checked on the sources (run by test/run.py).

include-check: core code (kernel/*.[ch], kernel/drivers/, vpci/, iommu/)
includes no architecture-private header. Of the architecture it may see
only the public headers, as "arch/<name>.h" from
kernel/arch/<arch>/include/arch/; anything else under kernel/arch/ is
private to that architecture. Shared library code (kernel/lib/) sees
only itself. A quoted include that names no file in the places core
code may see fails too, so the check cannot be dodged by a new -I.
"""

import glob
import os
import re

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
INCLUDE = re.compile(r'^\s*#\s*include\s*"([^"]+)"', re.M)

CORE = ["kernel/*.c", "kernel/*.h", "kernel/drivers/*.[ch]", "vpci/*.[ch]", "iommu/*.[ch]"]
CORE_DIRS = ["kernel", "vpci", "iommu"]


def arch_public(name):
    """arch/<x>.h must exist as a public header of every architecture: each
    kernel/arch/<arch> with public headers (a port that has only its
    build flags, arch.mk, has not started on them)."""
    archs = [d for d in glob.glob(os.path.join(ROOT, "kernel/arch/*"))
             if os.path.isdir(os.path.join(d, "include", "arch"))]
    return archs and all(os.path.isfile(os.path.join(a, "include", name)) for a in archs)


def violations(files, allowed):
    bad = []
    for path in files:
        with open(os.path.join(ROOT, path), encoding="utf-8") as f:
            text = f.read()
        for name in INCLUDE.findall(text):
            why = allowed(path, name)
            if why:
                bad.append("%s includes \"%s\" (%s)" % (path, name, why))
    return bad


def core_allowed(path, name):
    if ".." in name.split("/"):
        return "a relative path out of the core"
    if name.startswith("arch/"):
        return None if arch_public(name) else "not a public header of every architecture"
    here = os.path.dirname(path)
    for d in [here] + CORE_DIRS:
        if os.path.isfile(os.path.join(ROOT, d, name)):
            return None
    return "not a core header: architecture code is reached through kernel/arch.h"


def lib_allowed(path, name):
    if ".." in name.split("/"):
        return "a relative path out of kernel/lib/"
    if name.startswith("lib/") and os.path.isfile(os.path.join(ROOT, "kernel", name)):
        return None
    if "/" not in name and os.path.isfile(os.path.join(ROOT, "kernel/lib", name)):
        return None
    return "kernel/lib/ is shared code and sees only kernel/lib/"


def check():
    core = sorted({p for g in CORE for p in glob.glob(g, root_dir=ROOT)})
    lib = sorted(glob.glob("kernel/lib/*.[ch]", root_dir=ROOT))
    return violations(core, core_allowed) + violations(lib, lib_allowed)


def run(res, selected):
    name = "include-check"
    if not selected(name):
        return
    bad = check()
    if bad:
        res.fail(name, "; ".join(bad))
    else:
        res.ok(name)


if __name__ == "__main__":
    for line in check() or ["include-check: clean"]:
        print(line)
