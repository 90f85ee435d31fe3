"""Close a ruled table's edge that the page cut open.

A merged cell that runs on to the next page has no rule under it (北京 项目支出绩效目标表:
the project's name and amount span 20 indicator rows, the page ends half-way): its side
rules stop at the table's last rule, which spans only the columns that closed their rows.
Without a rule under it the cell is no rectangle, and its name and amount are lost.  The
last rule is drawn on across every column whose side rules end where it runs and began
where the rules under it began: the same table's columns, not a neighbour's.
"""

from __future__ import annotations

from typing import Any

Edge = dict[str, Any]


def close_open_ends(edges: list[Edge], snap: float) -> list[Edge]:
    horizontals = [e for e in edges if e["orientation"] == "h"]
    verticals = [e for e in edges if e["orientation"] == "v"]
    added = []
    for rule in horizontals:
        for end, start in (("bottom", "top"), ("top", "bottom")):
            span = _span(
                rule, [v for v in verticals if abs(v[end] - rule["top"]) <= snap], start, snap
            )
            if span is not None and _table_edge(verticals, span, rule["top"], end, snap):
                added.append(_horizontal(*span, rule["top"]))
    return edges + added


def _table_edge(
    verticals: list[Edge], span: tuple[float, float], y: float, end: str, snap: float
) -> bool:
    """No rule of those columns goes on past y: the table ends there (inside a header, a
    tall merged cell's side rules run on past a rule under its neighbours)."""
    within = [v for v in verticals if span[0] - snap <= v["x0"] <= span[1] + snap]
    if end == "bottom":
        return all(v["bottom"] <= y + snap for v in within)
    return all(v["top"] >= y - snap for v in within)


def _span(rule: Edge, ending: list[Edge], start: str, snap: float) -> tuple[float, float] | None:
    """The x range the rule should cover, when wider than it is."""
    under = [v for v in ending if rule["x0"] - snap <= v["x0"] <= rule["x1"] + snap]
    starts = {round(v[start]) for v in under}
    same = [v for v in ending if any(abs(v[start] - s) <= snap for s in starts)]
    if not under or not same:
        return None
    x0 = min(rule["x0"], *(v["x0"] for v in same))
    x1 = max(rule["x1"], *(v["x1"] for v in same))
    if x0 >= rule["x0"] - snap and x1 <= rule["x1"] + snap:
        return None
    return x0, x1


def _horizontal(x0: float, x1: float, y: float) -> Edge:
    return {
        "x0": x0,
        "x1": x1,
        "top": y,
        "bottom": y,
        "width": x1 - x0,
        "height": 0.0,
        "orientation": "h",
        "object_type": "line",
    }
