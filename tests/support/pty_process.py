"""A real process on a pseudo-terminal, read as bytes as it writes them (for prompts and keys)."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import time
from collections.abc import Mapping, Sequence

__all__ = ["PtyProcess"]


class PtyProcess:
    """*argv* with a pseudo-terminal as standard input, output and error."""

    def __init__(self, argv: Sequence[str], env: Mapping[str, str]) -> None:
        self.controller, terminal = pty.openpty()
        self.process = subprocess.Popen(
            list(argv),
            stdin=terminal,
            stdout=terminal,
            stderr=terminal,
            env=dict(env),
            close_fds=True,
        )
        os.close(terminal)
        self.seen = b""

    def read_until(self, marker: bytes, limit_s: float = 30.0) -> None:
        """Read until *marker* shows; fail (never hang) if it has not within *limit_s*."""
        deadline = time.monotonic() + limit_s
        while marker not in self.seen:
            left = deadline - time.monotonic()
            assert left > 0, f"no {marker!r} in {self.seen[-600:]!r}"
            ready, _, _ = select.select([self.controller], [], [], left)
            if ready and not self._read():
                break
        assert marker in self.seen, f"the process closed before {marker!r}: {self.seen[-600:]!r}"

    def read_for(self, seconds: float) -> None:
        """Read whatever comes for *seconds*: to see that nothing more does meanwhile."""
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            ready, _, _ = select.select([self.controller], [], [], left)
            if ready and not self._read():
                return

    def send(self, data: bytes) -> None:
        """Type *data* at the terminal."""
        os.write(self.controller, data)

    def finish(self, limit_s: float = 30.0) -> int:
        """Read to the end, wait for the exit status and close the terminal."""
        deadline = time.monotonic() + limit_s
        while self.process.poll() is None or self._pending():
            assert time.monotonic() < deadline, f"still running: {self.seen[-600:]!r}"
            ready, _, _ = select.select([self.controller], [], [], 0.1)
            if ready and not self._read():
                break
        code = self.process.wait(timeout=limit_s)
        os.close(self.controller)
        return code

    def _pending(self) -> bool:
        ready, _, _ = select.select([self.controller], [], [], 0)
        return bool(ready)

    def _read(self) -> bool:
        try:
            chunk = os.read(self.controller, 4096)
        except OSError:  # the other side closed: Linux says EIO
            return False
        self.seen += chunk
        return bool(chunk)
