"""FIT activity files: a small encoder for Garmin's format and the walk's export in it."""
