"""What the layout stage says about a page: regions with a kind, a box and a score."""

from __future__ import annotations

import schemas
from extractors.model import Region

__all__ = ["Region", "region_records"]


def region_records(regions: list[Region]) -> list[schemas.Region]:
    """The regions as the output's `document.pages[].regions` extension field."""
    return [
        schemas.Region(
            kind=r.kind,
            bbox=tuple(round(v, 2) for v in r.bbox),
            score=round(r.score, 3),
            method=schemas.ReadMethod(r.method) if r.method else None,
        )
        for r in regions
    ]
