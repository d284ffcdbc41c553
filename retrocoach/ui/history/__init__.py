"""The history page: the sessions table, totals, weekly chart, notes and export."""
