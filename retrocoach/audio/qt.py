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
"""

from __future__ import annotations

import time
import wave
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import QCoreApplication, QLoggingCategory

from retrocoach.audio.base import (
    SOUND_CUES,
    AudioUnavailable,
    FaultReporter,
    clamp_volume,
    cue_file,
    volume_gain,
)
from retrocoach.core.cues import Cue

if TYPE_CHECKING:
    from PySide6.QtCore import QIODevice
    from PySide6.QtMultimedia import QAudioSink

__all__ = ["BUFFER_S", "RATE", "RING_OUT_S", "WAKE_S", "QtCuePlayer", "check_qt_output"]

RATE: Final = 48_000
"""Every cue file is 16-bit mono at this rate (tools/make_sounds.py makes them so)."""
BUFFER_S: Final = 2.0
"""The sink's buffer: longer than the longest cue, so every cue is written in one go."""
RING_OUT_S: Final = 1.0
"""The longest close() waits for queued sound to finish playing."""
WAKE_S: Final = 0.3
"""Silence written a second before a boundary: the device stays awake (a sound server
suspends an idle device after a few seconds), and it drains well before the cue is due."""

# Qt warns on every start when the PipeWire client library is missing and then uses
# PulseAudio, which is what we want; and it announces its FFmpeg version. Neither helps a
# walker. The QT_LOGGING_RULES variable still overrides these rules for debugging.
_QUIET_RULES: Final = "qt.multimedia.symbolsresolver.warning=false\nqt.multimedia.ffmpeg.info=false"


def check_qt_output() -> None:
    """Raise AudioUnavailable with the reason unless Qt Multimedia has an output device."""
    if QCoreApplication.instance() is None:
        raise AudioUnavailable("the qt engine needs a QCoreApplication (a bug: create it first)")
    QLoggingCategory.setFilterRules(_QUIET_RULES)
    try:
        from PySide6.QtMultimedia import QMediaDevices  # noqa: PLC0415 - needs libpulse
    except ImportError as error:
        raise AudioUnavailable(f"Qt Multimedia cannot load ({error})") from None
    if not QMediaDevices.audioOutputs() or QMediaDevices.defaultAudioOutput().isNull():
        raise AudioUnavailable("no sound output device (is a sound server running?)")


def read_cue(path: Path) -> bytes:
    """The PCM frames of a cue file; wave.Error unless it is 16-bit mono at RATE."""
    with wave.open(str(path), "rb") as wav:
        shape = (wav.getsampwidth(), wav.getnchannels(), wav.getframerate())
        if shape != (2, 1, RATE):
            raise wave.Error(f"expected 16-bit mono {RATE} Hz, found {shape}")
        return wav.readframes(wav.getnframes())


class QtCuePlayer:
    """Plays cues through one QAudioSink; create it after the QCoreApplication (or QApplication)."""

    engine = "qt"

    def __init__(
        self,
        sounds_dir: Path,
        *,
        voice: bool = False,
        on_fault: Callable[[str], None] | None = None,
    ) -> None:
        check_qt_output()
        self._sounds_dir = sounds_dir
        self._voice = voice
        self._faults = FaultReporter(on_fault)
        self._pcm: dict[Cue, bytes] = {}
        self._sink: QAudioSink | None = None
        self._device: QIODevice | None = None
        self._drained_at = 0.0  # when what was written should have played, on time.monotonic
        self._volume = 1.0
        self._muted = False
        self._lost = False
        self._closed = False

    @property
    def silent(self) -> bool:
        """True once the output is lost or the player closed: nothing will be heard."""
        return self._lost or self._closed

    @property
    def last_error(self) -> str | None:
        """The last fault, or None."""
        return self._faults.last_error

    def prepare(self) -> None:
        """Read every cue file into memory; a file that cannot be used is reported once."""
        if self._pcm or self._closed:
            return
        for cue in (*SOUND_CUES, Cue.WAKE):
            if cue is Cue.WAKE:
                self._pcm[cue] = bytes(2 * round(WAKE_S * RATE))
                continue
            path = cue_file(self._sounds_dir, cue, voice=self._voice)
            try:
                self._pcm[cue] = read_cue(path)
            except (OSError, EOFError, wave.Error) as error:
                self._faults.report(
                    f"the {cue.value} cue could not be loaded ({path.name}: {error}): "
                    "it will flash only"
                )

    def warm_up(self) -> None:
        """Open the output (once): the stream exists before the first cue is written.

        Nothing is written here: anything queued now would delay a cue due right away.
        """
        if self._closed:
            return
        self.prepare()
        self._open()

    def play(self, cue: Cue) -> bool:
        """Queue *cue* on the open output and return at once; False when it will not be heard."""
        if self._closed:
            return False
        hushed = self._muted or self._volume == 0.0
        if hushed and cue.audible:
            return False
        self.prepare()
        pcm = self._pcm.get(cue)
        if pcm is None or not self._open():
            return False
        self._write(pcm)
        return not self._lost

    def set_volume(self, volume: float) -> None:
        """Loudness 0.0..1.0 on the slider's scale (see volume_gain)."""
        self._volume = clamp_volume(volume)
        if self._sink is not None:
            self._sink.setVolume(volume_gain(self._volume))

    def set_muted(self, muted: bool) -> None:
        """Mute or unmute every cue."""
        self._muted = muted

    def close(self) -> None:
        """Let the last cue ring out (at most RING_OUT_S), then stop and release the output.

        The wait is what lets the finished cue be heard when the terminal coach exits right
        after it; stopping is safe even after the sound server died.
        """
        self._closed = True
        if self._sink is not None and not self._lost:
            time.sleep(max(0.0, min(self._drained_at - time.monotonic(), RING_OUT_S)))
        if self._sink is not None:
            self._sink.stop()
            self._sink.deleteLater()
        self._sink = None
        self._device = None

    # -- inside --------------------------------------------------------------------------------

    def _open(self) -> bool:
        """Start the sink the first time; afterwards say whether it still plays."""
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
        return self._check_output()

    def _check_output(self) -> bool:
        """False, and one report, once Qt reports an error on the sink."""
        sink = self._sink
        assert sink is not None
        from PySide6.QtMultimedia import QtAudio  # noqa: PLC0415 - loaded with the sink

        if self._device is None or sink.error() is not QtAudio.Error.NoError:
            self._lose(f"Qt audio error {sink.error().name}")
            return False
        return True

    def _write(self, pcm: bytes) -> None:
        """Queue *pcm*; a buffer too full to take a whole cue means nothing is draining."""
        assert self._device is not None
        sink = self._sink
        assert sink is not None
        if sink.bytesFree() < len(pcm) or self._device.write(pcm) < len(pcm):
            self._lose("sound not draining")
            return
        now = time.monotonic()
        self._drained_at = max(now, self._drained_at) + len(pcm) / (2 * RATE) + 0.05

    def _lose(self, reason: str) -> None:
        self._lost = True
        self._faults.report(
            f"the sound output stopped ({reason}: sound server or device gone); "
            "cues will flash on screen until RetroCoach restarts"
        )
