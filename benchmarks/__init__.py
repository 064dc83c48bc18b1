"""Benchmarks run by ``make bench`` (``python -m benchmarks.run``).

They build generated corpora and write the tables in this folder; not part of the shipped engine.
"""
