#!/usr/bin/env python3
"""The questionnaire workbook end to end, with a workbook filled the way another program fills it.

`dxassess init --format xlsx` writes a blank workbook; openpyxl (which writes workbooks differently
from libxlsxwriter) fills its cells from a sample's TOML answers, in the ways office users leave
them: percentages with a % format or typed as "78%", dates as serial days or typed text, numbers
stored as text, full-width digits, trailing spaces, inline strings, booleans as TRUE. Then:

  1. `assess` of the workbook gives the same JSON report as `assess` of the TOML file;
  2. `convert` TOML -> XLSX -> TOML gives the same report again (notes and N/A reasons kept);
  3. each kind of bad cell gives exit code 2 and an error naming its sheet and cell;
  4. files that are not questionnaires are refused with a clear message.

Usage: check_workbook.py DXASSESS RULES_DIR SAMPLES_DIR
"""
import datetime
import json
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
import zipfile

import openpyxl

NA_LABELS = {"prefecture": "実施主体が都道府県", "wide_area": "広域連合・一部事務組合が実施",
             "no_scheme": "制度・対象がない", "other": "その他"}
NOTE_KEYS = ["note", "evidence", "owner", "answered_by"]
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def run(dxa, *args, expect=0):
    p = subprocess.run([dxa, *args], capture_output=True, text=True)
    if p.returncode != expect:
        sys.exit(f"dxassess {' '.join(args)}: exit {p.returncode}, expected {expect}\n{p.stdout}\n{p.stderr}")
    return p


def load_rules(rules_dir):
    rules = {}
    for path in pathlib.Path(rules_dir).glob("*.toml"):
        if path.name.endswith(".test.toml") or path.name in ("model.toml", "reference.toml"):
            continue
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        if "area" in data and "questions" in data:
            rules[data["area"]["id"]] = {q["id"]: q for q in data["questions"]}
    return rules


def index_markers(wb):
    """(section, marker) -> (sheet, row), from the hidden column A."""
    index = {}
    for ws in wb.worksheets:
        section = None
        for (cell,) in ws.iter_rows(min_col=1, max_col=1):
            m = cell.value
            if not m:
                continue
            if m == "@profile":
                section = "profile"
            elif m.startswith("@area:"):
                section = m[len("@area:"):]
            elif section:
                index.setdefault((section, m), []).append((ws, cell.row))
    return index


class Filler:
    """Writes answers into cells, varying how each kind is written (`style` picks the variant)."""

    def __init__(self, style):
        self.style = style
        self.n = 0

    def variant(self, count):
        self.n += 1
        return (self.n + self.style) % count

    def write(self, cell, qtype, value, choices=None):
        if qtype == "bool":
            v = self.variant(3)
            cell.value = value if v == 0 else ("はい" if value else "いいえ") + ("  " if v == 2 else "")
        elif qtype == "integer":
            v = self.variant(4)
            if v == 0:
                cell.value = value
            elif v == 1:
                cell.value = f"{value:,}"                       # a number stored as text, with a separator
            elif v == 2:
                cell.value = str(value).translate(FULL_WIDTH)   # full-width digits
            else:
                cell.value = f" {value} "                        # stray spaces
        elif qtype == "number":
            cell.value = value if self.variant(2) == 0 else str(value)
        elif qtype == "ratio":
            v = self.variant(3)
            if v == 0:
                cell.value = value
                cell.number_format = "0%"                       # shown as a percentage
            elif v == 1:
                cell.value = f"{round(value * 100, 6):g}%"      # typed as 78%
            else:
                cell.value = value                              # a plain fraction
        elif qtype == "choice":
            label = next(c["ja"] for c in choices if c["id"] == value)
            cell.value = label + (" " if self.variant(2) else "")
        elif qtype == "date":
            v = self.variant(3)
            if v == 0:
                cell.value = datetime.datetime(value.year, value.month, value.day)  # a serial day with a date format
                cell.number_format = "yyyy/m/d"
            elif v == 1:
                cell.value = f"{value.year}/{value.month}/{value.day}"
            else:
                cell.value = f"{value.year}年{value.month}月{value.day}日"
        else:
            raise ValueError(qtype)


