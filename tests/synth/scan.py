"""Scanned copies of synthetic documents: 150 dpi grey, noise, skew within ±1.5°, JPEG.

Reuses scan_image() of tests/data/scanned/build.py (loaded by path: tests/data is not a
package) so synthetic scans degrade pages exactly as the scanned test inputs do.
"""

from __future__ import annotations

import importlib.util
import io
import random
import sys
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


def scan(source: Path, out: Path, seed: int) -> Path:
    """Every page of `source` as a noisy, skewed 150 dpi JPEG page of an image-only PDF."""
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
        for page in doc:
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
    pages[0].save(out, "PDF", resolution=float(DPI), save_all=True, append_images=pages[1:])
    return out
