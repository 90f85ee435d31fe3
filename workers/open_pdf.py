"""The PDF this worker process read last, kept open for its next batch of the same file."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
from pdfplumber.pdf import PDF


class OpenPdf:
    """Batches of one document mostly land on the same few processes; re-opening a 241-page
    file for every batch cost ~0.15 s of CPU (pdfminer resolves the whole page tree) and its
    fonts were parsed again. One file per process (prefork: one task at a time); any other
    file replaces it.
    """

    path: Path | None = None
    pdf: PDF | None = None

    @classmethod
    def get(cls, path: Path) -> PDF:
        if cls.pdf is None or cls.path != path:
            cls.close()
            cls.pdf, cls.path = pdfplumber.open(str(path)), path
        return cls.pdf

    @classmethod
    def close(cls) -> None:
        pdf, cls.pdf, cls.path = cls.pdf, None, None
        if pdf is None:
            return
        try:
            pdf.close()
        except Exception:  # pdfplumber walks the page tree to close: a broken one raises
            pdf.stream.close()
