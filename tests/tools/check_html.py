#!/usr/bin/env python3
"""Render dxassess HTML reports in headless Chromium and check them.

    check_html.py CHROMIUM --report DXASSESS ANSWERS [--benchmark FILE]   assess, then check report.html
    check_html.py CHROMIUM --file HTML [--chart ID]                        check an existing file
        [--tiles N] [--expect-text TEXT]... [--expect-order TEXT TEXT...]     ... and the dashboard's content

Checks: the file is self-contained (no scripts, external styles, images or fonts); Chromium loads it
with no console message and no network request; the rendered DOM has the radar chart with the current
levels (and the target / benchmark polygons when asked); for the dashboard, the map's tiles (each
with a title for screen readers), texts that must be shown and texts that must appear in order.
Exit 0 when all hold, 1 otherwise.
Everything it creates lives in a temporary directory that is removed.
"""
import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--enable-logging=stderr", "--v=0"]


def static_problems(html: str) -> list:
    problems = []
    for pattern, what in [(r"<script", "a script"), (r"<link\b", "a linked resource"), (r"<img\b", "an image"),
                          (r"@import", "an imported style sheet"), (r"@font-face", "a web font"),
                          (r"""(src|href)\s*=\s*["']?(https?:|//)""", "a network URL"), (r"url\(\s*['\"]?(https?:|//)", "a network URL in CSS")]:
        if re.search(pattern, html, re.IGNORECASE):
            problems.append(f"the report contains {what}")
    return problems


def render(chromium: str, html_path: Path, work: Path) -> tuple:
    result = subprocess.run([chromium, *CHROMIUM_FLAGS, f"--user-data-dir={work / 'profile'}", "--dump-dom",
                             html_path.resolve().as_uri()], capture_output=True, text=True, timeout=120)
    return result.returncode, result.stdout, result.stderr


def dashboard_problems(dom: str, tiles, texts, order) -> list:
    problems = []
    if tiles is not None:
        found = re.findall(r'<g class="tile"><title>([^<]+)</title>', dom)
        if len(found) != tiles:
            problems.append(f"the map has {len(found)} tiles with a title, expected {tiles}")
    for t in texts or []:
        if t not in dom:
            problems.append(f"the rendered page does not show '{t}'")
    if order:
        places = [dom.find(t) for t in order]
        if -1 in places or places != sorted(places):
            problems.append(f"these do not appear in this order: {order} (found at {places})")
    return problems


def check(chromium: str, html_path: Path, work: Path, expect_target: bool, expect_benchmark: bool, chart_id: str = "radar",
          tiles=None, texts=None, order=None) -> list:
    html = html_path.read_text(encoding="utf-8")
    problems = static_problems(html)
    rc, dom, log = render(chromium, html_path, work)
    if rc != 0:
        problems.append(f"chromium exited with {rc}")
    for line in log.splitlines():
        if ":CONSOLE" in line or "net::ERR" in line or "Refused to" in line:
            problems.append(f"chromium reported: {line.strip()}")
    if chart_id != "radar":
        if not re.search(r'<svg[^>]*id="%s"' % chart_id, dom) or "<rect" not in dom:
            problems.append(f"the rendered page has no chart (svg#{chart_id})")
        return problems + dashboard_problems(dom, tiles, texts, order)
    if not re.search(r'<svg[^>]*id="radar"', dom):
        problems.append("the rendered page has no radar chart (svg#radar)")
    current = re.search(r'<polygon[^>]*id="radar-current"[^>]*points="([^"]+)"', dom)
    if not current or len(current.group(1).split()) < 3:
        problems.append("the radar chart has no polygon of the current levels")
    if expect_target and 'id="radar-target"' not in dom:
        problems.append("the radar chart has no target polygon")
    if expect_benchmark and 'id="radar-benchmark"' not in dom:
        problems.append("the radar chart has no benchmark polygon")
    return problems


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("chromium")
    ap.add_argument("--file")
    ap.add_argument("--report", nargs=2, metavar=("DXASSESS", "ANSWERS"))
    ap.add_argument("--benchmark")
    ap.add_argument("--lang", default="ja")
    ap.add_argument("--chart", default="radar", help="id of the chart to expect (dashboard-chart for the summary dashboard)")
    ap.add_argument("--tiles", type=int, help="number of map tiles to expect")
    ap.add_argument("--expect-text", action="append", help="text the rendered page must show (repeatable)")
    ap.add_argument("--expect-order", nargs="+", help="texts that must appear in this order")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="dxassess-html-") as tmp:
        work = Path(tmp)
        if args.report:
            dxassess, answers = args.report
            cmd = [dxassess, "--lang", args.lang, "assess", answers, "-o", str(work), "--format", "html"]
            if args.benchmark:
                cmd += ["--benchmark", args.benchmark]
            run = subprocess.run(cmd, capture_output=True, text=True)
            if run.returncode != 0:
                print(f"dxassess failed ({run.returncode}):\n{run.stdout}{run.stderr}", file=sys.stderr)
                return 1
            html_path = work / "report.html"
            problems = check(args.chromium, html_path, work, expect_target="[targets]" in Path(answers).read_text(encoding="utf-8"),
                             expect_benchmark=bool(args.benchmark))
        else:
            html_path = Path(args.file)
            problems = check(args.chromium, html_path, work, False, False, args.chart, args.tiles, args.expect_text, args.expect_order)
    for p in problems:
        print(f"{html_path.name}: {p}", file=sys.stderr)
    if problems:
        return 1
    print(f"{html_path.name}: renders in Chromium with its charts and no console messages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
