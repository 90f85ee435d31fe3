"""OCR engines behind one interface, registered in one table keyed by name.

Models load lazily, once per process (`load_ocr_engine` caches the instance), and sessions are
reused across pages.  No engine ever downloads weights: rapidocr's PP-OCR ONNX models ship
inside its wheel, and PaddleOCR is only used with a local model directory.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, cast

import numpy as np

from extractors.ocr.batching import recognize_batches


# onnxruntime threads per session: the machine has 2 cores and the page pool runs one
# process per core at most, so more threads only add contention.
# Read when an engine loads, not at import (one process may set it before its first page).
def ort_threads() -> int:
    return int(os.environ.get("BUDGETLENS_OCR_THREADS", "2"))


PADDLE_MODEL_ENV = "BUDGETLENS_PADDLEOCR_MODEL_DIR"

Quad = np.ndarray  # (4, 2) float32 corner points, clockwise from top-left, image pixels


@dataclass(slots=True)
class OcrWord:
    """One recognised word or line, in pixel coordinates of the image it was read from."""

    text: str
    box: tuple[float, float, float, float]  # x0, y0, x1, y1
    score: float
    char_scores: list[float] = field(default_factory=list)


@dataclass(slots=True)
class LineRead:
    text: str
    score: float
    char_scores: list[float]
    # Centre of each character along the crop's width, as a share of the width (0..1).
    char_pos: list[float]


class OcrEngine(Protocol):
    name: str

    def recognize(self, image: np.ndarray) -> list[OcrWord]:
        """Every word on a grey or BGR image, in that image's pixel coordinates."""
        ...


class OcrEngineError(RuntimeError):
    """An engine cannot run here (package or models missing); the message says what to do."""


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
        self._det = self._ocr._load_det_model()
        self._cls = self._ocr._load_cls_model()
        self._rec = self._ocr._load_rec_model()
        for stage in (self._det, self._cls, self._rec):
            _quiet_session(stage)

    def detect(self, image: np.ndarray) -> list[Quad]:
        """Text line boxes (quadrilaterals) on the image, top-to-bottom, left-to-right."""
        bgr = _bgr(image)
        with self._lock:
            out = self._det(bgr)
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
            res = self._cls([_bgr(c) for c in crops])
        return [label == "180" and conf >= 0.9 for label, conf in res.cls_res]

    def recognize(self, image: np.ndarray) -> list[OcrWord]:
        quads = self.detect(image)
        crops = [crop_quad(image, q) for q in quads]
        words = []
        for quad, read in zip(quads, self.read(crops), strict=True):
            words.extend(split_line(read, quad))
        return words


class PaddleOcrEngine:
    """PaddleOCR 3.x with a local model directory; never downloads.

    The directory named by BUDGETLENS_PADDLEOCR_MODEL_DIR holds the inference models as
    PaddleOCR exports them, one sub-folder per model: `<dir>/det` and `<dir>/rec` (names
    ending in _det / _rec are found too).  PaddleOCR is slow on CPU (~36-39 s/page on 2
    cores): an optional engine for comparison, not the default.
    """

    name = "paddleocr"

    def __init__(self) -> None:
        model_dir = os.environ.get(PADDLE_MODEL_ENV, "").strip()
        if not model_dir:
            raise OcrEngineError(
                f"the paddleocr engine needs local models: set {PADDLE_MODEL_ENV} to a "
                "directory holding the PaddleOCR det/ and rec/ inference models "
                "(models are never downloaded), or use BUDGETLENS_OCR_ENGINE=rapidocr"
            )
        root = Path(model_dir)
        det, rec = _find_model(root, "det"), _find_model(root, "rec")
        if det is None or rec is None:
            raise OcrEngineError(
                f"{PADDLE_MODEL_ENV}={model_dir} has no PaddleOCR det/rec model folders "
                "(expected <dir>/det and <dir>/rec with inference.* files); models are "
                "never downloaded"
            )
        try:
            from paddleocr import PaddleOCR
        except ImportError as err:
            raise OcrEngineError(
                f"the paddleocr engine needs the paddleocr and paddlepaddle packages "
                f"(not installed); models come from {PADDLE_MODEL_ENV}={model_dir}"
            ) from err
        # Naming both model directories stops PaddleOCR from reaching for its model hosts.
        os.environ.setdefault("PADDLE_PDX_DISABLE_MODEL_SOURCE_CHECK", "True")
        self._ocr = PaddleOCR(
            text_detection_model_dir=str(det),
            text_recognition_model_dir=str(rec),
            text_detection_model_name=_model_name(det),
            text_recognition_model_name=_model_name(rec),
            use_doc_orientation_classify=False,
            use_doc_unwarping=False,
            use_textline_orientation=False,
        )
        self._lock = threading.Lock()

    def recognize(self, image: np.ndarray) -> list[OcrWord]:
        with self._lock:
            results = self._ocr.predict(_bgr(image))
        words: list[OcrWord] = []
        for res in results:
            data = res.json.get("res", res.json) if hasattr(res, "json") else res
            for text, score, poly in zip(
                data["rec_texts"], data["rec_scores"], data["rec_polys"], strict=True
            ):
                pts = np.asarray(poly, dtype=np.float32)
                box = (
                    float(pts[:, 0].min()),
                    float(pts[:, 1].min()),
                    float(pts[:, 0].max()),
                    float(pts[:, 1].max()),
                )
                if str(text).strip():
                    words.append(OcrWord(str(text), box, float(score)))
        return words


