"""cProfile hot spots of `extract_document`, in extractors/ and in pdfplumber + pdfminer."""

from __future__ import annotations

import cProfile
import pstats
from collections.abc import Sequence
from typing import Any

from .corpus import Doc

PROFILE_SCOPE = ("/extractors/", "/pdfplumber/", "/pdfminer/")
PROFILE_GROUPS = {
    "extractors": ("extractors/",),
    "pdfplumber+pdfminer": ("pdfplumber/", "pdfminer/"),
}
TOP_N = 15


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
