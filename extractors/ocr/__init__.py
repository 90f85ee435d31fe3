"""Scanned pages: page image -> orientation, deskew, rulings, OCR words (engines by name).

Imported lazily by the pipeline, so a digital document never loads ONNX models.
"""

from extractors.ocr.engine_types import OcrEngine, OcrEngineError, OcrWord
from extractors.ocr.engines import ENGINES, load_ocr_engine
from extractors.ocr.page import ocr_page
from extractors.ocr.word_scores import digit_alternatives, is_amount, word_score

__all__ = [
    "ENGINES",
    "OcrEngine",
    "OcrEngineError",
    "OcrWord",
    "digit_alternatives",
    "is_amount",
    "load_ocr_engine",
    "ocr_page",
    "word_score",
]
