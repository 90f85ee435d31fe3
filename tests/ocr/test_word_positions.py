"""Words split from one recognised line sit where their ink is.

A three-line table prints a right-aligned amount a few points left of a left-aligned label
(平顶山 部门收支总体情况表: "6,887,000.00" ends 6 pt before "1、工资福利支出").  The
detector boxes the two as one line; the recogniser's character positions (CTC frames) are
what places the split.  Without them the split assumed even character widths, the amount's
box reached into the label, and the column finder saw one column where the page has two.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from extractors.ocr.engines import load_ocr_engine
from extractors.ocr.line_boxes import ink_mask
from extractors.ocr.quad_reading import hug_ink, read_quads
from extractors.ocr.rapid_engine import RapidOcrEngine
from extractors.pipeline import extract_document
from schemas.paths import iter_amounts
from tests.fixtures.mixed_pages import CJK_FONT, build_mixed

GOLDEN = Path(__file__).resolve().parents[1] / "data" / "golden"

AMOUNT, LABEL = "6,887,000.00", "1、工资福利支出"
# Pixels at 200 dpi: 6 pt between the amount's last digit and the label.
GAP = 17


def _line_image() -> tuple[np.ndarray, int, int]:
    """A grey image of the amount and the label on one line; where each one's ink is."""
    font = ImageFont.truetype(str(CJK_FONT), 25)
    image = Image.new("L", (640, 60), 255)
    draw = ImageDraw.Draw(image)
    draw.text((20, 15), AMOUNT, font=font, fill=0)
    amount_right = int(draw.textbbox((20, 15), AMOUNT, font=font)[2])
    label_left = amount_right + GAP
    draw.text((label_left, 15), LABEL, font=font, fill=0)
    right = int(draw.textbbox((label_left, 15), LABEL, font=font)[2])
    return np.asarray(image)[:, : right + 10], amount_right, label_left


def _engine() -> RapidOcrEngine:
    engine = load_ocr_engine("rapidocr")
    assert isinstance(engine, RapidOcrEngine)
    return engine


def test_the_recogniser_gives_a_position_for_every_character() -> None:
    image, _, _ = _line_image()
    (read,) = _engine().read([image])
    chars = read.text.replace(" ", "")
    assert len(read.char_pos) == len(chars) > 10
    assert read.char_pos == sorted(read.char_pos)
    assert 0.0 < read.char_pos[0] < 0.2 and 0.8 < read.char_pos[-1] <= 1.0


def test_an_amount_and_a_label_read_as_one_line_split_at_the_gap_between_them() -> None:
    image, amount_right, label_left = _line_image()
    right = image.shape[1] - 5
    quad = np.array([[10, 8], [right, 8], [right, 52], [10, 52]], np.float32)
    words = hug_ink(read_quads(_engine(), image, [quad]), ink_mask(image))
    assert [w.text for w in words] == [AMOUNT, LABEL]
    amount, label = words
    # The amount's box ends at its own ink and the label's starts no earlier than its
    # own (trimming may leave out a lone leading ordinal, never add the gap), so the gap
    # the column finder needs stays.
    assert abs(amount.box[2] - amount_right) <= 4, amount.box
    assert label.box[0] >= label_left - 4, label.box
    assert label.box[0] - amount.box[2] >= GAP - 6


def test_a_pasted_three_line_summary_table_reads_like_the_digital_page(tmp_path: Path) -> None:
    # Page 3 is the 收支总表 above: its 收入 rows that print nothing are zeros in review
    # on the digital page, and were lost on the picture with the merged column.
    source = GOLDEN / "pds2021_b_threeline_1col_yuan.pdf"
    mixed = tmp_path / "mixed.pdf"
    assert [p.page for p in build_mixed(source, mixed, dpi=150, pages={3})] == [3]
    want = {
        p: a.value for p, a in iter_amounts(extract_document(source)) if p.startswith("totals.")
    }
    got = {p: a.value for p, a in iter_amounts(extract_document(mixed)) if p.startswith("totals.")}
    assert {"totals.government_fund", "totals.state_capital", "totals.carryover"} <= set(want)
    assert got == want
