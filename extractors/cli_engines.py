"""Start-up check of the selected engines, so a setup problem is one line and exit 2 before
any page is read, not a run whose every scanned page fails."""

from __future__ import annotations

import io
import sys
from contextlib import redirect_stderr, redirect_stdout
from importlib.util import find_spec

from extractors.options import PipelineOptions

_MAX_REASON = 300


def engine_problem(options: PipelineOptions) -> str | None:
    """Why a selected engine cannot run here, or None."""
    return _table_problem(options) or _ocr_problem(options)


def _table_problem(options: PipelineOptions) -> str | None:
    if options.table_engine == "camelot" and not _installed("camelot"):
        return "the camelot table engine needs camelot-py: pip install 'budgetlens[camelot]'"
    return None


def _ocr_problem(options: PipelineOptions) -> str | None:
    if options.ocr_engine == "none":
        return None
    if options.ocr_engine == "rapidocr":
        # Its models ship inside the wheel: the package being there is the whole check,
        # and loading the models would cost a digital document a second for nothing.
        missing = [name for name in ("rapidocr", "onnxruntime") if not _installed(name)]
        if missing:
            return f"the rapidocr engine needs {' and '.join(missing)} (not installed)"
        return None
    # paddleocr: a model directory and two packages, any of which may be wrong; building
    # the engine is the only sure check, and the instance is kept for the pages.
    from extractors.ocr.engines import load_ocr_engine

    # PaddlePaddle and PaddleX talk while they load (warnings, "Creating model ..."): held
    # back so a failure is the one line below, and passed on when the engine starts.
    chatter = io.StringIO()
    try:
        with redirect_stderr(chatter), redirect_stdout(chatter):
            load_ocr_engine(options.ocr_engine)
    except Exception as err:  # any failure to start is the user's setup, said in one line
        reason = " ".join(str(err).split()) or type(err).__name__
        return f"the {options.ocr_engine} OCR engine cannot start: {reason}"[:_MAX_REASON]
    sys.stderr.write(chatter.getvalue())
    return None


def _installed(name: str) -> bool:
    try:
        return find_spec(name) is not None
    except (ImportError, ValueError):  # a broken or refused package is not there either
        return False
