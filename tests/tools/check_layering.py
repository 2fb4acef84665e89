#!/usr/bin/env python3
"""Checks that host/app's components include only what lies below them.

Every #include "component/file.hpp" in host/app/<component>/ must name a component that the table
below allows; operating-system headers (unistd.h, sys/*, windows.h, ...) may only be included in
platform/. Prints each violation as FILE:LINE: message and exits 1 if there is any.

Usage: check_layering.py HOST_APP_DIR
       check_layering.py --self-test    (the check finds each kind of violation in a made-up tree)
"""
import pathlib
import re
import sys

# component -> the components (and public header trees) its files may include, besides its own.
ALLOWED = {
    "platform": set(),                                               # nothing of ours but EVERYWHERE
    "support": {"engine", "platform"},                               # the engine's errors and texts; SHA-256
    "plugins": {"sdk", "engine", "support", "platform"},
    "result": {"engine", "plugins"},
    "workbook": {"engine", "platform"},                              # the questionnaire workbook (.xlsx)
    "reports": {"engine", "support", "platform", "result", "workbook"},
    "assessment": {"sdk", "engine", "support", "platform", "plugins", "result", "workbook"},
    "signing": {"engine", "support", "platform"},
    "office": {"sdk", "engine", "support", "platform", "plugins", "result", "reports", "assessment", "signing", "workbook"},
    "cli": {"sdk", "engine", "support", "platform", "plugins", "result", "reports", "assessment", "office", "signing", "workbook"},
}
# Headers every component may include: how a UTF-8 file name becomes a path.
EVERYWHERE = {"dxassess/engine/file_path.hpp"}
OS_HEADERS = re.compile(r"^(unistd\.h|fcntl\.h|poll\.h|dlfcn\.h|windows\.h|io\.h|direct\.h|sys/.*|"
                        r"signal\.h|csignal|spawn\.h|pwd\.h|grp\.h)$")
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^">]+)[">]')


def owner(header):
    """The component or header tree an included path belongs to, or None for a third-party header."""
    first = header.split("/", 1)[0]
    if first in ALLOWED:
        return first
    if header.startswith("dxassess/engine/"):
        return "engine"
    if header.startswith("dxassess/"):
        return "sdk"
    return None


def check(app_dir):
    problems = []
    for path in sorted(app_dir.rglob("*")):
        if path.suffix not in (".cpp", ".hpp", ".h", ".in") or not path.is_file():
            continue
        rel = path.relative_to(app_dir)
        if len(rel.parts) < 2:
            problems.append(f"{path}:1: source file at the top of host/app; it belongs in a component folder")
            continue
        comp = rel.parts[0]
        if comp not in ALLOWED:
            problems.append(f"{path}:1: unknown component folder '{comp}' (add it to {__file__})")
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            m = INCLUDE.match(line)
            if not m:
                continue
            quote, header = m.groups()
            if OS_HEADERS.match(header) and comp != "platform":
                problems.append(f"{path}:{n}: <{header}> is an operating-system header; "
                                f"only platform/ may include it (add a function to platform/)")
            if quote == '"' and "/" not in header:
                problems.append(f'{path}:{n}: "{header}": name the component ("component/{header}")')
                continue
            target = owner(header)
            if target is None or target == comp or header in EVERYWHERE:
                continue
            if target not in ALLOWED[comp]:
                problems.append(f'{path}:{n}: {comp}/ may not include "{header}" '
                                f"({comp}/ may use: {', '.join(sorted(ALLOWED[comp])) or 'nothing of ours'})")
    return problems


def self_test():
    """Builds a small tree with one violation of each kind and expects each to be reported."""
    import tempfile
    files = {
        "reports/bad_writer.cpp": '#include "office/report_store.hpp"\n',
        "support/bad_util.cpp": '#include "assessment/assessment.hpp"\n',
        "platform/bad_os.cpp": '#include "dxassess/engine/text.hpp"\n#include <unistd.h>\n',
        "office/bad_tool.cpp": '#include <unistd.h>\n#include "cli/commands.hpp"\n',
        "cli/bare.cpp": '#include "commands.hpp"\n',
        "loose.cpp": "int x;\n",
        "reports/fine.cpp": '#include "reports/report.hpp"\n#include "result/assessment_result.hpp"\n#include <vector>\n',
        "platform/fine_posix.cpp": '#include "platform/os.hpp"\n#include <sys/stat.h>\n',
    }
    expected = ["bad_writer.cpp:1: reports/ may not include", "bad_util.cpp:1: support/ may not include",
                "bad_os.cpp:1: platform/ may not include", "bad_tool.cpp:1: <unistd.h>",
                "bad_tool.cpp:2: office/ may not include", 'bare.cpp:1: "commands.hpp"', "loose.cpp:1: source file"]
    with tempfile.TemporaryDirectory() as tmp:
        root = pathlib.Path(tmp)
        for name, text in files.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_text(text, encoding="utf-8")
        problems = check(root)
    missing = [e for e in expected if not any(e in p for p in problems)]
    for m in missing:
        print(f"not reported: {m}")
    if len(problems) != len(expected):
        print(f"expected {len(expected)} problems, found {len(problems)}:", *problems, sep="\n  ")
    return 1 if missing or len(problems) != len(expected) else 0


def main():
    if sys.argv[1:] == ["--self-test"]:
        return self_test()
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    problems = check(pathlib.Path(sys.argv[1]))
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} layering problem(s)")
        return 1
    print("layering ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
