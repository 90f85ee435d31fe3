"""The pipeline benchmark's report as Markdown blocks: run, pipeline, ratios, memory, profile."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from itertools import pairwise
from pathlib import Path
from typing import Any

from .profiling import TOP_N
from .runs import DocRun, PoolRun, Report
from .stats import median, on, p90, page_times

TARGET_S_PER_PAGE = 0.15
TARGET_RSS_MB = 512.0


def table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def _cell(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.3f}" if abs(value) < 100 else f"{value:.0f}"
    return str(value)


def load_text(load: tuple[float, float, float]) -> str:
    return " / ".join(f"{x:.2f}" for x in load)


def render(report: Report) -> Iterator[str]:
    yield from _render_run(report)
    if report.single:
        yield from _render_pipeline(report)
    if report.single and report.words:
        yield from _render_ratios(report)
    if report.rss:
        yield from _render_rss(report.rss)
    if report.profile:
        yield from _render_profile(report.profile)


def _render_run(report: Report) -> Iterator[str]:
    stamps = list(report.load.items())
    rows: list[list[object]] = [[stamps[0][0], load_text(stamps[0][1].load), "", ""]]
    for (_, before), (phase, after) in pairwise(stamps):
        span = after.wall - before.wall
        others = (after.busy - before.busy - (after.own - before.own)) / span
        rows.append([phase, load_text(after.load), span, max(others, 0.0)])
    yield "## Run\n"
    yield (
        f"{os.cpu_count()} CPUs.  Load average (1 / 5 / 15 min) at the end of each phase, and "
        "the cores other processes kept busy during it (/proc/stat busy time minus this "
        "benchmark's own CPU time): anything above 0 inflated the wall times below.\n"
    )
    yield table(["phase", "load average", "phase s", "cores used by others"], rows) + "\n"


def _render_pipeline(report: Report) -> Iterator[str]:
    runs = [r for r in report.single if not r.error]
    pages = sum(r.pages for r in runs)
    yield "## Whole pipeline (`extract_document`)\n"
    yield (
        f"{len(runs)} documents, {pages} pages ({sum(r.ocr_pages for r in runs)} OCR'd), "
        f"{sum(1 for r in report.single if r.error)} rejected; target: median ≤ "
        f"{TARGET_S_PER_PAGE} s/page.  Per page = the interval between `read_pages` progress "
        "callbacks + the document-level rest (`assemble_document`) shared out by page count.\n"
    )
    rows = _pipeline_rows("1 process", runs)
    if report.pool:
        rows += _pipeline_rows(f"pool of {report.pool.workers}", report.pool.docs)
    yield table(["run", "over", "median s/page", "p90 s/page", "CPU / wall"], rows) + "\n"
    yield from _render_pool(report.pool, pages / sum(r.wall for r in runs))


def _pipeline_rows(label: str, runs: Sequence[DocRun]) -> list[list[object]]:
    runs = [r for r in runs if r.pages and not r.error]
    wall, cpu = page_times(runs), page_times(runs, cpu=True)
    doc_wall = [r.wall / r.pages for r in runs]
    doc_cpu = [r.cpu / r.pages for r in runs]
    busy = sum(r.cpu for r in runs) / sum(r.wall for r in runs)
    return [
        [label, "pages, wall", median(list(wall.values())), p90(list(wall.values())), busy],
        [label, "pages, CPU", median(list(cpu.values())), p90(list(cpu.values())), ""],
        [label, "documents, wall", median(doc_wall), p90(doc_wall), ""],
        [label, "documents, CPU", median(doc_cpu), p90(doc_cpu), ""],
    ]


def _render_pool(pool: PoolRun | None, single_rate: float) -> Iterator[str]:
    rows: list[list[object]] = [["1 process", 1, "", "", single_rate, single_rate, ""]]
    if pool is not None:
        rate = pool.pages / pool.wall
        rows.append(
            [
                f"pool of {pool.workers}",
                pool.workers,
                pool.pages,
                pool.wall,
                rate,
                rate / pool.workers,
                pool.cpu / pool.pages,
            ]
        )
    yield "Throughput (a pool's wall time runs from the first document to the last):\n"
    header = ["run", "cores", "pages", "wall s", "pages/s", "pages/s per core", "CPU s/page"]
    yield table(header, rows) + "\n"


def _render_ratios(report: Report) -> Iterator[str]:
    runs = [r for r in report.single if not r.error]
    clocks = (
        ("wall", page_times(runs), report.words, report.camelot),
        ("CPU", page_times(runs, cpu=True), report.words_cpu, report.camelot_cpu),
    )
    rows = []
    for clock, pipe, words, cam in clocks:
        all_keys = [k for k in pipe if k in words]
        sample = [k for k in cam if k in pipe and k in words]
        rows.append(_ratio_row(f"all {len(all_keys)} pages, {clock}", all_keys, pipe, words, {}))
        if sample:
            label = f"sample (every {report.camelot_every}. page) {len(sample)} pages, {clock}"
            rows.append(_ratio_row(label, sample, pipe, words, cam))
    yield "## Same pages, same run: pipeline vs pdfplumber words vs camelot lattice\n"
    yield (
        "Median s/page; ratios of the medians, ratios of the totals in brackets.  camelot "
        f"opens the file once per page (render + OpenCV); "
        f"{report.camelot_errors} camelot errors.\n"
    )
    header = ["pages", "pipeline", "pdfplumber words", "camelot lattice"]
    header += ["pipeline / words", "pipeline / camelot"]
    yield table(header, rows) + "\n"


def _ratio_row(
    label: str,
    keys: Sequence[str],
    pipe: dict[str, float],
    words: dict[str, float],
    cam: dict[str, float],
) -> list[object]:
    p, w, c = on(keys, pipe), on(keys, words), on(keys, cam)
    words_ratio = f"{median(p) / median(w):.2f} ({sum(p) / sum(w):.2f})"
    cam_ratio = f"{median(p) / median(c):.2f} ({sum(p) / sum(c):.2f})" if c else "—"
    return [label, median(p), median(w), median(c) if c else "—", words_ratio, cam_ratio]


def _render_rss(rss: dict[str, Any]) -> Iterator[str]:
    yield "## Peak memory, fresh process\n"
    if "error" in rss:
        yield f"failed: {rss['error']}\n"
        return
    peak = rss["vmhwm_kb"] / 1024
    verdict = "pass" if peak < TARGET_RSS_MB else "FAIL"
    yield (
        table(
            [
                "file",
                "pages",
                "wall s",
                "s/page",
                "peak RSS MB (VmHWM)",
                "RSS after imports MB",
                f"< {TARGET_RSS_MB:.0f} MB",
            ],
            [
                [
                    Path(rss["file"]).name,
                    rss["pages"],
                    rss["wall"],
                    rss["wall"] / rss["pages"],
                    peak,
                    rss["import_rss_kb"] / 1024,
                    verdict,
                ]
            ],
        )
        + "\n"
    )


def _render_profile(prof: dict[str, Any]) -> Iterator[str]:
    yield "## Profile (cProfile)\n"
    yield (
        f"{len(prof['docs'])} documents, {prof['pages']} pages, {prof['total_s']:.1f} s "
        f"profiled (cProfile overhead included): {', '.join(prof['docs'])}\n"
    )
    for title, top in prof["tops"].items():
        column = title.rsplit(" ", 1)[1][:3]
        rows = [
            [
                f"`{r['func']}`",
                f"{r['where']}:{r['line']}",
                r["calls"],
                r[column],
                f"{100 * r['share']:.1f}%",
            ]
            for r in top
        ]
        yield f"### Top {TOP_N}: {title} time\n"
        yield table(["function", "where", "calls", f"{column} s", "share"], rows) + "\n"
    rows = [[m["module"], m["own"], f"{100 * m['share']:.1f}%"] for m in prof["by_module"]]
    yield "### Own time per module\n"
    yield table(["module", "own s", "share"], rows) + "\n"
