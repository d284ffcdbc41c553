"""History: session records and their parsing, the history file, the walk's journal, recovery and
the recorder.
"""