def _quiet_session(stage: Any) -> None:
    """Re-open a rapidocr stage's ONNX session with its worker threads not spinning.

    onnxruntime's threads busy-wait between ops by default; with other processes on the
    same two cores (a page pool, the web service) that burns CPU for nothing.  Measured
    on a dense table page: 4.4 CPU-s instead of 5.9 for the same recognition.
    """
    import onnxruntime as ort

    wrapper = getattr(stage, "session", None)
    session = getattr(wrapper, "session", None)
    model_path = getattr(session, "_model_path", None)
    if wrapper is None or session is None or not model_path:
        return
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = ort_threads()
    opts.inter_op_num_threads = 1
    opts.enable_cpu_mem_arena = False
    opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
    wrapper.session = ort.InferenceSession(
        model_path, sess_options=opts, providers=["CPUExecutionProvider"]
    )


def _find_model(root: Path, kind: str) -> Path | None:
    if not root.is_dir():
        return None
    for cand in [root / kind, *sorted(root.glob(f"*_{kind}*"))]:
        if cand.is_dir() and any(cand.glob("inference.*")):
            return cand
    return None


def _model_name(model_dir: Path) -> str | None:
    """PaddleOCR wants the model's name next to its directory; inference.yml records it."""
    meta = model_dir / "inference.yml"
    if meta.exists():
        for line in meta.read_text(encoding="utf-8").splitlines():
            if line.strip().startswith("model_name:"):
                return line.split(":", 1)[1].strip()
    return None


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


def _bgr(image: np.ndarray) -> np.ndarray:
    import cv2

    if image.ndim == 2:
        return cv2.cvtColor(image, cv2.COLOR_GRAY2BGR)
    return image


def crop_quad(image: np.ndarray, quad: Quad, pad: int = 0) -> np.ndarray:
    """Axis-aligned crop around a (near-horizontal, deskewed) text box."""
    h, w = image.shape[:2]
    x0 = max(0, int(np.floor(quad[:, 0].min())) - pad)
    y0 = max(0, int(np.floor(quad[:, 1].min())) - pad)
    x1 = min(w, int(np.ceil(quad[:, 0].max())) + pad)
    y1 = min(h, int(np.ceil(quad[:, 1].max())) + pad)
    return image[y0:y1, x0:x1]


def _line_read(text: str, score: float, info: Any) -> LineRead:
    confs = [float(c) for c in (getattr(info, "confs", None) or [])]
    pos: list[float] = []
    cols = getattr(info, "word_col_list", None) or []
    total = float(getattr(info, "line_txt_len", 0) or 0)
    flat = [c for word in cols for c in word]
    if total > 0 and len(flat) == len(text.replace(" ", "")):
        pos = [min(1.0, (c + 0.5) / total) for c in flat]
    if len(confs) != len(text.replace(" ", "")):
        # CTC keeps a confidence per emitted symbol; spaces are symbols too.
        confs = [c for ch, c in zip(text, confs, strict=False) if not ch.isspace()]
    return LineRead(text=text, score=score, char_scores=confs, char_pos=pos)


# A grouped amount with cents ("6,887,000.00") is a whole cell: text glued to either side
# of it is the next cell, run together by the detector where two unruled columns stand
# close ("6,887,000.001、工资福利支出", "2,660,000.002,660,000.00").  Only grouped
# amounts, so a 4-decimal figure or a code next to a number is never cut.
_AMOUNT = r"-?\d{1,3}(?:,\d{3})+\.\d{2}"
_GLUED_AFTER = re.compile(rf"({_AMOUNT})(?=\d*[、.．]?[\u4e00-\u9fff（(]|{_AMOUNT})")
_GLUED_BEFORE = re.compile(rf"(?<=[\u4e00-\u9fff）)])(?={_AMOUNT}(?![\d,]))")


def separate_amounts(text: str) -> str:
    """`text` with a space on each side of a grouped amount that other text touches."""
    return _GLUED_BEFORE.sub(" ", _GLUED_AFTER.sub(r"\1 ", text))


def split_line(read: LineRead, quad: Quad) -> list[OcrWord]:
    """A recognised line as words: split at spaces, boxes from character positions."""
    x0, y0 = float(quad[:, 0].min()), float(quad[:, 1].min())
    x1, y1 = float(quad[:, 0].max()), float(quad[:, 1].max())
    text = separate_amounts(read.text.strip())
    if not text:
        return []
    pieces = text.split()
    chars = text.replace(" ", "")
    confs = read.char_scores if len(read.char_scores) == len(chars) else []
    if len(pieces) == 1:
        return [OcrWord(text, (x0, y0, x1, y1), read.score, confs)]
    pos = read.char_pos if len(read.char_pos) == len(chars) else []
    if not pos:  # no column positions from the engine: assume even character widths
        pos = [(k + 0.5) / len(chars) for k in range(len(chars))]
    words, i = [], 0
    width = x1 - x0
    char_w = width / max(1, len(chars))
    for piece in pieces:
        j = i + len(piece)
        left = x0 + pos[i] * width - char_w / 2
        right = x0 + pos[j - 1] * width + char_w / 2
        words.append(
            OcrWord(
                piece,
                (max(x0, left), y0, min(x1, right), y1),
                read.score,
                confs[i:j] if confs else [],
            )
        )
        i = j
    return words
