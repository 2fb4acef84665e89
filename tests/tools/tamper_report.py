#!/usr/bin/env python3
"""Write edited copies of a good JSON report, one per way a report can be tampered with.

    tamper_report.py REPORT.json OUTDIR [--answers-edit OLD NEW]

Each copy changes one thing (see EDITS) and is named after it; `collect` must reject each with the
reason the test expects. The figures edited are picked from the report itself (the first area with
findings, the first area below level 5), so the tool works with any complete report.
"""
import argparse
import copy
import json
import sys
from pathlib import Path


def first(areas, test):
    for i, a in enumerate(areas):
        if test(a):
            return i
    sys.exit("the report has no area the edit needs")


def edits(report, answers_edit):
    areas = report["areas"]
    below5 = first(areas, lambda a: a["status"] == "scored" and a["level"] < 5)
    with_findings = first(areas, lambda a: a["status"] == "scored" and a["findings"])
    scored = first(areas, lambda a: a["status"] == "scored")

    def setter(path, value):
        def apply(r):
            node = r
            for key in path[:-1]:
                node = node[key]
            node[path[-1]] = value(node[path[-1]]) if callable(value) else value
        return apply

    out = {
        # figures_mismatch: figures edited, answers left alone
        "level": setter(["areas", below5, "level"], lambda v: v + 1),
        "score": setter(["areas", scored, "score"], lambda v: 99 if v != 99 else 98),
        "finding": setter(["areas", with_findings, "findings"], []),
        "completeness": setter(["areas", scored, "required_completeness"], 0.5),
        "index": setter(["overall", "index"], 99.9),
        # identity_mismatch: filed under another government's code (a valid one)
        "code": setter(["municipality", "code"], "011002"),
        # missing_rule_set / missing_area: an area escaping the checks
        "rule_set_deleted": lambda r: r["provenance"]["rule_sets"].pop(0),
        "area_deleted": lambda r: r["areas"].pop(0),
        # out_of_range
        "score_negative": setter(["areas", scored, "score"], -5),
        "level_42": setter(["areas", scored, "level"], 42),
        # rules_not_official
        "rules_version": setter(["provenance", "rule_sets", 0, "version"], "9.9.9"),
        "model_digest": setter(["provenance", "model", "sha256"], "0" * 64),
    }
    if answers_edit:
        old, new = answers_edit
        if old not in report["answers"]["text"]:
            sys.exit(f"'{old}' is not in the report's answers")
        out["answers"] = setter(["answers", "text"], lambda t: t.replace(old, new, 1))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("report")
    ap.add_argument("outdir")
    ap.add_argument("--answers-edit", nargs=2, metavar=("OLD", "NEW"))
    args = ap.parse_args()
    report = json.loads(Path(args.report).read_text(encoding="utf-8"))
    outdir = Path(args.outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    for name, edit in edits(report, args.answers_edit).items():
        r = copy.deepcopy(report)
        edit(r)
        (outdir / f"{name}.json").write_text(json.dumps(r, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
