"""Check a file before any heavy work: magic bytes, size, encryption, corruption, page count."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium

from extractors.errors import InputError
from extractors.options import Limits


@dataclass(frozen=True, slots=True)
class PdfInfo:
    path: Path
    n_bytes: int
    page_count: int


def inspect_pdf(path: Path, limits: Limits | None = None) -> PdfInfo:
    limits = limits or Limits()
    if not path.exists():
        raise InputError(f"no such file: {path}", code="not_found")
    if path.is_dir():
        raise InputError(f"is a folder, not a PDF: {path}", code="not_pdf")
    n_bytes = path.stat().st_size
    if n_bytes == 0:
        raise InputError("empty file (0 bytes)", code="not_pdf")
    if n_bytes > limits.max_bytes:
        raise InputError(
            f"file is {n_bytes} bytes, over the limit of {limits.max_bytes}", code="too_large"
        )
    with path.open("rb") as fh:
        head = fh.read(1024)
    if b"%PDF-" not in head:
        raise InputError("not a PDF (no %PDF- header)", code="not_pdf")
    page_count = _count_pages(path)
    if page_count == 0:
        raise InputError("the PDF has zero pages", code="no_pages")
    if page_count > limits.max_pages:
        raise InputError(
            f"the PDF has {page_count} pages, over the limit of {limits.max_pages}",
            code="too_many_pages",
        )
    return PdfInfo(path=path, n_bytes=n_bytes, page_count=page_count)


def _count_pages(path: Path) -> int:
    try:
        doc = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as err:
        text = str(err).lower()
        if "password" in text or "security" in text:
            raise InputError("the PDF is encrypted (password required)", code="encrypted") from err
        if _pdfminer_page_count(path) == 0:
            # PDFium refuses a document with an empty page tree; say what is really wrong.
            raise InputError("the PDF has zero pages", code="no_pages") from err
        raise InputError(f"corrupt or unreadable PDF ({err})", code="corrupt") from err
    try:
        claimed = len(doc)
        if claimed <= 1 or _page_loads(doc, claimed - 1):
            return claimed
    finally:
        doc.close()
    # The page tree's /Count is only a claim: a 1-page file may say 1,500. Count the pages
    # that are really there, so the job neither fails 1,499 phantom pages nor loses the real one.
    real = _pdfminer_page_count(path)
    if real is None:
        raise InputError("corrupt PDF (the page tree does not match its /Count)", code="corrupt")
    return real


def _page_loads(doc: pdfium.PdfDocument, index: int) -> bool:
    try:
        doc[index].close()
    except pdfium.PdfiumError:
        return False
    return True


def _pdfminer_page_count(path: Path) -> int | None:
    import pdfplumber

    try:
        with pdfplumber.open(str(path)) as pdf:
            return len(pdf.pages)
    except Exception:  # any parser error here just means "corrupt", reported by the caller
        return None
