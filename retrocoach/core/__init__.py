"""The pure core of RetroCoach: standard library only, never Qt."""
