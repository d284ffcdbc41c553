"""The command line: its grammar, its listings and the terminal coach; no Qt, no sound."""
