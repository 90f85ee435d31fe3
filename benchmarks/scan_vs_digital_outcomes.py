"""One document's scan-against-digital outcome, kept beside its JSONs and merged into a report.

A whole run over the corpus does not fit a shared 2-core machine in one sitting, so each
document's outcome is written to `NAME.outcome.json` in the --keep folder with the commit
and load it was measured at; `scan_vs_digital.py --merge DIR ...` builds one report from
the outcomes of several runs, the newest outcome of each document winning, every row
naming its commit.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from benchmarks.scan_compare import Tally

SUFFIX = ".outcome.json"


@dataclass(frozen=True, slots=True)
class Measured:
    """Where and when an outcome was measured."""

    commit: str = ""
    at: str = ""  # UTC, "YYYY-MM-DD HH:MM"
    load: float | None = None  # 1-minute load average when the document started


@dataclass(frozen=True, slots=True)
class Outcome:
    name: str
    pages: int
    tallies: dict[str, Tally]
    seconds: float
    cpu: float
    measured: Measured = field(default_factory=Measured)

    @property
    def whole(self) -> Tally:
        total = Tally()
        for tally in self.tallies.values():
            total.add(tally)
        return total


def save(keep: Path, outcome: Outcome) -> None:
    data = asdict(outcome)
    path = keep / f"{outcome.name}{SUFFIX}"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


def load(path: Path) -> Outcome:
    data = json.loads(path.read_text(encoding="utf-8"))
    return Outcome(
        name=data["name"],
        pages=data["pages"],
        tallies={k: Tally(**v) for k, v in data["tallies"].items()},
        seconds=data["seconds"],
        cpu=data["cpu"],
        measured=Measured(**data["measured"]),
    )


def merged_outcomes(folders: list[Path]) -> list[Outcome]:
    """Each document's newest outcome across the folders (by the time it was measured),
    in the order documents were first met."""
    newest: dict[str, Outcome] = {}
    for folder in folders:
        for path in sorted(folder.glob(f"*{SUFFIX}")):
            outcome = load(path)
            seen = newest.get(outcome.name)
            if seen is None or outcome.measured.at >= seen.measured.at:
                newest[outcome.name] = outcome
    return list(newest.values())
