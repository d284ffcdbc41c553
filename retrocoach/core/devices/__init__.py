"""Devices the walker may pair: what their Bluetooth messages say, and the coaching they drive."""
