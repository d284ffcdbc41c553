"""Plans: the model, its limits and checks, names, the built-in plans, lookup by name and the saved
plans.
"""
