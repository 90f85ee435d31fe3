"""Check an upload before any heavy work: size while streaming, magic bytes, PDF structure."""

from __future__ import annotations

import hashlib
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from fastapi import status

from config import Settings
from extractors.backends.pdf_open import PdfInfo, inspect_pdf
from extractors.errors import InputError
from service.errors import problem, too_large
from service.polyglot import polyglot_format

CHUNK = 1 << 20
# PDFium is not thread-safe and sync routes run in a thread pool: 20 concurrent uploads
# segfaulted the API process (found by tests/service/test_scenario_api_limits.py).
_PDFIUM_LOCK = threading.Lock()


@dataclass(frozen=True, slots=True)
class Spooled:
    path: Path
    sha256: str
    n_bytes: int


def spool(source: BinaryIO, settings: Settings) -> Spooled:
    """Copy to a temp file in the store (same filesystem: the final move is a rename)."""
    tmp_dir = settings.store_dir / "tmp"
    tmp_dir.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    n_bytes = 0
    with tempfile.NamedTemporaryFile(dir=tmp_dir, suffix=".pdf", delete=False) as out:
        path = Path(out.name)
        try:
            while chunk := source.read(CHUNK):
                n_bytes += len(chunk)
                if n_bytes > settings.pipeline.max_bytes:
                    raise too_large(settings.pipeline.max_bytes)
                digest.update(chunk)
                out.write(chunk)
        except BaseException:
            path.unlink(missing_ok=True)
            raise
    return Spooled(path=path, sha256=digest.hexdigest(), n_bytes=n_bytes)


def check_pdf(spooled: Spooled, settings: Settings) -> PdfInfo:
    """Magic bytes, encryption, corruption and page count; 413 or 422 with the reason."""
    with spooled.path.open("rb") as fh:
        head = fh.read(1024)
    if b"%PDF-" not in head:
        raise problem(
            status.HTTP_422_UNPROCESSABLE_CONTENT, "not a PDF (no %PDF- header)", "not_pdf"
        )
    other = polyglot_format(spooled.path)
    if other is not None:
        reason = f"not a plain PDF: the file is also {other}"
        raise problem(status.HTTP_422_UNPROCESSABLE_CONTENT, reason, "polyglot")
    limits = settings.pipeline.limits()
    try:
        with _PDFIUM_LOCK:
            return inspect_pdf(spooled.path, limits)
    except InputError as err:
        code = (
            status.HTTP_413_CONTENT_TOO_LARGE
            if err.code == "too_large"
            else status.HTTP_422_UNPROCESSABLE_CONTENT
        )
        raise problem(code, err.reason, err.code) from err
