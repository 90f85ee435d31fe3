"""Confidence calibration: the signals a value carries -> a probability that it is right.

features.py turns a value's evidence and doubts into `Evidence` (a signal group and a raw
score); table.py maps that through the fitted table (table.json, versioned, made by
benchmarks/calibration_fit.py from hand-checked and generated truth).  Nothing is fitted at
run time.
"""
