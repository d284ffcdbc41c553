"""The plan page: choosing, editing and saving plans."""
