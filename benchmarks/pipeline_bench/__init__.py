"""The parts of benchmarks/bench_pipeline.py: corpus, timing, memory, profile, rendering."""
