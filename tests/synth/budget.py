"""A random but internally consistent department budget, from a seed.

Amounts are Decimal 元, each a whole number of `step` (the smallest figure the printed unit
shows, or one cent when the publisher's rounding slips are wanted), so every identity
holds exactly: 类 = Σ款 = Σ项, 基本 + 项目 = 合计, 人员 + 公用 = 基本, 收入总计 = 支出总计.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal

from tests.synth import classify as cls
from tests.synth import names
from tests.synth.money import ZERO, draw_amount, split

SOURCES = ("gpb", "fund", "other", "carryover")


@dataclass(frozen=True)
class FunctionItem:
    """A 项 row: basic spending (all general budget) and project spending by source."""

    code: str
    name: str
    basic: Decimal
    project: Decimal

    @property
    def total(self) -> Decimal:
        return self.basic + self.project


@dataclass(frozen=True)
class Indicator:
    level1: str
    level2: str
    name: str
    value: str


@dataclass(frozen=True)
class Project:
    name: str
    function_code: str
    economic_code: str
    amount: Decimal
    source: str  # one of SOURCES
    unit: str
    indicators: tuple[Indicator, ...]


@dataclass(frozen=True)
class EconomicItem:
    """A 款 of basic spending; 301/303 are 人员经费, 302/310 公用经费."""

    code: str
    name: str
    gov_code: str
    gov_name: str
    personnel: Decimal
    public: Decimal

    @property
    def total(self) -> Decimal:
        return self.personnel + self.public


@dataclass(frozen=True)
class ThreePublic:
    overseas: Decimal
    vehicle_purchase: Decimal
    vehicle_operation: Decimal
    reception: Decimal

    @property
    def vehicle(self) -> Decimal:
        return self.vehicle_purchase + self.vehicle_operation

    @property
    def total(self) -> Decimal:
        return self.overseas + self.vehicle + self.reception


@dataclass(frozen=True)
class Procurement:
    goods: Decimal
    works: Decimal
    services: Decimal

    @property
    def total(self) -> Decimal:
        return self.goods + self.works + self.services


@dataclass(frozen=True)
class Budget:
    seed: int
    step: Decimal
    department: str
    year: int
    units: tuple[tuple[str, str], ...]  # (code, name); the first is the department's own
    functions: tuple[FunctionItem, ...]  # 项 rows, in code order
    projects: tuple[Project, ...]
    basic_economic: tuple[EconomicItem, ...]
    three_public: ThreePublic
    three_public_prior: ThreePublic
    three_public_plan: ThreePublic  # 预算数 beside 决算数 in final accounts
    operating: Decimal
    procurement: Procurement
    plan_factor: Decimal  # final accounts: 预算数 = 决算数 × factor (per line, see layout)

    def project_by_source(self, source: str) -> Decimal:
        return sum((p.amount for p in self.projects if p.source == source), ZERO)

    @property
    def basic(self) -> Decimal:
        return sum((f.basic for f in self.functions), ZERO)

    @property
    def project(self) -> Decimal:
        return sum((f.project for f in self.functions), ZERO)

    @property
    def total(self) -> Decimal:
        return self.basic + self.project

    @property
    def general_public_budget(self) -> Decimal:
        return self.basic + self.project_by_source("gpb")

    @property
    def personnel(self) -> Decimal:
        return sum((e.personnel for e in self.basic_economic), ZERO)

    @property
    def public(self) -> Decimal:
        return sum((e.public for e in self.basic_economic), ZERO)


def generate(seed: int, step: Decimal) -> Budget:
    """The budget of `seed`; `step` is the smallest amount (see the module note)."""
    rng = random.Random(seed * 7919 + 17)
    scale = 10 ** rng.uniform(6.0, 9.0)  # department size, 元
    tp = _three_public(rng, scale, step)
    basic_items = _basic_economic(rng, scale, step, tp)
    basic = sum((e.total for e in basic_items), ZERO)
    rows = cls.draw_function_rows(rng)
    year = rng.randint(2019, 2026)
    department = rng.choice(names.PLACES) + rng.choice(names.BUREAUS)
    units = _units(rng, department)
    projects = _projects(rng, scale, step, rows, units, year)
    functions = _functions(rng, rows, basic, projects, step)
    public = sum((e.public for e in basic_items), ZERO)
    operating = public if rng.random() < 0.5 else split(public, [0.8, 0.2], step)[0]
    total = basic + sum((p.amount for p in projects), ZERO)
    proc_total = draw_amount(rng, float(total) * 0.01, float(total) * 0.4, step)
    weights = [rng.choice([0.0, 1.0, 3.0]) for _ in range(3)]
    goods, works, services = split(proc_total, [*weights[:2], weights[2] + 0.5], step)
    return Budget(
        seed=seed,
        step=step,
        department=department,
        year=year,
        units=units,
        functions=functions,
        projects=projects,
        basic_economic=basic_items,
        three_public=tp,
        three_public_prior=_perturb(rng, tp, step),
        three_public_plan=_perturb(rng, tp, step),
        operating=operating,
        procurement=Procurement(goods, works, services),
        plan_factor=Decimal(str(round(rng.uniform(0.85, 1.2), 2))),
    )


def _units(rng: random.Random, department: str) -> tuple[tuple[str, str], ...]:
    base = rng.randint(101, 899)
    subs = rng.sample(names.SUB_UNITS, rng.randint(0, 3))
    own = [(f"{base}001", f"{department}机关" if subs else department)]
    short = department[3:] if department[2] in "市县" else department
    return tuple(own + [(f"{base}{i + 2:03d}", short + s) for i, s in enumerate(subs)])


def _three_public(rng: random.Random, scale: float, step: Decimal) -> ThreePublic:
    def part(p_zero: float, frac: float) -> Decimal:
        if rng.random() < p_zero:
            return ZERO
        return draw_amount(rng, scale * frac / 20, scale * frac, step)

    return ThreePublic(part(0.7, 0.005), part(0.7, 0.01), part(0.3, 0.006), part(0.3, 0.003))


def _perturb(rng: random.Random, tp: ThreePublic, step: Decimal) -> ThreePublic:
    def one(v: Decimal) -> Decimal:
        if v == 0 and rng.random() < 0.7:
            return ZERO
        base = v if v else step * 1000
        return max(ZERO, (base * Decimal(str(rng.uniform(0.6, 1.4))) / step).quantize(1) * step)

    return ThreePublic(
        *(one(v) for v in (tp.overseas, tp.vehicle_purchase, tp.vehicle_operation, tp.reception))
    )


def _basic_economic(
    rng: random.Random, scale: float, step: Decimal, tp: ThreePublic
) -> tuple[EconomicItem, ...]:
    # 三公 parts live in these codes.  The 三公 table covers basic and project spending, so
    # the basic item is at most its 三公 part (none where the part is 0), as the
    # extractor's three_public.economic_code rule expects of real documents.
    ceiling = {"30212": tp.overseas, "30217": tp.reception, "30231": tp.vehicle_operation}
    drawn = cls.draw_economic_codes(rng, set(k for k, v in ceiling.items() if v))
    chosen = [c for c in drawn if ceiling.get(c, step) > 0]
    items = []
    for code in chosen:
        if code in ceiling:
            share = (ceiling[code] * Decimal(str(rng.uniform(0.5, 1.0))) / step).quantize(1)
            amount = max(step, share * step)
        else:
            amount = draw_amount(rng, scale / 400, scale / 15, step)
        gov_code, gov_name = cls.government_code(code)
        personnel = code[:3] in ("301", "303")
        items.append(
            EconomicItem(
                code,
                cls.economic_name(code),
                gov_code,
                gov_name,
                amount if personnel else ZERO,
                ZERO if personnel else amount,
            )
        )
    return tuple(items)


def _projects(
    rng: random.Random,
    scale: float,
    step: Decimal,
    rows: list[tuple[str, str]],
    units: tuple[tuple[str, str], ...],
    year: int,
) -> tuple[Project, ...]:
    topics = rng.sample(names.PROJECT_TOPICS, rng.randint(2, 10))
    holders = rng.sample(rows, max(1, min(len(rows) - 1, len(topics))))
    sources = ["gpb"] * 8 + ["fund"] * (rng.random() < 0.3) + ["other", "carryover"]
    out = []
    for i, topic in enumerate(topics):
        code = holders[i % len(holders)][0]
        amount = draw_amount(rng, scale / 300, scale / 5, step)
        out.append(
            Project(
                name=topic + rng.choice(names.PROJECT_SUFFIXES),
                function_code=code,
                economic_code=rng.choice(cls.PROJECT_ECONOMIC),
                amount=amount,
                source=rng.choice(sources),
                unit=rng.choice(units)[1],
                indicators=_indicators(rng, topic, year),
            )
        )
    return tuple(out)


def _indicators(rng: random.Random, topic: str, year: int) -> tuple[Indicator, ...]:
    picked = rng.sample(names.INDICATORS, rng.randint(3, 6))
    out = []
    for level1, level2, stem, values in sorted(picked, key=names.INDICATORS.index):
        n = rng.choice([1, 2, 4, 12, 30, 100, 365])
        value = rng.choice(values).format(n=n, year=year)
        out.append(Indicator(level1, level2, stem.format(topic=topic[:4]), value))
    return tuple(out)


def _functions(
    rng: random.Random,
    rows: list[tuple[str, str]],
    basic: Decimal,
    projects: tuple[Project, ...],
    step: Decimal,
) -> tuple[FunctionItem, ...]:
    project_codes = {p.function_code for p in projects}
    # basic spending goes to the rows without projects, and to some with them
    basic_rows = [c for c, _ in rows if c not in project_codes or rng.random() < 0.3]
    weights = [rng.uniform(0.2, 3.0) for _ in basic_rows]
    share = dict(zip(basic_rows, split(basic, weights, step), strict=True))
    out = []
    for code, name in rows:
        project = sum((p.amount for p in projects if p.function_code == code), ZERO)
        out.append(FunctionItem(code, name, share.get(code, ZERO), project))
    return tuple(f for f in out if f.total > 0)
