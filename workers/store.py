"""Content-addressed file store: a PDF lives at <store>/pdf/<sha[:2]>/<sha>.pdf."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path


class FileStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    def pdf_path(self, sha256: str) -> Path:
        return self.root / "pdf" / sha256[:2] / f"{sha256}.pdf"

    def page_png_path(self, sha256: str, page: int, dpi: int) -> Path:
        return self.root / "png" / sha256[:2] / sha256 / f"{page}@{dpi}.png"

    def put_pdf(self, sha256: str, source: Path) -> Path:
        """Move `source` into the store; the same content is stored once."""
        target = self.pdf_path(sha256)
        if target.exists():
            source.unlink(missing_ok=True)
            return target
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(f".{os.getpid()}.tmp")
        shutil.move(str(source), tmp)
        os.replace(tmp, target)  # atomic: readers never see half a file
        return target


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
