#!/usr/bin/env python3
"""Check `dxassess summary` against a hand computation from the collected report files.

    check_national_summary.py DXASSESS DB ANSWERS.jsonl RESULTS.jsonl YEAR

Reads the answer sets (for each government's 類似団体区分) and batch's results of the same lines
(its levels, status and overall index; the index rounded to one decimal), computes for YEAR the mean level of each area per 類似団体区分
(scored areas only; groups under three suppressed) and the mean overall index, and for every year
each area's level counts and mean; then runs `summary --by peer-group` and `summary --trend`
(JSON) and compares. Prints each difference; exit 1 if there is any.
"""
import json
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

PEER_ORDER = (["designated_city", "special_ward", "core_city", "special_city"]
              + [f"city_{p}_{i}" for p in range(1, 5) for i in range(4)]
              + [f"town_{p}_{i}" for p in range(1, 6) for i in range(3)] + ["none"])


def summary(dxa, db, *args):
    run = subprocess.run([dxa, "summary", "--db", db, "--format", "json", *args], capture_output=True, text=True, check=True)
    return json.loads(run.stdout)


def main():
    dxa, db, answers_file, results_file, year = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
    problems = []
    levels = defaultdict(lambda: defaultdict(list))   # peer group -> area -> levels (YEAR)
    members = defaultdict(int)                        # peer group -> governments (YEAR)
    indexes = defaultdict(list)                       # peer group -> overall index of reports with a scored area
    by_year = defaultdict(lambda: defaultdict(list))  # year -> area -> levels
    with open(answers_file, encoding="utf-8") as answers, open(results_file, encoding="utf-8") as results:
        for answer_line, result_line in zip(answers, results):
            profile = json.loads(answer_line)["profile"]
            r = json.loads(result_line)
            fy = r["fiscal_year"]
            scored = {area: a["level"] for area, a in r["areas"].items() if a["status"] == "scored"}
            for area, level in scored.items():
                by_year[fy][area].append(level)
            if fy != year:
                continue
            group = profile.get("peer_group") or "none"
            members[group] += 1
            if scored:
                indexes[group].append(r["overall"]["index"])
            for area, level in scored.items():
                levels[group][area].append(level)

    got = summary(dxa, db, "--by", "peer-group", "--year", str(year))
    rows = {g["group"]: g for g in got["groups"]}
    if set(rows) != set(members):
        problems.append(f"groups differ: summary {sorted(rows)}, hand {sorted(members)}")
    order = [g["group"] for g in got["groups"]]
    if order != [g for g in PEER_ORDER if g in rows]:
        problems.append(f"groups are not in the 総務省 order: {order}")
    checked = 0
    for group, n in members.items():
        row = rows.get(group)
        if not row:
            continue
        if row["n"] != n:
            problems.append(f"{group}: n {row['n']}, hand {n}")
        if n < 3:
            if not row["suppressed"] or row["mean_index"] is not None or row["mean_level"]:
                problems.append(f"{group}: {n} governments but its means are shown")
            continue
        hand_index = sum(indexes[group]) / len(indexes[group])
        if abs(row["mean_index"] - hand_index) > 0.05:  # batch's results round each index to one decimal
            problems.append(f"{group}: mean index {row['mean_index']}, hand {hand_index}")
        for area, ls in levels[group].items():
            hand = sum(ls) / len(ls)
            if abs(row["mean_level"].get(area, -1) - hand) > 1e-9:
                problems.append(f"{group} {area}: mean level {row['mean_level'].get(area)}, hand {hand}")
            checked += 1
        if not row["label"]["ja"] or row["label"]["ja"] == group:
            problems.append(f"{group}: no Japanese name")
    if checked < 100:
        problems.append(f"only {checked} group means were compared")

    trend = summary(dxa, db, "--trend")["trend"]
    years = [y["year"] for y in trend["years"]]
    if years != sorted(by_year):
        problems.append(f"trend years {years}, reports have {sorted(by_year)}")
    for row in trend["areas"]:
        ls = by_year[row["year"]][row["area"]]
        counts = [ls.count(level) for level in range(6)]
        if row["n"] != len(ls) or row["levels"] != counts or abs(row["mean_level"] - sum(ls) / len(ls)) > 1e-9:
            problems.append(f"trend {row['year']} {row['area']}: {row['n']} {row['levels']} {row['mean_level']}, hand {len(ls)} {counts}")
    expected_rows = sum(len(areas) for areas in by_year.values())
    if len(trend["areas"]) != expected_rows:
        problems.append(f"trend has {len(trend['areas'])} rows, expected {expected_rows}")

    for p in problems:
        print(p, file=sys.stderr)
    if not problems:
        print(f"peer-group means ({checked}) and trend rows ({len(trend['areas'])}) equal the hand computation")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
