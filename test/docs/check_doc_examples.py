#!/usr/bin/env python3
"""Compiles every ```dgm block of a Markdown file with dgmc (to a shared library).

Usage: check_doc_examples.py DOC.md WORKDIR
Prints one line per example and exits 1 if any fails, so documentation that
shows code which no longer compiles fails the test suite.
"""
import os
import re
import subprocess
import sys


def main():
    doc, workdir = sys.argv[1], sys.argv[2]
    os.makedirs(workdir, exist_ok=True)
    text = open(doc, encoding="utf-8").read()
    blocks = re.findall(r"^```dgm\n(.*?)^```", text, flags=re.S | re.M)
    if not blocks:
        print(f"error: no ```dgm blocks in {doc}")
        return 1
    failures = 0
    for i, code in enumerate(blocks, 1):
        src = os.path.join(workdir, f"example{i}.dgm")
        with open(src, "w", encoding="utf-8") as f:
            f.write(code)
        lib = os.path.join(workdir, f"libexample{i}.so")
        result = subprocess.run(["dgmc", src, "-o", lib, "--force"],
                                capture_output=True, text=True)
        status = "ok" if result.returncode == 0 else "FAILED"
        first = code.strip().splitlines()[0]
        print(f"example {i} ({first}): {status}")
        if result.returncode != 0:
            failures += 1
            print(result.stderr)
    print(f"{len(blocks) - failures} of {len(blocks)} examples compiled")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
