"""Benchmarks: `make bench` (python -m bench). Never timed tests; figures beside a baseline."""
