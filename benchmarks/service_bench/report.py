"""Where a run's time went: CPU and wall per phase, per-worker batch timelines, Markdown."""

from __future__ import annotations

import os
from datetime import datetime
from typing import Any

from .stack import Run


def phases(r: Run) -> dict[str, float]:
    """CPU and wall seconds per phase, summed over the run's jobs."""
    merges = [j["timings"].get("merge", {}) for j in r.jobs]
    starts = [j["timings"].get("start", {}) for j in r.jobs]
    out = {
        "start cpu": sum(s.get("cpu", 0.0) for s in starts),
        "batches cpu": sum(b["cpu"] for b in r.batches),
        "batches wall": sum(b["wall"] for b in r.batches),
        "batches db wall": sum(b["db"] for b in r.batches),
        "merge cpu": sum(_total(m, "cpu") for m in merges),
        "merge wall": sum(_total(m, "wall") for m in merges),
    }
    for part in ("claim", "load", "decode", "assemble", "write", "commit"):
        out[f"merge {part} wall"] = sum(m.get(part, {}).get("wall", 0.0) for m in merges)
        out[f"merge {part} cpu"] = sum(m.get(part, {}).get("cpu", 0.0) for m in merges)
    per_worker: dict[str, float] = {}
    for b in r.batches:
        per_worker[b["worker"]] = per_worker.get(b["worker"], 0.0) + b["cpu"]
    out["critical path cpu"] = (
        max(per_worker.values(), default=0.0) + out["start cpu"] + out["merge cpu"]
    )
    return out


def _total(merge: dict[str, Any], key: str) -> float:
    parts = ("claim", "load", "decode", "assemble", "write", "commit")
    return float(sum(merge.get(p, {}).get(key, 0.0) for p in parts))


def timeline(r: Run) -> list[str]:
    """One line per worker process: its batches in order, with start/end since the upload."""
    if not r.jobs:
        return []
    t0 = min(j["created"] for j in r.jobs)
    rows: dict[str, list[dict[str, Any]]] = {}
    for b in sorted(r.batches, key=lambda b: b["start"]):
        rows.setdefault(b["worker"], []).append(b)
    lines = []
    for worker, items in rows.items():
        busy = sum(b["wall"] for b in items)
        cpu = sum(b["cpu"] for b in items)
        span = ", ".join(
            f"#{b['index']} {_s(b['start'], t0):.1f}-{_s(b['end'], t0):.1f}" for b in items
        )
        lines.append(
            f"  {worker}: {len(items)} batches, busy {busy:.1f} s wall / {cpu:.1f} s CPU: {span}"
        )
    overlap = _overlap(r.batches)
    first = min((b["start"] for b in r.batches), default=t0)
    last = max((b["end"] for b in r.batches), default=t0)
    lines.append(
        f"  batches from {_s(first, t0):.1f} to {_s(last, t0):.1f} s; two or more batches "
        f"running at once for {overlap:.1f} s"
    )
    for j in r.jobs:
        merge = j["timings"].get("merge")
        if merge and j["finished"]:
            at = datetime.fromisoformat(merge["at"])
            lines.append(
                f"  merge of {j['pages']} pages on {merge['worker']} at {_s(at, t0):.1f} s, "
                f"finished {_s(j['finished'], t0):.1f} s"
            )
    return lines


def _s(moment: datetime, t0: datetime) -> float:
    return (moment - t0).total_seconds()


def _overlap(batches: list[dict[str, Any]]) -> float:
    events = sorted([(b["start"], 1) for b in batches] + [(b["end"], -1) for b in batches])
    running, since, total = 0, None, 0.0
    for moment, step in events:
        if running >= 2 and since is not None:
            total += (moment - since).total_seconds()
        running += step
        since = moment
    return total


def report(runs: list[Run], batch_pages: int) -> None:
    print(f"{os.cpu_count()} CPUs, BATCH_PAGES={batch_pages}.\n")
    print("| set | workers | docs | wall s | docs/min | worker CPU s | critical path CPU s "
          "| others' cores | load 1-min start→end | states |")  # fmt: skip
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in runs:
        p = phases(r)
        print(
            f"| {r.name} | {r.workers} | {r.docs} | {r.seconds:.1f} | "
            f"{r.docs / r.seconds * 60:.1f} | {r.worker_cpu:.1f} | "
            f"{p['critical path cpu']:.1f} | {r.others_cores:.2f} | "
            f"{r.load[0]:.2f}→{r.load[1]:.2f} | {_fmt(r.states)} |"
        )
    print("\nPer phase, seconds summed over the run's jobs (CPU / wall):\n")
    keys = ["start", "batches", "merge claim", "merge load", "merge decode", "merge assemble",
            "merge write", "merge commit", "merge"]  # fmt: skip
    print("| set | workers | " + " | ".join(keys) + " | batches' DB wall |")
    print("|---|---|" + "---|" * (len(keys) + 1))
    for r in runs:
        p = phases(r)
        cells = []
        for k in keys:
            cpu = p.get(f"{k} cpu", 0.0)
            wall = p.get(f"{k} wall")
            cells.append(f"{cpu:.2f}" + (f" / {wall:.2f}" if wall is not None else ""))
        print(
            f"| {r.name} | {r.workers} | " + " | ".join(cells) + f" | {p['batches db wall']:.2f} |"
        )
    for r in runs:
        if r.name.startswith("large"):
            print(f"\nTimeline, {r.name}, {r.workers} worker(s) (seconds since upload):")
            print("\n".join(timeline(r)))


def _fmt(states: dict[str, int]) -> str:
    return " ".join(f"{k}={v}" for k, v in sorted(states.items()))
