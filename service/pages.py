"""Page images for the review UI: rendered once with pypdfium2, then served from the cache."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pypdfium2 as pdfium

from workers.store import FileStore

DPI = 150
# pdfium is not thread-safe and FastAPI runs sync routes in a thread pool.
_PDFIUM_LOCK = threading.Lock()


def page_png(store: FileStore, sha256: str, page: int) -> Path:
    target = store.page_png_path(sha256, page, DPI)
    if target.exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
    with _PDFIUM_LOCK:
        pdf = pdfium.PdfDocument(str(store.pdf_path(sha256)))
        try:
            bitmap = pdf[page - 1].render(scale=DPI / 72)
            bitmap.to_pil().save(tmp, format="PNG")
        finally:
            pdf.close()
    os.replace(tmp, target)
    return target
