"""Benchmarks: each figure a ratio against a limit measured in the same run."""
