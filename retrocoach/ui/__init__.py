"""The Qt window: thin widgets over the core, grouped by page."""
