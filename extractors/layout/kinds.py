"""What the layout stage says about a page: regions with a kind, a box and a score."""

from __future__ import annotations

from dataclasses import dataclass

import schemas
from extractors.model import BBox, Method
from schemas.budget import RegionKind


@dataclass(frozen=True, slots=True)
class Region:
    kind: RegionKind
    bbox: BBox  # PDF points, origin top-left of the upright page
    score: float  # how sure the finder is of the kind
    method: Method | None = None  # how its words were read, when it was read on its own


def region_records(regions: list[Region]) -> list[schemas.Region]:
    """The regions as the output's `document.pages[].regions` extension field."""
    return [
        schemas.Region(
            kind=r.kind,
            bbox=tuple(round(v, 2) for v in r.bbox),  # type: ignore[arg-type]
            score=round(r.score, 3),
            method=schemas.ReadMethod(r.method) if r.method else None,
        )
        for r in regions
    ]
