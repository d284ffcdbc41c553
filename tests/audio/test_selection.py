"""Choosing the engine: the one asked for, else the next that works, with one line saying why."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from audio_doubles import RecordingCuePlayer

from retrocoach.audio import AudioUnavailable, CuePlayer, NullCuePlayer, select_engine
from retrocoach.audio.base import NoSoundServer
from retrocoach.audio.selection import FaultListener
from retrocoach.audio.simpleaudio_engine import load_simpleaudio
from retrocoach.core.session.cues import Cue

SOUNDS = Path("unused")


def working(name: str) -> object:
    def build(_dir: Path, _voice: bool, _fault: FaultListener | None) -> CuePlayer:
        return RecordingCuePlayer(engine=name)

    return build


def broken(reason: str) -> object:
    def build(_dir: Path, _voice: bool, _fault: FaultListener | None) -> CuePlayer:
        raise AudioUnavailable(reason)

    return build


def no_server(reason: str, tried: list[str]) -> object:
    def build(_dir: Path, _voice: bool, _fault: FaultListener | None) -> CuePlayer:
        tried.append(reason)
        raise NoSoundServer(reason)

    return build


def choose(name: str, **factories: object) -> tuple[CuePlayer, str | None]:
    factories.setdefault("pulse", broken("libpulse is not installed"))
    return select_engine(name, SOUNDS, False, factories=factories)  # type: ignore[arg-type]


def test_auto_is_pulse_when_a_sound_server_answers_and_says_nothing() -> None:
    player, note = choose("auto", pulse=working("pulse"), qt=working("qt"))
    assert (player.engine, note) == ("pulse", None)


def test_auto_is_qt_without_libpulse_and_says_nothing() -> None:
    player, note = choose("auto", qt=working("qt"), simpleaudio=broken("no"))
    assert (player.engine, note) == ("qt", None)


def test_no_sound_server_ends_the_chain_without_asking_qt() -> None:
    """Qt would only find the same absence, and print libpulse's complaint on the terminal."""
    tried: list[str] = []
    player, note = choose(
        "auto", pulse=no_server("no sound output device", tried), qt=no_server("qt", tried)
    )
    assert player.engine == "none"
    assert tried == ["no sound output device"]
    assert note is not None
    assert "no sound output device" in note


def test_the_silent_note_is_the_callers_own_words() -> None:
    player, note = select_engine(
        "auto",
        SOUNDS,
        False,
        factories={"pulse": broken("no server"), "qt": broken("no device")},  # type: ignore[dict-item]
        silent_note="the coach goes on silently",
    )
    assert player.engine == "none"
    assert note is not None
    assert note.endswith(": the coach goes on silently")
    assert "flash" not in note


def test_auto_without_an_output_device_is_silent_and_says_why_in_one_line() -> None:
    player, note = choose("auto", qt=broken("no sound output device"), simpleaudio=broken("x"))
    assert isinstance(player, NullCuePlayer)
    assert player.silent
    assert note is not None
    assert "no sound output device" in note
    assert "flash" in note
    assert "\n" not in note


def test_qt_asked_for_but_broken_falls_back_to_none() -> None:
    player, note = choose("qt", qt=broken("Qt Multimedia cannot load"), simpleaudio=working("sa"))
    assert player.engine == "none"
    assert note is not None
    assert "Qt Multimedia cannot load" in note


def test_simpleaudio_missing_falls_back_to_pulse_and_names_the_install_command() -> None:
    player, note = choose(
        "simpleaudio", pulse=working("pulse"), qt=working("qt"), simpleaudio=broken("pip install x")
    )
    assert player.engine == "pulse"
    assert note is not None
    assert "pip install x" in note
    assert "using pulse instead" in note


def test_simpleaudio_and_pulse_missing_fall_back_to_qt() -> None:
    player, note = choose("simpleaudio", qt=working("qt"), simpleaudio=broken("pip install x"))
    assert player.engine == "qt"
    assert note is not None
    assert "using qt instead" in note


def test_simpleaudio_and_qt_both_missing_end_silent_with_both_reasons() -> None:
    player, note = choose("simpleaudio", qt=broken("no device"), simpleaudio=broken("missing"))
    assert player.engine == "none"
    assert note is not None
    assert "missing" in note
    assert "no device" in note


def test_simpleaudio_that_works_is_used_without_a_note() -> None:
    player, note = choose("simpleaudio", qt=working("qt"), simpleaudio=working("simpleaudio"))
    assert (player.engine, note) == ("simpleaudio", None)


def test_none_asked_for_is_silent_without_a_note() -> None:
    player, note = choose("none", qt=working("qt"), simpleaudio=working("simpleaudio"))
    assert isinstance(player, NullCuePlayer)
    assert note is None
    assert player.play(Cue.BACKWARD) is False


def test_an_unknown_engine_name_is_refused() -> None:
    with pytest.raises(ValueError, match="auto, pulse, qt, simpleaudio, none"):
        choose("alsa")


def test_simpleaudio_not_installed_is_a_clear_message(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "simpleaudio", None)  # import fails as if not installed
    with pytest.raises(AudioUnavailable) as caught:
        load_simpleaudio()
    message = str(caught.value)
    if sys.version_info >= (3, 12):
        assert "crashes on Python 3.12" in message
    else:
        assert "pip install 'retrocoach[simpleaudio]'" in message
