"""Benchmarks: scripts that print figures; ``python -m benchmarks`` runs them all in one table."""
