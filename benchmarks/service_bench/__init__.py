"""The parts of benchmarks/bench_service.py: one timed run of the stack, and its report."""