def fill(wb, answers, rules, style):
    index = index_markers(wb)
    f = Filler(style)

    def at(section, marker):
        found = index.get((section, marker))
        if not found:
            sys.exit(f"no row for {section} {marker} in the workbook")
        return found

    for key, value in answers.get("profile", {}).items():
        ws, row = at("profile", key)[0]
        if key in ("population", "fiscal_year", "staff"):
            f.write(ws.cell(row, 3), "integer", value)
        elif key == "as_of":
            f.write(ws.cell(row, 3), "date", value)
        elif key == "code":
            ws.cell(row, 3).value = int(value) if style % 2 else value  # Excel turns 034843 into a number
        elif key == "peer_group":
            ws.cell(row, 3).value = value
        elif key == "type":
            labels = {"prefecture": "都道府県", "designated_city": "政令指定都市", "city": "市", "special_ward": "特別区",
                      "town": "町", "village": "村"}
            ws.cell(row, 3).value = labels[value]
        else:
            ws.cell(row, 3).value = value
    for area, level in answers.get("targets", {}).items():
        ws, row = at(area, "@target")[0]
        f.write(ws.cell(row, 3), "integer", level)

    for area, questions in answers.items():
        if area in ("profile", "targets"):
            continue
        for qid, given in questions.items():
            q = rules[area][qid]
            entry = given if isinstance(given, dict) else {"value": given}
            value = entry.get("value")
            if q["type"] == "table":
                columns = q["columns"]
                key = next((c for c in columns if c.get("key") and c["type"] == "choice"), None)
                if value == [] or given == []:
                    ws, row = at(area, qid)[0]
                    ws.cell(row, 3).value = "なし"
                    continue
                free_rows = at(area, qid + "[]") if not key else None
                for k, r in enumerate(given):
                    ws, row = at(area, f"{qid}[{r[key['id']]}]")[0] if key else free_rows[k]
                    for j, c in enumerate(columns):
                        if c is key or c["id"] not in r:
                            continue
                        f.write(ws.cell(row, 2 + j), c["type"], r[c["id"]], c.get("choices"))
                    na_col = 2 + len(columns)
                    if "na" in r:
                        ws.cell(row, na_col).value = NA_LABELS[r["na"]]
                    first_note = na_col + (1 if q.get("allow_na") else 0)
                    for i, n in enumerate(NOTE_KEYS):
                        if n in r:
                            ws.cell(row, first_note + i).value = r[n]
                continue
            ws, row = at(area, qid)[0]
            if q["type"] in ("multi_choice", "multi-choice"):
                if value is not None:
                    for c in q["choices"]:
                        iws, irow = at(area, f"{qid}/{c['id']}")[0]
                        iws.cell(irow, 3).value = "はい" if c["id"] in value else "いいえ"
            elif value is not None:
                f.write(ws.cell(row, 3), q["type"], value, q.get("choices"))
            if "na" in entry:
                ws.cell(row, 5).value = NA_LABELS[entry["na"]]
            for i, n in enumerate(NOTE_KEYS):
                if n in entry:
                    ws.cell(row, 6 + i).value = entry[n]


def inline_strings(path):
    """Rewrites the first shared-string answer cell of each sheet as an inline string, as some tools write them."""
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    shared = re.findall(rb"<si>(.*?)</si>", parts.get("xl/sharedStrings.xml", b""), re.S)
    for name in [n for n in parts if n.startswith("xl/worksheets/sheet")]:
        xml = parts[name]
        m = re.search(rb'<c r="(C\d+)"([^>]*?) t="s"([^>]*)><v>(\d+)</v></c>', xml)
        if m:
            text = shared[int(m.group(4))]
            new = b'<c r="' + m.group(1) + b'"' + m.group(2) + b' t="inlineStr"' + m.group(3) + b"><is>" + text + b"</is></c>"
            parts[name] = xml[:m.start()] + new + xml[m.end():]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in parts.items():
            z.writestr(n, data)


def report_without_provenance(path):
    report = json.loads(pathlib.Path(path).read_text(encoding="utf-8"))
    for k in ("provenance", "answers", "generated_at"):
        report.pop(k, None)
    return report


