"""The window's dialogs: safety, check-in, settings, and the questions a page asks."""
