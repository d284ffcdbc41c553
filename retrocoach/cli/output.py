"""Standard output and error that never raise: a full disk, a closed or broken stream, odd text."""

from __future__ import annotations

import contextlib
import errno
import io
import os
import sys
import unicodedata
from typing import Final, TextIO, cast

__all__ = ["SafeOutput", "escape_controls", "is_terminal", "reopen_closed_standard_fds"]

# Characters a terminal acts on rather than shows: C0 and C1 controls (escape sequences, BEL,
# carriage returns), format characters (the bidi overrides and isolates, zero-width marks) and
# the Unicode line and paragraph separators.
_ACTING: Final = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})


def is_terminal(out: TextIO) -> bool:
    """Whether *out* is a terminal a person reads, not a pipe or a file."""
    try:
        return out.isatty()
    except (OSError, ValueError):  # closed, or detached
        return False


def escape_controls(text: str) -> str:
    """*text* with every character a terminal would act on written as a Python escape.

    ESC becomes ``\\x1b``, BEL ``\\x07``, U+202E ``\\u202e``: seen, never obeyed.
    """
    if text.isprintable():  # the usual case, in one C call
        return text
    return "".join(
        ascii(char)[1:-1] if unicodedata.category(char) in _ACTING else char for char in text
    )


def reopen_closed_standard_fds() -> frozenset[int]:
    """Put /dev/null on any of fds 0, 1 and 2 the process was started without (``>&-``).

    Otherwise the first file RetroCoach opens would get that number, and anything written to
    "standard output" would land in it. Returns the fds that were closed.
    """
    closed = set()
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            closed.add(fd)
            # The lowest free number is the one just found closed, as open(2) promises.
            os.open(os.devnull, os.O_RDWR)
    return frozenset(closed)


class SafeOutput(io.TextIOBase):
    """A text stream over *stream* whose writes never raise.

    Text the encoding cannot carry (a lone surrogate, "→" under a Latin-1 locale) is written
    as backslash escapes. The first write or flush that fails (ENOSPC on /dev/full, a closed
    or broken pipe) is kept in ``failure``, and from then on output is dropped: the walk, its
    cues and its save never stop for lines nobody can read.
    """

    def __init__(self, stream: TextIO | None, *, closed_at_start: bool = False) -> None:
        super().__init__()
        self._stream = stream
        self.failure: OSError | None = None
        if stream is None or closed_at_start:
            self.failure = OSError(errno.EBADF, "it was closed when RetroCoach started")
        elif isinstance(stream, io.TextIOWrapper):
            with contextlib.suppress(ValueError, OSError):
                stream.reconfigure(errors="backslashreplace")

    @classmethod
    def wrap(cls, stream: TextIO | None, *, closed_at_start: bool = False) -> TextIO:
        """*stream* made safe, typed as the text stream every writer expects."""
        return cast(TextIO, cls(stream, closed_at_start=closed_at_start))

    @property
    def broken_pipe(self) -> bool:
        """The reader went away (``retrocoach history | head``): a quiet end, as other tools."""
        return isinstance(self.failure, BrokenPipeError)

    def write(self, text: str) -> int:
        """Write *text*, or drop it once the stream has failed; never raises."""
        if self.failure is None and self._stream is not None:
            try:
                self._stream.write(text)
            except UnicodeEncodeError:
                encoding = getattr(self._stream, "encoding", None) or "ascii"
                safe = text.encode(encoding, "backslashreplace").decode(encoding, "replace")
                self._guarded(self._stream.write, safe)
            except (OSError, ValueError) as error:
                self._fail(error)
        return len(text)

    def flush(self) -> None:
        """Flush, or note the failure; never raises."""
        if self.failure is None and self._stream is not None:
            self._guarded(self._stream.flush)

    def isatty(self) -> bool:
        """Whether the stream is a terminal (False once it has failed)."""
        if self.failure is not None or self._stream is None:
            return False
        try:
            return self._stream.isatty()
        except (OSError, ValueError):
            return False

    def fileno(self) -> int:
        """The stream's file descriptor (OSError if it has none)."""
        if self._stream is None:
            raise io.UnsupportedOperation("no stream")
        return self._stream.fileno()

    def writable(self) -> bool:
        """Always: writes never fail, they are dropped."""
        return True

    @property
    def encoding(self) -> str:  # type: ignore[override]
        """The underlying stream's encoding."""
        return str(getattr(self._stream, "encoding", None) or "utf-8")

    def _guarded(self, action: object, *args: str) -> None:
        try:
            action(*args)  # type: ignore[operator]
        except (OSError, ValueError) as error:
            self._fail(error)

    def _fail(self, error: Exception) -> None:
        self.failure = error if isinstance(error, OSError) else OSError(errno.EBADF, str(error))
        stream = self._stream
        # What is still buffered would fail again when Python flushes at exit, with a
        # "Exception ignored" message: let it drain into /dev/null instead.
        with contextlib.suppress(OSError, ValueError, AttributeError, io.UnsupportedOperation):
            assert stream is not None
            os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())
        if stream is sys.stdout or stream is sys.stderr:
            with contextlib.suppress(OSError, ValueError):
                stream.flush()

    def describe(self) -> str:
        """The failure in a few words, for the one line on stderr."""
        failure = self.failure
        if failure is None:
            return ""
        return failure.strerror or str(failure)
