"""Scenario 5, long run: a mutation fuzz loop over the real PDFs and the hostile corpus.

    .venv/bin/python benchmarks/bench_fuzz.py [--mutants 500] [--seed 1]

Each mutant (bit flips, truncation, duplicated or deleted chunks, injected PDF tokens,
splices of two files) goes through what an upload goes through: the upload checks
(`service.uploads.check_pdf`: polyglot, encryption, page count), then, if accepted, the
worker's guarded page reading (per-page time limit, decoded-stream cap, RLIMIT_AS) in a
child process. Counted: refused (4xx), read, pages failed with a reason, unexpected
exceptions, child crashes (native faults) and hangs (no answer within the time limit).
Appends one JSON line to benchmarks/fuzz.jsonl.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "service")]

MEMORY_MB = 1024
PAGE_SECONDS = 5.0
TOKENS = [b" 0 R", b"obj", b"endobj", b"<<", b">>", b"[", b"9999999999", b"/Count 99999",
          b"stream\n", b"/FlateDecode", b"-1", b"/Kids [1 0 R]", b"xref", b"%%EOF"]  # fmt: skip


def mutate(data: bytes, other: bytes, rng: random.Random) -> bytes:
    buf = bytearray(data or b"%PDF-1.7\n")  # the corpus holds a 0-byte file
    kind = rng.choice(["flip", "truncate", "dup", "delete", "token", "splice"])
    at = rng.randrange(max(len(buf), 1))
    if kind == "flip":
        for _ in range(rng.randint(1, 20)):
            buf[rng.randrange(len(buf))] ^= 1 << rng.randrange(8)
    elif kind == "truncate":
        del buf[at:]
    elif kind == "dup":
        buf[at:at] = buf[at : at + rng.randint(1, 4096)] * rng.randint(2, 50)
    elif kind == "delete":
        del buf[at : at + rng.randint(1, 4096)]
    elif kind == "token":
        buf[at:at] = rng.choice(TOKENS)
    else:
        buf = buf[:at] + other[rng.randrange(max(len(other), 1)) :]
    return bytes(buf)


def _child_init() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_MB << 20, MEMORY_MB << 20))
    from workers.page_guard import install_decompression_cap

    install_decompression_cap(64)


def read_in_child(path: str, pages: int) -> tuple[str, int]:
    """('read' | 'page_failed', peak RSS MB) for the first pages of an accepted file."""
    from extractors.options import PipelineOptions
    from workers.extraction import OpenPdf
    from workers.page_guard import read_pages_guarded

    p = Path(path)
    results = read_pages_guarded(
        p, range(1, min(pages, 3) + 1), PipelineOptions.from_env(), PAGE_SECONDS,
        lambda: OpenPdf.get(p), OpenPdf.close,
    )  # fmt: skip
    OpenPdf.close()
    failed = any(r.page.status == "failed" for r in results)
    return ("page_failed" if failed else "read"), resource.getrusage(
        resource.RUSAGE_SELF
    ).ru_maxrss >> 10


def corpus(work: Path) -> list[bytes]:
    from svc_hostile import hostile_files

    files = sorted((ROOT / "tests" / "data" / "golden").glob("*.pdf"))
    files += [p for p in hostile_files(work / "hostile").values() if p.stat().st_size < 1 << 20]
    return [p.read_bytes() for p in files]


def run(mutants: int, seed: int) -> dict[str, object]:
    from fastapi import HTTPException

    from service.settings import Settings
    from service.uploads import Spooled, check_pdf

    rng = random.Random(seed)
    work = Path(tempfile.mkdtemp(prefix="budgetlens-fuzz-"))
    seeds = corpus(work)
    outcomes: Counter[str] = Counter()
    peak, started = 0, time.monotonic()
    pool = ProcessPoolExecutor(1, initializer=_child_init)
    for n in range(mutants):
        path = work / f"m{n}.pdf"
        path.write_bytes(mutate(rng.choice(seeds), rng.choice(seeds), rng))
        try:
            info = check_pdf(Spooled(path, "", path.stat().st_size), Settings())
        except HTTPException as err:
            outcomes[f"refused_{err.status_code}"] += 1
            continue
        except Exception as err:  # an upload check that raises anything else is a 500
            outcomes[f"upload_error_{type(err).__name__}"] += 1
            continue
        try:
            outcome, rss = pool.submit(read_in_child, str(path), info.page_count).result(
                timeout=PAGE_SECONDS * 3 + 30
            )
            outcomes[outcome] += 1
            peak = max(peak, rss)
        except BrokenProcessPool:
            outcomes["child_crashed"] += 1
            pool = ProcessPoolExecutor(1, initializer=_child_init)
        except FutureTimeout:
            outcomes["hung"] += 1
            for proc in list(getattr(pool, "_processes", {}).values()):
                proc.kill()
            pool = ProcessPoolExecutor(1, initializer=_child_init)
        except Exception as err:
            outcomes[f"error_{type(err).__name__}"] += 1
    pool.shutdown(cancel_futures=True)
    return {
        "scenario": f"5 fuzz, {mutants} mutants (seed {seed})",
        "database": "-",
        "jobs": mutants,
        "peak_rss_mb": peak,
        "elapsed_s": round(time.monotonic() - started, 1),
        "http_5xx": sum(v for k, v in outcomes.items() if k.startswith("upload_error")),
        **{f"n_{k}": v for k, v in sorted(outcomes.items())},
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mutants", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "fuzz.jsonl")
    args = parser.parse_args()
    figures = run(args.mutants, args.seed)
    line = json.dumps(figures, sort_keys=True)
    print(line)
    with args.out.open("a", encoding="utf-8") as out:
        out.write(line + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
