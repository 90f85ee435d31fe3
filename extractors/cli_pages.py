"""`--pages 3-9`, `1,3,5-7`, `10-`: which 1-based pages of a document to read."""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.errors import InputError

_PART = re.compile(r"^\s*(\d+)\s*(?:(-)\s*(\d*)\s*)?$")


@dataclass(frozen=True, slots=True)
class PageSelection:
    """Inclusive ranges; `last` None means to the end of the document."""

    ranges: tuple[tuple[int, int | None], ...]

    @classmethod
    def parse(cls, spec: str) -> PageSelection:
        """Raises ValueError with a one-line reason on a malformed spec."""
        ranges: list[tuple[int, int | None]] = []
        for part in spec.split(","):
            match = _PART.match(part)
            if match is None:
                raise ValueError(f"--pages: {part.strip()!r} is not N, A-B or A- (e.g. 1,3,5-7)")
            first = int(match[1])
            last = None if match[2] and not match[3] else int(match[3] or match[1])
            if first < 1 or (last is not None and last < first):
                raise ValueError(f"--pages: {part.strip()!r} is not a range of pages from 1")
            ranges.append((first, last))
        return cls(tuple(ranges))

    def resolve(self, page_count: int) -> list[int]:
        """The pages in order, each once; a page past the end is bad input, not ignored."""
        wanted: set[int] = set()
        for first, last in self.ranges:
            end = page_count if last is None else last
            if max(first, end) > page_count:
                raise InputError(
                    f"--pages asks for page {max(first, end)} of a {page_count}-page PDF",
                    code="bad_pages",
                )
            wanted.update(range(first, end + 1))
        return sorted(wanted)
