"""Settings: the value, its file, and the words that set and show it."""
