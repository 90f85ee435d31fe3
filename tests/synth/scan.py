"""Scanned copies of synthetic documents: 150 dpi grey, noise, skew within ±1.5°, JPEG.

Reuses scan_image() of tests/data/scanned/build.py (loaded by path: tests/data is not a
package) so synthetic scans degrade pages exactly as the scanned test inputs do.
"""

from __future__ import annotations

import importlib.util
import io
import random
import sys
from collections.abc import Collection
from functools import cache
from pathlib import Path
from types import ModuleType

import numpy as np
import pypdfium2 as pdfium
from PIL import Image

BUILD = Path(__file__).resolve().parents[1] / "data" / "scanned" / "build.py"
DPI = 150


@cache
def _scanned_build() -> ModuleType:
    spec = importlib.util.spec_from_file_location("scanned_build", BUILD)
    assert spec and spec.loader, BUILD
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def scan(source: Path, out: Path, seed: int, only: Collection[int] | None = None) -> Path:
    """Every page of `source` (or the 1-based pages `only`, the others kept as they are) as
    a noisy, skewed 150 dpi JPEG page of an image-only PDF."""
    if only is not None:
        return _scan_some(source, out, seed, sorted(only))
    pages = _scanned_pages(source, seed, None)
    pages[0].save(out, "PDF", resolution=float(DPI), save_all=True, append_images=pages[1:])
    return out


def _scan_some(source: Path, out: Path, seed: int, only: list[int]) -> Path:
    """A mixed file: the pages `only` scanned, every other page the digital original."""
    images = out.with_suffix(".pages.pdf")
    pages = _scanned_pages(source, seed, only)
    pages[0].save(images, "PDF", resolution=float(DPI), save_all=True, append_images=pages[1:])
    digital, scanned = pdfium.PdfDocument(str(source)), pdfium.PdfDocument(str(images))
    mixed = pdfium.PdfDocument.new()
    try:
        for number in range(1, len(digital) + 1):
            if number in only:
                mixed.import_pages(scanned, [only.index(number)])
            else:
                mixed.import_pages(digital, [number - 1])
        mixed.save(str(out))
    finally:
        for doc in (mixed, scanned, digital):
            doc.close()
    images.unlink()
    return out


def _scanned_pages(source: Path, seed: int, only: list[int] | None) -> list[Image.Image]:
    build = _scanned_build()
    rng = random.Random(seed)
    variant = build.Variant(
        "synth", DPI, round(rng.uniform(-1.5, 1.5), 2), rng.uniform(5.0, 12.0),
        rng.choice([0.0, 0.5, 0.7]), rng.randint(50, 80),
    )  # fmt: skip
    noise = np.random.default_rng(seed)
    pages: list[Image.Image] = []
    doc = pdfium.PdfDocument(str(source))
    try:
        for number, page in enumerate(doc, 1):
            if only is not None and number not in only:
                page.close()
                continue
            gray = page.render(scale=DPI / 72, grayscale=True).to_numpy()
            gray = gray[:, :, 0] if gray.ndim == 3 else gray
            buf = io.BytesIO()
            Image.fromarray(build.scan_image(gray, variant, noise)).save(
                buf, "JPEG", quality=variant.jpeg
            )
            buf.seek(0)
            pages.append(Image.open(buf).convert("L"))
            page.close()
    finally:
        doc.close()
    return pages
