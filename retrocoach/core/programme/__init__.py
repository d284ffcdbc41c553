"""Programmes: the built-in programmes, an enrolment's state, its guide, mark, words and
progression.
"""
