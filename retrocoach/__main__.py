"""Run RetroCoach with ``python -m retrocoach``."""

import sys

from retrocoach.cli import main

if __name__ == "__main__":
    sys.exit(main())
