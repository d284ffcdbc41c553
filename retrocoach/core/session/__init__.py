"""The session: its state machine, transitions, events, course, belt, estimates, cues, media keys
and their words.
"""
