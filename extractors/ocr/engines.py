"""OCR engines behind one interface, registered in one table keyed by name.

Models load lazily, once per process (`load_ocr_engine` caches the instance), and sessions are
reused across pages.  No engine ever downloads weights: rapidocr's PP-OCR ONNX models ship
inside its wheel, and PaddleOCR is only used with a local model directory.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from extractors.ocr.engine_types import OcrEngine, OcrEngineError
from extractors.ocr.paddle_engine import PaddleOcrEngine
from extractors.ocr.rapid_engine import RapidOcrEngine

ENGINES: dict[str, Callable[[], OcrEngine]] = {
    "rapidocr": RapidOcrEngine,
    "paddleocr": PaddleOcrEngine,
}

_cache: dict[str, OcrEngine] = {}
_cache_lock = threading.Lock()


def load_ocr_engine(name: str) -> OcrEngine:
    """The process-wide instance of an engine, created on first use."""
    if name not in ENGINES:
        raise OcrEngineError(f"unknown OCR engine {name!r}; known: {', '.join(ENGINES)}")
    with _cache_lock:
        if name not in _cache:
            _cache[name] = ENGINES[name]()
        return _cache[name]
