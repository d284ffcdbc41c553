"""A thin ctypes binding to libpulse-simple: open a low-latency playback stream, write, free.

libpulse-simple ships in the same package as libpulse (Debian's libpulse0), which Qt Multimedia
already needs on Linux; PipeWire answers it through pipewire-pulse. Every ``open_stream`` makes
its own connection (its own context and main loop), so a stream opened after the sound server
restarted starts clean: unlike Qt's one shared context, nothing of the dead connection is reused.
pa_simple sets PA_STREAM_ADJUST_LATENCY, so the target length asked for here is the latency the
server gives the stream, even while another program plays with a long one.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import threading
from typing import Final, Protocol

from retrocoach.audio.base import AudioUnavailable, NoSoundServer

__all__ = [
    "CHECK_TIMEOUT_S",
    "LATENCY_S",
    "NoSoundServer",
    "PulseLibrary",
    "PulseStream",
    "StreamError",
    "check_server",
    "load_pulse",
]

LATENCY_S: Final = 0.02
"""The target buffer of a cue stream: what the server holds ahead of the speaker."""
CHECK_TIMEOUT_S: Final = 3.0
"""How long the start waits for the sound server to answer before going on without sound."""

_PA_SAMPLE_S16LE: Final = 3
_PA_STREAM_PLAYBACK: Final = 1
_DEFAULT: Final = 0xFFFFFFFF  # (uint32_t) -1: let the server choose


class StreamError(OSError):
    """The sound server refused a stream or dropped it; the message is libpulse's reason."""


class PulseStream(Protocol):
    """One open playback stream."""

    def write(self, pcm: bytes) -> None:
        """Queue *pcm*, blocking until the server's buffer took all of it; StreamError if lost."""

    def drain(self) -> None:
        """Block until everything written has played; StreamError if lost."""

    def free(self) -> None:
        """Close the stream and its connection; safe after a loss."""


class PulseLibrary(Protocol):
    """Opens playback streams on the default output."""

    def open_stream(self, rate: int, channels: int, latency_s: float) -> PulseStream:
        """A new stream of 16-bit samples; StreamError when the server refuses or is gone."""


class _SampleSpec(ctypes.Structure):
    _fields_ = (("format", ctypes.c_int), ("rate", ctypes.c_uint32), ("channels", ctypes.c_uint8))


class _BufferAttr(ctypes.Structure):
    _fields_ = tuple(
        (name, ctypes.c_uint32) for name in ("maxlength", "tlength", "prebuf", "minreq", "fragsize")
    )


class _Stream:
    def __init__(self, library: _CtypesPulse, handle: int) -> None:
        self._library = library
        self._handle: int | None = handle

    def write(self, pcm: bytes) -> None:
        self._call("pa_simple_write", pcm, len(pcm))

    def drain(self) -> None:
        self._call("pa_simple_drain")

    def free(self) -> None:
        if self._handle is not None:
            self._library.simple.pa_simple_free(self._handle)
            self._handle = None

    def _call(self, name: str, *args: object) -> None:
        if self._handle is None:
            raise StreamError("the stream is closed")
        error = ctypes.c_int(0)
        # ctypes lets go of the GIL for the whole call, so a long write blocks only its thread.
        if getattr(self._library.simple, name)(self._handle, *args, ctypes.byref(error)) < 0:
            raise StreamError(self._library.reason(error.value))


class _CtypesPulse:
    def __init__(self, simple: ctypes.CDLL, core: ctypes.CDLL, app_name: bytes) -> None:
        self.simple = simple
        self.core = core
        self._app_name = app_name
        simple.pa_simple_new.restype = ctypes.c_void_p
        simple.pa_simple_new.argtypes = (
            ctypes.c_char_p,
            ctypes.c_char_p,
            ctypes.c_int,
            ctypes.c_char_p,
            ctypes.c_char_p,
            ctypes.POINTER(_SampleSpec),
            ctypes.c_void_p,
            ctypes.POINTER(_BufferAttr),
            ctypes.POINTER(ctypes.c_int),
        )
        error_p = ctypes.POINTER(ctypes.c_int)
        simple.pa_simple_write.argtypes = (
            ctypes.c_void_p,
            ctypes.c_char_p,
            ctypes.c_size_t,
            error_p,
        )
        simple.pa_simple_drain.argtypes = (ctypes.c_void_p, error_p)
        simple.pa_simple_free.argtypes = (ctypes.c_void_p,)
        simple.pa_simple_free.restype = None
        core.pa_strerror.restype = ctypes.c_char_p
        core.pa_strerror.argtypes = (ctypes.c_int,)

    def reason(self, code: int) -> str:
        text = self.core.pa_strerror(code)
        return text.decode(errors="replace") if text else f"error {code}"

    def open_stream(self, rate: int, channels: int, latency_s: float) -> PulseStream:
        spec = _SampleSpec(_PA_SAMPLE_S16LE, rate, channels)
        target = round(latency_s * rate) * 2 * channels
        attr = _BufferAttr(_DEFAULT, target, _DEFAULT, _DEFAULT, _DEFAULT)
        error = ctypes.c_int(0)
        handle = self.simple.pa_simple_new(
            None,  # the default server: PULSE_SERVER, the session's, or PipeWire's
            self._app_name,
            _PA_STREAM_PLAYBACK,
            None,  # the default output, which the server moves the stream along with
            b"cues",
            ctypes.byref(spec),
            None,
            ctypes.byref(attr),
            ctypes.byref(error),
        )
        if not handle:
            raise StreamError(self.reason(error.value))
        return _Stream(self, handle)


def _load(name: str) -> ctypes.CDLL:
    path = ctypes.util.find_library(name) or f"lib{name}.so.0"
    try:
        return ctypes.CDLL(path)
    except OSError as error:
        raise AudioUnavailable(f"lib{name} is not installed ({error})") from None


def load_pulse(app_name: str = "RetroCoach") -> PulseLibrary:
    """libpulse-simple, ready to open streams; AudioUnavailable when it is not installed."""
    return _CtypesPulse(_load("pulse-simple"), _load("pulse"), app_name.encode())


def check_server(library: PulseLibrary, rate: int, timeout_s: float = CHECK_TIMEOUT_S) -> None:
    """NoSoundServer with the reason unless a stream opens on the default output in time.

    The check runs on a thread of its own: a server that hangs (stopped, or stuck) would
    otherwise hold the coach's start for libpulse's own 30 s timeout.
    """
    outcome: list[str | None] = []

    def attempt() -> None:
        try:
            library.open_stream(rate, 1, LATENCY_S).free()
        except StreamError as error:
            outcome.append(str(error))
        else:
            outcome.append(None)

    checker = threading.Thread(target=attempt, name="retrocoach-sound-check", daemon=True)
    checker.start()
    checker.join(timeout_s)
    reason = outcome[0] if outcome else f"no answer within {timeout_s:g} s"
    if reason is not None:
        raise NoSoundServer(f"no sound output device ({reason}: is a sound server running?)")
