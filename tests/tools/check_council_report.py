#!/usr/bin/env python3
"""Reports a council can read, checked as printed and as read.

    check_council_report.py DXASSESS CHROMIUM SAMPLES_DIR VILLAGE_PAGES

  1. Print (Chromium headless, --print-to-pdf, A4): every sample's summary fills exactly page 1 — page 1
     ends with the summary's last line and the appendix starts at the top of page 2 — and the full
     village report has VILLAGE_PAGES pages.
  2. No missing-glyph boxes: a Japanese string in the report's own font stack renders exactly as in
     Noto Sans CJK JP (the font bootstrap installs), and differently from characters no font has.
  3. The body of every form (HTML, Markdown, CSV, XLSX) has no question ids or fact names, no ［要確認］ /
     ［二次］ marks, no bare day counts, no "FY": ids stay in the JSON and in the audit block.
  4. The radar's target and benchmark lines have at least 3:1 contrast against white and differ by
     dash pattern; tables have captions and header scopes.
Everything it writes lives in a temporary directory that is removed.
"""
import json
import pathlib
import re
import subprocess
import sys
import tempfile

import openpyxl

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--hide-scrollbars"]


def fail(msg):
    sys.exit(msg)


def run(cmd):
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=180)
    if p.returncode not in (0, 3):
        fail(f"failed ({p.returncode}): {' '.join(map(str, cmd))}\n{p.stdout}\n{p.stderr}")
    return p


def pdf_pages(chromium, html, pdf, profile):
    run([chromium, *FLAGS, f"--user-data-dir={profile}", "--no-pdf-header-footer", f"--print-to-pdf={pdf}", html.resolve().as_uri()])
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
    if not size or abs(float(size.group(1)) - 595.3) > 2 or abs(float(size.group(2)) - 841.9) > 2:
        fail(f"{html}: not printed on A4 ({size.group(0) if size else info})")
    return pages


