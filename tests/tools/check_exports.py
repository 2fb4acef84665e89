#!/usr/bin/env python3
"""Check the CSV and Excel exports of a sample: check_exports.py DXASSESS ANSWERS AREA LEVEL SCORE FINDING_TITLE

Runs `dxassess assess --format csv,xlsx --bom` into a temporary directory and checks that:
- the CSV starts with a UTF-8 BOM, has one row per area, and AREA's row holds LEVEL and SCORE;
- the workbook has the summary sheet and one sheet per area, the summary row of AREA holds SCORE,
  and AREA's sheet holds LEVEL, SCORE and the finding FINDING_TITLE (read from the sheet XML).
"""
import csv
import io
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from xml.etree import ElementTree

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}


def cells(z, sheet_file, shared):
    """{'A1': value} of one worksheet, shared strings resolved."""
    out = {}
    root = ElementTree.fromstring(z.read(sheet_file))
    for c in root.iter("{%s}c" % NS["m"]):
        v = c.find("m:v", NS)
        if v is None:
            continue
        out[c.get("r")] = shared[int(v.text)] if c.get("t") == "s" else float(v.text)
    return out


def main() -> int:
    dxassess, answers, area, level, score, finding = sys.argv[1:7]
    level, score = int(level), int(score)
    problems = []
    with tempfile.TemporaryDirectory(prefix="dxassess-exports-") as tmp:
        run = subprocess.run([dxassess, "assess", answers, "-o", tmp, "--format", "csv,xlsx", "--bom"], capture_output=True, text=True)
        if run.returncode != 0:
            print(f"dxassess failed ({run.returncode}):\n{run.stdout}{run.stderr}", file=sys.stderr)
            return 1
        raw = Path(tmp, "report.csv").read_bytes()
        if not raw.startswith(b"\xef\xbb\xbf"):
            problems.append("the CSV has no UTF-8 BOM")
        rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
        if len(rows) != 9:
            problems.append(f"the CSV has {len(rows)} area rows, expected 9")
        row = next((r for r in rows if r["area"] == area), None)
        if not row or int(row["level"]) != level or int(row["score"]) != score:
            problems.append(f"the CSV row of {area} is {row}, expected level {level} and score {score}")

        with zipfile.ZipFile(Path(tmp, "report.xlsx")) as z:
            shared = [("".join(t.itertext())) for t in ElementTree.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", NS)]
            workbook = ElementTree.fromstring(z.read("xl/workbook.xml"))
            names = [s.get("name") for s in workbook.find("m:sheets", NS)]
            # summary, nine areas named by their short titles, the level scale, the appendix of notes when the
            # answers have any, the national figures, the answers in the questionnaire's layout (and its hidden
            # lists), and the audit sheet last
            area_sheet = None
            for i in range(1, 10):
                if rows and cells(z, f"xl/worksheets/sheet{i + 1}.xml", shared).get("A1") == row["area_name"]:
                    area_sheet = i
            if (names[0] not in ("概要", "Summary") or area_sheet is None or names[10] not in ("レベルの見方", "Levels")
                    or names[-1] not in ("監査用情報", "Audit") or not {"回答", "Answers"} & set(names) or len(names) not in (15, 16)):
                problems.append(f"unexpected sheets {names}")
            else:
                summary = cells(z, "xl/worksheets/sheet1.xml", shared)
                title_cell = next((k for k, v in summary.items() if k.startswith("A") and isinstance(v, str)
                                   and int(re.sub(r"\D", "", k)) > 10 and rows and v == row["area_name"]), None)
                if not title_cell or summary.get("D" + title_cell[1:]) != score:
                    problems.append(f"the summary sheet has no row for {area} with score {score}")
                sheet = cells(z, f"xl/worksheets/sheet{area_sheet + 1}.xml", shared)
                if sheet.get("B3") != level or sheet.get("B4") != score:
                    problems.append(f"sheet {area}: level/score cells are {sheet.get('B3')}/{sheet.get('B4')}, expected {level}/{score}")
                if finding not in sheet.values():
                    problems.append(f"sheet {area} does not list the finding '{finding}'")
    for p in problems:
        print(p, file=sys.stderr)
    if not problems:
        print(f"CSV and Excel exports hold {area}: level {level}, score {score}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
