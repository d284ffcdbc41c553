"""Files on disk: safe reads and atomic writes, locks, versioned documents, the data folders and
the shipped data.
"""
