"""Simulated Bluetooth devices on Google's bumble stack, for the tests and the demo mode."""
