"""Page images for the review UI: rendered once in a child process, then served from cache.

A 602-byte PDF can declare a 14400x14400 pt page; rendered at 150 dpi in the API process
it took 28 s and 6 GB. So the image is capped at RENDER_MAX_PIXELS (the scale drops for
huge pages), and rendering runs in a child process (`service.render_page`) with a memory
limit and a time limit, a few at a time, off the event loop. A page that fails is
remembered, so it is not rendered again on every request.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import threading
from pathlib import Path

from fastapi import status

from config import Settings
from service.errors import problem
from workers.store import FileStore

DPI = 150
RENDER_MEMORY_BYTES = 2 << 30
# Renders at once: each is a process with up to RENDER_MEMORY_BYTES.
_SLOTS = threading.BoundedSemaphore(2)


def page_png(store: FileStore, settings: Settings, sha256: str, page: int) -> Path:
    target = store.page_png_path(sha256, page, DPI)
    failed = target.with_suffix(".failed")
    if not target.exists() and not failed.exists():
        _render(store.pdf_path(sha256), page, target, settings)
    if failed.exists():
        raise problem(status.HTTP_422_UNPROCESSABLE_CONTENT, failed.read_text(), "render_failed")
    return target


def _render(pdf: Path, page: int, target: Path, settings: Settings) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
    cmd = [sys.executable, "-m", "service.render_page", str(pdf), str(page), str(tmp)]
    cmd += [str(DPI), str(settings.render_max_pixels)]
    with _SLOTS:
        try:
            done = subprocess.run(
                cmd,
                capture_output=True,
                timeout=settings.render_time_limit,
                preexec_fn=_limit_memory,
                check=False,
            )
            reason = _reason(done.returncode, done.stderr)
        except subprocess.TimeoutExpired:
            reason = f"rendering took over {settings.render_time_limit:g} s"
    if reason:
        tmp.unlink(missing_ok=True)
        target.with_suffix(".failed").write_text(reason)
        return
    os.replace(tmp, target)


def _reason(returncode: int, stderr: bytes) -> str:
    if returncode == 0:
        return ""
    said = stderr.decode(errors="replace").strip().splitlines()
    return said[-1][:300] if said else f"the renderer stopped (exit status {returncode})"


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (RENDER_MEMORY_BYTES, RENDER_MEMORY_BYTES))
