"""Seconds per page of the whole pipeline over the real corpus, beside pdfplumber and camelot.

    .venv/bin/python benchmarks/bench_pipeline.py [--quick] [--json OUT.json]
        [--camelot-every 10] [--min-sample 150] [--workers 2] [--skip rss pool profile]

Over the digital real corpus (the image-only scans under `_scanned_not_budget/` are left out):

1. peak RSS and wall time of the 241-page 深圳 file in a fresh subprocess (VmHWM), JSON
   serialisation included.
2. pipeline in a process pool of `--workers` (2), documents largest first: throughput in
   pages/s and pages/s per core, per-page and per-document s/page inside the workers.
3. side by side, document by document (so all three see the same load from other processes):
   - pipeline, this process: `extract_document`.  A document's wall time / its pages is its
     s/page; per-page times are the intervals between the progress callbacks `read_pages`
     makes after every page, plus the document-level rest (`assemble_document`) shared out
     by page count;
   - pdfplumber `page.extract_words()` alone, every page;
   - camelot lattice alone (`camelot.io.read_pdf(path, pages=N, flavor="lattice")`) on a
     deterministic sample: every k-th page of the corpus in path order (k shrinks until the
     sample has at least `--min-sample` pages).  Ratios with camelot use that sample only.
4. cProfile over four representative documents: top functions in extractors/ and in
   pdfplumber + pdfminer, by cumulative and by own time, and own time per module.

Markdown tables go to stdout, progress to stderr.  Wall and CPU seconds are both reported,
with the load average and the cores other processes used during each phase: other work on
the two cores inflates wall times.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import statistics
import subprocess
import sys
import time
import warnings
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from itertools import pairwise
from multiprocessing import get_context
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CORPUS = ROOT.parent / "shared/realdata/cn_budget"
SCANNED_DIR = "_scanned_not_budget"
SHENZHEN_241 = CORPUS / "renwu_2026_city_budgets/003_深圳/2026年深圳市生态环境局部门预算.pdf"
# Representative documents for the profile: 上海 short, 北京 long report, 重庆 heavy fonts,
# 烟台 large file.  Matched by name so a moved corpus still finds them.
PROFILE_DOCS = (
    "2026年上海市审计局_部门预算.pdf",
    "教育局_附件2：北京市教育委员会2026年度部门预算报表.pdf",
    "2026年重庆市商务委员会部门预算.pdf",
    "2026年烟台市应急管理局部门预算.pdf",
)
PROFILE_SCOPE = ("/extractors/", "/pdfplumber/", "/pdfminer/")
PROFILE_GROUPS = {
    "extractors": ("extractors/",),
    "pdfplumber+pdfminer": ("pdfplumber/", "pdfminer/"),
}
TARGET_S_PER_PAGE = 0.15
TARGET_RSS_MB = 512.0
TOP_N = 15


# ----------------------------------------------------------------------------- data


@dataclass(frozen=True, slots=True)
class Doc:
    path: Path
    pages: int

    @property
    def name(self) -> str:
        return (
            str(self.path.relative_to(CORPUS))
            if self.path.is_relative_to(CORPUS)
            else str(self.path)
        )


PageKey = tuple[str, int]  # (document name, 1-based page)


@dataclass(slots=True)
class DocRun:
    """One document through the pipeline: per-page wall and CPU seconds."""

    name: str
    pages: int
    wall: float
    cpu: float
    page_wall: list[float]
    page_cpu: list[float]
    ocr_pages: int = 0
    tables: int = 0
    error: str = ""


@dataclass(slots=True)
class PoolRun:
    workers: int
    wall: float
    pages: int
    cpu: float  # CPU seconds of all workers (sum of their per-document CPU)
    docs: list[DocRun]


@dataclass(frozen=True, slots=True)
class Stamp:
    """Machine state at a phase boundary: load average, CPU seconds busy (all / ours)."""

    wall: float
    load: tuple[float, float, float]
    busy: float  # all processes, from /proc/stat
    own: float  # this process and its waited-for children

    @classmethod
    def now(cls) -> Stamp:
        t = os.times()
        own = t.user + t.system + t.children_user + t.children_system
        return cls(time.perf_counter(), os.getloadavg(), _busy_seconds(), own)


def _busy_seconds() -> float:
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    except OSError:
        return float("nan")
    ticks = [int(x) for x in fields]
    idle = ticks[3] + ticks[4]  # idle + iowait
    return (sum(ticks[:8]) - idle) / os.sysconf("SC_CLK_TCK")


@dataclass(slots=True)
class Report:
    args: dict[str, Any]
    load: dict[str, Stamp] = field(default_factory=dict)
    single: list[DocRun] = field(default_factory=list)
    pool: PoolRun | None = None
    words: dict[str, float] = field(default_factory=dict)  # "name#page" -> wall seconds
    words_cpu: dict[str, float] = field(default_factory=dict)
    camelot: dict[str, float] = field(default_factory=dict)
    camelot_cpu: dict[str, float] = field(default_factory=dict)
    camelot_errors: int = 0
    camelot_every: int = 0
    rss: dict[str, Any] = field(default_factory=dict)
    profile: dict[str, Any] = field(default_factory=dict)


def key(name: str, page: int) -> str:
    return f"{name}#{page}"


# ----------------------------------------------------------------------------- corpus


def page_count(path: Path) -> int:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    try:
        return len(doc)
    finally:
        doc.close()


def digital_corpus() -> list[Doc]:
    paths = sorted(p for p in CORPUS.rglob("*.pdf") if SCANNED_DIR not in p.parts)
    return [Doc(p, page_count(p)) for p in paths]


def quick_subset(docs: Sequence[Doc]) -> list[Doc]:
    """Three short documents from different cities."""
    picked: list[Doc] = []
    cities: set[str] = set()
    for doc in docs:
        city = doc.path.parent.name
        if doc.pages <= 25 and city not in cities:
            picked.append(doc)
            cities.add(city)
        if len(picked) == 3:
            break
    return picked


def camelot_sample(docs: Sequence[Doc], every: int, minimum: int) -> tuple[int, list[PageKey]]:
    """Every k-th page of the corpus in path order; k shrinks until the sample is big enough."""
    pages = [(d.name, n) for d in docs for n in range(1, d.pages + 1)]
    step = max(1, every)
    while step > 1 and len(pages[::step]) < minimum:
        step -= 1
    return step, pages[::step]


# ----------------------------------------------------------------------------- pipeline


def time_document(path: Path) -> DocRun:
    """`extract_document` with a progress callback that stamps the end of every page."""
    from extractors.errors import InputError
    from extractors.options import PipelineOptions
    from extractors.pipeline import extract_document

    stamps: list[tuple[float, float]] = []

    def progress(done: int, total: int) -> None:
        stamps.append((time.perf_counter(), time.process_time()))

    start = (time.perf_counter(), time.process_time())
    error = ""
    ocr_pages = tables = 0
    try:
        doc = extract_document(path, PipelineOptions.from_env(), progress=progress)
        ocr_pages = sum(1 for p in doc.document.pages if str(p.source) == "ocr")
        tables = len(doc.tables)
    except InputError as err:
        error = err.reason
    end = (time.perf_counter(), time.process_time())
    n_pages = max(len(stamps), 1)
    return DocRun(
        name=str(path.relative_to(CORPUS)) if path.is_relative_to(CORPUS) else str(path),
        pages=len(stamps),
        wall=end[0] - start[0],
        cpu=end[1] - start[1],
        page_wall=_apportion([s[0] for s in stamps], start[0], end[0], n_pages),
        page_cpu=_apportion([s[1] for s in stamps], start[1], end[1], n_pages),
        ocr_pages=ocr_pages,
        tables=tables,
        error=error,
    )


def _apportion(stamps: list[float], start: float, end: float, n_pages: int) -> list[float]:
    """Per-page intervals between stamps, plus the unstamped rest shared out per page."""
    marks = [start, *stamps]
    intervals = [b - a for a, b in pairwise(marks)]
    rest = (end - start - sum(intervals)) / n_pages
    return [i + rest for i in intervals]


def run_side_by_side(
    report: Report, docs: Sequence[Doc], sample: Sequence[PageKey], say: Callable[[str], None]
) -> None:
    """Per document: pipeline, then pdfplumber words, then camelot on its sampled pages.

    Interleaved so that all three see the same load from other processes on the machine.
    """
    for index, doc in enumerate(docs, 1):
        run = time_document(doc.path)
        report.single.append(run)
        wall, cpu = time_words([doc])
        report.words.update(wall)
        report.words_cpu.update(cpu)
        (wall, cpu), errors = time_camelot([k for k in sample if k[0] == doc.name])
        report.camelot.update(wall)
        report.camelot_cpu.update(cpu)
        report.camelot_errors += errors
        say(
            f"  [{index}/{len(docs)}] pipeline {run.wall / max(run.pages, 1):.3f} s/page, "
            f"camelot on {len(wall)} pages: {doc.name}"
        )


def _pool_init() -> None:
    warnings.filterwarnings("ignore")
    import extractors.pipeline  # noqa: F401


def _pool_warm(seconds: float) -> int:
    time.sleep(seconds)
    return os.getpid()


def _pool_doc(path_text: str) -> dict[str, Any]:
    return asdict(time_document(Path(path_text)))  # plain data crosses the process boundary


def run_pool(docs: Sequence[Doc], workers: int) -> PoolRun:
    """Documents largest first on `workers` spawned, warmed-up processes."""
    ordered = sorted(docs, key=lambda d: -d.pages)
    ctx = get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=ctx, initializer=_pool_init) as pool:
        list(pool.map(_pool_warm, [0.5] * workers))
        start = time.perf_counter()
        results = [DocRun(**r) for r in pool.map(_pool_doc, [str(d.path) for d in ordered])]
        wall = time.perf_counter() - start
    pages = sum(r.pages for r in results)
    return PoolRun(workers, wall, pages, sum(r.cpu for r in results), results)


# ----------------------------------------------------------------------------- baselines


Timings = tuple[dict[str, float], dict[str, float]]  # wall, CPU seconds by "name#page"


def time_words(docs: Sequence[Doc]) -> Timings:
    """pdfplumber `extract_words()` per page; opening the file counts to page 1."""
    import pdfplumber

    wall: dict[str, float] = {}
    cpu: dict[str, float] = {}
    for doc in docs:
        start = (time.perf_counter(), time.process_time())
        with pdfplumber.open(str(doc.path)) as pdf:
            for number, page in enumerate(pdf.pages, 1):
                page.extract_words()
                page.close()
                now = (time.perf_counter(), time.process_time())
                wall[key(doc.name, number)] = now[0] - start[0]
                cpu[key(doc.name, number)] = now[1] - start[1]
                start = now
    return wall, cpu


def time_camelot(sample: Sequence[PageKey]) -> tuple[Timings, int]:
    """camelot lattice, one `read_pdf` call per sampled page (opens the file each time)."""
    import camelot

    wall: dict[str, float] = {}
    cpu: dict[str, float] = {}
    errors = 0
    for name, number in sample:
        start = (time.perf_counter(), time.process_time())
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                camelot.io.read_pdf(str(CORPUS / name), pages=str(number), flavor="lattice")
        except Exception:  # a page camelot cannot read still cost its time
            errors += 1
        wall[key(name, number)] = time.perf_counter() - start[0]
        cpu[key(name, number)] = time.process_time() - start[1]
    return (wall, cpu), errors


# ----------------------------------------------------------------------------- memory


RSS_CHILD = """
import json, resource, sys, time
from pathlib import Path
sys.path.insert(0, {root!r})
def status(field):
    for line in open('/proc/self/status'):
        if line.startswith(field):
            return int(line.split()[1])
    return 0
