"""The coach page: what the walker reads from the treadmill, and the timer that drives it."""
