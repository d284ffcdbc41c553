"""The glue the window and the terminal coach share: events in, cues played, flashes out."""

from __future__ import annotations

from audio_doubles import RecordingCuePlayer
from fakes import FakeClock

from retrocoach.audio import CueListener
from retrocoach.core.plan.model import parse_spec
from retrocoach.core.session.cues import Cue, CuePlanner
from retrocoach.core.session.machine import Session

SHORT = "forward=5s backward=5s rounds=1 warmup=0s cooldown=0s getready=0s"


def test_the_output_warms_up_before_the_first_cue_of_a_session() -> None:
    player = RecordingCuePlayer()
    listener = CueListener(player, CuePlanner(0))
    clock = FakeClock()
    session = Session(parse_spec(SHORT))
    listener.on_events(session, session.start(clock.now()), clock.now())
    assert player.calls == [("warm_up", None), ("play", Cue.FORWARD)]


def test_cues_nobody_hears_are_handed_to_the_flash_but_wake_never_is() -> None:
    player = RecordingCuePlayer(heard=False)
    flashed: list[Cue] = []
    listener = CueListener(player, CuePlanner(3), on_silent_cue=flashed.append)
    clock = FakeClock()
    session = Session(parse_spec(SHORT))
    listener.on_events(session, session.start(clock.now()), clock.now())
    while not session.is_over:
        now = clock.advance(0.1)
        listener.on_events(session, session.advance(now), now)
    assert Cue.WAKE in player.played
    assert flashed == [Cue.FORWARD, *[Cue.PIP] * 3, Cue.BACKWARD, *[Cue.PIP] * 3, Cue.FINISHED]


def test_heard_cues_do_not_flash() -> None:
    flashed: list[Cue] = []
    listener = CueListener(RecordingCuePlayer(), CuePlanner(3), on_silent_cue=flashed.append)
    clock = FakeClock()
    session = Session(parse_spec(SHORT))
    listener.on_events(session, session.start(clock.now()), clock.now())
    assert flashed == []


def test_settings_pass_through_to_the_player_and_the_planner() -> None:
    player = RecordingCuePlayer()
    listener = CueListener(player, CuePlanner(0))
    listener.warm_up()
    listener.set_muted(True)
    listener.set_volume(0.5)
    listener.set_pips(5)
    listener.close()
    assert listener.planner.pips == 5
    assert player.calls == [
        ("prepare", None),
        ("warm_up", None),
        ("set_muted", True),
        ("set_volume", 0.5),
        ("close", None),
    ]
