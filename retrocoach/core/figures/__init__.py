"""Figures drawn from the history: totals, exports, summaries, estimates and effort."""
