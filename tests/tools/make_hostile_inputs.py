#!/usr/bin/env python3
"""Writes the hostile inputs of issue 15 into a folder (generated at test time, never committed).

usage: make_hostile_inputs.py REPORT.json ANSWERS.jsonl RULES.toml OUT_DIR

  deep-report.json   REPORT with a 100,000-level [[[…]]] inside its answers object
  deep-batch.jsonl   the first two answer lines of ANSWERS with a 100,000-level line between them
  long-batch.jsonl   the same with a 9 MiB line between them
  chain/<area>.toml  RULES with a first level whose condition chains 100,000 terms with `and`
  sum/<area>.toml    the same with `1 + 1 + …` (100,000 terms)
  unknown/<area>.toml  RULES after 200,000 unknown top-level keys
"""
import json
import os
import re
import sys

DEPTH, TERMS, KEYS = 100_000, 100_000, 200_000

report_path, answers_path, rules_path, out = sys.argv[1:5]
deep = "[" * DEPTH + "]" * DEPTH

with open(report_path, encoding="utf-8") as f:
    report = f.read()
marker = '"answers": {'
if marker not in report:
    sys.exit("the report has no answers object")
with open(os.path.join(out, "deep-report.json"), "w", encoding="utf-8") as f:
    f.write(report.replace(marker, marker + '"deep": ' + deep + ", ", 1))

with open(answers_path, encoding="utf-8") as f:
    lines = f.read().splitlines()
with open(os.path.join(out, "deep-batch.jsonl"), "w", encoding="utf-8") as f:
    f.write(lines[0] + "\n" + '{"profile": ' + deep + "}\n" + lines[1] + "\n")

with open(os.path.join(out, "long-batch.jsonl"), "w", encoding="utf-8") as f:
    f.write(lines[0] + "\n" + '{"profile": {"name": "' + "x" * (9 << 20) + '"}}\n' + lines[1] + "\n")

with open(rules_path, encoding="utf-8") as f:
    rules = f.read()
area = os.path.splitext(os.path.basename(rules_path))[0]
first_when = re.compile(r"^(\s*when = )'.*'$", re.M)
if not first_when.search(rules):
    sys.exit("the rule file has no `when = '...'` line")
for folder, condition in (("chain", "true" + " and true" * (TERMS - 1)), ("sum", "1" + " + 1" * (TERMS - 1) + " > 0")):
    os.makedirs(os.path.join(out, folder), exist_ok=True)
    with open(os.path.join(out, folder, area + ".toml"), "w", encoding="utf-8") as f:
        f.write(first_when.sub(lambda m: m.group(1) + "'" + condition + "'", rules, count=1))
os.makedirs(os.path.join(out, "unknown"), exist_ok=True)
with open(os.path.join(out, "unknown", area + ".toml"), "w", encoding="utf-8") as f:
    f.write("".join(f"unknown_{i} = 1\n" for i in range(KEYS)) + rules)
