# SPDX-License-Identifier: GPL-2.0-only
"""Checks on the docs, run by test/run.py (no build needed).

docs-requirements: every test docs/requirements.md names in backquotes
exists in the tree. A name is taken to be a test when it is written as
`program/test` (a unit test: test/unit/<program>.c registers <test>
with cmocka) or is plain lower case, digits and dashes (a planner test,
plan-<golden>, plan-real-<board>, plan-refuse-<name> or plan-faults; a
fuzz target, fuzz-<target>; otherwise an integration case). A trailing
'*' stands for any suffix and must match at least one test.
"""

import fnmatch
import os
import re

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DOC = os.path.join("docs", "requirements.md")


def _names(sub, suffix, prefix=""):
    d = os.path.join(ROOT, sub)
    if not os.path.isdir(d):
        return []
    return [prefix + f[:-len(suffix)] if suffix else prefix + f
            for f in os.listdir(d) if f.endswith(suffix)]


def known_tests():
    """Every test name make test can print, except unit tests."""
    names = set(_names("test/integration/cases", ".case"))
    names |= set(_names("test/plan/golden", "", "plan-"))
    names |= set(_names("test/plan/real", ".dts", "plan-real-"))
    names |= set(_names("test/plan/refuse", ".dts", "plan-refuse-"))
    names |= {"plan-faults", "docs-requirements", "plan-names-path", "plan-names-twice",
              "plan-bootargs-escaped", "plan-slots-pair", "plan-make-inspect-qemu"}
    names |= set(_names("test/fuzz", ".c", "fuzz-"))
    return {n.replace("fuzz-fuzz_", "fuzz-") for n in names}


def unit_test_exists(name):
    prog, test = name.split("/", 1)
    path = os.path.join(ROOT, "test", "unit", prog + ".c")
    if not os.path.isfile(path):
        return False
    with open(path, encoding="utf-8") as f:
        src = f.read()
    return re.search(r"cmocka_unit_test\w*\(\s*%s\s*[,)]" % re.escape(test), src) is not None


def missing_names(text):
    known = known_tests()
    missing = []
    for tok in re.findall(r"`([^`\n]+)`", text):
        if re.fullmatch(r"test_\w+/test_\w+", tok):
            if not unit_test_exists(tok):
                missing.append(tok)
        elif re.fullmatch(r"[a-z0-9-]+\*?", tok):
            if not fnmatch.filter(known, tok):
                missing.append(tok)
    return sorted(set(missing))


def run(res, selected):
    name = "docs-requirements"
    if not selected(name):
        return
    with open(os.path.join(ROOT, DOC), encoding="utf-8") as f:
        missing = missing_names(f.read())
    if missing:
        res.fail(name, "%s names tests that do not exist: %s" % (DOC, ", ".join(missing)))
    else:
        res.ok(name)
