"""The two plots of the README's Performance section, from the benchmarks' JSON output.

    .venv/bin/python benchmarks/bench_plots.py --speed benchmarks/results/speed.json \
        --camelot benchmarks/results/camelot_suite.json --icdar benchmarks/results/icdar.json \
        --out docs/performance

Writes OUT/s_per_page.png (seconds per page per document, digital and scanned, CPU and
wall) and OUT/table_stage_vs_peers.png (per suite: camelot suite cell accuracy, ruled and
unruled; ICDAR 2013 region and structure F1; our table stage beside the peers).
"""

from __future__ import annotations

import argparse
import json
import statistics
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

PEERS = ("ours", "camelot lattice", "camelot stream", "pdfplumber", "tabula")
COLOURS = {
    "ours": "#1f6fb4",
    "camelot lattice": "#e08a1e",
    "camelot stream": "#f3c27a",
    "pdfplumber": "#4a9a4a",
    "tabula": "#9a4a8a",
}


def speed_plot(speed: dict[str, Any], out: Path, caption: str) -> None:
    fig, axes = plt.subplots(1, 2, figsize=(11, 4.2), gridspec_kw={"width_ratios": [3, 1]})
    for ax, key, title in (
        (axes[0], "digital", "digital"),
        (axes[1], "scanned", "scanned 150 dpi"),
    ):
        docs = sorted(speed[key], key=lambda d: d["cpu_per_page"])
        xs = range(len(docs))
        ax.bar(xs, [d["cpu_per_page"] for d in docs], color="#1f6fb4", label="CPU s/page")
        ax.plot(xs, [d["s_per_page"] for d in docs], "o", ms=3, color="#888", label="wall s/page")
        target = 0.10 if key == "digital" else 1.0
        ax.axhline(target, color="#c33", lw=1, ls="--", label=f"target {target:g} s/page")
        ax.set_title(
            f"{title}: {len(docs)} docs, {sum(d['pages'] for d in docs)} pages", fontsize=10
        )
        ax.set_xlabel("document (sorted by CPU s/page)")
        ax.set_xticks([])
        ax.set_ylabel("seconds per page")
        ax.legend(fontsize=8)
    fig.suptitle("Whole pipeline, seconds per page per document", fontsize=11)
    fig.text(0.01, 0.01, caption, fontsize=7, color="#555")
    fig.tight_layout(rect=(0, 0.04, 1, 1))
    fig.savefig(out, dpi=110)
    plt.close(fig)


def camelot_scores(cases: list[dict[str, Any]]) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    for ruled, label in (
        (True, "camelot suite\nruled (cell acc.)"),
        (False, "camelot suite\nunruled (cell acc.)"),
    ):
        chosen = [c for c in cases if c["ruled"] == ruled]
        # The suite scores ours by default under "ours, default" (beside "with the options").
        scores = [{"ours": c["scores"].get("ours, default"), **c["scores"]} for c in chosen]
        out[label] = {
            t: statistics.fmean(s[t]["aligned"] for s in scores)
            for t in PEERS
            if scores and scores[0].get(t)
        }
    return out


def icdar_scores(runs: list[dict[str, Any]]) -> dict[str, dict[str, float]]:
    def f1(hit: int, det: int, gt: int) -> float:
        p, r = (hit / det if det else 0.0), (hit / gt if gt else 0.0)
        return 2 * p * r / (p + r) if p + r else 0.0

    region, structure = {}, {}
    for run in runs:
        d = run["docs"]
        total = {k: sum(x[k] for x in d) for k in d[0] if k != "doc"} if d else {}
        region[run["tool"]] = f1(total["hit_chars"], total["det_chars"], total["gt_chars"])
        structure[run["tool"]] = f1(total["hit_rel"], total["det_rel"], total["gt_rel"])
    return {"ICDAR 2013\nregions F1": region, "ICDAR 2013\nstructure F1": structure}


def peers_plot(suites: dict[str, dict[str, float]], out: Path, caption: str) -> None:
    fig, ax = plt.subplots(figsize=(10, 4.2))
    width = 0.16
    for i, tool in enumerate(PEERS):
        xs = [j + (i - 2) * width for j in range(len(suites))]
        ys = [scores.get(tool, float("nan")) for scores in suites.values()]
        ax.bar(xs, ys, width, label=tool, color=COLOURS[tool])
        for x, y in zip(xs, ys, strict=True):
            if y == y:  # not NaN
                ax.text(x, y + 0.01, f"{y:.2f}", ha="center", fontsize=6.5)
    ax.set_xticks(range(len(suites)), list(suites))
    ax.set_ylim(0, 1.08)
    ax.set_ylabel("score (1 = perfect)")
    ax.set_title("Table stage vs peers, each tool with its defaults")
    ax.legend(fontsize=8, ncol=5, loc="upper center", bbox_to_anchor=(0.5, -0.16))
    fig.text(0.01, 0.01, caption, fontsize=7, color="#555")
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    fig.savefig(out, dpi=110)
    plt.close(fig)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--speed", type=Path, required=True)
    parser.add_argument("--camelot", type=Path, required=True)
    parser.add_argument("--icdar", type=Path, required=True)
    parser.add_argument("--out", type=Path, default=Path("docs/performance"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    speed = json.loads(args.speed.read_text())
    speed_plot(speed, args.out / "s_per_page.png", speed["stamp"][:230])
    suites = camelot_scores(json.loads(args.camelot.read_text()))
    suites |= icdar_scores(json.loads(args.icdar.read_text()))
    source = (
        f"Scores from {args.camelot.name} and {args.icdar.name}; machine and commit in the "
        "Markdown reports next to them."
    )
    peers_plot(suites, args.out / "table_stage_vs_peers.png", source)
    print(f"wrote {args.out}/s_per_page.png and {args.out}/table_stage_vs_peers.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
