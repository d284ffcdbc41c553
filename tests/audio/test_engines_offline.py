"""The engines' own behaviour, without a sound server: the none and simpleaudio engines."""

from __future__ import annotations

import array
import wave
from pathlib import Path
from types import ModuleType
from typing import cast

import pytest
from audio_doubles import FakeSimpleAudio, write_tone

from retrocoach.audio import NullCuePlayer, cue_file
from retrocoach.audio.base import SOUND_CUES, FaultReporter, volume_gain
from retrocoach.audio.simpleaudio_engine import SimpleAudioCuePlayer
from retrocoach.core.session.cues import Cue


@pytest.fixture
def sounds(tmp_path: Path) -> Path:
    """A sounds folder with a tone for every cue and the warm-up silence."""
    for cue in SOUND_CUES:
        write_tone(tmp_path / f"{cue.value}.wav")
    write_tone(tmp_path / "silence.wav", value=0)
    return tmp_path


def simpleaudio_player(
    sounds: Path, fake: FakeSimpleAudio, faults: list[str] | None = None
) -> SimpleAudioCuePlayer:
    return SimpleAudioCuePlayer(
        sounds,
        module=cast(ModuleType, fake),
        on_fault=None if faults is None else faults.append,
    )


def test_the_none_engine_says_it_is_silent_and_plays_nothing() -> None:
    player = NullCuePlayer()
    player.prepare()
    player.warm_up()
    assert player.silent
    assert player.play(Cue.BACKWARD) is False


def test_voice_files_are_used_when_asked_for_and_present_else_the_tone(tmp_path: Path) -> None:
    (tmp_path / "voice").mkdir()
    write_tone(tmp_path / "voice" / "backward.wav")
    assert cue_file(tmp_path, Cue.BACKWARD, voice=True) == tmp_path / "voice" / "backward.wav"
    assert cue_file(tmp_path, Cue.PIP, voice=True) == tmp_path / "pip.wav"
    assert cue_file(tmp_path, Cue.BACKWARD, voice=False) == tmp_path / "backward.wav"


def test_simpleaudio_plays_each_cue_asked_for(sounds: Path) -> None:
    fake = FakeSimpleAudio()
    player = simpleaudio_player(sounds, fake)
    player.warm_up()
    assert player.play(Cue.FORWARD) is True
    assert len(fake.played) == 2  # the warm-up silence, then the cue


def test_simpleaudio_volume_scales_the_samples_on_a_cubic_curve(sounds: Path) -> None:
    fake = FakeSimpleAudio()
    player = simpleaudio_player(sounds, fake)
    player.set_volume(0.5)
    player.play(Cue.FORWARD)
    peak = max(abs(s) for s in array.array("h", fake.played[-1]))
    assert peak == round(1000 * volume_gain(0.5))
    assert volume_gain(0.5) == pytest.approx(0.125)


def test_simpleaudio_muted_or_at_volume_zero_plays_nothing(sounds: Path) -> None:
    fake = FakeSimpleAudio()
    player = simpleaudio_player(sounds, fake)
    player.set_muted(True)
    assert player.play(Cue.FORWARD) is False
    player.set_muted(False)
    player.set_volume(0.0)
    assert player.play(Cue.FORWARD) is False
    assert fake.played == []


def test_a_cue_file_that_cannot_load_is_reported_once_and_the_rest_still_play(
    sounds: Path,
) -> None:
    (sounds / "backward.wav").write_bytes(b"RIFF not really a wave file")
    faults: list[str] = []
    player = simpleaudio_player(sounds, FakeSimpleAudio(), faults)
    player.prepare()
    player.prepare()
    assert player.play(Cue.BACKWARD) is False
    assert player.play(Cue.FORWARD) is True
    assert len(faults) == 1
    assert "backward" in faults[0]
    assert player.last_error == faults[0]


def test_a_playback_failure_is_reported_once_and_the_player_goes_silent(sounds: Path) -> None:
    faults: list[str] = []
    fake = FakeSimpleAudio(fail_with=RuntimeError("Error opening PCM device"))
    player = simpleaudio_player(sounds, fake, faults)
    assert player.play(Cue.FORWARD) is False
    assert player.play(Cue.BACKWARD) is False
    assert player.silent
    assert faults == ["simpleaudio cannot play (Error opening PCM device); cues will flash only"]


def test_closing_simpleaudio_stops_every_sound(sounds: Path) -> None:
    fake = FakeSimpleAudio()
    player = simpleaudio_player(sounds, fake)
    player.close()
    assert fake.stopped
    assert player.play(Cue.FORWARD) is False


def test_a_fault_is_told_once_and_kept_as_the_last_error() -> None:
    heard: list[str] = []
    faults = FaultReporter(heard.append)
    faults.report("a")
    faults.report("a")
    faults.report("b")
    assert heard == ["a", "b"]
    assert faults.last_error == "b"


def test_write_tone_makes_the_cues_format(tmp_path: Path) -> None:
    write_tone(tmp_path / "t.wav")
    with wave.open(str(tmp_path / "t.wav")) as wav:
        assert (wav.getnchannels(), wav.getsampwidth(), wav.getframerate()) == (1, 2, 48_000)
