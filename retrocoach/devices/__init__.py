"""Bluetooth devices (the treadmill, the heart-rate strap) through bleak, outside the core."""
