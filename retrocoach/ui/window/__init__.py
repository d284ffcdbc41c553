"""The main window: its frame, pages, keys, banners and the desktop around it."""
