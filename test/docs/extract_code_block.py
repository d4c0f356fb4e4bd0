#!/usr/bin/env python3
"""Writes the one ```LANG block of a Markdown file that contains MARKER.

Usage: extract_code_block.py DOC.md LANG MARKER OUT
Lets a test compile and run a program shown in the documentation, so that
the page cannot show code that no longer builds. Exits 1 unless exactly one
block matches.
"""
import re
import sys


def main():
    doc, lang, marker, out = sys.argv[1:5]
    text = open(doc, encoding="utf-8").read()
    blocks = re.findall(r"^```" + re.escape(lang) + r"\n(.*?)^```", text,
                        flags=re.S | re.M)
    matches = [b for b in blocks if marker in b]
    if len(matches) != 1:
        print(f"error: {len(matches)} ```{lang} blocks of {doc} contain "
              f"{marker!r}; expected 1")
        return 1
    with open(out, "w", encoding="utf-8") as f:
        f.write(matches[0])
    return 0


if __name__ == "__main__":
    sys.exit(main())
