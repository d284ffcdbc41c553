"""RetroCoach: an interval coach for retro (backward) walking."""

__version__ = "0.1.0"
