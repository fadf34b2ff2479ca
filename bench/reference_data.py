"""Holder for the in-memory dataset the reference page draws (set by bench_comparisons.py)."""

DATA = None
CHOICES = None
