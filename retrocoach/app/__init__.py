"""The composition root: wires the core, the window, the terminal coach and the sound together."""
