"""Run RetroCoach with ``python -m retrocoach``."""

import sys

from retrocoach.app.main import main

if __name__ == "__main__":
    sys.exit(main())