def page_text(pdf, page):
    return subprocess.run(["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout


def check_print(dxa, chromium, samples, village_pages, tmp):
    for sample in samples:
        out = tmp / sample.stem
        run([dxa, "assess", str(sample), "-o", str(out), "--format", "html,json"])
        pdf = tmp / f"{sample.stem}.pdf"
        pages = pdf_pages(chromium, out / "report.html", pdf, tmp / "profile")
        first, second = page_text(pdf, 1), page_text(pdf, 2)
        report = json.loads((out / "report.json").read_text(encoding="utf-8"))
        name = report["municipality"]["name"]
        for want in (name, "年度（令和", "基準日", "優先して取り組むこと（上位 3 件）", "次のページからの付録にあります"):
            if want not in first:
                fail(f"{sample.name}: page 1 (the summary) lacks '{want}':\n{first}")
        if "付録" in first.replace("次のページからの付録にあります", ""):
            fail(f"{sample.name}: the appendix starts on page 1")
        if not second.lstrip().startswith("付録"):
            fail(f"{sample.name}: page 2 does not start with the appendix (the summary is longer than one page):\n{second[:400]}")
        if "village" in sample.name and pages != village_pages:
            fail(f"{sample.name}: the full report prints on {pages} pages; the test records {village_pages}")
        print(f"ok: {sample.name}: the summary is exactly page 1 of {pages} A4 pages")


def screenshot(chromium, html, png, profile):
    run([chromium, *FLAGS, f"--user-data-dir={profile}", "--window-size=600,120", f"--screenshot={png}", html.resolve().as_uri()])
    return png.read_bytes()


def check_glyphs(chromium, report_html, tmp):
    css = report_html.read_text(encoding="utf-8")
    stack = re.search(r"body \{ font-family: ([^;]+);", css).group(1)
    text = "自治体ＤＸ推進計画　令和8年度"
    def page(name, family, body):
        p = tmp / f"{name}.html"
        p.write_text(f'<!DOCTYPE html><meta charset="utf-8"><body style="margin:8px;font-family:{family};font-size:28px">{body}</body>',
                     encoding="utf-8")
        return screenshot(chromium, p, tmp / f"{name}.png", tmp / "profile")
    report_font = page("report-font", stack, text)
    noto = page("noto", '"Noto Sans CJK JP"', text)
    missing = page("missing", stack, "\ue000" * len(text))  # private-use characters: no font has them
    if report_font != noto:
        fail("the report's font stack does not render Japanese as Noto Sans CJK JP does (missing-glyph boxes?)")
    if report_font == missing:
        fail("Japanese text renders like characters no font has: boxes")
    print("ok: Japanese renders with a real font in the report's font stack")


def body_of_html(html):
    html = html.split('<footer class="audit">')[0]
    html = re.sub(r"<style>.*?</style>", "", html, flags=re.S)
    html = re.sub(r"<[^>]+>", " ", html)
    return html


def check_no_internals(dxa, samples, old_policy, tmp):
    for answers in [*samples, old_policy]:
        out = tmp / f"forms-{answers.stem}"
        run([dxa, "assess", str(answers), "-o", str(out), "--format", "json,md,html,csv,xlsx", "--headers", "ja"])
        report = json.loads((out / "report.json").read_text(encoding="utf-8"))
        ids = set()
        def collect(node):  # every id and input name the JSON carries for the areas
            if isinstance(node, dict):
                for k, v in node.items():
                    if k in ("id", "name", "row") and isinstance(v, str):
                        ids.add(v)
                    if k == "facts" and isinstance(v, dict):
                        ids.update(v.keys())
                    collect(v)
            elif isinstance(node, list):
                for v in node:
                    collect(v)
        collect(report["areas"])
        ids = {i for i in ids if i and "_" in i}  # ids are snake_case; plain words also occur in prose
        day_inputs = re.findall(r'"name": "days_since[a-z_]*"', json.dumps(report["areas"]))
        md = (out / "report.md").read_text(encoding="utf-8").split("## 監査用の情報")[0]
        # The workbook's visible cells: not the audit sheet, hidden sheets, or the 回答 sheet's hidden marker column.
        wb = openpyxl.load_workbook(out / "report.xlsx")
        xlsx_body = "\n".join(str(c.value) for ws in wb.worksheets if ws.sheet_state == "visible" and ws.title != "監査用情報"
                              for row in ws.iter_rows() for c in row
                              if c.value is not None and not ws.column_dimensions[c.column_letter].hidden)
        forms = {"html": body_of_html((out / "report.html").read_text(encoding="utf-8")), "md": md,
                 "csv": (out / "report.csv").read_text(encoding="utf-8").split("\n")[0], "xlsx": xlsx_body}
        if not forms["csv"].lstrip("\ufeff").startswith("団体コード,団体名,都道府県,年度,"):
            fail(f"--headers ja: the CSV's column names are not Japanese: {forms['csv']}")
        for form, text in forms.items():
            for mark in ("［要確認］", "［二次］", "要確認］", "FY2"):
                if mark in text:
                    fail(f"{answers.name}: report {form} shows '{mark}'")
            for i in ids:
                if re.search(r"(?<![A-Za-z0-9_])" + re.escape(i) + r"(?![A-Za-z0-9_])", text):
                    fail(f"{answers.name}: report {form} shows the internal id '{i}'")
            if re.search(r"からの日数[：:=]\s*\**\d", text):
                fail(f"{answers.name}: report {form} shows a bare day count")
        if answers == old_policy:
            if not day_inputs:
                fail("the old-policy answers raise no day-count input: the check above proves nothing")
            for form in ("html", "md"):
                if "2018年7月1日（基準日の 7 年 3 か月前）" not in forms[form]:
                    fail(f"report {form}: the day count is not shown as a date")
        print(f"ok: {answers.name}: no ids, marks or day counts in the body of any form")


def luminance(hex_colour):
    rgb = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def check_accessibility(report_html):
    html = report_html.read_text(encoding="utf-8")
    dashes = {}
    for name, var in (("target", "--target"), ("benchmark", "--bench")):
        colour = re.search(var + r":\s*(#[0-9a-fA-F]{6})", html).group(1)
        contrast = 1.05 / (luminance(colour) + 0.05)
        if contrast < 3:
            fail(f"the radar's {name} line ({colour}) has contrast {contrast:.2f}:1 against white, below 3:1")
        rule = re.search(r"svg \." + name + r" \{[^}]*stroke-dasharray:\s*([^;]+);", html)
        if not rule:
            fail(f"the radar's {name} line has no dash pattern")
        dashes[name] = rule.group(1).strip()
        print(f"ok: radar {name} line {colour}, {contrast:.1f}:1, dashes {dashes[name]}")
    if dashes["target"] == dashes["benchmark"]:
        fail("target and benchmark lines have the same dash pattern")
    tables = re.findall(r"<table\b.*?</table>", html, re.S)
    for t in tables:
        if "<caption>" not in t or '<th scope="col">' not in t:
            fail(f"a table without caption or header scopes: {t[:200]}")
    print(f"ok: {len(tables)} tables with captions and header scopes")


def main():
    dxa, chromium, samples_dir, village_pages = sys.argv[1], sys.argv[2], pathlib.Path(sys.argv[3]), int(sys.argv[4])
    samples = sorted(samples_dir.glob("sample-*.toml"))
    with tempfile.TemporaryDirectory(prefix="dxassess-council-") as tmp:
        tmp = pathlib.Path(tmp)
        # The city's answers with a policy last revised in 2018: its gap shows a day-count fact.
        old_policy = tmp / "old-policy.toml"
        city = (samples_dir / "sample-city.toml").read_text(encoding="utf-8")
        old_policy.write_text(re.sub(r"(?m)^policy_revised = .*$", "policy_revised = 2018-07-01", city), encoding="utf-8")
        check_print(dxa, chromium, samples, village_pages, tmp)
        check_glyphs(chromium, tmp / "sample-village" / "report.html", tmp)
        check_no_internals(dxa, samples, old_policy, tmp)
        check_accessibility(tmp / "sample-village" / "report.html")


if __name__ == "__main__":
    main()
