"""The qt engine: Qt Multimedia's QAudioSink, fed whole cues in push mode (no extra package).

Why not QSoundEffect, as first planned: in Qt 6.11.3 a QSoundEffect voice that ends on its
own can be freed on Qt's real-time audio thread, and the application's event loop then spins
forever on a dead socket notifier ("QSocketNotifier: Invalid socket"); measured here within 40
cues on a PulseAudio null sink. QSoundEffect also reports neither a lost server nor a dead
device. One QAudioSink, opened once and kept, avoids both: each cue is written whole into the
sink's 2-second buffer and Qt's audio thread plays it while the caller sleeps; nothing waits.

Starting a new stream after the sound server has died aborts the process inside libpulse
(pa_context_get_state assertion), so the sink is started exactly once. Qt reports no error when
the server dies: written sound simply stops draining, so a cue that no longer fits in the
2-second buffer means the output is lost. The player then reports it once and stays silent (the
window flashes instead) until the app restarts.

Between cues the sink is suspended (the stream corked), not left running: a running sink
fills every gap with silence in small periods, and each period wakes Qt's audio thread and the
UI thread (about 200 wake-ups a second on PulseAudio, over 1% of a core). Cue.WAKE, a second
before each boundary, resumes it, so the boundary's cue meets a running stream; a cue with no
WAKE before it (the session's first, pause and resume) resumes it as it is written. Suspending
and resuming a stream whose server has died only fails quietly in libpulse; neither opens a
new stream.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import QCoreApplication, QLoggingCategory, Qt, QTimer

from retrocoach.audio.base import (
    RATE,
    RING_OUT_S,
    AudioUnavailable,
    SoundingPlayer,
    read_cue,
    volume_gain,
)
from retrocoach.core.session.cues import Cue

if TYPE_CHECKING:
    from PySide6.QtCore import QIODevice
    from PySide6.QtMultimedia import QAudioSink

__all__ = [
    "BUFFER_S",
    "HOLD_S",
    "RATE",
    "REST_AFTER_S",
    "QtCuePlayer",
    "check_qt_output",
    "read_cue",
]

BUFFER_S: Final = 2.0
"""The sink's buffer: longer than the longest cue, so every cue is written in one go."""
HOLD_S: Final = 1.5
"""How long a WAKE (or a warm-up) keeps the sink running: its boundary is due a second later,
and a late tick may bring it a little after that."""
REST_AFTER_S: Final = 0.25
"""How long the sink runs on once its last sound should have played, before it is suspended:
the sound server's own short buffer is played out by then, so no cue's tail waits in
the corked stream to be heard at the next resume."""

# Qt warns on every start when the PipeWire client library is missing and then uses
# PulseAudio, which is what we want; and it announces its FFmpeg version. Neither helps a
# walker. The QT_LOGGING_RULES variable still overrides these rules for debugging.
_QUIET_RULES: Final = "qt.multimedia.symbolsresolver.warning=false\nqt.multimedia.ffmpeg.info=false"


def _check_server() -> None:
    """NoSoundServer when libpulse is here and no server answers, before Qt looks for one:
    Qt's own search prints "pa_context_connect() failed" on the user's terminal."""
    from retrocoach.audio.pulse_simple import check_server, load_pulse  # noqa: PLC0415

    try:
        library = load_pulse()
    except AudioUnavailable:
        return  # no libpulse: Qt uses whatever this platform has, and says so itself
    check_server(library, RATE)


def check_qt_output() -> None:
    """Raise AudioUnavailable with the reason unless Qt Multimedia has an output device."""
    if QCoreApplication.instance() is None:
        raise AudioUnavailable("the qt engine needs a QCoreApplication (a bug: create it first)")
    _check_server()
    QLoggingCategory.setFilterRules(_QUIET_RULES)
    try:
        from PySide6.QtMultimedia import QMediaDevices  # noqa: PLC0415 - needs libpulse
    except ImportError as error:
        raise AudioUnavailable(f"Qt Multimedia cannot load ({error})") from None
    if not QMediaDevices.audioOutputs() or QMediaDevices.defaultAudioOutput().isNull():
        raise AudioUnavailable("no sound output device (is a sound server running?)")


