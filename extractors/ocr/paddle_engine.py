"""The optional PaddleOCR engine, run only from a local model directory."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import numpy as np

from extractors.ocr.engine_types import OcrEngineError, OcrWord, to_bgr

PADDLE_MODEL_ENV = "BUDGETLENS_PADDLEOCR_MODEL_DIR"


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
            results = self._ocr.predict(to_bgr(image))
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
