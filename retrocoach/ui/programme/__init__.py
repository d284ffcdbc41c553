"""The programme's parts of the window: today's session on the Coach page and the Programme page."""
