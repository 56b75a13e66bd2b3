"""Benchmark of the milestones API against a framework-free yardstick (`make bench`)."""
