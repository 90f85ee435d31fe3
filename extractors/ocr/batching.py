"""Recognition batches with as little padding as possible.

rapidocr's recogniser pads every batch to at least the model's nominal 320 px width (a
width/height ratio of 6.7), even when the batch holds short numbers two or three heights
wide; the padding costs as much compute as the text.  Here crops are sorted by width and
each batch is padded only to its widest member (rounded up to the model's stride), which
reads the same text (checked on the synthetic and real scans) 2-3x faster.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Sequence
from typing import Any

import cv2
import numpy as np

REC_HEIGHT = 48  # the PP-OCR recogniser's input height
# Width is rounded up to a multiple of this: the network downsamples width by 8 (CTC frames).
WIDTH_STRIDE = 8
# Never narrower than this (ratio to height): a lone digit squeezed into a few CTC frames
# can come back empty.
MIN_RATIO = 1.0
# Measured on a dense 117-crop page: 8-16 are equally fast; 64 is 2x slower (one wide
# crop pads the whole batch), 1 loses per-call overhead.
BATCH = 12


# A batch's total padded width (pixels at REC_HEIGHT) stays under this, so short numbers
# go 12 at a time but full-width prose lines one or two at a time.  The recogniser's
# activations grow with batch x width: on a prose page of 32 lines ~1200 px wide, batches
# of 12 peaked at +750 MB RSS and 4.5 CPU-s, one line at a time at +95 MB and 3.2 CPU-s
# (big tensors fall out of the CPU caches), with the same text.
def max_batch_width() -> int:
    return int(os.environ.get("BUDGETLENS_OCR_BATCH_WIDTH", "1600"))


def prepare(crop: np.ndarray) -> tuple[np.ndarray, float]:
    """A crop as CHW float in [-1, 1] at the recogniser's height; its width/height ratio."""
    if crop.ndim == 2:
        crop = cv2.cvtColor(crop, cv2.COLOR_GRAY2BGR)
    h, w = crop.shape[:2]
    ratio = w / float(h)
    new_w = max(1, math.ceil(REC_HEIGHT * ratio))
    # INTER_AREA when shrinking keeps thin strokes (a "1", a decimal point) from vanishing.
    interp = cv2.INTER_AREA if h > REC_HEIGHT else cv2.INTER_LINEAR
    resized = cv2.resize(crop, (new_w, REC_HEIGHT), interpolation=interp)
    chw = resized.astype(np.float32).transpose(2, 0, 1) / 127.5 - 1.0
    return chw, ratio


def recognize_batches(
    crops: Sequence[np.ndarray],
    run: Callable[[np.ndarray], Any],
    decode: Callable[..., tuple[list[Any], list[Any]]],
    batch: int = BATCH,
) -> list[tuple[tuple[str, float], Any]]:
    """Per crop, in input order: ((text, score), word info) from the recogniser.

    `run` is the ONNX session call (NCHW batch -> CTC probabilities) and `decode` the
    engine's CTC decoder called as decode(preds, True, wh_ratio_list=, max_wh_ratio=).
    """
    prepared = [prepare(c) for c in crops]
    order = sorted(range(len(prepared)), key=lambda i: prepared[i][1])
    out: list[tuple[tuple[str, float], Any]] = [(("", 0.0), None)] * len(prepared)
    for idx in _batches(order, [prepared[i][1] for i in range(len(prepared))], batch):
        widest = max(MIN_RATIO, max(prepared[i][1] for i in idx))
        width = _padded(widest)
        arr = np.zeros((len(idx), 3, REC_HEIGHT, width), np.float32)
        for k, i in enumerate(idx):
            chw = prepared[i][0]
            w = min(width, chw.shape[2])
            arr[k, :, :, :w] = chw[:, :, :w]
        preds = run(arr)
        lines, infos = decode(
            preds,
            True,
            wh_ratio_list=[prepared[i][1] for i in idx],
            max_wh_ratio=width / REC_HEIGHT,
        )
        for k, i in enumerate(idx):
            out[i] = (lines[k], infos[k])
    return out


def _padded(ratio: float) -> int:
    return int(math.ceil(REC_HEIGHT * ratio / WIDTH_STRIDE) * WIDTH_STRIDE)


def _batches(order: list[int], ratios: list[float], batch: int) -> list[list[int]]:
    """Consecutive runs of `order` (sorted narrowest first): at most `batch` crops, and
    no more padded columns than max_batch_width() unless one crop alone is wider."""
    out: list[list[int]] = []
    cur: list[int] = []
    width_cap = max_batch_width()
    for i in order:
        # Sorted by width, so crop i is the widest of the batch it would join.
        cols = _padded(max(MIN_RATIO, ratios[i])) * (len(cur) + 1)
        if cur and (len(cur) >= batch or cols > width_cap):
            out.append(cur)
            cur = []
        cur.append(i)
    if cur:
        out.append(cur)
    return out
