"""The layout generator (tests/synth): its budgets are consistent, its output is reproducible,
and a fixed sample of its documents goes through the real extractor with measured results.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from tests.synth import tables_econ, tables_fn
from tests.synth.budget import Budget, generate
from tests.synth.document import build
from tests.synth.generate import write
from tests.synth.money import ZERO, quantum
from tests.synth.scoring import SCORE_PY, Score, load_score, score
from tests.synth.truth import truth

IDENTITY_SEEDS = range(200)
# A fixed sample, never re-picked to make the extractor look better.
SAMPLE_SEEDS = range(1000, 1012)
# Measured on the sample with the extractor of 2026-11-26 05:57 UTC (branch synth, b3bde5d):
# recall 0.9996 (2,532 of 2,533 values), none wrong (0.996 at 02:50, 0.920 on 11-25 20:15).
# The floor sits a little under, so a regression fails and an improvement passes; raise it
# as it improves.
RECALL_FLOOR = 0.997


def _sum(values: list[Decimal]) -> Decimal:
    return sum(values, ZERO)


def _check_budget(b: Budget) -> None:
    econ = b.basic_economic
    assert b.basic == _sum([e.total for e in econ]) == b.personnel + b.public
    assert all(e.personnel == 0 or e.public == 0 for e in econ)
    for f in b.functions:
        assert f.project == _sum([p.amount for p in b.projects if p.function_code == f.code])
        assert f.total == f.basic + f.project > 0
    assert b.project == _sum([p.amount for p in b.projects])
    revenue = [
        b.general_public_budget,
        *(b.project_by_source(s) for s in ("fund", "other", "carryover")),
    ]
    assert _sum(revenue) == b.total  # 收入总计 = 支出总计
    for tp in (b.three_public, b.three_public_prior, b.three_public_plan):
        assert tp.total == tp.overseas + tp.vehicle_purchase + tp.vehicle_operation + tp.reception
    by_code = {e.code: e.total for e in econ}
    assert by_code.get("30217", ZERO) <= b.three_public.reception
    assert by_code.get("30212", ZERO) <= b.three_public.overseas
    assert by_code.get("30231", ZERO) <= b.three_public.vehicle_operation
    p = b.procurement
    assert p.total == p.goods + p.works + p.services > 0
    everything = [b.operating, p.goods, p.works, p.services, *(e.total for e in econ)]
    assert all(v >= 0 and v % b.step == 0 for v in everything + [f.total for f in b.functions])


def _check_outline(b: Budget) -> None:
    """类 = Σ款 = Σ项 over the printed outline, and the economic summary adds up."""
    rows = tables_fn.outline(list(b.functions), subtotals=True)
    for r in rows:
        if len(r.code) < 7:
            children = [c for c in rows if c.code.startswith(r.code) and len(c.code) ==
                        len(r.code) + 2]  # fmt: skip
            assert r.total == _sum([c.total for c in children])
            assert r.basic == _sum([c.basic for c in children])
    spending = tables_econ.all_spending(b)
    assert _sum([r.total for r in spending]) == b.total
    assert _sum([r.basic for r in spending]) == b.basic


@pytest.mark.parametrize("step", ["0.01", "100"])
def test_budget_identities_hold(step: str) -> None:
    for seed in IDENTITY_SEEDS:
        b = generate(seed, Decimal(step))
        _check_budget(b)
        _check_outline(b)


def test_truth_is_consistent() -> None:
    """Every document's tables agree with each other (truth() raises otherwise), and with
    exact rounding the printed 合计 is the sum of the printed rows."""
    for seed in IDENTITY_SEEDS:
        doc = build(seed)
        t = truth(doc)
        assert t["totals.revenue_total"] == t["totals.expenditure_total"]
        assert doc.budget.step in (Decimal("0.01"), quantum(doc.traits.unit))
        if doc.traits.rounding == "exact":
            leaves = [v for k, v in t.items() if k.startswith("expenditure_by_function.")
                      and k.endswith(".total") and len(k.split(".")[1]) == 7]  # fmt: skip
            assert abs(sum(float(v) for v in leaves) - float(t["totals.expenditure_total"])) < 0.01


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    for seed in (3, 17):
        write(seed, a)
        write(seed, b)
        for suffix in (".pdf", ".truth.json", ".traits.json"):
            name = f"synth_{seed:05d}{suffix}"
            assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_scan_of_some_tables(tmp_path: Path) -> None:
    """--scan-sheets: the picked tables' pages are images, every other page keeps its text,
    and the scan's truth holds only values no digital page states."""
    import pypdfium2 as pdfium

    seed = 42
    pdf = write(seed, tmp_path, scanned=True, scan_sheets=2)
    doc = build(seed)
    full = json.loads(pdf.with_suffix(".truth.json").read_text(encoding="utf-8"))
    part = json.loads(pdf.with_suffix(".scan_truth.json").read_text(encoding="utf-8"))
    assert part and set(part) < set(full) and all(full[k] == v for k, v in part.items())
    assert not any(k.startswith("document.") for k in part)  # the cover is no table
    scan, digital = (pdfium.PdfDocument(str(p)) for p in (pdf.with_suffix(".scan.pdf"), pdf))
    try:
        assert len(scan) == len(digital)
        texts = [scan[i].get_textpage().get_text_range().strip() for i in range(len(scan))]
        imaged = [i + 1 for i, t in enumerate(texts) if not t]
        assert 2 <= len(imaged) < len(texts) - 2, imaged
        assert len(doc.sheet_statements) == len(doc.sheets)
    finally:
        scan.close()
        digital.close()


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Score:
    if load_score() is None:
        pytest.skip(f"score.py not present at {SCORE_PY}")
    from extractors.pipeline import extract_document

    out_dir = tmp_path_factory.mktemp("synth")
    total = Score()
    for seed in SAMPLE_SEEDS:
        pdf = write(seed, out_dir)
        want = json.loads(pdf.with_suffix(".truth.json").read_text(encoding="utf-8"))
        got = extract_document(pdf).model_dump(mode="json")
        one = score(got, want)
        total.add(one)
        total.wrongs += [(f"{seed}:{w[0]}", *w[1:]) for w in one.wrongs]
    return total


def test_sample_recall_floor(sample: Score) -> None:
    assert sample.recall >= RECALL_FLOOR, f"recall {sample.recall:.3f} < {RECALL_FLOOR}"


def test_sample_no_accepted_wrong(sample: Score) -> None:
    """Issue 9's rule: a value that cannot be confirmed is never `accepted`."""
    accepted = [w for w in sample.wrongs if w[3] in (None, "accepted")]
    assert not accepted, accepted[:10]
