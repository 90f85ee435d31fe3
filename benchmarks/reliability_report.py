"""Run the reliability scenarios and write their figures to benchmarks/reliability.md.

    .venv/bin/python benchmarks/reliability_report.py            # the CI scenarios
    .venv/bin/python benchmarks/reliability_report.py --append benchmarks/load.jsonl
    .venv/bin/python benchmarks/reliability_report.py --input RUN.jsonl   # no test run

Each scenario test appends one JSON line per run (per database) to $RELIABILITY_REPORT;
this script runs them with that set and renders one table row per line.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = [
    "tests/service/test_scenario_worker_kill.py",
    "tests/service/test_scenario_redis_restart.py",
    "tests/service/test_scenario_db_outage.py",
    "tests/service/test_scenario_hostile.py",
    "tests/service/test_scenario_api_limits.py",
    "tests/service/test_scenario_webhooks.py",
    "tests/service/test_scenario_tenancy.py",
    "tests/service/test_scenario_stack_restart.py",
]
COLUMNS = [
    ("jobs", "jobs"),
    ("jobs_lost", "lost"),
    ("jobs_duplicated", "duplicated"),
    ("webhooks_duplicated", "webhooks duplicated"),
    ("http_5xx", "5xx"),
    ("peak_rss_mb", "peak RSS MB (workers)"),
    ("recover", "time to recover"),
]
SHOWN = {key for key, _ in COLUMNS} | {"scenario", "database", "recover_s", "recover_median_s",
                                      "recover_max_s"}  # fmt: skip


def _recover(row: dict[str, object]) -> str:
    if "recover_median_s" in row:
        return f"{row['recover_median_s']} s median, {row['recover_max_s']} s max"
    return f"{row['recover_s']} s" if "recover_s" in row else ""


def _cell(row: dict[str, object], key: str) -> str:
    return _recover(row) if key == "recover" else str(row.get(key, ""))


def render(rows: list[dict[str, object]]) -> str:
    head = ["scenario", "db", *(title for _, title in COLUMNS), "other figures"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for row in rows:
        cells = [str(row["scenario"]), str(row["database"])]
        cells += [
            _recover(row) if key == "recover" else str(row.get(key, "")) for key, _ in COLUMNS
        ]
        other = {k: v for k, v in row.items() if k not in SHOWN}
        cells.append(", ".join(f"{k}={v}" for k, v in sorted(other.items())).replace("|", "/"))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--append", type=Path, action="append", default=[],
                        help="JSON-lines files of long runs (load, fuzz) to add")  # fmt: skip
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "reliability.md")
    parser.add_argument("--input", type=Path, help="figures of an earlier run: do not run")
    args = parser.parse_args()
    code = 0
    if args.input:
        report = args.input
    else:
        with tempfile.NamedTemporaryFile(suffix=".jsonl", delete=False) as tmp:
            report = Path(tmp.name)
        env = os.environ | {"RELIABILITY_REPORT": str(report)}
        cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *SCENARIOS]
        code = subprocess.run(cmd, cwd=ROOT, env=env, check=False).returncode
    lines = report.read_text().splitlines()
    for extra in args.append:
        lines += extra.read_text().splitlines()
    rows = [json.loads(line) for line in lines if line.strip()]
    rows.sort(key=lambda r: (int(str(r["scenario"]).split()[0].split("+")[0]), r["database"]))
    title = "# Reliability scenarios: last run\n\n"
    note = f"`python benchmarks/reliability_report.py` (pytest exit status {code}).\n\n"
    if args.input:
        note = "From a `RELIABILITY_REPORT=… pytest tests/service` run.\n\n"
    args.out.write_text(title + note + render(rows))
    print(args.out.read_text())
    return code


if __name__ == "__main__":
    sys.exit(main())
