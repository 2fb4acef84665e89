#!/usr/bin/env python3
"""Writes the files a document shows: every fenced code block right after a line
`<!-- snippet: PATH -->` becomes OUT_DIR/PATH. Prints each path; exits 1 if a marker has no block,
a path leaves OUT_DIR or repeats, or there is no snippet at all.

Usage: extract_snippets.py DOC.md OUT_DIR
"""
import pathlib
import re
import sys

MARKER = re.compile(r"^<!-- snippet: (\S+) -->$")


def extract(doc, out_dir):
    lines = doc.read_text(encoding="utf-8").splitlines()
    written = set()
    i = 0
    while i < len(lines):
        m = MARKER.match(lines[i])
        i += 1
        if not m:
            continue
        path = m.group(1)
        if i >= len(lines) or not lines[i].startswith("```"):
            sys.exit(f"{doc}:{i}: snippet {path} is not followed by a code block")
        end = i + 1
        while end < len(lines) and lines[end] != "```":
            end += 1
        if end == len(lines):
            sys.exit(f"{doc}:{i + 1}: the code block of {path} is not closed")
        target = (out_dir / path).resolve()
        if out_dir.resolve() not in target.parents or path in written:
            sys.exit(f"{doc}:{i}: snippet path {path} leaves the output folder or repeats")
        written.add(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("\n".join(lines[i + 1:end]) + "\n", encoding="utf-8")
        print(path)
        i = end + 1
    if not written:
        sys.exit(f"{doc}: no snippets")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    extract(pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]))
