"""Safety: reminders and their rules, references, the first-start checklist and the reminder
picker.
"""