def main():
    dxa, rules_dir, samples_dir = sys.argv[1:4]
    rules = load_rules(rules_dir)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        blank = tmp / "回答.xlsx"
        run(dxa, "init", "--format", "xlsx", "-o", str(blank))

        # The layout a municipal user sees: Japanese sheet names, only answer cells unlocked,
        # drop-downs, the marker column hidden, printing fitted to the page width.
        wb = openpyxl.load_workbook(blank)
        names = wb.sheetnames
        for want in ("記入方法", "団体情報", "推進体制", "標準化・共通化", "テレワーク"):
            if want not in names:
                sys.exit(f"no sheet {want}: {names}")
        ws = wb["テレワーク"]
        index = index_markers(wb)
        _, row = index[("telework", "status")][0]
        if not ws.protection.sheet or ws.cell(row, 3).protection.locked or not ws.cell(row, 2).protection.locked:
            sys.exit("telework: the sheet is not protected with only answer cells unlocked")
        # Fitted to one page wide (fitToWidth defaults to 1), as many pages tall as needed, on A4.
        setup = ws.page_setup
        if (not ws.column_dimensions["A"].hidden or not ws.sheet_properties.pageSetUpPr.fitToPage
                or setup.fitToWidth not in (None, 1) or setup.fitToHeight != 0 or str(setup.paperSize) != "9"):
            sys.exit("telework: column A not hidden or printing not fitted to the A4 page width")
        lists = [dv for dv in ws.data_validations.dataValidation if f"C{row}" in str(dv.sqref)]
        if not lists or lists[0].type != "list":
            sys.exit(f"telework status: no drop-down list on C{row}")
        staff = index[("telework", "staff_eligible")][0][1]
        numbers = [dv for dv in ws.data_validations.dataValidation if f"C{staff}" in str(dv.sqref)]
        if not numbers or numbers[0].type != "whole" or numbers[0].formula1 != "0":
            sys.exit(f"telework staff_eligible: no whole-number check from 0 on C{staff}")
        print("ok: layout")

        # 1 + 2: every sample, filled by openpyxl and converted both ways, gives the TOML's report.
        samples = sorted(pathlib.Path(samples_dir).glob("sample-*.toml"))
        for style, sample in enumerate(samples):
            answers = tomllib.loads(sample.read_text(encoding="utf-8"))
            wb = openpyxl.load_workbook(blank)
            fill(wb, answers, rules, style)
            filled = tmp / f"{sample.stem}.xlsx"
            wb.save(filled)
            inline_strings(filled)
            run(dxa, "assess", str(sample), "-o", str(tmp / "toml"), "--format", "json")
            p = run(dxa, "assess", str(filled), "-o", str(tmp / "xlsx"), "--format", "json", expect=0)
            expected = report_without_provenance(tmp / "toml" / "report.json")
            if report_without_provenance(tmp / "xlsx" / "report.json") != expected:
                sys.exit(f"{sample.name}: the workbook filled by openpyxl gives a different report")
            if "全角の数字を半角として読みました" not in p.stderr and style == 0:
                sys.exit(f"{sample.name}: no hint for full-width digits:\n{p.stderr}")

            converted, back = tmp / f"{sample.stem}-converted.xlsx", tmp / f"{sample.stem}-back.toml"
            run(dxa, "convert", str(sample), "-o", str(converted))
            run(dxa, "convert", str(converted), "-o", str(back))
            run(dxa, "assess", str(back), "-o", str(tmp / "back"), "--format", "json")
            if report_without_provenance(tmp / "back" / "report.json") != expected:
                sys.exit(f"{sample.name}: TOML -> XLSX -> TOML changes the report")
            # The notes and N/A reasons made it through as written.
            back_answers = tomllib.loads(back.read_text(encoding="utf-8"))
            for area, questions in answers.items():
                if area in ("profile", "targets"):
                    continue
                for qid, given in questions.items():
                    if isinstance(given, dict) and given != back_answers[area][qid]:
                        sys.exit(f"{sample.name}: {area}.{qid} was {given}, came back as {back_answers[area][qid]}")
            # init carries a filled workbook forward into a new one, answers included.
            renewed = tmp / "renewed.xlsx"
            p = run(dxa, "init", "-o", str(renewed), "--from", str(filled))
            run(dxa, "assess", str(renewed), "-o", str(tmp / "renewed"), "--format", "json")
            if report_without_provenance(tmp / "renewed" / "report.json") != expected:
                sys.exit(f"{sample.name}: init --from the workbook loses answers")
            # Re-running init on the workbook itself keeps its answers (as init keeps an answers file's).
            again = tmp / "again.xlsx"
            shutil.copy(filled, again)
            p = run(dxa, "init", "-o", str(again))
            run(dxa, "assess", str(again), "-o", str(tmp / "again"), "--format", "json")
            if report_without_provenance(tmp / "again" / "report.json") != expected or "引き継ぎ" not in p.stdout:
                sys.exit(f"{sample.name}: init on an existing workbook loses answers:\n{p.stdout}")
            print(f"ok: {sample.name}")

        # An English workbook reads back the same.
        village_path = pathlib.Path(samples_dir) / "sample-village.toml"
        run(dxa, "--lang", "en", "convert", str(village_path), "-o", str(tmp / "en.xlsx"))
        if "Telework" not in openpyxl.load_workbook(tmp / "en.xlsx").sheetnames:
            sys.exit("--lang en: sheet names are not English")
        run(dxa, "assess", str(tmp / "en.xlsx"), "-o", str(tmp / "en"), "--format", "json")
        run(dxa, "assess", str(village_path), "-o", str(tmp / "toml"), "--format", "json")
        if report_without_provenance(tmp / "en" / "report.json") != report_without_provenance(tmp / "toml" / "report.json"):
            sys.exit("an English workbook gives a different report")
        print("ok: English workbook")

        # 3: bad cells, each named by sheet and cell.
        village = tomllib.loads((pathlib.Path(samples_dir) / "sample-village.toml").read_text(encoding="utf-8"))
        cases = [
            ("telework", "collaboration_tools", "たぶん", r"「はい」か「いいえ」を選んでください（「たぶん」は読めません）"),
            ("ai_rpa", "genai_status", "よく使う", r"「よく使う」は選択肢にありません。次から選んでください: 「全庁で導入」"),
            ("governance", "trained_staff", "12.5", r"整数で書いてください（12.5）"),
            ("mynumber", "hokensho_rate", 78, r"割合は 0〜100% です（このセルは 7800%）"),
            ("mynumber", "hokensho_rate", "78", r"割合は 0〜100% です。78% のつもりなら「78%」または 0.78 と書いてください"),
            ("security", "policy_revised", "来年の春", r"日付として読めません（「来年の春」）"),
            ("mynumber", "outreach_visits", -3, r"範囲外|out of range|以上"),
        ]
        for area, qid, bad, pattern in cases:
            wb = openpyxl.load_workbook(blank)
            fill(wb, village, rules, 1)
            ws, row = index_markers(wb)[(area, qid)][0]
            ws.cell(row, 3).value = bad
            broken = tmp / "bad.xlsx"
            wb.save(broken)
            p = run(dxa, "assess", str(broken), "-o", str(tmp / "bad"), expect=2)
            place = re.escape(f"{broken}: {ws.title}!C{row}: ")
            if not re.search(place + ".*(" + pattern + ")", p.stderr):
                sys.exit(f"bad cell {area}.{qid} = {bad!r}: expected '{ws.title}!C{row}: {pattern}' in:\n{p.stderr}")
            if (tmp / "bad").exists():
                sys.exit("an invalid workbook left a report behind")
            print(f"ok: bad cell {ws.title}!C{row} ({qid} = {bad!r})")

        # A wrong 該当なし reason, in a table row's reason column.
        wb = openpyxl.load_workbook(blank)
        fill(wb, village, rules, 1)
        ws, row = index_markers(wb)[("online", "procedures[kaigo_nintei]")][0]
        na_col = 2 + len(rules["online"]["procedures"]["columns"])
        ws.cell(row, na_col).value = "県がやっている"
        wb.save(tmp / "bad.xlsx")
        p = run(dxa, "assess", str(tmp / "bad.xlsx"), expect=2)
        cell = f"{ws.title}!{openpyxl.utils.get_column_letter(na_col)}{row}"
        if f"{cell}: 該当なしの理由「県がやっている」は選択肢にありません" not in p.stderr:
            sys.exit(f"bad N/A reason: {p.stderr}")

        # The blank workbook assessed as it is: each required profile entry is named by its cell and label.
        wb = openpyxl.load_workbook(blank)
        ws, row = index_markers(wb)[("profile", "code")][0]
        p = run(dxa, "assess", str(blank), "-o", str(tmp / "never"), expect=2)
        if f"{blank}: {ws.title}!C{row}: 「全国地方公共団体コード（6 桁）」を記入してください（必須）" not in p.stderr:
            sys.exit(f"blank workbook: {p.stderr}")

        # A marker in the hidden column A edited into something that is not an id.
        wb = openpyxl.load_workbook(blank)
        ws, row = index_markers(wb)[("telework", "status")][0]
        ws.cell(row, 1).value = "status\n[governance]"
        wb.save(tmp / "bad.xlsx")
        p = run(dxa, "assess", str(tmp / "bad.xlsx"), expect=2)
        if f"{ws.title}!A{row}: A 列の記号「status" not in p.stderr:
            sys.exit(f"bad marker: {p.stderr}")

        # 4: not a workbook; a workbook that is not a questionnaire.
        garbage = tmp / "garbage.xlsx"
        garbage.write_bytes(b"PK\x03\x04 not really a zip" * 10)
        p = run(dxa, "assess", str(garbage), expect=2)
        if "Excel ブック（.xlsx）として読めません" not in p.stderr or str(garbage) not in p.stderr:
            sys.exit(f"garbage: {p.stderr}")
        plain = tmp / "plain.xlsx"
        other = openpyxl.Workbook()
        other.active["A1"] = "売上"
        other.save(plain)
        p = run(dxa, "assess", str(plain), expect=2)
        if "回答票のシートがありません" not in p.stderr:
            sys.exit(f"plain workbook: {p.stderr}")
        p = run(dxa, "--lang", "en", "assess", str(plain), expect=2)
        if "no questionnaire sheet found" not in p.stderr:
            sys.exit(f"plain workbook (en): {p.stderr}")
        print("ok: bad cells and non-questionnaires")


if __name__ == "__main__":
    main()
