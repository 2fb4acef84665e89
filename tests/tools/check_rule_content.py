#!/usr/bin/env python3
"""Checks the shipped rule content against what the rule-content issue asked for.

- Every `source` names its document with a year, a date or a version (E14), rules/SOURCES.md lists every
  rule file, and no rule file points to a document outside the repository.
- No provenance mark ([要確認], [二次], [to be verified] ...) appears in a text users read (E15).
- No national figure from reference.toml is written out in a rule file: texts name it as {ref.<id>}
  and conditions as ref.<id>, so that updating the figure is an edit of one file (E6, E16, E18).
- plugins/ holds no year, date or national figure: deadlines and figures come from the host (E1, E8).
- Per-error checks that need the text itself (E2, E5, E7, E11, E17).

Prints each problem as FILE:LINE: message and exits 1 if there is any.

Usage: check_rule_content.py PROJECT_DIR
       check_rule_content.py --self-test    (the check finds each kind of problem in a made-up tree)
"""
import pathlib
import re
import shutil
import sys
import tempfile
import tomllib

DATED = re.compile(r"(19|20)\d\d|令和|平成|昭和|第[0-9０-９.]+版|\b\d+\.\d+\.\d+\b")
MARKS = re.compile(r"［要確認］|\[要確認\]|［二次］|\[二次\]|［公式］|\[公式\]|\[to be verified\]|\[secondary\]")
YEAR_IN_CODE = re.compile(r"(?<![0-9])(19|20)\d\d(?![0-9])|平成|令和")
TEXT_KEYS = {"ja", "en", "help_ja", "help_en", "advice_ja", "advice_en", "caveat_ja", "caveat_en", "title_ja", "title_en",
             "name_ja", "name_en"}


def line_of(text, needle, start=0):
    at = text.find(needle, start)
    return text.count("\n", 0, at) + 1 if at >= 0 else 0


def walk(node, path=()):
    """(key path, value) of every string in a parsed TOML document."""
    if isinstance(node, dict):
        for k, v in node.items():
            yield from walk(v, path + (k,))
    elif isinstance(node, list):
        for v in node:
            yield from walk(v, path)
    elif isinstance(node, str):
        yield path, node


def shown(value, ratio):
    """A reference figure as a person would write it out: 81.2%, 1,300, 2.3."""
    if isinstance(value, bool):
        return []
    # Round shares (30%) and small counts are indistinguishable from dxassess's own thresholds; a
    # figure with a decimal (81.2%) or a count in the thousands (1,300) is a national figure.
    if ratio:
        pct = round(value * 100, 2)
        text = f"{pct:.2f}".rstrip("0").rstrip(".")
        return [text + "%", text + " %"] if "." in text else []
    if isinstance(value, int):
        return [f"{value:,}"] if value >= 1000 else []
    if isinstance(value, float):
        return [f"{value} 倍", f"{value} times"]
    return []


