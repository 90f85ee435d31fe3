"""Write or check schemas/budget.schema.json: `python -m schemas.export [--check]`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from schemas.budget import BudgetDocument

SCHEMA_PATH = Path(__file__).with_name("budget.schema.json")


def render() -> str:
    schema = BudgetDocument.model_json_schema(mode="serialization")
    schema["$id"] = "https://budgetlens.invalid/schemas/budget.schema.json"
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="fail if the file is out of date")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        current = SCHEMA_PATH.read_text(encoding="utf-8") if SCHEMA_PATH.exists() else ""
        if current != text:
            sys.stderr.write(f"{SCHEMA_PATH} is out of date: run `python -m schemas.export`\n")
            return 1
        return 0
    SCHEMA_PATH.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
