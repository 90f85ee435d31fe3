"""Check the golden corpus against its own truth files (and, optionally, the seeds).

    /work/main/.venv/bin/python tests/data/golden/verify.py [--seeds /work/shared/seeds]

- every `printed` string of every truth value is found in the PDF text (pdfplumber),
  bounded so that "8.1" does not match inside "48.1";
- every printed string, read in 万元 or 元, gives the truth value;
- Chinese text extracts as text (department name, titles; no "(cid:" garbage);
- the /Rotate 90 page extracts upright and in row order; split tables sit on two pages;
- with --seeds: seed_data.py rows are found, field by field, in the seed text files.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from decimal import Decimal
from pathlib import Path

import pdfplumber

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import seed_data as sd  # noqa: E402

FAILURES: list[str] = []


def fail(msg: str) -> None:
    FAILURES.append(msg)


def page_texts(pdf_path: Path) -> list[str]:
    with pdfplumber.open(pdf_path) as pdf:
        return [p.extract_text() or "" for p in pdf.pages]


def found(text: str, s: str) -> bool:
    return re.search(r"(?<![\d.,])" + re.escape(s) + r"(?![\d,]|\.\d)", text) is not None


def check_value(path: str, value: object, printed: list[str], name: str) -> None:
    if not isinstance(value, float):
        return
    ok = False
    for p in printed:
        num = Decimal(p.replace(",", ""))
        if Decimal(str(value)) in (num, (num * 10000).quantize(Decimal("0.01"))):
            ok = True
    if printed and not ok:
        fail(f"{name}: {path}={value} does not match its printed forms {printed}")


def check_truth(truth_path: Path) -> tuple[int, int]:
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    name = truth["pdf"]
    texts = page_texts(HERE / name)
    full = "\n".join(texts)
    if "(cid:" in full:
        fail(f"{name}: CID garbage in extracted text")
    dept = truth["values"]["document.department"]
    if dept not in full:
        fail(f"{name}: department {dept} not extracted")
    n_printed = 0
    for path, strings in truth["printed"].items():
        for s in strings:
            n_printed += 1
            if not found(full, s):
                fail(f"{name}: {path} printed as {s!r} not found in the PDF text")
        check_value(path, truth["values"][path], strings, name)
    check_sums(name, truth["values"])
    for path, value in truth["values"].items():
        if isinstance(value, float) and value != 0 and not truth["printed"].get(path):
            fail(f"{name}: non-zero {path} has no printed form")
    return len(truth["values"]), n_printed


def check_sums(name: str, values: dict[str, object]) -> None:
    """Identities inside one truth file: basic + project = total, 类 = Σ款 = Σ项."""
    def d(path: str) -> Decimal | None:
        v = values.get(path)
        return Decimal(str(v)) if isinstance(v, float) else None

    for table, fields in (("expenditure_by_function", ("total", "basic", "project")),
                          ("expenditure_by_economic", ("total",)),
                          ("basic_expenditure_by_economic", ("total", "personnel", "public"))):
        codes = {k.split(".")[1] for k in values if k.startswith(table + ".")}
        for code in codes:
            children = [c for c in codes if c.startswith(code) and len(c) == len(code) + 2]
            for f in fields:
                parent = d(f"{table}.{code}.{f}")
                if children and parent is not None:
                    total = sum((d(f"{table}.{c}.{f}") or Decimal(0) for c in children),
                                Decimal(0))
                    if total != parent:
                        fail(f"{name}: {table}.{code}.{f}={parent} but its children sum to {total}")
            parts = [d(f"{table}.{code}.{f}") for f in fields]
            if len(fields) == 3 and None not in parts and parts[1] + parts[2] != parts[0]:  # type: ignore[operator]
                fail(f"{name}: {table}.{code}: split does not add up to the total")
    b, p, e = (d("totals.basic_expenditure"), d("totals.project_expenditure"),
               d("totals.expenditure_total"))
    if None not in (b, p, e) and b + p != e:  # type: ignore[operator]
        fail(f"{name}: basic + project != expenditure_total")


def check_rotated(pdf_path: Path) -> None:
    with pdfplumber.open(pdf_path) as pdf:
        pages = [p for p in pdf.pages if p.rotation == 90]
        if len(pages) != 1:
            fail(f"{pdf_path.name}: expected one /Rotate 90 page, found {len(pages)}")
            return
        page = pages[0]
        text = page.extract_text()
        lines = text.split("\n")
        if "2021 年部门支出总体情况表" not in lines:
            fail(f"{pdf_path.name}: rotated page title not extracted as one upright line")
        order = [next((i for i, ln in enumerate(lines) if ln.startswith(code)), -1)
                 for code in ("208 05 01", "210 15 01", "221 02 01")]
        if -1 in order or order != sorted(order):
            fail(f"{pdf_path.name}: rotated page rows out of order {order}")
        words = page.extract_words()
        if not all(w["upright"] for w in words):
            fail(f"{pdf_path.name}: rotated page has non-upright words")


def check_split(pdf_path: Path) -> None:
    texts = page_texts(pdf_path)
    econ = [i for i, t in enumerate(texts) if "支出预算分类汇总表" in t]
    if len(econ) != 2 or "续表" not in texts[econ[1]]:
        fail(f"{pdf_path.name}: economic table not on two pages with a 续表 mark: {econ}")
    proc = next(i for i, t in enumerate(texts) if "政府采购汇总表" in t)
    cont = texts[proc + 1].split("\n")
    if not re.match(r"^\d{3} \d{2} \d{2} ", cont[0]) or "采购项目" in texts[proc + 1]:
        fail(f"{pdf_path.name}: procurement continuation should start with a data row")
    rows1 = sum(1 for ln in texts[econ[0]].split("\n") if re.match(r"^\d{3} ", ln))
    rows2 = sum(1 for ln in texts[proc].split("\n") if re.match(r"^\d{3} \d{2} \d{2} ", ln))
    print(f"  {pdf_path.name}: economic page 1 has {rows1} code rows, "
          f"procurement page 1 has {rows2} rows")


# --------------------------------------------------------------------------- #
# seed cross-check
# --------------------------------------------------------------------------- #


def seed_lines(path: Path) -> set[tuple[str, ...]]:
    out = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = [f.strip() for f in line.split("\t")]
        while fields and not fields[-1]:
            fields.pop()
        out.add(tuple(fields))
    return out


def check_seeds(seeds: Path) -> None:
    pds = seed_lines(seeds / "pingdingshan-2021-department-budget.txt")
    for r in sd.PDS_FUNCTION_ROWS:
        want = [r.code[:3], r.code[3:5], r.code[5:], "", r.name, r.total, r.basic, r.wages,
                r.goods, r.family, r.capital, r.project, r.general_project, r.special]
        while not want[-1]:
            want.pop()
        if tuple(want) not in pds:
            fail(f"seed: function row {r.code} not found as transcribed")
    for e in sd.PDS_ECONOMIC_ROWS:
        econ = (e.code[:3], e.code[3:], e.name, e.gov_code[:3], e.gov_code[3:], e.gov_name,
                e.total, e.total, e.total)
        if econ not in pds:
            fail(f"seed: economic row {e.code} not found as transcribed")
    for b in sd.PDS_BASIC_ROWS:
        want_l = [b.code[:3], b.code[3:], b.name, b.gov_code[:3], b.gov_code[3:], b.gov_name,
                  b.total, b.personnel, b.public]
        while not want_l[-1]:
            want_l.pop()
        if tuple(want_l) not in pds:
            fail(f"seed: basic row {b.code} not found as transcribed")
    for p in sd.PDS_PROCUREMENT:
        proc = (p.code[:3], p.code[3:5], p.code[5:], p.unit, p.item, p.catalog, "", p.measure,
                p.quantity, p.amount)
        if proc not in pds:
            fail(f"seed: procurement row {p.item} {p.amount} not found as transcribed")
    for pr in sd.PDS_PROJECTS:
        if not any(len(f) > 3 and f[1] == pr.name and f[2] == pr.amount for f in pds):
            fail(f"seed: project {pr.name} {pr.amount} not found")
    text = (seeds / "pingdingshan-2021-department-budget.txt").read_text(encoding="utf-8")
    s = sd.PDS_SUMMARY
    for phrase in (f"收、支总计为 {s.revenue_total} 万元", f"基本支出 {s.basic} 万元，占 {s.basic_share}",
                   f"项目支出 {s.project} 万元", f"“三公”经费预算 {s.three_public} 万元",
                   f"机关运行经费支出预算 {s.operating_expenses} 万元",
                   f"政府采购预算安排 {s.procurement_total} 万元",
                   f"政府采购货物预算 {s.procurement_goods} 万元",
                   f"政府采购服务预算 {s.procurement_services} 万元", "合计\t\t\t\t\t\t422.7\t366.9\t55.8"):
        if phrase not in text:
            fail(f"seed: phrase {phrase!r} not in the pingdingshan seed")
    yq = (seeds / "yongqing-2023-unit-budget.txt").read_text(encoding="utf-8")
    for yp in sd.YONGQING_PROJECTS:
        pat = (re.escape(yp.name) + r"\s*\n\s*\n\s*预算规模及资金用途\s*\n\s*预算数\s*\n\s*"
               + re.escape(yp.amount) + r"\s*\n")
        if not re.search(pat, yq):
            fail(f"seed: yongqing project {yp.name} {yp.amount} not found")
        for row in yp.indicators:
            if row[4].strip() and row[4].strip() not in yq:
                fail(f"seed: yongqing indicator value {row[4]!r} not found")
    q = sd.YQ
    for phrase in (f"预算收入{q.revenue_total}万元", f"一般公共预算收入{q.general_public_budget}万元",
                   f"上年结转{q.carryover}万元", f"基本支出{q.basic}万元",
                   f"人员类项目经费{q.personnel}万元", f"公用项目经费{q.public}万元",
                   f"项目支出{q.project}万元", f"上缴上级支出{q.remitted_to_higher}万元",
                   f"机关运行经费共计安排{q.operating_expenses}万元"):
        if phrase not in yq:
            fail(f"seed: phrase {phrase!r} not in the yongqing seed")
    hn = (seeds / "henan-2021-department-budget.txt").read_text(encoding="utf-8")
    h = sd.HENAN
    for phrase in (f"预算总收入 {h.revenue_total} 万元", f"基本支出预算 {h.basic} 万元",
                   f"项目（类）支出预算 {h.project} 万元", f"“三公”经费预算为 {h.three_public_prior_year} 万元",
                   f"公务用车购置费{h.vehicle_purchase}万元", f"公务用车运行维护费{h.vehicle_operation}万元",
                   f"公务接待费{h.reception}万元", f"机关行政运行费支出预算为{h.operating_expenses}万元",
                   f"因公出国（境）费预算支出{h.overseas_travel}万元",
                   f"政府采购预算安排{h.procurement_total}万元"):
        if phrase not in hn:
            fail(f"seed: phrase {phrase!r} not in the henan seed")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", type=Path, help="directory with the seed .txt files")
    args = ap.parse_args()
    for truth_path in sorted(HERE.glob("*.truth.json")):
        n_values, n_printed = check_truth(truth_path)
        print(f"{truth_path.name}: {n_values} values, {n_printed} printed strings checked")
    check_rotated(HERE / "pds2021_d_rotated.pdf")
    check_split(HERE / "pds2021_e_multipage.pdf")
    if args.seeds:
        check_seeds(args.seeds)
        print("seed transcription checked against", args.seeds)
    for f in FAILURES:
        print("FAIL:", f)
    print("OK" if not FAILURES else f"{len(FAILURES)} failures")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    raise SystemExit(main())
