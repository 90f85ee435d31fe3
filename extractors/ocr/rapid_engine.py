"""The default engine: rapidocr's PP-OCR ONNX models, shipped inside its wheel."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, cast

import numpy as np

from extractors.ocr.batching import recognize_batches
from extractors.ocr.engine_types import LineRead, OcrWord, Quad, to_bgr
from extractors.ocr.text_lines import crop_quad, split_line


# onnxruntime threads per session: the machine has 2 cores and the page pool runs one
# process per core at most, so more threads only add contention.
# Read when an engine loads, not at import (one process may set it before its first page).
def ort_threads() -> int:
    return int(os.environ.get("BUDGETLENS_OCR_THREADS", "2"))


class RapidOcrEngine:
    """rapidocr 3.x: PP-OCR det + rec (+ a 0/180 line classifier), ONNX models in the wheel.

    Besides `recognize`, it exposes its stages so the page reader can detect once and
    recognise crops in batches (`detect`, `read`, `upside_down`).
    """

    name = "rapidocr"

    def __init__(self) -> None:
        from rapidocr import RapidOCR

        params: dict[str, Any] = {
            "Global.log_level": "warning",
            "EngineConfig.onnxruntime.intra_op_num_threads": ort_threads(),
            "EngineConfig.onnxruntime.inter_op_num_threads": 1,
        }
        # Typed loosely: its stage loaders are private (pinned rapidocr==3.10.0).
        self._ocr = cast(Any, RapidOCR(params=params))
        self._lock = threading.Lock()
        # Loading all three now keeps the first page's timing honest and fails early.
        with _quiet_sessions():
            self._det = self._ocr._load_det_model()
            self._cls = self._ocr._load_cls_model()
            self._rec = self._ocr._load_rec_model()

    def detect(self, image: np.ndarray, as_is: bool = False) -> list[Quad]:
        """Text line boxes (quadrilaterals) on the image, top-to-bottom, left-to-right.

        `as_is`: the image is already sized for the network (sides multiples of 32) and
        must not be scaled up, however small (a window cut from a page, det_window.py).
        """
        bgr = to_bgr(image)
        with self._lock:
            limit = self._det.limit_side_len
            self._det.limit_side_len = 0 if as_is else limit
            try:
                out = self._det(bgr)
            finally:
                self._det.limit_side_len = limit
        if out.boxes is None:
            return []
        boxes = [np.asarray(b, dtype=np.float32) for b in out.boxes]
        boxes.sort(key=lambda b: (round(float(b[:, 1].mean()) / 8), float(b[:, 0].min())))
        return boxes

    def read(self, crops: Sequence[np.ndarray]) -> list[LineRead]:
        """Recognise single-line crops in batches; per-character confidence kept."""
        if not crops:
            return []
        with self._lock:
            res = recognize_batches(crops, self._rec.session, self._rec.postprocess_op)
        return [_line_read(str(text), float(score), info) for (text, score), info in res]

    def upside_down(self, crops: Sequence[np.ndarray]) -> list[bool]:
        """Per crop: does the 0/180 classifier say it is upside down (confidently)?"""
        if not crops:
            return []
        with self._lock:
            res = self._cls([to_bgr(c) for c in crops])
        return [label == "180" and conf >= 0.9 for label, conf in res.cls_res]

    def recognize(self, image: np.ndarray) -> list[OcrWord]:
        quads = self.detect(image)
        crops = [crop_quad(image, q) for q in quads]
        words = []
        for quad, read in zip(quads, self.read(crops), strict=True):
            words.extend(split_line(read, quad))
        return words


@contextmanager
def _quiet_sessions() -> Iterator[None]:
    """rapidocr's ONNX sessions opened with their worker threads not spinning.

    onnxruntime's threads busy-wait between ops by default; with other processes on the
    same two cores (a page pool, the web service) that burns CPU for nothing.  Measured
    on a dense table page: 4.4 CPU-s instead of 5.9 for the same recognition.  Set while
    rapidocr builds its sessions (its options are otherwise the ones wanted: threads from
    the params, no memory arena, all graph optimisations); re-opening them afterwards
    cost 0.36 CPU-s per process.
    """
    from rapidocr.inference_engine.onnxruntime.main import OrtInferSession

    build = OrtInferSession._init_sess_opts

    def quiet(cfg: Any) -> Any:
        opts = build(cfg)
        opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
        return opts

    OrtInferSession._init_sess_opts = staticmethod(quiet)  # type: ignore[method-assign]
    try:
        yield
    finally:
        OrtInferSession._init_sess_opts = staticmethod(build)  # type: ignore[method-assign]


def _line_read(text: str, score: float, info: Any) -> LineRead:
    confs = [float(c) for c in (getattr(info, "confs", None) or [])]
    pos: list[float] = []
    cols = getattr(info, "word_cols", None) or []
    total = float(getattr(info, "line_txt_len", 0) or 0)
    flat = [c for word in cols for c in word]
    if total > 0 and len(flat) == len(text.replace(" ", "")):
        pos = [min(1.0, (c + 0.5) / total) for c in flat]
    if len(confs) != len(text.replace(" ", "")):
        # CTC keeps a confidence per emitted symbol; spaces are symbols too.
        confs = [c for ch, c in zip(text, confs, strict=False) if not ch.isspace()]
    return LineRead(text=text, score=score, char_scores=confs, char_pos=pos)
