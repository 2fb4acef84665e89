#!/usr/bin/env python3
"""Validate a dxassess JSON report against docs/report.schema.json: validate_json.py SCHEMA REPORT."""
import json
import sys

import jsonschema


def main() -> int:
    schema_path, report_path = sys.argv[1], sys.argv[2]
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    with open(report_path, encoding="utf-8") as f:
        report = json.load(f)
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(report), key=lambda e: list(e.path))
    for e in errors:
        print(f"{report_path}: {'/'.join(map(str, e.path))}: {e.message}", file=sys.stderr)
    if errors:
        return 1
    print(f"{report_path}: valid against {schema_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