def check(root):
    root = pathlib.Path(root)
    rules_dir, problems = root / "rules", []

    def problem(path, line, message):
        problems.append(f"{path.relative_to(root)}:{line}: {message}")

    reference = tomllib.loads((rules_dir / "reference.toml").read_text(encoding="utf-8"))
    figures = reference.get("figures", [])
    written_out = {}
    for f in figures:
        for text in shown(f.get("value"), f.get("type") == "ratio"):
            written_out[text] = f["id"]
    for f in figures:
        if not DATED.search(f.get("source", "")):
            problem(rules_dir / "reference.toml", 0, f"figure {f.get('id')}: source has no year or version: {f.get('source')}")

    sources_md = rules_dir / "SOURCES.md"
    sources_text = sources_md.read_text(encoding="utf-8") if sources_md.exists() else ""
    if not sources_text:
        problem(rules_dir, 0, "rules/SOURCES.md is missing")

    rule_files = sorted(p for p in rules_dir.glob("*.toml")
                        if not p.name.endswith(".test.toml") and p.name not in ("model.toml", "reference.toml"))
    for path in rule_files:
        text = path.read_text(encoding="utf-8")
        doc = tomllib.loads(text)
        if sources_text and f"`{path.name}`" not in sources_text:
            problem(path, 0, "not listed in rules/SOURCES.md")
        area = doc.get("area", {})
        if not area.get("plan_version"):
            problem(path, line_of(text, "[area]"), "[area] names no plan_version / plan_date")
        for keys, value in walk(doc):
            key = keys[-1] if keys else ""
            if key == "source" and not DATED.search(value):
                problem(path, line_of(text, value), f"source has no year or version: {value}")
            if key in TEXT_KEYS and MARKS.search(value):
                problem(path, line_of(text, value), f"provenance mark in a text users read: {value}")
            if key in TEXT_KEYS or key == "when":
                for figure, fid in written_out.items():
                    if figure in value:
                        problem(path, line_of(text, value), f"national figure {figure} written out; name it as {{ref.{fid}}}")

    for path in sorted(rules_dir.glob("*.toml")):
        text = path.read_text(encoding="utf-8")
        if "../" in text:
            problem(path, line_of(text, "../"), "points to a file outside the rules directory; cite it in SOURCES.md")

    # The model names the plan edition (E7).
    model = tomllib.loads((rules_dir / "model.toml").read_text(encoding="utf-8"))
    if not model.get("plan", {}).get("version"):
        problem(rules_dir / "model.toml", 0, "the model names no plan edition ([plan] version)")

    # plugins/: no year, date or national figure in code or comments.
    for path in sorted((root / "plugins").rglob("*.cpp")):
        text = path.read_text(encoding="utf-8")
        for n, line in enumerate(text.splitlines(), 1):
            if YEAR_IN_CODE.search(line):
                problem(path, n, f"a year or date in a plugin (keep it in rules/reference.toml): {line.strip()}")
            for f in figures:
                v = f.get("value")
                if isinstance(v, float) and shown(v, f.get("type") == "ratio") and re.search(rf"(?<![0-9.]){re.escape(repr(v))}(?![0-9])", line):
                    problem(path, n, f"national figure {v} ({f['id']}) in a plugin: read it with ctx.reference()")

    # Errors that need the text itself.
    def rule_text(name):
        p = rules_dir / name
        return p, (p.read_text(encoding="utf-8") if p.exists() else "")

    p, t = rule_text("security.toml")
    if "2015-11-24" not in t or "総行情第77号" not in t or "2015-12-25" not in t:
        problem(p, 0, "E2: the 2015 report (2015-11-24) and the minister's notice 総行情第77号 (2015-12-25) are not both cited")
    if re.search(r"抜本的強化に向けて」（2015-12", t):
        problem(p, line_of(t, "抜本的強化に向けて」（2015-12"), "E2: the report's title dated with the notice's month")
    p, t = rule_text("mynumber.toml")
    if "35.62" in t or "qualification_certificate" in t or 'id = "residents"' in t:
        problem(p, 0, "E4/E5/E11: all-insurer rate, 資格確認書 or a month-end resident count in the rule set")
    p, t = rule_text("ai_rpa.toml")
    if "AI法（2025）" in t or "令和7年法律第53号" not in t:
        problem(p, 0, "E17: cite 人工知能関連技術の研究開発及び活用の推進に関する法律（令和7年法律第53号）")
    p, t = rule_text("standardization.toml")
    if "閣議決定" not in t or "標準化対象" not in t:
        problem(p, 0, "E3/E13: the 3割 target is the 閣議決定 標準化基本方針's, measured on the 標準化対象 systems")
    readme = root / "README.md"
    if readme.exists():
        r = readme.read_text(encoding="utf-8")
        if model.get("plan", {}).get("version", "?") not in r:
            problem(readme, 0, "E7: the README does not state the plan edition implemented")
        if re.search(r"6 つの重点取組事項|6 重点取組事項|six priority areas", r):
            problem(readme, line_of(r, "6"), "E7: the README presents six priority areas as current")
    return problems


def self_test():
    """Copies the project's rules and plugins, plants one problem of each kind, and expects each found."""
    here = pathlib.Path(__file__).resolve().parents[2]
    with tempfile.TemporaryDirectory(prefix="dxassess-content-") as tmp:
        tmp = pathlib.Path(tmp)
        shutil.copytree(here / "rules", tmp / "rules")
        shutil.copytree(here / "plugins", tmp / "plugins")
        shutil.copy(here / "README.md", tmp / "README.md")
        clean = check(tmp)
        if clean:
            print("the shipped content is not clean to start with:\n" + "\n".join(clean), file=sys.stderr)
            return 1
        sec = tmp / "rules" / "security.toml"
        s = sec.read_text(encoding="utf-8")
        s = s.replace('source = "総務省「地方公共団体における情報セキュリティ監査に関するガイドライン（令和7年3月版）」2025-03"',
                      'source = "総務省「情報セキュリティ監査に関するガイドライン」"', 1)
        s = s.replace('en = "No CSIRT"', 'en = "No CSIRT [to be verified]"', 1)
        s = s.replace("{ref.csirt_share_municipal} が整備", "79.4% が整備", 1)
        sec.write_text(s, encoding="utf-8")
        plugin = tmp / "plugins" / "security" / "security_plugin.cpp"
        plugin.write_text(plugin.read_text(encoding="utf-8") + "\nconstexpr dxa_date newest{2025, 3, 28};\n", encoding="utf-8")
        found = "\n".join(check(tmp))
        expected = ["source has no year or version", "provenance mark", "national figure 79.4% written out",
                    "a year or date in a plugin"]
        missing = [e for e in expected if e not in found]
        if missing:
            print(f"the check missed {missing}; it found:\n{found}", file=sys.stderr)
            return 1
    print("the check finds undated sources, provenance marks, written-out figures and dates in plugins")
    return 0


def main():
    if len(sys.argv) == 2 and sys.argv[1] == "--self-test":
        return self_test()
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    problems = check(sys.argv[1])
    for p in problems:
        print(p, file=sys.stderr)
    if not problems:
        print("rule content: every source dated, no marks in texts, national figures only in reference.toml")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
