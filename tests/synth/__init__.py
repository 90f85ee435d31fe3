"""Synthetic budget disclosures: random consistent budgets drawn through random layout traits.

budget.py (numbers) -> layout.py / tables_*.py (sheets: cells with the paths they state)
-> render.py (PDF) and truth.py (flat truth); scan.py makes scanned copies; generate.py is
the command line.  Every document is a pure function of its seed.
"""