class QtCuePlayer(SoundingPlayer[bytes]):
    """Plays cues through one QAudioSink; create it after the QCoreApplication (or QApplication).

    The suspension is timed by a QTimer, so it needs the Qt event loop to run (the window's,
    or the terminal coach's processEvents between sleeps); where it does not, the sink simply
    keeps running.
    """

    engine = "qt"

    def __init__(
        self,
        sounds_dir: Path,
        *,
        voice: bool = False,
        on_fault: Callable[[str], None] | None = None,
    ) -> None:
        check_qt_output()
        super().__init__(sounds_dir, voice=voice, on_fault=on_fault)
        self._sink: QAudioSink | None = None
        self._device: QIODevice | None = None
        self._drained_at = 0.0  # when what was written should have played, on time.monotonic
        self._busy_until = 0.0  # the sink runs at least until then (plus REST_AFTER_S)
        self._suspended = False
        self._rest_timer = QTimer()
        self._rest_timer.setSingleShot(True)
        # A suspension a few ms late costs nothing; coarse timers let Qt batch the wake-up.
        self._rest_timer.setTimerType(Qt.TimerType.CoarseTimer)
        self._rest_timer.timeout.connect(self._rest)

    def warm_up(self) -> None:
        """Open the output (once) or resume it: the stream runs before the first cue is written.

        Nothing is written here: anything queued now would delay a cue due right away.
        """
        if self._closed:
            return
        self.prepare()
        if self._open():
            self._keep_running(time.monotonic() + HOLD_S)

    def play(self, cue: Cue) -> bool:
        """Queue *cue* on the open output and return at once; False when it will not be heard.

        WAKE writes nothing (a silence queued now would delay a pip due with it): it resumes
        the sink and keeps it running until its boundary.
        """
        if self._closed or self._hushed(cue):
            return False
        self.prepare()
        if cue is Cue.WAKE:
            if not self._open():
                return False
            self._keep_running(time.monotonic() + HOLD_S)
            return True
        pcm = self._sounds.get(cue)
        if pcm is None or not self._open():
            return False
        self._write(pcm)
        return not self._lost

    def close(self) -> None:
        """Let the last cue ring out (at most RING_OUT_S), then stop and release the output.

        The wait is what lets the finished cue be heard when the terminal coach exits right
        after it; stopping is safe even after the sound server died.
        """
        self._closed = True
        self._rest_timer.stop()
        if self._sink is not None and not self._lost:
            time.sleep(max(0.0, min(self._drained_at - time.monotonic(), RING_OUT_S)))
        if self._sink is not None:
            self._sink.stop()
            self._sink.deleteLater()
        self._sink = None
        self._device = None

    # -- inside --------------------------------------------------------------------------------

    def _load(self, path: Path) -> bytes:
        return read_cue(path)

    def _volume_changed(self) -> None:
        if self._sink is not None:
            self._sink.setVolume(volume_gain(self._volume))

    def _open(self) -> bool:
        """Start the sink the first time, else resume it; say whether it still plays."""
        if self._lost:
            return False
        if self._sink is None:
            from PySide6.QtMultimedia import (  # noqa: PLC0415 - loaded once a player exists
                QAudioFormat,
                QAudioSink,
                QMediaDevices,
            )

            audio_format = QAudioFormat()
            audio_format.setSampleRate(RATE)
            audio_format.setChannelCount(1)
            audio_format.setSampleFormat(QAudioFormat.SampleFormat.Int16)
            sink = QAudioSink(QMediaDevices.defaultAudioOutput(), audio_format)
            sink.setBufferSize(2 * round(BUFFER_S * RATE))
            sink.setVolume(volume_gain(self._volume))
            self._sink = sink
            self._device = sink.start()
        elif self._suspended:
            self._sink.resume()
            self._suspended = False
        return self._check_output()

    def _check_output(self) -> bool:
        """False, and one report, once Qt reports an error on the sink."""
        sink = self._sink
        assert sink is not None
        from PySide6.QtMultimedia import QtAudio  # noqa: PLC0415 - loaded with the sink

        if self._device is None or sink.error() is not QtAudio.Error.NoError:
            self._lose_output(f"Qt audio error {sink.error().name}")
            return False
        return True

    def _write(self, pcm: bytes) -> None:
        """Queue *pcm*; a buffer too full to take a whole cue means nothing is draining."""
        assert self._device is not None
        sink = self._sink
        assert sink is not None
        if sink.bytesFree() < len(pcm) or self._device.write(pcm) < len(pcm):
            self._lose_output("sound not draining")
            return
        now = time.monotonic()
        self._drained_at = max(now, self._drained_at) + len(pcm) / (2 * RATE) + 0.05
        self._keep_running(self._drained_at)

    def _keep_running(self, until: float) -> None:
        """Keep the sink running until *until* (and REST_AFTER_S more), then suspend it."""
        self._busy_until = max(self._busy_until, until)
        self._rest_later()

    def _rest_later(self) -> None:
        left = self._busy_until + REST_AFTER_S - time.monotonic()
        self._rest_timer.start(max(1, math.ceil(left * 1000)))

    def _rest(self) -> None:
        """Suspend the sink once nothing is due: a sound or a WAKE since then defers it."""
        if self._sink is None or self._lost or self._closed or self._suspended:
            return
        if time.monotonic() < self._busy_until + REST_AFTER_S:
            self._rest_later()  # the timer fired early (it is coarse)
            return
        self._sink.suspend()
        self._suspended = True

    def _lose_output(self, reason: str) -> None:
        self._lose(
            f"the sound output stopped ({reason}: sound server or device gone); "
            "cues will flash on screen until RetroCoach restarts"
        )