from extractors.options import PipelineOptions
from extractors.pipeline import extract_document
base = status('VmRSS:')
start = time.perf_counter()
doc = extract_document(Path({path!r}), PipelineOptions.from_env())
text = doc.model_dump_json(indent=2, exclude_none=True)
wall = time.perf_counter() - start
print(json.dumps({{'wall': wall, 'pages': doc.document.page_count, 'json_bytes': len(text),
    'vmhwm_kb': status('VmHWM:'), 'import_rss_kb': base,
    'ru_maxrss_kb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}}))
"""


def measure_rss(path: Path) -> dict[str, Any]:
    """Extract (and serialise to JSON) one file in a fresh interpreter; its peak RSS."""
    import resource

    code = RSS_CHILD.format(root=str(ROOT), path=str(path))
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, cwd=ROOT
    )
    outer = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if done.returncode != 0:
        return {"file": str(path), "error": done.stderr.strip()[-500:]}
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    result.update(
        file=str(path),
        process_wall=outer,
        children_maxrss_kb=after if after > before else None,
    )
    return result


# ----------------------------------------------------------------------------- profile


def profile_documents(docs: Sequence[Doc]) -> dict[str, Any]:
    """cProfile over `extract_document` of each document, one Stats for all."""
    from extractors.options import PipelineOptions
    from extractors.pipeline import extract_document

    profiler = cProfile.Profile()
    for doc in docs:
        profiler.enable()
        extract_document(doc.path, PipelineOptions.from_env())
        profiler.disable()
    stats = pstats.Stats(profiler)
    rows = _profile_rows(stats)
    total = max(getattr(stats, "total_tt", 0.0), 1e-9)
    tops = {
        f"{group} by {by}": _top(rows, scope, by, total)
        for group, scope in PROFILE_GROUPS.items()
        for by in ("cumulative", "own")
    }
    return {
        "docs": [d.name for d in docs],
        "pages": sum(d.pages for d in docs),
        "total_s": total,
        "tops": tops,
        "by_module": _by_module(rows, total),
    }


def _profile_rows(stats: pstats.Stats) -> list[dict[str, Any]]:
    raw: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    rows = []
    for (filename, line, func), (_cc, ncalls, own, cum, _callers) in raw.items():
        rows.append(
            {
                "where": _short(filename),
                "line": line,
                "func": func,
                "calls": ncalls,
                "own": own,
                "cum": cum,
            }
        )
    return rows


def _short(filename: str) -> str:
    for marker in PROFILE_SCOPE:
        if marker in filename:
            return marker.strip("/") + "/" + filename.split(marker, 1)[1]
    return filename


def _in_scope(row: dict[str, Any]) -> bool:
    return str(row["where"]).startswith(tuple(m.strip("/") + "/" for m in PROFILE_SCOPE))


def _top(
    rows: list[dict[str, Any]], scope: tuple[str, ...], by: str, total: float
) -> list[dict[str, Any]]:
    scoped = [r for r in rows if str(r["where"]).startswith(scope)]
    scoped = sorted(scoped, key=lambda r: -r[by[:3]])[:TOP_N]
    return [dict(r, share=r[by[:3]] / total) for r in scoped]


def _by_module(rows: list[dict[str, Any]], total: float) -> list[dict[str, Any]]:
    own: dict[str, float] = {}
    for row in rows:
        module = row["where"] if _in_scope(row) else _package(str(row["where"]))
        own[module] = own.get(module, 0.0) + row["own"]
    ranked = sorted(own.items(), key=lambda kv: -kv[1])[:TOP_N]
    return [{"module": m, "own": s, "share": s / total} for m, s in ranked]


def _package(filename: str) -> str:
    if "site-packages/" in filename:
        return filename.split("site-packages/", 1)[1].split("/", 1)[0] + " (other)"
    if filename.startswith("~") or filename.startswith("<"):
        return "builtins"
    return "stdlib/other"


# ----------------------------------------------------------------------------- statistics


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def p90(values: Sequence[float]) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=10, method="inclusive")[-1]


def page_times(runs: Sequence[DocRun], cpu: bool = False) -> dict[str, float]:
    out: dict[str, float] = {}
    for run in runs:
        times = run.page_cpu if cpu else run.page_wall
        for number, seconds in enumerate(times, 1):
            out[key(run.name, number)] = seconds
    return out


def on(sample: Sequence[str], times: dict[str, float]) -> list[float]:
    return [times[k] for k in sample if k in times]


# ----------------------------------------------------------------------------- markdown


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


# ----------------------------------------------------------------------------- main


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="three short documents only")
    parser.add_argument("--json", type=Path, help="write the raw numbers here")
    parser.add_argument("--camelot-every", type=int, default=10)
    parser.add_argument("--min-sample", type=int, default=150)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--skip", nargs="*", default=[], choices=["rss", "pool", "profile"], help="phases to skip"
    )
    return parser.parse_args(argv)


def say(text: str) -> None:
    sys.stderr.write(text + "\n")
    sys.stderr.flush()


def measure(args: argparse.Namespace) -> Report:
    report = Report(args={k: str(v) for k, v in vars(args).items()})
    report.load["start"] = Stamp.now()
    corpus = digital_corpus()
    docs = quick_subset(corpus) if args.quick else corpus
    say(f"{len(docs)} documents, {sum(d.pages for d in docs)} pages")
    rss_file = docs[0].path if args.quick else SHENZHEN_241
    if "rss" not in args.skip:
        report.rss = measure_rss(rss_file)
        report.load["after RSS"] = Stamp.now()
    if "pool" not in args.skip:
        say(f"pipeline, pool of {args.workers}")
        report.pool = run_pool(docs, args.workers)
        report.load["after pool"] = Stamp.now()
    minimum = min(args.min_sample, 20) if args.quick else args.min_sample
    report.camelot_every, sample = camelot_sample(docs, args.camelot_every, minimum)
    say(f"pipeline | pdfplumber words | camelot on every {report.camelot_every}. page")
    run_side_by_side(report, docs, sample, say)
    report.load["after pipeline + words + camelot"] = Stamp.now()
    if "profile" not in args.skip:
        report.profile = profile_documents(_profile_docs(corpus, docs, args.quick))
        report.load["end (after profile)"] = Stamp.now()
    return report


def _profile_docs(corpus: Sequence[Doc], docs: Sequence[Doc], quick: bool) -> list[Doc]:
    if quick:
        return list(docs[:1])
    chosen = [d for d in corpus if d.path.name in PROFILE_DOCS]
    return chosen or list(docs[:3])


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    warnings.filterwarnings("ignore")
    started = time.perf_counter()
    report = measure(args)
    print(f"# bench_pipeline ({'quick' if args.quick else 'full'} run)\n")
    for block in render(report):
        print(block)
    print(f"Run took {time.perf_counter() - started:.0f} s.")
    if args.json:
        args.json.write_text(json.dumps(asdict(report), ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
