"""Runs the retrocoach command line while a thread reports the wall and steady clocks.

Used by the clock-jump test: the readings, printed to stderr as ``witness <unix time> <steady>``
lines by the same process, show that the faked jump really reached RetroCoach.
"""

from __future__ import annotations

import select
import sys
import threading
import time

from retrocoach.app.main import main

STEADY = getattr(time, "CLOCK_BOOTTIME", time.CLOCK_MONOTONIC)


def report() -> None:
    while True:
        sys.stderr.write(f"witness {time.time():.3f} {time.clock_gettime(STEADY):.3f}\n")
        sys.stderr.flush()
        # Not time.sleep: libfaketime 0.9.10 fails clock_nanosleep when monotonic is not faked.
        select.select([], [], [], 0.1)


if __name__ == "__main__":
    threading.Thread(target=report, daemon=True).start()
    sys.exit(main(sys.argv[1:]))
