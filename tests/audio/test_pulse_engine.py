"""The pulse engine's own rules, on a stand-in for libpulse-simple: streams open for a burst of
cues and close after it, a lost server is said once and tried again at every cue, and nothing
ever blocks the caller. The real server's side is in test_sound_survives.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from audio_doubles import FakePulse, write_tone
from fakes import FakeClock
from xdesktop import wait_until

from retrocoach.audio.base import SOUND_CUES, NoSoundServer, read_cue, scale_pcm
from retrocoach.audio.pulse import PulseCuePlayer
from retrocoach.audio.pulse_simple import LATENCY_S, check_server
from retrocoach.core.session.cues import STALE_S, Cue


@pytest.fixture
def sounds(tmp_path: Path) -> Path:
    for cue in SOUND_CUES:
        write_tone(tmp_path / f"{cue.value}.wav", value=1000 + len(cue.value))
    return tmp_path


@pytest.fixture
def pulse() -> FakePulse:
    return FakePulse()


def make_player(
    sounds: Path, pulse: FakePulse, faults: list[str], clock: FakeClock | None = None
) -> PulseCuePlayer:
    return PulseCuePlayer(
        sounds, on_fault=faults.append, library=pulse, clock=clock or FakeClock(100.0)
    )


def test_a_cue_is_written_whole_on_a_low_latency_stream(sounds: Path, pulse: FakePulse) -> None:
    faults: list[str] = []
    player = make_player(sounds, pulse, faults)
    assert player.play(Cue.BACKWARD) is True
    assert pulse.wait_for(lambda: len(pulse.written()) == 1)
    assert pulse.written() == [read_cue(sounds / "backward.wav")]
    assert pulse.streams[-1].shape == (48_000, 1, LATENCY_S)
    player.close()
    assert faults == []


def test_the_volume_scales_the_samples_written(sounds: Path, pulse: FakePulse) -> None:
    player = make_player(sounds, pulse, [])
    player.set_volume(0.5)
    player.play(Cue.FORWARD)
    assert pulse.wait_for(lambda: len(pulse.written()) == 1)
    assert pulse.written() == [scale_pcm(read_cue(sounds / "forward.wav"), 0.125)]
    player.close()


def test_a_wake_opens_a_stream_writes_nothing_and_the_stream_is_closed_after_the_burst(
    sounds: Path, pulse: FakePulse
) -> None:
    player = make_player(sounds, pulse, [])
    # The checking stream of the constructor came and went; the wake opens one more.
    assert pulse.opens == 1
    assert player.play(Cue.WAKE) is True
    assert pulse.wait_for(lambda: pulse.opens == 2)
    assert pulse.wait_for(lambda: pulse.streams[-1].freed)  # closed once nothing is due
    assert pulse.written() == []
    player.close()


def test_a_stream_dropped_by_a_server_restart_is_replaced_at_once_for_the_same_cue(
    sounds: Path, pulse: FakePulse
) -> None:
    faults: list[str] = []
    player = make_player(sounds, pulse, faults)
    player.play(Cue.WAKE)
    assert pulse.wait_for(lambda: pulse.opens == 2)
    pulse.fail_next_write = True
    player.play(Cue.FORWARD)
    assert pulse.wait_for(lambda: len(pulse.written()) == 1)
    assert pulse.opens == 3  # a fresh stream carried the cue
    player.close()
    assert len(faults) == 2  # the loss, then the return, each said once
    assert "lost (Connection terminated)" in faults[0]
    assert faults[1] == "the sound output is back"


def test_while_the_server_is_gone_cues_say_unheard_and_the_loss_is_told_once(
    sounds: Path, pulse: FakePulse
) -> None:
    faults: list[str] = []
    player = make_player(sounds, pulse, faults)
    pulse.server_up = False
    player.play(Cue.FORWARD)
    assert pulse.wait_for(lambda: pulse.opens == 2)
    heard = [player.play(cue) for cue in (Cue.WAKE, Cue.BACKWARD, Cue.WAKE, Cue.FORWARD)]
    assert pulse.wait_for(lambda: pulse.opens == 6)  # every cue tried the server again
    assert heard == [False] * 4
    assert player.silent
    pulse.server_up = True
    player.play(Cue.BACKWARD)  # the first boundary after the server came back
    assert pulse.wait_for(lambda: len(pulse.written()) == 1)
    assert pulse.written() == [read_cue(sounds / "backward.wav")]
    assert not player.silent
    player.play(Cue.WAKE)  # news is told on the caller's thread, at its next call
    player.close()
    assert len(faults) == 2, faults
    assert "no sound output (Connection refused)" in faults[0]
    assert "tried again at every boundary" in faults[0]
    assert faults[1] == "the sound output is back"


def test_a_cue_held_up_longer_than_stale_s_is_dropped_not_played_late(
    sounds: Path, pulse: FakePulse
) -> None:
    clock = FakeClock(100.0)
    player = make_player(sounds, pulse, [], clock)
    pulse.gate.clear()  # the server hangs on connecting
    player.play(Cue.FORWARD)
    clock.advance(STALE_S + 0.1)
    player.play(Cue.BACKWARD)
    pulse.gate.set()
    assert pulse.wait_for(lambda: len(pulse.written()) == 1)
    player.close()
    assert pulse.written() == [read_cue(sounds / "backward.wav")]


def test_close_lets_the_last_cue_play_out_and_nothing_plays_after(
    sounds: Path, pulse: FakePulse
) -> None:
    player = make_player(sounds, pulse, [])
    player.play(Cue.FINISHED)
    player.close()
    assert pulse.streams[-1].drained
    assert pulse.streams[-1].freed
    assert player.play(Cue.FORWARD) is False
    assert player.silent


def test_muted_cues_are_not_written_and_say_so(sounds: Path, pulse: FakePulse) -> None:
    player = make_player(sounds, pulse, [])
    player.set_muted(True)
    assert player.play(Cue.FORWARD) is False
    player.close()
    assert pulse.written() == []


def test_no_sound_server_at_start_is_a_clear_no_sound_server_error(
    sounds: Path, pulse: FakePulse
) -> None:
    pulse.server_up = False
    with pytest.raises(NoSoundServer, match=r"no sound output device \(Connection refused"):
        make_player(sounds, pulse, [])


def test_a_server_that_hangs_is_given_up_on_at_start_instead_of_holding_the_coach(
    pulse: FakePulse,
) -> None:
    pulse.gate.clear()  # connecting never finishes, as with a stopped server
    try:
        with pytest.raises(NoSoundServer, match=r"no answer within 0.2 s"):
            check_server(pulse, 48_000, timeout_s=0.2)
    finally:
        pulse.gate.set()


def test_every_cue_is_scaled_ahead_in_idle_time_so_no_cue_waits_for_its_scaling(
    sounds: Path, pulse: FakePulse, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Scaling a cue costs 5-15 ms of CPU: done when the cue is asked for, it made the first
    # of each kind late at any volume below full (the setting's default is 80 %).
    scaled: list[float] = []

    def counting(pcm: bytes, gain: float) -> bytes:
        scaled.append(gain)
        return scale_pcm(pcm, gain)

    monkeypatch.setattr("retrocoach.audio.pulse.scale_pcm", counting)
    player = make_player(sounds, pulse, [])
    try:
        _play_scaled_ahead(player, sounds, pulse, scaled)
    finally:
        player.close()


def _play_scaled_ahead(
    player: PulseCuePlayer, sounds: Path, pulse: FakePulse, scaled: list[float]
) -> None:
    player.set_volume(0.5)
    player.prepare()
    wait_until(lambda: scaled.count(0.125) == len(SOUND_CUES), "every cue scaled ahead")
    for cue in (Cue.FORWARD, Cue.BACKWARD, Cue.FINISHED):
        player.play(cue)
    assert pulse.wait_for(lambda: len(pulse.written()) == 3)
    assert len(scaled) == len(SOUND_CUES)  # nothing scaled on the cues' way out
    assert pulse.written()[0] == scale_pcm(read_cue(sounds / "forward.wav"), 0.125)
    player.set_volume(1.0)
    player.set_volume(0.2)  # a slider's steps: only the last volume is scaled ahead
    wait_until(lambda: scaled.count(0.2**3) == len(SOUND_CUES), "every cue scaled again")
    player.play(Cue.PIP)
    assert pulse.wait_for(lambda: len(pulse.written()) == 4)
    assert len(scaled) == 2 * len(SOUND_CUES) + scaled.count(1.0)
    assert pulse.written()[-1] == scale_pcm(read_cue(sounds / "pip.wav"), 0.2**3)
