"""What every OCR engine shares: the words it returns, the engine protocol and its error."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

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


def to_bgr(image: np.ndarray) -> np.ndarray:
    import cv2

    if image.ndim == 2:
        return cv2.cvtColor(image, cv2.COLOR_GRAY2BGR)
    return image
